import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db/database.ts';
import { seedDemo } from '../../server/demo/seed-demo.ts';
import { createPgliteTestDatabase } from '../support/test-database.ts';
import { IO_TIMEOUT_MS } from '../browser/support/io-timeout.ts';

const root = new URL('../../', import.meta.url).pathname;

// The real app with the demo organization over https (frame-ancestors names https origins only),
// a second https server on another port that frames it, and one Chromium that accepts their
// self-signed certificate.
let database: Database;
let browser: Browser;
let certDir: string;
const servers: ServerType[] = [];
let base: string;
let framer: string;
let framedPath = '/o/demo/';
/** The steps the analytics script (served by the other site) reported. */
const hits: string[] = [];

async function listen(fetch: (request: Request) => Response | Promise<Response>, tls: { key: Buffer; cert: Buffer }): Promise<string> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1', createServer: createHttpsServer, serverOptions: tls }, (info: AddressInfo) => resolve(`https://localhost:${info.port}`));
    servers.push(server);
  });
}

before(async () => {
  if (!existsSync(join(root, 'dist/widget/opus-booking.js'))) execFileSync('npx', ['--no', '--', 'vite', 'build'], { cwd: root, stdio: 'inherit' });
  certDir = mkdtempSync(join(tmpdir(), 'opus-csp-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost', '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem')], { stdio: 'ignore' });
  const tls = { key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')) };
  database = await createPgliteTestDatabase();
  await seedDemo(database.db);
  let app: ReturnType<typeof createApp> | undefined;
  base = await listen((request) => app!.fetch(request), tls);
  app = createApp({ db: database.db, publicUrl: base, examples: true, log: () => {} });
  const other = new Hono();
  // An organization's analytics script (W12) from another origin: it runs and reports each step to its origin.
  other.get('/analytics.js', (c) => c.body(`const origin = new URL(document.currentScript.src).origin;
document.documentElement.dataset.analytics = 'loaded';
document.addEventListener('opus-step', (e) => { fetch(origin + '/hit?step=' + e.step, { method: 'POST', mode: 'no-cors' }); });`, 200, { 'content-type': 'text/javascript' }));
  other.post('/hit', (c) => { hits.push(c.req.query('step') ?? ''); return c.body(null, 204); });
  other.get('/', (c) => c.html(`<!doctype html><title>A clinic's site</title><iframe title="booking" src="${base}${framedPath}" width="900" height="900"></iframe>`));
  framer = await listen(other.fetch, tls);
  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, { timeout: 180_000 });

after(async () => {
  await browser?.close();
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  await database?.close();
  if (certDir) rmSync(certDir, { recursive: true, force: true });
});

/** A page that records every CSP violation: the DOM event (composed, so from shadow roots too) and Chromium's console report. */
async function watchedPage(): Promise<{ page: Page; violations: string[] }> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  const page = await context.newPage();
  page.setDefaultTimeout(IO_TIMEOUT_MS);
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (text: string) => { violations.push(text); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportViolation(text: string): void }).reportViolation(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    }, true);
  });
  page.on('console', (message) => { if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(`console: ${message.text()}`); });
  return { page, violations };
}

