import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { WAIT_MS, axeInEveryView, loggedInPage, startConsoleWorld, type ConsoleWorld } from './support/console.ts';

// The catalog pages of the web settings (issue 10.4) against the real server and the demo data:
// clinics (text, order, dialog), providers (title, photo), treatments, schedules (weekly hours,
// a closed day in the calendar); each change is seen again after a reload; axe in every view.
let world: ConsoleWorld;
let page: Page;
before(async () => {
  world = await startConsoleWorld();
  page = await loggedInPage(world, { hash: '#/web/clinics' });
});
after(async () => { await world?.close(); });

/** A 1 × 1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const section = (heading: string | RegExp) => page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: heading }) });
const go = async (hash: string, heading: string) => {
  await page.goto(`${world.url}/admin/${hash}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: WAIT_MS });
};

test('web/clinics: a clinic text saved, reset, the order changed by the arrows; the dialog', async () => {
  const clinic = section('Clinic: Oslo Sentrum');
  await clinic.getByLabel('Name', { exact: true }).waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, 'web/clinics');

  await clinic.getByLabel(/has its own text/).check();
  await clinic.getByLabel('Text heading').fill('Velkommen til Sentrum');
  await clinic.getByLabel('Text', { exact: true }).fill('Heis fra gaten.');
  await clinic.getByRole('button', { name: 'Save' }).click();
  await clinic.getByText('Saved.', { exact: true }).waitFor({ timeout: WAIT_MS });

  await clinic.getByLabel('Name', { exact: true }).fill('Sentrum (ny)');
  // The live preview's widget shows the unsaved name in its clinic step.
  await page.frameLocator('console-preview iframe').getByText('Sentrum (ny)').first().waitFor({ timeout: WAIT_MS });
  await clinic.getByRole('button', { name: 'Reset' }).click();
  assert.equal(await clinic.getByLabel('Name', { exact: true }).inputValue(), 'Oslo Sentrum', 'Reset undoes the unsaved name');

  const order = section('Clinics and their order');
  await order.getByRole('button', { name: 'Move Bryggen up' }).click();
  await order.getByRole('button', { name: 'Save' }).click();
  await order.getByText('Saved.', { exact: true }).waitFor({ timeout: WAIT_MS });

  await page.reload();
  await section('Clinic: Oslo Sentrum').getByLabel('Text heading').waitFor({ timeout: WAIT_MS });
  assert.equal(await section('Clinic: Oslo Sentrum').getByLabel('Text heading').inputValue(), 'Velkommen til Sentrum', 'the text is saved');
  const rows = await section('Clinics and their order').locator('tbody th[scope="row"]').allInnerTexts();
  assert.deepEqual(rows, ['Oslo Sentrum', 'Bryggen', 'Majorstuen'], 'the order is saved');

  await page.getByRole('button', { name: 'New clinic' }).click();
  const dialog = page.getByRole('dialog', { name: 'New clinic' });
  await dialog.waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, 'web/clinics new clinic dialog');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden', timeout: WAIT_MS });
});

test('web/providers: title saved, a too large photo refused, a photo uploaded; the dialog', async () => {
  await go('#/web/providers', 'Providers');
  const edit = page.getByRole('link', { name: 'Edit Kari Nordmann' });
  await page.getByRole('heading', { level: 2, name: /^Provider: / }).waitFor({ timeout: WAIT_MS });
  if (await edit.count()) await edit.click();
  const details = section('Provider: Kari Nordmann');
  await details.getByLabel('Title', { exact: true }).waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, 'web/providers');
  await details.getByLabel('Title', { exact: true }).fill('Spesialist i estetikk');
  await details.getByRole('button', { name: 'Save' }).click();
  await details.getByText('Saved.', { exact: true }).waitFor({ timeout: WAIT_MS });

  const photo = section('Photo');
  await photo.getByLabel('Choose a photo').setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: Buffer.alloc(40 * 1024) });
  await photo.getByText(/at most 25 KB is allowed/).waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, 'web/providers with a refused photo');
  await photo.getByLabel('Choose a photo').setInputFiles({ name: 'kari.png', mimeType: 'image/png', buffer: PNG });
  await photo.getByRole('img', { name: /Chosen photo of Kari Nordmann/ }).waitFor({ timeout: WAIT_MS });
  await photo.getByRole('button', { name: 'Upload photo' }).click();
  await photo.getByRole('img', { name: /Chosen photo/ }).waitFor({ state: 'detached', timeout: WAIT_MS });
  await photo.getByText('A photo is stored (image/png).').waitFor({ timeout: WAIT_MS });
  // The stored photo is the one uploaded (served by the public API where Kari consented).
  const stored = photo.getByRole('img', { name: 'Stored photo of Kari Nordmann' });
  await stored.waitFor({ timeout: WAIT_MS });
  const served = await page.request.get((await stored.getAttribute('src'))!);
  assert.deepEqual(Buffer.from(await served.body()), PNG, 'the uploaded bytes are served');

  await page.reload();
  await section('Provider: Kari Nordmann').getByLabel('Title', { exact: true }).waitFor({ timeout: WAIT_MS });
  assert.equal(await section('Provider: Kari Nordmann').getByLabel('Title', { exact: true }).inputValue(), 'Spesialist i estetikk', 'the title is saved');

  await page.getByRole('button', { name: 'New provider' }).click();
  await page.getByRole('dialog', { name: 'New provider' }).waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, 'web/providers new provider dialog');
  await page.getByRole('dialog', { name: 'New provider' }).getByRole('button', { name: 'Close' }).click();
});

test('web/treatments: duration and text saved, reset; the dialog', async () => {
  await go('#/web/treatments', 'Treatments');
  const details = section('Treatment: Undersøkelse');
  await details.getByLabel('Duration (minutes)').waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, 'web/treatments');
  await details.getByLabel('Duration (minutes)').fill('40');
  await details.getByLabel('Description for patients').fill('Kontroll og røntgen.');
  await details.getByRole('button', { name: 'Save' }).click();
  await details.getByText('Saved.', { exact: true }).waitFor({ timeout: WAIT_MS });
  await details.getByLabel('Name', { exact: true }).fill('Undersøkelse X');
  // The preview opens at a clinic offering it: its treatment step shows the unsaved name.
  await page.frameLocator('console-preview iframe').getByText('Undersøkelse X').first().waitFor({ timeout: WAIT_MS });
  await details.getByRole('button', { name: 'Reset' }).click();
  assert.equal(await details.getByLabel('Name', { exact: true }).inputValue(), 'Undersøkelse');

  await page.reload();
  await section('Treatment: Undersøkelse').getByLabel('Duration (minutes)').waitFor({ timeout: WAIT_MS });
  assert.equal(await section('Treatment: Undersøkelse').getByLabel('Duration (minutes)').inputValue(), '40', 'the duration is saved');

  await page.getByRole('button', { name: 'New treatment' }).click();
  await page.getByRole('dialog', { name: 'New treatment' }).waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, 'web/treatments new treatment dialog');
  await page.getByRole('dialog', { name: 'New treatment' }).getByRole('button', { name: 'Close' }).click();
});

test('web/schedules: Saturday hours and a closed day next month, seen again after a reload', async () => {
  await go('#/web/schedules', 'Schedules');
  await page.getByLabel('Provider').selectOption({ label: 'Kari Nordmann' });
  await page.getByRole('button', { name: 'Show schedule' }).click();
  const hours = section('Weekly working hours');
  await hours.getByRole('button', { name: 'Add hours on Saturday' }).waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, 'web/schedules');

  await hours.getByRole('button', { name: 'Add hours on Saturday' }).click();
  const saturday = hours.getByRole('group', { name: 'Saturday' });
  await saturday.getByLabel('From').fill('10:00');
  await saturday.getByLabel('To').fill('14:00');
  await hours.getByRole('button', { name: 'Save' }).click();
  await hours.getByText('Saved.', { exact: true }).waitFor({ timeout: WAIT_MS });

  const calendar = section('Closed days');
  await calendar.getByRole('button', { name: /Next month/ }).click();
  const now = new Date();
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 15));
  const date = next.toISOString().slice(0, 10);
  const day = calendar.locator(`button[data-date="${date}"]`);
  await day.waitFor({ timeout: WAIT_MS });
  await day.focus();
  await page.keyboard.press('Enter');
  await calendar.locator(`button[data-date="${date}"][aria-label*="closed all day"]`).waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, 'web/schedules with a closed day');

  await page.reload();
  await section('Weekly working hours').getByRole('group', { name: 'Saturday' }).getByLabel('From').waitFor({ timeout: WAIT_MS });
  assert.equal(await section('Weekly working hours').getByRole('group', { name: 'Saturday' }).getByLabel('From').inputValue(), '10:00', 'Saturday is saved');
  const again = section('Closed days').locator(`button[data-date="${date}"]`);
  await again.waitFor({ timeout: WAIT_MS });
  assert.match((await again.getAttribute('aria-label')) ?? '', /closed all day/, 'the closed day is saved');
});
