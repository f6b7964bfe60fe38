import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { OWNER_EMAIL, WAIT_MS, axeInEveryView, login, loggedInPage, startConsoleWorld, type ConsoleWorld } from './support/console.ts';

// The console's shell against the real server (issue 10.1): login, header, navigation by role,
// deep links and the back button, a page per address, logout; axe on the login and a page.
let world: ConsoleWorld;
before(async () => { world = await startConsoleWorld(); });
after(async () => { await world?.close(); });

test('log in, a page per address: deep links, the back button, a second tab, logout', async () => {
  const context = await world.context();
  const page = await context.newPage();
  // A deep link opened before logging in is where the login lands.
  await page.goto(`${world.url}/admin/#/web/subdomain`);
  await page.getByRole('heading', { name: 'Log in to the staff console' }).waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, 'login');
  await login(page, { email: OWNER_EMAIL, password: 'wrong password here' });
  await page.getByRole('alert').filter({ hasText: 'wrong' }).waitFor({ timeout: WAIT_MS });
  assert.equal(await page.getByLabel('E-mail').inputValue(), OWNER_EMAIL, 'a failed login keeps what was typed');
  await page.getByLabel('Password').fill('console e2e passphrase');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Subdomain and organization' }).waitFor({ timeout: WAIT_MS });
  const header = page.locator('opus-console header');
  assert.match(await header.innerText(), /Demo Tannklinikk/);
  assert.match(await header.innerText(), /Owner/);
  await page.getByLabel('Name', { exact: true }).waitFor({ timeout: WAIT_MS });
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Demo Tannklinikk');
  await axeInEveryView(page, 'web/subdomain');

  // A second tab on a deep link is logged in already (the session cookie and the stored CSRF token).
  const second = await context.newPage();
  await second.goto(`${world.url}/admin/#/web/subdomain`);
  await second.getByRole('heading', { level: 1, name: 'Subdomain and organization' }).waitFor({ timeout: WAIT_MS });

  // An unknown address says so; the back button returns.
  await page.goto(`${world.url}/admin/#/no/such/page`);
  await page.getByText('There is no page at this address.').waitFor({ timeout: WAIT_MS });
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'Subdomain and organization' }).waitFor({ timeout: WAIT_MS });

  // The language follows the choice, and stays after a reload.
  await page.getByLabel('Language', { exact: true }).selectOption('nb');
  await page.getByRole('heading', { level: 1, name: 'Underdomene og virksomhet' }).waitFor({ timeout: WAIT_MS });
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Underdomene og virksomhet' }).waitFor({ timeout: WAIT_MS });
  await page.getByLabel('Språk', { exact: true }).selectOption('en');

  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Log in to the staff console' }).waitFor({ timeout: WAIT_MS });
  // The session is over on the server: the other tab's next request goes back to the login.
  await second.reload();
  await second.getByRole('heading', { name: 'Log in to the staff console' }).waitFor({ timeout: WAIT_MS });
  await context.close();
});

test('web/subdomain: a failed save keeps the values; save, reset; the subdomain checked as it is typed', async () => {
  const page = await loggedInPage(world, { hash: '#/web/subdomain' });
  const name = page.getByLabel('Name', { exact: true });
  await name.waitFor({ timeout: WAIT_MS });
  await name.fill('Smilet Tannklinikk');
  await page.getByLabel('Time zone').fill('Mars/Olympus');
  await page.getByRole('button', { name: 'Save' }).first().click();
  await page.getByRole('alert').filter({ hasText: 'Not saved' }).waitFor({ timeout: WAIT_MS });
  assert.equal(await name.inputValue(), 'Smilet Tannklinikk', 'the failed save kept the name typed');
  assert.equal(await page.getByLabel('Time zone').getAttribute('aria-invalid'), 'true');
  await page.getByRole('button', { name: 'Reset' }).first().click();
  assert.equal(await name.inputValue(), 'Demo Tannklinikk');
  await name.fill('Smilet Tannklinikk');
  await page.getByRole('button', { name: 'Save' }).first().click();
  await page.getByText('Saved.').first().waitFor({ timeout: WAIT_MS });
  await page.reload();
  await page.getByLabel('Name', { exact: true }).waitFor({ timeout: WAIT_MS });
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Smilet Tannklinikk', 'saved on the server');
  assert.match(await page.locator('opus-console header').innerText(), /Smilet Tannklinikk|Demo Tannklinikk/);

  const subdomain = page.getByLabel('New subdomain');
  await subdomain.fill('www');
  await page.getByText('“www” is reserved.').waitFor({ timeout: WAIT_MS });
  await subdomain.fill('smilet');
  await page.getByText('“smilet” is free.').waitFor({ timeout: WAIT_MS });
  await subdomain.fill('demo');
  await page.getByText('This is the current subdomain.').waitFor({ timeout: WAIT_MS });
  await page.context().close();
});

test('every page of the navigation loads under the console\'s real Content-Security-Policy, with no error', async () => {
  // No bypassCSP here: an inline style attribute, an inline script or a third-party request would be refused and reported.
  const context = await world.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/Oslo' });
  const problems: string[] = [];
  // The preview's widget asks `GET /me` whether a patient session exists; "no" is a 401 by design, which
  // Chromium logs as a failed resource. Exactly that one is expected; every other error counts.
  const notLoggedIn = (url: string, text: string) => /status of 401\b/.test(text) && /^\/api\/v1\/organizations\/[^/]+\/me$/.test(new URL(url, world.url).pathname);
  context.on('console', (message) => {
    if (message.type() === 'error' && !notLoggedIn(message.location().url, message.text())) problems.push(`${message.location().url}: ${message.text()}`);
  });
  context.on('weberror', (error) => problems.push(String(error.error())));
  const page = await context.newPage();
  page.on('request', (request) => { if (!request.url().startsWith(world.url) && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) problems.push(`third-party request ${request.url()}`); });
  await page.goto(`${world.url}/admin/`);
  await login(page, { email: OWNER_EMAIL, password: 'console e2e passphrase' });
  await page.locator('opus-console nav').waitFor({ timeout: WAIT_MS });
  const links = await page.locator('opus-console nav a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')!));
  assert.ok(links.length >= 1, 'the navigation has pages');
  for (const href of links) {
    await page.goto(`${world.url}/admin/${href}`);
    await page.locator('opus-console main > h1').waitFor({ timeout: WAIT_MS });
    // Loaded: no "Loading…" left anywhere in the page (the shell's or the page's).
    await page.waitForFunction(() => {
      const app = document.querySelector('opus-console')?.shadowRoot;
      const pageRoot = app?.querySelector('main > :not(h1)')?.shadowRoot;
      const text = `${app?.querySelector('main')?.textContent ?? ''} ${pageRoot?.textContent ?? ''}`;
      return !/Loading…/.test(text);
    }, undefined, { timeout: WAIT_MS });
    // The preview's frame, where a page has one, must load too.
    const frames = page.frames().filter((frame) => frame.url().includes('/admin/preview.html'));
    for (const frame of frames) await frame.locator('opus-booking').waitFor({ state: 'attached', timeout: WAIT_MS });
  }
  assert.deepEqual(problems, [], 'no CSP violation, script error or third-party request on any page');
  await context.close();
});
