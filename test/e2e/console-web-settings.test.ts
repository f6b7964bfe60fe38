import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { WAIT_MS, axeInEveryView, loggedInPage, startConsoleWorld, type ConsoleWorld } from './support/console.ts';

// The web settings pages (issue 10.4, second half) against the real server: each loads real data,
// an edit saves (a reload shows it), Reset undoes an unsaved edit, "restore standard values"
// asks first; axe in every view on each page and with its dialog open. One login for the file.
let world: ConsoleWorld;
let page: Page;
before(async () => {
  world = await startConsoleWorld();
  page = await loggedInPage(world, { hash: '#/web/flexibility' });
});
after(async () => { await world?.close(); });

/** A 1 × 1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

async function go(hash: string, ready: string): Promise<void> {
  await page.goto(`${world.url}/admin/${hash}`);
  await page.getByLabel(ready, { exact: true }).first().waitFor({ timeout: WAIT_MS });
}

const form = (tag: string, index = 0) => page.locator(`${tag} form`).nth(index);
const saved = async (tag: string, index = 0) => form(tag, index).getByText('Saved.', { exact: true }).waitFor({ timeout: WAIT_MS });

/** Opens the restore dialog of `tag`'s `index`th section, checks axe in every view, and closes it with Escape (focus back on its button). */
async function restoreDialogAxe(tag: string, where: string, index = 0): Promise<void> {
  const opener = page.locator(`${tag} [data-action="restore"]`).nth(index);
  await opener.click();
  const dialog = page.locator(`${tag} dialog[open]`);
  await dialog.waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, `${where} with the restore dialog`);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached', timeout: WAIT_MS }).catch(() => undefined);
  await page.locator(`${tag} dialog[open]`).waitFor({ state: 'hidden', timeout: WAIT_MS });
  assert.equal(await opener.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el), true, 'focus back on the button');
}

test('web/flexibility: switches, fields and steps load; save, reset; axe', async () => {
  const tag = 'console-flexibility-page';
  await go('#/web/flexibility', 'Booking on Saturdays and Sundays');
  await axeInEveryView(page, 'web/flexibility');
  const weekend = page.getByLabel('Booking on Saturdays and Sundays');
  const was = await weekend.isChecked();
  await weekend.setChecked(!was);
  await form(tag).getByRole('button', { name: 'Reset' }).click();
  assert.equal(await weekend.isChecked(), was, 'reset');
  await weekend.setChecked(!was);
  await page.getByLabel('Postal code').selectOption('required');
  await form(tag).getByRole('button', { name: 'Save' }).click();
  await saved(tag);
  await form(tag, 1).getByRole('button', { name: 'Save' }).click();
  await saved(tag, 1);
  await restoreDialogAxe(tag, 'web/flexibility');
  await go('#/web/flexibility', 'Booking on Saturdays and Sundays');
  assert.equal(await page.getByLabel('Booking on Saturdays and Sundays').isChecked(), !was, 'saved on the server');
  assert.equal(await page.getByLabel('Postal code').inputValue(), 'required');
});

test('web/booking: save, reset, restore standard values', async () => {
  const tag = 'console-booking-settings-page';
  const label = 'No rebooking or cancellation online within (hours before the appointment)';
  await go('#/web/booking', label);
  await axeInEveryView(page, 'web/booking');
  const cutoff = page.getByLabel(label);
  const was = await cutoff.inputValue();
  await cutoff.fill('13');
  await form(tag).getByRole('button', { name: 'Reset' }).click();
  assert.equal(await cutoff.inputValue(), was);
  await cutoff.fill('13');
  await form(tag).getByRole('button', { name: 'Save' }).click();
  await saved(tag);
  await go('#/web/booking', label);
  assert.equal(await page.getByLabel(label).inputValue(), '13', 'saved on the server');
  await restoreDialogAxe(tag, 'web/booking');
  await page.locator(`${tag} [data-action="restore"]`).click();
  await page.locator(`${tag} dialog[open] [data-action="confirm-restore"]`).click();
  await page.locator(`${tag} dialog[open]`).waitFor({ state: 'hidden', timeout: WAIT_MS });
  assert.notEqual(await page.getByLabel(label).inputValue(), '13', 'the standard value is back');
});

