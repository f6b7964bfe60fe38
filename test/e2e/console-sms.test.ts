import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { WAIT_MS, axeInEveryView, loggedInPage, startConsoleWorld, type ConsoleWorld } from './support/console.ts';

// The SMS pages (issue 10.5, seed 000) against the real server and its demo data: the demo's SMS go to
// the console gateway's sink, so sending works; a reply comes in through the 46elks webhook.
const SECRET = 'console-sms-e2e-secret';
let world: ConsoleWorld;
let page: Page;
before(async () => {
  world = await startConsoleWorld({ ELKS_WEBHOOK_SECRET: SECRET });
  page = await loggedInPage(world, { hash: '#/sms/send?to=number' });
});
after(async () => { await world?.close(); });

const go = async (hash: string, heading: string) => {
  await page.goto(`${world.url}/admin/${hash}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: WAIT_MS });
};
const row = (text: string) => page.locator('opus-console tbody tr', { hasText: text });

/** Sent: the text is cleared (polled: a send takes a moment). */
async function cleared(field: ReturnType<Page['getByLabel']>): Promise<void> {
  const until = Date.now() + WAIT_MS;
  while ((await field.inputValue()) !== '') {
    assert.ok(Date.now() < until, 'the text was not cleared after sending');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Tomorrow at 10:00 in Oslo, as a datetime-local value. */
function tomorrowAtTen(): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date(Date.now() + 24 * 3600_000));
  return `${day}T10:00`;
}

test('sms/send: to a number now and one at a time; the part count as typed', async () => {
  await page.getByRole('heading', { level: 1, name: 'Send SMS' }).waitFor({ timeout: WAIT_MS });
  const text = page.getByLabel('Message', { exact: true });
  await text.fill('a'.repeat(161));
  await page.getByText('161 characters, 2 SMS part(s), GSM-7').waitFor({ timeout: WAIT_MS });
  await text.fill('Hei fra e2e-testen 😀');
  await page.getByText(/1 SMS part\(s\), UCS-2/).waitFor({ timeout: WAIT_MS });
  await text.fill('Hei fra e2e-testen');
  await page.getByLabel('Mobile number').fill('12');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'Not sent' }).waitFor({ timeout: WAIT_MS });
  assert.equal(await text.inputValue(), 'Hei fra e2e-testen', 'a refused number keeps the text');
  assert.equal(await page.getByLabel('Mobile number').getAttribute('aria-invalid'), 'true');
  await page.getByLabel('Mobile number').fill('+4791234567');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByText('1 message(s) queued for sending.').waitFor({ timeout: WAIT_MS });
  await cleared(text);

  await text.fill('Planlagt melding fra e2e');
  await page.getByLabel('Mobile number').fill('+4791234567');
  await page.getByLabel('Send at a time').check();
  await page.getByLabel('Send at (clinic time)').fill(tomorrowAtTen());
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await cleared(text);
  await page.getByText('1 message(s) queued for sending.').waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, 'sms/send');
});

test('sms/sent: the message with its status in words; cancel the waiting one', async () => {
  await go('#/sms/sent', 'Sent SMS');
  await row('Hei fra e2e-testen').waitFor({ timeout: WAIT_MS });
  // The worker sends through the console gateway: reload until the list says so.
  const until = Date.now() + WAIT_MS;
  while (!(await row('Hei fra e2e-testen').innerText()).includes('The SMS has been sent.')) {
    assert.ok(Date.now() < until, `not sent: ${await row('Hei fra e2e-testen').innerText()}`);
    await new Promise((r) => setTimeout(r, 1000));
    await page.reload();
    await row('Hei fra e2e-testen').waitFor({ timeout: WAIT_MS });
  }
  assert.match(await row('Hei fra e2e-testen').innerText(), /\bS\b[\s\S]*Sent/);
  const waiting = row('Planlagt melding fra e2e');
  assert.match(await waiting.innerText(), /The SMS is sent when its time comes\./);
  await axeInEveryView(page, 'sms/sent');

  await page.getByLabel('Status', { exact: true }).selectOption('waiting');
  await page.waitForURL(/status=waiting/, { timeout: WAIT_MS });
  await waiting.waitFor({ timeout: WAIT_MS });
  await row('Hei fra e2e-testen').waitFor({ state: 'detached', timeout: WAIT_MS }); // the filter leaves the sent one out
  await page.reload();
  await waiting.waitFor({ timeout: WAIT_MS });

  await waiting.getByRole('button', { name: /^Cancel/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this SMS?' });
  await dialog.waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, 'sms/sent cancel dialog');
  await dialog.getByRole('button', { name: 'Cancel the SMS' }).click();
  await page.getByText('No messages match these filters.').waitFor({ timeout: WAIT_MS });
  await page.getByLabel('Status', { exact: true }).selectOption('cancelled');
  await row('Planlagt melding fra e2e').filter({ hasText: 'Sending was cancelled by a user.' }).waitFor({ timeout: WAIT_MS });
});

test('sms/received: a reply comes in; unread first, mark read, follow up, answer it', async () => {
  const form = new URLSearchParams({ id: 'e2e-inbound-1', from: '+4791234567', to: '+4600000000', message: 'Ja takk, jeg kommer' });
  const answer = await fetch(`${world.url}/api/v1/webhooks/sms/46elks/demo/inbound?secret=${SECRET}`, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.ok(answer.ok, `the webhook took the reply: ${answer.status}`);
  await go('#/sms/received', 'Received SMS');
  const reply = row('Ja takk, jeg kommer');
  await reply.waitFor({ timeout: WAIT_MS });
  assert.match(await reply.innerText(), /Unread/);
  await axeInEveryView(page, 'sms/received');
  await reply.getByRole('button', { name: /^Mark as read/ }).click();
  await reply.getByRole('button', { name: /^Mark as unread/ }).waitFor({ timeout: WAIT_MS });
  await reply.getByRole('button', { name: /^Follow up/ }).click();
  await reply.getByText('⚑ Follow up').waitFor({ timeout: WAIT_MS });
  await page.reload();
  await reply.getByText('⚑ Follow up').waitFor({ timeout: WAIT_MS });
  assert.match(await reply.innerText(), /Read/);

  await reply.getByRole('button', { name: /^Reply/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Reply to +4791234567' });
  await dialog.waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, 'sms/received reply dialog');
  await dialog.getByLabel('Your reply').fill('Så bra, velkommen!');
  await dialog.getByRole('button', { name: 'Send reply' }).click();
  await dialog.waitFor({ state: 'hidden', timeout: WAIT_MS });
  await go('#/sms/sent', 'Sent SMS');
  await row('Så bra, velkommen!').waitFor({ timeout: WAIT_MS });
});

test('sms/templates: edit with a merge field, save (reload shows it), reset, restore the standard text', async () => {
  await go('#/sms/templates?text=sms/reminder1', 'SMS texts');
  const body = page.getByLabel('Text', { exact: true });
  await body.waitFor({ timeout: WAIT_MS });
  const standard = await body.inputValue();
  assert.ok(standard.length > 0);
  await page.locator('opus-console [data-preview]').waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, 'sms/templates');

  await body.fill('Hei , husk timen [time]. Mvh e2e');
  await body.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(4, 4));
  await page.locator('opus-console .merge button[data-field="firstName"]').click();
  assert.equal(await body.inputValue(), 'Hei [firstName], husk timen [time]. Mvh e2e');
  await page.locator('opus-console [data-preview]').filter({ hasText: 'Mvh e2e' }).waitFor({ timeout: WAIT_MS });
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved.', { exact: true }).first().waitFor({ timeout: WAIT_MS });
  await page.reload();
  await body.waitFor({ timeout: WAIT_MS });
  assert.equal(await body.inputValue(), 'Hei [firstName], husk timen [time]. Mvh e2e', 'saved on the server');

  await body.fill('Noe annet');
  await page.getByRole('button', { name: 'Reset' }).click();
  assert.equal(await body.inputValue(), 'Hei [firstName], husk timen [time]. Mvh e2e', 'reset');

  await page.getByRole('button', { name: 'Restore the standard text' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore the standard text?' });
  await dialog.waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, 'sms/templates restore dialog');
  await dialog.getByRole('button', { name: 'Restore the standard text' }).click();
  await dialog.waitFor({ state: 'hidden', timeout: WAIT_MS });
  assert.equal(await body.inputValue(), standard, 'the standard text is back');
});

test('sms/settings: a failed save keeps the values; save (reload shows it); reset', async () => {
  await go('#/sms/settings', 'SMS settings');
  const sender = page.getByLabel('Sender name', { exact: true });
  await sender.waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, 'sms/settings');
  await sender.fill('Smilet');
  await page.getByLabel('Reply number', { exact: true }).fill('123');
  await page.getByLabel('Reminder 2: hours before the appointment').fill('3');
  await page.getByLabel('Saturday', { exact: true }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('alert').filter({ hasText: 'Not saved' }).waitFor({ timeout: WAIT_MS });
  assert.equal(await sender.inputValue(), 'Smilet', 'kept');
  assert.equal(await page.getByLabel('Reply number', { exact: true }).getAttribute('aria-invalid'), 'true');
  await page.getByLabel('Reply number', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved.', { exact: true }).first().waitFor({ timeout: WAIT_MS });
  await page.reload();
  await sender.waitFor({ timeout: WAIT_MS });
  assert.equal(await sender.inputValue(), 'Smilet');
  assert.equal(await page.getByLabel('Reminder 2: hours before the appointment').inputValue(), '3');
  assert.ok(await page.getByLabel('Saturday', { exact: true }).isChecked());
  await sender.fill('Annet');
  await page.getByRole('button', { name: 'Reset' }).click();
  assert.equal(await sender.inputValue(), 'Smilet');
});

test('sms/status: the worker and the gateway in words; Refresh', async () => {
  await go('#/sms/status', 'SMS service status');
  await page.getByText(/Running: last heartbeat/).waitFor({ timeout: WAIT_MS });
  await page.locator('opus-console dd', { hasText: /^console$/ }).waitFor({ timeout: WAIT_MS });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.getByText(/Running: last heartbeat/).waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, 'sms/status');
});
