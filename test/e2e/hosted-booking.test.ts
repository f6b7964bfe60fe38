import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { IO_TIMEOUT_MS } from '../browser/support/io-timeout.ts';

const root = new URL('../../', import.meta.url).pathname;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

/**
 * The whole product in one pass: `npm start`'s server on PGlite with the demo
 * organization, a patient booking through the hosted page in Chromium, and
 * the appointment seen through the public API with the manage token.
 */
test('a patient books on the hosted page; the API shows the appointment', { timeout: 300_000 }, async () => {
  if (!existsSync(join(root, 'dist/widget/opus-booking.js'))) execFileSync('npx', ['--no', '--', 'vite', 'build'], { cwd: root, stdio: 'inherit' });
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'opus-e2e-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root, env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, PUBLIC_URL: `http://localhost:${port}`, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = `http://localhost:${port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('server did not start')), 60_000);
      server.stdout!.on('data', (chunk: Buffer) => { if (chunk.toString().includes('listening')) { clearTimeout(timer); resolve(); } });
      server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const page = await browser.newPage({ timezoneId: 'Asia/Tokyo' });
    page.setDefaultTimeout(IO_TIMEOUT_MS);
    await page.goto(`${base}/o/demo/`);
    await page.getByRole('heading', { name: 'Velg klinikk' }).waitFor();
    await page.getByRole('button', { name: /Bryggen/ }).click();
    await page.getByRole('button', { name: /Undersøkelse/ }).click();
    await page.getByRole('button', { name: /Lars Vik/ }).click();
    await page.getByRole('heading', { name: 'Velg tid' }).waitFor();
    const time = page.locator('[part~="time"]').first();
    await time.waitFor();
    const shown = (await time.textContent())!.trim();
    await time.click();
    await page.getByLabel(/Fornavn/).fill('Kari');
    await page.getByLabel(/Etternavn/).fill('E2e');
    await page.getByLabel(/Fødselsnummer/).fill('01019000008');
    await page.getByLabel(/E-post/).fill('kari.e2e@example.no');
    await page.getByLabel(/Mobil/).fill('912 34 567');
    await page.getByRole('button', { name: 'Gå videre' }).click();
    await page.getByRole('button', { name: 'Bekreft bestilling' }).click();
    await page.getByRole('heading', { name: 'Timen din er bestilt' }).waitFor();
    const manageUrl = await page.locator('[part~="manage-link"]').getAttribute('href');
    assert.ok(manageUrl?.includes('/o/demo/manage/'), manageUrl ?? 'no manage link');
    const token = decodeURIComponent(manageUrl!.split('/manage/')[1]!);

    const response = await fetch(`${base}/api/v1/organizations/demo/bookings/${encodeURIComponent(token)}`);
    assert.equal(response.status, 200);
    const booking = (await response.json()) as { status: string; start: string; clinic: { name: string }; provider: { name: string }; patient: { lastName: string } };
    assert.equal(booking.status, 'booked');
    assert.equal(booking.clinic.name, 'Bryggen');
    assert.equal(booking.provider.name, 'Lars Vik');
    assert.equal(booking.patient.lastName, 'E2e');
    // Shown in Oslo time although the browser was in Tokyo.
    const oslo = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', hour: '2-digit', minute: '2-digit' }).format(new Date(booking.start));
    assert.equal(shown, oslo);

    // The manage link opens the widget's manage flow.
    await page.goto(manageUrl!);
    await page.getByRole('heading', { name: 'Timen din' }).waitFor();
    assert.match((await page.locator('[data-booking="status"]').textContent()) ?? '', /Bestilt/);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve)).catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }
});
