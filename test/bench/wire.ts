/**
 * What a patient's browser receives over the wire (issue 11), as `npm start`
 * serves it (the demo organization on PGlite) to Chromium asking for
 * `Accept-Encoding: br, gzip`; body bytes as received (compressed), of the
 * widget's files and the API's answers, not the clinic's own page:
 *   widget.bundle.wire_kb: everything fetched before the first step shows
 *     on the hosted page (budget ≤ 17);
 *   widget.all_steps.wire_kb: everything fetched from the first step to the
 *     receipt of a booking, SMS code included (budget ≤ 35).
 * Each request is listed on stderr with its size and encoding.
 * Run: node --import tsx test/bench/wire.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request } from 'playwright-core';
import { ROOT, freePort, launchChromium, startServer } from '../e2e/support/server-process.ts';

execFileSync('npx', ['--no', '--', 'vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
const port = await freePort();
const base = `http://localhost:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'opus-wire-'));
const server = await startServer({ ...process.env, PORT: String(port), DATA_DIR: dataDir, PUBLIC_URL: base, DATABASE_URL: '' });
const browser = await launchChromium();
const TIMEOUT = 60_000;

/** The widget's and the API's requests in the order the page made them. */
const requests: Request[] = [];
try {
  const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo', extraHTTPHeaders: { 'accept-encoding': 'br, gzip' } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('request', (request) => { if (/^\/(?:widget|api)\//.test(new URL(request.url()).pathname)) requests.push(request); });
  // What the page had fetched when the widget showed its first step (bundle.ts's moment): later prefetches are not counted.
  await page.addInitScript(() => document.addEventListener('opus-step', () => requestAnimationFrame(() => {
    (window as unknown as { __firstStep: string[] }).__firstStep = performance.getEntriesByType('resource').map((e) => e.name);
  }), { once: true }));
  await page.goto(`${base}/o/demo/`);
  await page.getByRole('heading', { name: 'Velg klinikk' }).waitFor();
  const firstStep = new Set(await page.waitForFunction(() => (window as unknown as { __firstStep?: string[] }).__firstStep).then((handle) => handle.jsonValue()));

  await page.getByRole('button', { name: /Bryggen/ }).click();
  await page.getByRole('button', { name: /Undersøkelse/ }).click();
  await page.getByRole('button', { name: /Lars Vik/ }).click();
  await page.locator('[part~="time"]').first().click();
  for (const [field, value] of [['firstName', 'Kari'], ['lastName', 'Wire'], ['nationalId', '01019000008'], ['email', 'kari.wire@example.no'], ['mobile', '912 34 567']]) {
    await page.locator(`#field-${field}`).fill(value!);
  }
  await page.getByRole('button', { name: 'Gå videre' }).click();
  const printedBefore = server.output().length;
  await page.getByRole('button', { name: 'Bekreft bestilling' }).click();
  await page.locator('#field-code').waitFor();
  await page.locator('#field-code').fill(await printedCode(printedBefore));
  await page.locator('[part~="confirm-code"]').click();
  await page.getByRole('heading', { name: 'Timen din er bestilt' }).waitFor();
  await page.waitForLoadState('networkidle');

  const sizes = await Promise.all(requests.map(async (request) => ({
    request,
    bytes: (await request.sizes()).responseBodySize,
    encoding: (await request.response())?.headers()['content-encoding'] ?? 'identity',
  })));
  const beforeFirstStep = sizes.filter(({ request }, i) => firstStep.has(request.url()) && requests.findIndex((r) => r.url() === request.url()) === i);
  for (const { request, bytes, encoding } of sizes) {
    console.error(`${beforeFirstStep.some((s) => s.request === request) ? 'first' : 'later'} ${request.method()} ${new URL(request.url()).pathname}: ${bytes} B ${encoding}`);
  }
  const kb = (list: typeof sizes) => (list.reduce((sum, s) => sum + s.bytes, 0) / 1024).toFixed(1);
  console.log(`widget.bundle.wire_kb: ${kb(beforeFirstStep)}`);
  console.log(`widget.all_steps.wire_kb: ${kb(sizes)}`);
  await context.close();
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

/** The code of the first SMS the demo server printed after `from`. */
async function printedCode(from: number): Promise<string> {
  for (const until = Date.now() + TIMEOUT; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const code = server.output().slice(from).split('\n').find((line) => line.startsWith('[sms demo]'))?.match(/\b(\d{6})\b/)?.[1];
    if (code) return code;
  }
  throw new Error('no SMS with a code was printed');
}