/** Waits (30 s at most) until a condition about another process holds. */
async function expectEventually(condition: () => boolean): Promise<void> {
  for (const until = Date.now() + IO_TIMEOUT_MS; !condition();) {
    assert.ok(Date.now() < until, 'condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function setDemo(update: { frameAncestors?: string[]; theme?: Record<string, unknown> }) {
  const row = await database.db.selectFrom('organizations').select(['settings', 'theme']).where('subdomain', '=', 'demo').executeTakeFirstOrThrow();
  // The demo's SMS code is covered by hosted-booking.test.ts; here the bot check (ALTCHA, solved in the page) runs under the policy.
  const stored = row.settings as Record<string, Record<string, unknown>>;
  const settings = { ...stored, flexibility: { ...stored.flexibility, codeChallenge: 'off', skipConfirmation: false }, hostedPage: { frameAncestors: update.frameAncestors ?? [] } };
  const theme = update.theme ? { ...(row.theme as Record<string, unknown>), ...update.theme } : { primaryColor: '#1a6b8f', accentColor: '#f2a33a' };
  await database.db.updateTable('organizations').set({ settings: JSON.stringify(settings), theme: JSON.stringify(theme) }).where('subdomain', '=', 'demo').execute();
}

test('a whole booking on the hosted page with an analytics script and a logo, its manage page and a cancellation: the policy blocks nothing', { timeout: 300_000 }, async () => {
  // A logo as a data: URL: the page's header and icon show it under img-src.
  await setDemo({ theme: {
    logoUrl: 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 width=%2210%22 height=%2210%22/%3E',
    analyticsScriptUrl: `${framer}/analytics.js`,
  } });
  const { page, violations } = await watchedPage();
  const response = await page.goto(`${base}/o/demo/`);
  assert.match(response?.headers()['content-security-policy'] ?? '', /default-src 'none'/);
  await page.getByRole('button', { name: /Bryggen/ }).click();
  await page.getByRole('button', { name: /Undersøkelse/ }).click();
  await page.getByRole('button', { name: /Lars Vik/ }).click();
  // A week ahead, outside the cancellation cutoff.
  await page.locator('[part~="time"]').first().waitFor();
  await page.locator('[part~="next-week"]').click();
  await page.locator('[part~="time"]').first().click();
  for (const [field, value] of [['firstName', 'Kari'], ['lastName', 'Csp'], ['nationalId', '01019000008'], ['email', 'kari.csp@example.no'], ['mobile', '912 34 567']]) {
    await page.locator(`#field-${field}`).fill(value!);
  }
  await page.getByRole('button', { name: 'Gå videre' }).click();
  await page.getByRole('button', { name: 'Bekreft bestilling' }).click();
  await page.getByRole('heading', { name: 'Timen din er bestilt' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('data-analytics'), 'loaded', 'the analytics script ran');
  await expectEventually(() => hits.includes('done'));
  const manageUrl = await page.locator('[part~="manage-link"]').getAttribute('href');
  assert.ok(manageUrl?.includes('/o/demo/manage/'), manageUrl ?? 'no manage link');
  await page.goto(manageUrl!);
  await page.getByRole('heading', { name: 'Timen din' }).waitFor();
  await page.locator('[part~="cancel"]').click();
  await page.locator('[part~="cancel-yes"]').click();
  await page.locator('[data-booking="status"]', { hasText: /Avbestilt/ }).waitFor();
  // The page's own styles applied (allowed by their hash): the visually hidden heading stays out of sight.
  assert.equal(await page.locator('h1').evaluate((h1) => getComputedStyle(h1).position), 'absolute');
  // The organization's colours reach the widget without a style attribute.
  assert.equal(await page.locator('opus-booking').evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('.base')!).getPropertyValue('--_org-primary')), '#1a6b8f');
  assert.deepEqual(violations, []);
  await page.context().close();
});

test('the example pages work under their policy: their inline scripts and styles by hash, nothing blocked', { timeout: 300_000 }, async () => {
  const { page, violations } = await watchedPage();
  const logged: string[] = [];
  page.on('console', (message) => { if (message.text().startsWith('step')) logged.push(message.text()); });
  const clinic = await page.goto(`${base}/examples/clinic-page.html`);
  assert.match(clinic?.headers()['content-security-policy'] ?? '', /default-src 'none'/);
  await page.getByRole('heading', { name: 'Velg klinikk' }).waitFor();
  assert.equal(await page.locator('body').evaluate((body) => getComputedStyle(body).fontFamily), 'Georgia, serif', 'its inline style applied');
  await page.getByRole('button', { name: /Bryggen/ }).click();
  await page.getByRole('heading', { name: 'Velg behandling' }).waitFor();
  assert.ok(logged.length > 0, 'its inline script ran');
  await page.goto(`${base}/examples/dialog-layout.html`);
  await page.getByRole('button', { name: 'Bestill time nå' }).click();
  await page.getByRole('heading', { name: 'Velg klinikk' }).waitFor();
  await page.goto(`${base}/examples/two-instances-themed.html`);
  await page.getByRole('heading', { name: 'Choose treatment' }).waitFor(); // its inline module script preselected the clinic
  await page.goto(`${base}/examples/`);
  assert.deepEqual(violations, []);
  await page.context().close();
});

test('another site may frame the hosted page only when its origin is in the organization\'s list', { timeout: 300_000 }, async () => {
  const framed = async () => {
    const { page } = await watchedPage();
    await page.goto(framer);
    const frame = await (await page.waitForSelector('iframe')).contentFrame();
    await frame!.waitForLoadState('load');
    const shown = frame!.url().startsWith(base)
      && await frame!.getByRole('heading', { name: 'Velg klinikk' }).waitFor().then(() => true);
    await page.context().close();
    return shown;
  };
  await setDemo({ frameAncestors: [] });
  assert.equal(await framed(), false, 'no list: no site may frame it');
  await setDemo({ frameAncestors: ['https://www.clinic.example'] });
  assert.equal(await framed(), false, 'a site not in the list may not');
  await setDemo({ frameAncestors: ['https://www.clinic.example', framer] });
  assert.equal(await framed(), true, 'a listed site may');
  framedPath = '/examples/clinic-page.html';
  await setDemo({ frameAncestors: [framer] });
  assert.equal(await framed(), false, 'the example pages are not the organization\'s page: nobody frames them');
});
