import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ROOT, freePort, launchChromium, startServer } from './support/server-process.ts';
import { IO_TIMEOUT_MS } from '../browser/support/io-timeout.ts';
import { acceptStaffInvite, staffLogin } from '../../sdk/admin-client.ts';

// Issue 9, "must show": a clinic from nothing. `npm run org -- create`, the
// owner sets a password from the printed link and logs in, and sets up a
// clinic, a provider, a treatment and hours through the SDK only; then a
// patient books the new clinic on its hosted page in Chromium, and staff see
// the booking in the appointment book.

let server: Awaited<ReturnType<typeof startServer>> | undefined;
let browser: Browser | undefined;
let base: string;
let dataDir: string;
let env: NodeJS.ProcessEnv;

before(async () => {
  if (!existsSync(join(ROOT, 'dist/widget/opus-booking.js'))) execFileSync('npx', ['--no', '--', 'vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const port = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), 'opus-onboarding-'));
  base = `http://localhost:${port}`;
  env = { ...process.env, PORT: String(port), DATA_DIR: dataDir, PUBLIC_URL: base, DATABASE_URL: '' };
}, { timeout: 180_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('org create → owner sets a password and logs in → clinic, provider, treatment and hours through the SDK → a patient books it on the hosted page', { timeout: 600_000 }, async () => {
  // 1. The organization and its first owner, from the command line (the server is not running yet: one process owns an embedded database).
  const printed = execFileSync(process.execPath, ['--import', 'tsx', 'server/org-cli.ts', 'create', '--subdomain', 'smil', '--name', 'Smil Tannhelse', '--owner-email', 'eier@smil.example'], { cwd: ROOT, env, encoding: 'utf8' });
  const token = printed.match(/#\/invite\/([A-Za-z0-9_-]+)/)?.[1];
  assert.ok(token, `the CLI printed a set-password link: ${printed}`);
  assert.match(printed, /\/o\/smil\//);
  server = await startServer(env);

  // 2. The owner sets a password from the link, then logs in with it.
  const password = 'en lang og god setning';
  await acceptStaffInvite({ baseUrl: base, token, password, name: 'Eva Eier' });
  const { client: admin, user } = await staffLogin({ baseUrl: base, organization: 'smil', email: 'eier@smil.example', password });
  assert.equal(user.role, 'owner');

  // 3. A clinic, a provider working there, a treatment they offer, and opening hours: the SDK only.
  const clinic = await admin.createClinic({ name: 'Smil Sentrum', address: 'Storgata 1', postalCode: '0155', city: 'Oslo' });
  const provider = await admin.createProvider({ name: 'Eva Berg', title: 'Tannlege' });
  await admin.setProviderClinics(provider.id, { clinics: [{ clinicId: clinic.id, published: true, consentPhoto: false, consentTitle: true }] });
  const treatment = await admin.createTreatment({ name: 'Undersøkelse', durationMinutes: 30, online: true });
  await admin.setTreatmentOffers(treatment.id, { providerIds: [provider.id], clinicIds: [clinic.id] });
  const allWeek = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' }));
  await admin.setWorkingHours(provider.id, clinic.id, { workingHours: allWeek });
  await admin.patchSection('flexibility', { weekendBooking: true });

  // 4. A patient books on the new organization's hosted page.
  browser = await launchChromium();
  const page = await browser.newPage({ locale: 'nb-NO' });
  page.setDefaultTimeout(IO_TIMEOUT_MS);
  const failed: string[] = [];
  page.on('requestfailed', (request) => failed.push(request.url()));
  await page.goto(`${base}/o/smil/`);
  await page.getByRole('button', { name: /Smil Sentrum/ }).click();
  await page.getByRole('button', { name: /Undersøkelse/ }).click();
  await page.getByRole('button', { name: /Eva Berg/ }).click();
  const time = page.locator('[part~="time"]').first();
  await time.click();
  for (const [field, value] of [['firstName', 'Kari'], ['lastName', 'Onboarding'], ['nationalId', '01019000008'], ['email', 'kari@example.no'], ['mobile', '912 34 567']]) {
    await page.locator(`#field-${field}`).fill(value!);
  }
  await page.getByRole('button', { name: 'Gå videre' }).click();
  await page.getByRole('button', { name: 'Bekreft bestilling' }).click();
  await page.getByRole('heading', { name: 'Timen din er bestilt' }).waitFor();
  assert.deepEqual(failed, [], 'no request failed');

  // 5. Staff see it in the appointment book, made online, at the new clinic.
  const today = new Date().toISOString().slice(0, 10);
  const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const { appointments } = await admin.listAppointments({ from: today, to: inAMonth, clinicId: clinic.id });
  assert.equal(appointments.length, 1, JSON.stringify(appointments));
  assert.equal(appointments[0]!.source, 'online');
  assert.equal(appointments[0]!.patient?.lastName, 'Onboarding');
  await page.close();
});
