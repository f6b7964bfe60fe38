import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { WAIT_MS, loggedInPage, startConsoleWorld, type ConsoleWorld } from './support/console.ts';

// Issue 10's required end-to-end: change the welcome text and the step order, see the live
// preview change before saving, save, and see both on the hosted page in a second tab.
let world: ConsoleWorld;
before(async () => { world = await startConsoleWorld(); });
after(async () => { await world?.close(); });

/** The widget in the console's preview frame (CSS locators pierce the open shadow roots). */
const previewWidget = (page: Page) => page.locator('console-preview iframe').contentFrame().locator('opus-booking');

async function firstStep(widget: ReturnType<typeof previewWidget>): Promise<string | null> {
  return widget.locator('[part="step"]').first().getAttribute('data-step', { timeout: WAIT_MS });
}

test('welcome text and step order: the preview shows them before saving; the hosted page after', async () => {
  const page = await loggedInPage(world, { hash: '#/web/media' });
  const welcome = page.getByLabel('Welcome text');
  await welcome.waitFor({ timeout: WAIT_MS });
  const widget = previewWidget(page);
  await widget.locator('[part="welcome"]').filter({ hasText: 'Velkommen til Demo Tannklinikk' }).waitFor({ timeout: WAIT_MS });

  const text = 'Hjertelig velkommen! Bestill time på nett døgnet rundt.';
  await welcome.fill(text);
  await widget.locator('[part="welcome"]').filter({ hasText: text }).waitFor({ timeout: WAIT_MS });
  // At phone width too: the same unsaved text in a narrow frame.
  await page.locator('console-preview').getByRole('button', { name: 'Phone' }).click();
  assert.equal(await page.locator('console-preview iframe').evaluate((frame) => Math.round(frame.getBoundingClientRect().width)), 390);
  await widget.locator('[part="welcome"]').filter({ hasText: text }).waitFor({ timeout: WAIT_MS });
  await page.locator('console-preview').getByRole('button', { name: 'Desktop' }).click();
  await page.locator('console-media-page form').first().getByRole('button', { name: 'Save' }).click();
  await page.locator('console-media-page form').first().getByText('Saved.', { exact: true }).waitFor({ timeout: WAIT_MS });

  await page.evaluate(() => { location.hash = '#/web/flexibility'; });
  const firstTreatment = page.getByRole('group', { name: 'First step' }).getByLabel('Treatment');
  await firstTreatment.waitFor({ timeout: WAIT_MS });
  await widget.locator('[part="step"][data-step="clinic"]').waitFor({ timeout: WAIT_MS });
  const groups = ['First step', 'Second step', 'Third step'].map((name) => page.getByRole('group', { name }));
  const treatmentWas = (await Promise.all(groups.map((g) => g.getByLabel('Treatment').isChecked()))).indexOf(true);
  assert.ok(treatmentWas > 0, 'the demo does not start with the treatment');
  await firstTreatment.check();
  // The clinic moved to where the treatment was: the order stays valid.
  assert.equal(await groups[treatmentWas]!.getByLabel('Clinic').isChecked(), true);
  await widget.locator('[part="step"][data-step="treatment"]').waitFor({ timeout: WAIT_MS });
  assert.equal(await firstStep(widget), 'treatment', 'the preview starts with the treatment before saving');
  const stepsForm = page.locator('console-flexibility-page form').nth(2);
  await stepsForm.getByRole('button', { name: 'Save' }).click();
  await stepsForm.getByText('Saved.', { exact: true }).waitFor({ timeout: WAIT_MS });

  const hosted = await page.context().newPage();
  await hosted.goto(`${world.url}/o/demo/`);
  const booking = hosted.locator('opus-booking');
  await booking.locator('[part="welcome"]').filter({ hasText: text }).waitFor({ timeout: WAIT_MS });
  await booking.locator('[part="step"][data-step="treatment"]').waitFor({ timeout: WAIT_MS });
  assert.equal(await booking.locator('[part="step"]').first().getAttribute('data-step'), 'treatment', 'the hosted page starts with the treatment');
  await page.context().close();
});