test('web/media: texts and colours save, reset; a logo uploaded and removed', async () => {
  const tag = 'console-media-page';
  await go('#/web/media', 'Information to patients');
  await axeInEveryView(page, 'web/media');
  const info = page.getByLabel('Information to patients');
  const was = await info.inputValue();
  await info.fill('Husk legitimasjon.');
  await form(tag).getByRole('button', { name: 'Reset' }).click();
  assert.equal(await info.inputValue(), was);
  await info.fill('Husk legitimasjon.');
  await form(tag).getByRole('button', { name: 'Save' }).click();
  await saved(tag);
  await page.getByLabel('Primary colour', { exact: true }).fill('#ffdd00');
  await page.getByText('below the 4.5:1').waitFor({ timeout: WAIT_MS });
  await page.getByLabel('Primary colour', { exact: true }).fill('#0b4f6c');
  await form(tag, 1).getByRole('button', { name: 'Save' }).click();
  await saved(tag, 1);

  await page.getByLabel('Choose a logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
  await page.getByAltText('The new logo, not yet uploaded').waitFor({ timeout: WAIT_MS });
  await page.getByRole('button', { name: 'Upload logo' }).click();
  await page.getByAltText('The logo now').waitFor({ timeout: WAIT_MS });
  await restoreDialogAxe(tag, 'web/media');

  await go('#/web/media', 'Information to patients');
  assert.equal(await page.getByLabel('Information to patients').inputValue(), 'Husk legitimasjon.', 'saved on the server');
  assert.equal(await page.getByLabel('Primary colour', { exact: true }).inputValue(), '#0b4f6c');
  await page.getByAltText('The logo now').waitFor({ timeout: WAIT_MS });
  await page.getByRole('button', { name: 'Remove logo' }).click();
  await page.getByText('No logo is uploaded.').waitFor({ timeout: WAIT_MS });
});

test('web/deviation: save, reset, axe', async () => {
  const tag = 'console-deviation-page';
  await go('#/web/deviation', 'Booking page not published');
  await axeInEveryView(page, 'web/deviation');
  const text = page.getByRole('textbox', { name: 'Maintenance mode on' });
  const was = await text.inputValue();
  await text.fill('Vi oppgraderer systemet. Ring oss.');
  await form(tag).getByRole('button', { name: 'Reset' }).click();
  assert.equal(await text.inputValue(), was);
  await text.fill('Vi oppgraderer systemet. Ring oss.');
  // The preview drafts maintenance mode on and shows the unsaved text instead of the booking.
  const off = page.locator('console-preview iframe').contentFrame().locator('opus-booking [part="booking-off"][data-reason="maintenance"]');
  await off.filter({ hasText: 'Vi oppgraderer systemet. Ring oss.' }).waitFor({ timeout: WAIT_MS });
  await page.getByRole('radio', { name: 'Booking page not published' }).check();
  await page.locator('console-preview iframe').contentFrame().locator('opus-booking [part="booking-off"][data-reason="not_published"]').waitFor({ timeout: WAIT_MS });
  await form(tag).getByRole('button', { name: 'Save' }).click();
  await saved(tag);
  await restoreDialogAxe(tag, 'web/deviation');
  await go('#/web/deviation', 'Booking page not published');
  assert.equal(await page.getByRole('textbox', { name: 'Maintenance mode on' }).inputValue(), 'Vi oppgraderer systemet. Ring oss.');
});

test('web/email: a template saved, rendered with sample values, reset, restored to the standard text', async () => {
  const tag = 'console-email-page';
  await go('#/web/email', 'Sender name');
  const booked = page.locator(`${tag} section[data-kind="booked"]`);
  await booked.locator('[data-preview-body]').waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, 'web/email');
  const subject = booked.getByLabel('Subject');
  const was = await subject.inputValue();
  await subject.fill('Timen din hos [clinic]');
  await booked.getByRole('button', { name: 'Reset' }).click();
  assert.equal(await subject.inputValue(), was);
  await subject.fill('Timen din hos [clinic]');
  await booked.locator('[data-preview-subject]').filter({ hasNotText: '[clinic]' }).filter({ hasText: 'Timen din hos' }).waitFor({ timeout: WAIT_MS });
  await booked.getByRole('button', { name: 'Save' }).click();
  await booked.getByText('Saved.', { exact: true }).waitFor({ timeout: WAIT_MS });
  await go('#/web/email', 'Sender name');
  assert.equal(await page.locator(`${tag} section[data-kind="booked"]`).getByLabel('Subject').inputValue(), 'Timen din hos [clinic]', 'saved on the server');
  await restoreDialogAxe(tag, 'web/email');
  await page.locator(`${tag} section[data-kind="booked"] [data-action="restore"]`).click();
  await page.locator(`${tag} dialog[open] [data-action="confirm-restore"]`).click();
  await page.locator(`${tag} dialog[open]`).waitFor({ state: 'hidden', timeout: WAIT_MS });
  assert.equal(await page.locator(`${tag} section[data-kind="booked"]`).getByLabel('Subject').inputValue(), was, 'the standard text is back');
});

test('web/advanced: allowed sites and a rate limit save, reset; the e-ID secret is not shown', async () => {
  const tag = 'console-advanced-page';
  await go('#/web/advanced', 'Logins per IP address per hour');
  await axeInEveryView(page, 'web/advanced');
  await page.getByLabel('New site').fill('https://www.demo-klinikk.no');
  await page.getByRole('button', { name: 'Add site' }).click();
  await page.getByRole('button', { name: 'Remove https://www.demo-klinikk.no' }).waitFor({ timeout: WAIT_MS });
  await form(tag, 1).getByRole('button', { name: 'Reset' }).click();
  assert.equal(await page.getByRole('button', { name: 'Remove https://www.demo-klinikk.no' }).count(), 0, 'reset');
  await page.getByLabel('New site').fill('https://www.demo-klinikk.no');
  await page.getByLabel('New site').press('Enter');
  await form(tag, 1).getByRole('button', { name: 'Save' }).click();
  await saved(tag, 1);
  await page.getByLabel('Logins per IP address per hour').fill('42');
  await form(tag, 3).getByRole('button', { name: 'Save' }).click();
  await saved(tag, 3);
  assert.match(await page.locator(`${tag} [data-secret-state]`).innerText(), /No client secret is stored/);
  await restoreDialogAxe(tag, 'web/advanced', 2);
  await go('#/web/advanced', 'Logins per IP address per hour');
  assert.equal(await page.getByLabel('Logins per IP address per hour').inputValue(), '42', 'saved on the server');
  await page.getByRole('button', { name: 'Remove https://www.demo-klinikk.no' }).waitFor({ timeout: WAIT_MS });
});
