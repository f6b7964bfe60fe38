import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { OWNER_EMAIL, OWNER_PASSWORD, WAIT_MS, axeInEveryView, login, startConsoleWorld, type ConsoleWorld } from './support/console.ts';

// The day's book (issue 10.2) against the real server on the demo data (Europe/Oslo): the demo's
// appointments, a staff appointment booked through the dialog whose time then is gone from the
// hosted widget's free times, move, attended, cancel; axe at 1024/1440 px, light and dark, on the
// page and with each dialog open. One server, one login.
let world: ConsoleWorld;
before(async () => { world = await startConsoleWorld(); });
after(async () => { await world?.close(); });

const ZONE = 'Europe/Oslo';
/** Each step's wait: WAIT_MS three times over, as six engineers share two cores (a login's password hashing alone can take half a minute). */
const WAIT = WAIT_MS * 3;
const osloDate = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(iso));
const osloClock = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

/** The open dialog of the book (`console-book-<kind>-dialog`). */
const dialog = (page: Page, kind: string): Locator => page.locator(`console-book-${kind}-dialog dialog[open]`);

/** The row of the book whose text matches. */
const row = (page: Page, text: string | RegExp): Locator => page.locator('console-book-page tbody tr').filter({ hasText: text });

test('the book: the demo\'s appointments, a staff booking that leaves the widget\'s free times, move, attended, cancel', { timeout: 600_000 }, async () => {
  const page = await (await world.context()).newPage();
  page.setDefaultTimeout(WAIT);
  await page.goto(`${world.url}/admin/`);
  await login(page, { email: OWNER_EMAIL, password: OWNER_PASSWORD });
  await page.locator('opus-console header').waitFor({ timeout: WAIT * 2 });
  await page.getByRole('heading', { level: 1, name: 'Appointment book' }).waitFor({ timeout: WAIT });
  await page.locator('console-book-page h2.range').waitFor({ timeout: WAIT });
  assert.match(page.url(), /\/admin\/#\/book$/, 'the login at /admin/ lands on the book');

  // Tomorrow: the demo books Kari at 09:00 and Ola at 13:00 at Oslo Sentrum, and Lars at 09:00 at Bryggen.
  await page.getByRole('button', { name: /Next day/ }).click();
  await row(page, 'Ola Hansen').waitFor({ timeout: WAIT });
  assert.match(page.url(), /#\/book\?date=\d{4}-\d{2}-\d{2}&view=day/, 'the day is in the address');
  assert.equal(await row(page, 'Demo Pasient').count(), 3);
  const ola = await row(page, 'Ola Hansen').innerText();
  for (const text of ['13:00', 'Demo Pasient', 'Undersøkelse', 'Oslo Sentrum', 'Booked', 'Booked by staff']) assert.ok(ola.includes(text), `Ola's row shows ${text}: ${ola}`);
  assert.match(ola, /SMS 1: |Reminders off/, 'the reminders in words');
  await axeInEveryView(page, 'book, day');

  await page.getByRole('radio', { name: 'Week' }).check();
  await page.locator('console-book-page section.day h3').nth(6).waitFor({ timeout: WAIT });
  assert.match(page.url(), /view=week/);
  assert.ok(await row(page, 'Lars Vik').count() >= 3, 'the week shows the demo\'s appointments');
  await axeInEveryView(page, 'book, week');
  await page.goBack();
  await page.waitForFunction(() => location.hash.includes('view=day'), undefined, { timeout: WAIT });
  await page.locator('console-book-page section.day h3').first().waitFor({ state: 'detached', timeout: WAIT });
  await row(page, 'Ola Hansen').waitFor({ timeout: WAIT });

  // Book Lars Vik at Bryggen through the dialog: a new patient, the first free time.
  await page.getByRole('button', { name: 'New appointment' }).click();
  const create = dialog(page, 'create');
  await create.waitFor({ timeout: WAIT });
  await create.getByLabel('A new patient').check();
  await create.getByLabel('First name').fill('Siri');
  await create.getByRole('button', { name: 'Reset' }).click();
  await create.getByLabel('Find patient').waitFor({ timeout: WAIT });
  await create.getByLabel('A new patient').check();
  assert.equal(await create.getByLabel('First name').inputValue(), '', 'Reset undid the typing');
  await create.getByLabel('First name').fill('Siri');
  await create.getByLabel('Last name').fill('Bakken');
  await create.getByLabel('National identity number').fill('15058511126');
  await create.getByLabel('Clinic', { exact: true }).selectOption({ label: 'Bryggen' });
  await create.getByLabel('Provider', { exact: true }).selectOption({ label: 'Lars Vik' });
  await create.getByLabel('Treatment', { exact: true }).selectOption({ label: 'Undersøkelse (30 min)' });
  const firstSlot = create.locator('input[name="slot"]').first();
  await firstSlot.waitFor({ state: 'attached', timeout: WAIT });
  await axeInEveryView(page, 'book, create dialog');
  const start = (await firstSlot.getAttribute('value'))!;
  await create.locator('label.slot').first().click();
  await create.getByLabel('Send the patient a confirmation by SMS or e-mail').uncheck();
  await create.getByRole('button', { name: 'Save' }).click();
  await create.waitFor({ state: 'detached', timeout: WAIT });
  await page.locator('console-book-page .notice.success').filter({ hasText: 'Appointment booked for' }).waitFor({ timeout: WAIT });
  const date = osloDate(start);
  const clock = osloClock(start);

  // The hosted page in a second tab: that time is no longer among Lars Vik's free times that day.
  const widget = await page.context().newPage();
  widget.setDefaultTimeout(WAIT);
  await widget.goto(`${world.url}/o/demo/?locale=en`);
  await widget.getByRole('button', { name: /Bryggen/ }).click({ timeout: WAIT });
  await widget.getByRole('button', { name: /Undersøkelse/ }).click({ timeout: WAIT });
  await widget.getByRole('button', { name: /Lars Vik/ }).click({ timeout: WAIT });
  const day = widget.locator(`[data-day="${date}"]`);
  for (let week = 0; week < 4 && !(await day.isVisible()); week++) {
    await widget.locator('[part~="next-week"]').click();
    await widget.locator('[part~="day"]').first().waitFor({ timeout: WAIT });
  }
  await day.click({ timeout: WAIT });
  await widget.locator('[part~="time"]').first().waitFor({ timeout: WAIT });
  const heading = await widget.locator('#times-heading').innerText();
  const times = (await widget.locator('[part~="time"]').allInnerTexts()).map((text) => text.trim());
  assert.ok(times.length > 0, `free times are shown for ${date} (${heading})`);
  assert.ok(!times.includes(clock), `the booked ${clock} on ${date} is gone from the widget's free times: ${times.join(' ')}`);
  await widget.close();

  // The new appointment in the book on its day.
  await page.goto(`${world.url}/admin/#/book?date=${date}&view=day`);
  const siri = row(page, 'Siri Bakken');
  await siri.waitFor({ timeout: WAIT });
  assert.ok((await siri.innerText()).includes(clock), 'at the booked time');
  assert.ok((await siri.innerText()).includes('Lars Vik'), 'with Lars Vik');

  // Move to 15:00 that day (any time); the reload shows it.
  await siri.getByRole('button', { name: 'Move' }).click();
  const move = dialog(page, 'move');
  await move.waitFor({ timeout: WAIT });
  await axeInEveryView(page, 'book, move dialog');
  await move.getByLabel('Any time (staff only)').check();
  await move.getByLabel('Time (HH:MM)').fill('15:00');
  await move.getByRole('button', { name: 'Save' }).click();
  await move.waitFor({ state: 'detached', timeout: WAIT });
  await page.reload();
  await row(page, 'Siri Bakken').filter({ hasText: '15:00' }).waitFor({ timeout: WAIT });

  // Attended: pressed, and still after a reload.
  await row(page, 'Siri Bakken').getByRole('button', { name: 'Attended' }).click();
  await row(page, 'Siri Bakken').locator('[data-action="attended"][aria-pressed="true"]').waitFor({ timeout: WAIT });
  await page.reload();
  await row(page, 'Siri Bakken').locator('[data-action="attended"][aria-pressed="true"]').waitFor({ timeout: WAIT });
  assert.ok((await row(page, 'Siri Bakken').innerText()).includes('Attended'));

  // The reminder dialog, for axe (sending depends on the organization's SMS settings).
  await row(page, 'Siri Bakken').getByRole('button', { name: 'Send reminder' }).click();
  const remind = dialog(page, 'reminder');
  await remind.waitFor({ timeout: WAIT });
  await axeInEveryView(page, 'book, reminder dialog');
  await remind.getByRole('button', { name: 'Close' }).click();
  await remind.waitFor({ state: 'detached', timeout: WAIT });

  // Cancel: gone from the book; there as cancelled with "Show cancelled appointments".
  await row(page, 'Siri Bakken').getByRole('button', { name: 'Cancel' }).click();
  const cancel = dialog(page, 'cancel');
  await cancel.waitFor({ timeout: WAIT });
  await axeInEveryView(page, 'book, cancel dialog');
  await cancel.getByLabel('Reason (optional)').fill('Patient called');
  await cancel.getByRole('button', { name: 'Cancel appointment' }).click();
  await cancel.waitFor({ state: 'detached', timeout: WAIT });
  await row(page, 'Siri Bakken').waitFor({ state: 'detached', timeout: WAIT });
  await page.getByLabel('Show cancelled appointments').check();
  await row(page, 'Siri Bakken').filter({ hasText: 'Cancelled' }).waitFor({ timeout: WAIT });
  await page.reload();
  await row(page, 'Siri Bakken').filter({ hasText: 'Cancelled' }).waitFor({ timeout: WAIT });
  await page.context().close();
});
