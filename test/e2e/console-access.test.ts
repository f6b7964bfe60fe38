import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { totpCode } from '../../server/admin/totp.ts';
import { freePort } from './support/server-process.ts';
import { OWNER_EMAIL, OWNER_PASSWORD, WAIT_MS, axeInEveryView, login, loggedInPage, startConsoleWorld, type ConsoleWorld } from './support/console.ts';

// The access pages against the real server (issue 10.6): staff users, API keys (used with fetch, then revoked),
// webhooks (a test event to a local receiver, its delivery log), the audit log, my account (TOTP on and off,
// a new password and a login with it). One server, one logged-in page reused (the login limit), axe in every view.
let world: ConsoleWorld;
let page: Page;
let receiver: Server;
let receiverUrl: string;
const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];

before(async () => {
  const port = await freePort();
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => { body += chunk.toString(); });
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(port, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${port}/opus-hooks`;
  world = await startConsoleWorld({ WEBHOOKS_ALLOW_LOOPBACK: 'true', MESSAGING_WORKER_INTERVAL_MS: '1000' });
  page = await loggedInPage(world, { hash: '#/access/staff' });
});
after(async () => {
  await world?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

const dialog = () => page.getByRole('dialog');
const heading = (name: string) => page.getByRole('heading', { level: 1, name }).waitFor({ timeout: WAIT_MS });
async function open(hash: string, title: string): Promise<void> {
  await page.goto(`${world.url}/admin/${hash}`);
  await heading(title);
}

test('staff users: listed; invite (a taken e-mail keeps what was typed, Reset, then sent); listed as invited', async () => {
  await heading('Staff users');
  const owner = page.getByRole('row').filter({ hasText: OWNER_EMAIL });
  await owner.waitFor({ timeout: WAIT_MS });
  assert.match(await owner.innerText(), /Owner/);
  assert.match(await owner.innerText(), /Active/);
  await axeInEveryView(page, 'access/staff');

  await page.getByRole('button', { name: 'Invite a user' }).click();
  await dialog().getByLabel('E-mail', { exact: true }).fill(OWNER_EMAIL);
  await dialog().getByLabel('Name', { exact: true }).fill('Per Ny');
  await dialog().getByLabel('Role', { exact: true }).selectOption('admin');
  await axeInEveryView(page, 'access/staff invite dialog');
  await dialog().getByRole('button', { name: 'Save' }).click();
  await dialog().getByRole('alert').filter({ hasText: 'There is a user with this e-mail already' }).waitFor({ timeout: WAIT_MS });
  assert.equal(await dialog().getByLabel('E-mail', { exact: true }).inputValue(), OWNER_EMAIL, 'the failed save kept the e-mail');
  assert.equal(await dialog().getByLabel('Name', { exact: true }).inputValue(), 'Per Ny');
  assert.equal(await dialog().getByLabel('Role', { exact: true }).inputValue(), 'admin');
  assert.equal(await dialog().getByLabel('E-mail', { exact: true }).getAttribute('aria-invalid'), 'true');
  await dialog().getByRole('button', { name: 'Reset' }).click();
  assert.equal(await dialog().getByLabel('E-mail', { exact: true }).inputValue(), '', 'Reset empties the form');

  await dialog().getByLabel('E-mail', { exact: true }).fill('per@demo.example');
  await dialog().getByLabel('Name', { exact: true }).fill('Per Ny');
  await dialog().getByLabel('Role', { exact: true }).selectOption('admin');
  await dialog().getByRole('button', { name: 'Save' }).click();
  await dialog().waitFor({ state: 'hidden', timeout: WAIT_MS });
  const invited = page.getByRole('row').filter({ hasText: 'per@demo.example' });
  await invited.waitFor({ timeout: WAIT_MS });
  assert.match(await invited.innerText(), /Invited/);
  assert.match(await invited.innerText(), /Administrator/);
  await page.reload();
  await page.getByRole('row').filter({ hasText: 'per@demo.example' }).filter({ hasText: 'Invited' }).waitFor({ timeout: WAIT_MS });

  // The last owner cannot be demoted: said in words.
  await page.getByRole('button', { name: 'Change role: Demo Owner' }).click();
  await dialog().getByLabel('Role', { exact: true }).selectOption('admin');
  await dialog().getByRole('button', { name: 'Save' }).click();
  await dialog().getByText('This is the last active owner').first().waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, 'access/staff role dialog after last_owner');
  await page.keyboard.press('Escape');
  await dialog().waitFor({ state: 'hidden', timeout: WAIT_MS });
});

test('API keys: create (shown once), use it with fetch, revoke it (then 401)', async () => {
  await open('#/access/keys', 'API keys');
  await page.getByRole('button', { name: 'Create an API key' }).click();
  await dialog().getByLabel('Name', { exact: true }).fill('e2e dashboard');
  await axeInEveryView(page, 'access/keys create dialog');
  await dialog().getByRole('button', { name: 'Save' }).click();
  const shown = dialog().locator('#new-key');
  await shown.waitFor({ timeout: WAIT_MS });
  const key = (await shown.innerText()).trim();
  assert.match(key, /^opk_/);
  await dialog().getByText('you will not see it again').waitFor();
  await axeInEveryView(page, 'access/keys new key dialog');
  await dialog().getByRole('button', { name: 'Close' }).last().click();
  await dialog().waitFor({ state: 'hidden', timeout: WAIT_MS });
  assert.ok(!(await page.locator('console-api-keys-page').evaluate((el, k) => el.shadowRoot!.innerHTML.includes(k), key)), 'the key is not on the page any more');
  const row = page.getByRole('row').filter({ hasText: 'e2e dashboard' });
  await row.waitFor({ timeout: WAIT_MS });
  assert.match(await row.innerText(), /Active/);
  await axeInEveryView(page, 'access/keys');

  const withKey = () => fetch(`${world.url}/api/v1/admin/settings/organization`, { headers: { authorization: `Bearer ${key}` } });
  const ok = await withKey();
  assert.equal(ok.status, 200, 'the new key works');
  assert.equal(((await ok.json()) as { subdomain: string }).subdomain, 'demo');

  await page.getByRole('button', { name: 'Revoke: e2e dashboard' }).click();
  await axeInEveryView(page, 'access/keys revoke dialog');
  await dialog().getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('row').filter({ hasText: 'e2e dashboard' }).filter({ hasText: 'Revoked' }).waitFor({ timeout: WAIT_MS });
  assert.equal((await withKey()).status, 401, 'a revoked key is refused');
});

test('webhooks: add one (secret shown once), change it (Reset, Save), send a test event, see it delivered in the log', async () => {
  await open('#/access/webhooks', 'Webhooks');
  await page.getByRole('button', { name: 'Add an endpoint' }).click();
  await dialog().getByLabel('Address (URL)').fill(receiverUrl);
  await dialog().getByLabel('Description').fill('Local receiver');
  await axeInEveryView(page, 'access/webhooks add dialog');
  await dialog().getByRole('button', { name: 'Save' }).click();
  const secret = dialog().locator('#new-secret');
  await secret.waitFor({ timeout: WAIT_MS });
  assert.match(await secret.innerText(), /^whsec_/);
  await axeInEveryView(page, 'access/webhooks secret dialog');
  await dialog().getByRole('button', { name: 'Close' }).last().click();
  await dialog().waitFor({ state: 'hidden', timeout: WAIT_MS });
  const row = page.getByRole('row').filter({ hasText: receiverUrl });
  await row.waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, 'access/webhooks');

  await page.getByRole('button', { name: 'Change: Local receiver' }).click();
  const description = dialog().getByLabel('Description');
  await description.fill('Something else');
  await dialog().getByRole('button', { name: 'Reset' }).click();
  assert.equal(await description.inputValue(), 'Local receiver');
  await description.fill('Practice system');
  await dialog().getByRole('button', { name: 'Save' }).click();
  await dialog().waitFor({ state: 'hidden', timeout: WAIT_MS });
  await page.reload();
  await page.getByRole('row').filter({ hasText: 'Practice system' }).waitFor({ timeout: WAIT_MS });

  await page.getByRole('button', { name: 'Send a test event: Practice system' }).click();
  await page.getByText('A test event is on its way').first().waitFor({ timeout: WAIT_MS });
  await page.getByRole('link', { name: 'Delivery log: Practice system' }).click();
  await heading('Webhook delivery log');
  const delivered = page.getByRole('row').filter({ hasText: 'Test event' }).filter({ hasText: 'Delivered' });
  for (let i = 0; i < 30 && !(await delivered.count()); i++) {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.waitForTimeout(1000);
  }
  await delivered.waitFor({ timeout: WAIT_MS });
  assert.match(await delivered.innerText(), /204/);
  const test = received.find((r) => r.body.includes('"webhook.test"'));
  assert.ok(test, 'the receiver got the test event');
  assert.ok(test.headers['webhook-id'] && test.headers['webhook-signature'], 'signed, Standard Webhooks style');
  await axeInEveryView(page, 'access/webhooks delivery log');
});

test('audit log: the changes above are there, filtered by a deep link', async () => {
  await open('#/access/audit', 'Audit log');
  for (const action of ['staff.invite', 'api_key.create', 'api_key.revoke', 'webhook.create', 'webhook.update', 'webhook.test']) {
    await page.getByRole('cell', { name: action, exact: true }).first().waitFor({ timeout: WAIT_MS });
  }
  await axeInEveryView(page, 'access/audit');
  await open('#/access/audit?action=webhook.update', 'Audit log');
  const rows = page.getByRole('row').filter({ hasText: 'webhook.update' });
  await rows.first().waitFor({ timeout: WAIT_MS });
  // The rows of the unfiltered list stay while the filtered ones load: wait until they are gone.
  await page.getByRole('row').filter({ hasText: 'api_key.create' }).first().waitFor({ state: 'detached', timeout: WAIT_MS });
  assert.equal(await page.getByRole('row').filter({ hasText: 'api_key.create' }).count(), 0, 'only the action filtered');
  assert.match(await rows.first().innerText(), /description.*“Local receiver” → “Practice system”/s, 'before and after readable');
  assert.equal(await page.getByLabel('Action', { exact: true }).inputValue(), 'webhook.update');
});

test('my account: TOTP on with a code and off again; a new password (a wrong current one kept), then a login with it', async () => {
  await open('#/account', 'My account');
  await page.getByRole('button', { name: 'Set up two-factor login' }).click();
  const secretText = page.locator('#totp-secret');
  await secretText.waitFor({ timeout: WAIT_MS });
  const secret = (await secretText.innerText()).replace(/\s/g, '');
  assert.match(await page.locator('#totp-url').innerText(), /^otpauth:\/\/totp\//);
  await axeInEveryView(page, 'account TOTP set-up');
  const codeField = page.getByLabel('Code from the app');
  await codeField.fill('000000' === totpCode(secret, new Date()) ? '111111' : '000000');
  await codeField.press('Enter');
  await page.getByRole('alert').filter({ hasText: 'That code is not right' }).waitFor({ timeout: WAIT_MS });
  const now = new Date();
  await codeField.fill(totpCode(secret, now));
  await codeField.press('Enter');
  await page.getByText('Two-factor login is on:').waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, 'account TOTP on');
  // Off again with the password and the next step's code (a code is accepted once; one step of drift is allowed).
  await page.getByLabel('Password', { exact: true }).fill(OWNER_PASSWORD);
  await page.getByLabel('Code from the app').fill(totpCode(secret, new Date(now.getTime() + 30_000)));
  await page.getByLabel('Code from the app').press('Enter');
  await page.locator('[data-role="totp-state"]').filter({ hasText: 'Two-factor login is off.' }).waitFor({ timeout: WAIT_MS });

  const next = 'a brand new e2e passphrase';
  await page.getByLabel('Current password').fill('not my password at all');
  await page.getByLabel('New password', { exact: true }).fill(next);
  await page.getByLabel('New password again').fill(next);
  await page.getByRole('button', { name: 'Save' }).first().click();
  await page.getByRole('alert').filter({ hasText: 'Not saved' }).waitFor({ timeout: WAIT_MS });
  assert.equal(await page.getByLabel('New password', { exact: true }).inputValue(), next, 'the failed save kept the new password');
  assert.equal(await page.getByLabel('Current password').getAttribute('aria-invalid'), 'true');
  await page.getByRole('button', { name: 'Reset' }).first().click();
  assert.equal(await page.getByLabel('Current password').inputValue(), '');
  await page.getByLabel('Current password').fill(OWNER_PASSWORD);
  await page.getByLabel('New password', { exact: true }).fill(next);
  await page.getByLabel('New password again').fill(next);
  await page.getByRole('button', { name: 'Save' }).first().click();
  await page.getByText('Your password is changed.').first().waitFor({ timeout: WAIT_MS });

  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Log in to the staff console' }).waitFor({ timeout: WAIT_MS });
  await login(page, { email: OWNER_EMAIL, password: next });
  await page.locator('opus-console header').waitFor({ timeout: WAIT_MS });
  await open('#/account', 'My account');
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('cell', { name: 'staff.password_change', exact: true }).first().waitFor({ timeout: WAIT_MS });
});
