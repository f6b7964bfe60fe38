import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { WAIT_MS, axeInEveryView, loggedInPage, startConsoleWorld, type ConsoleWorld } from './support/console.ts';

// The patients pages against the real server and the demo data (issue 10.3): search the demo
// patient, open their page, edit wants-SMS and the recall date (a reload shows it), the recall
// search, pending changes from online bookings accepted and rejected; axe in every view.
let world: ConsoleWorld;
let page: Page;
before(async () => {
  world = await startConsoleWorld();
  page = await loggedInPage(world, { hash: '#/patients' });
});
after(async () => { await world?.close(); });

const DEMO_NATIONAL_ID = '13097248022';
const console$ = () => page.locator('opus-console');

/** The admin API on the logged-in page's own session (cookie and CSRF token), as the console calls it. */
async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
  return page.evaluate(async ({ method, path, body }) => {
    const { csrfToken } = JSON.parse(localStorage.getItem('opus-console-session')!) as { csrfToken: string };
    const response = await fetch(`/api/v1/admin/${path}`, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: body === undefined ? null : JSON.stringify(body) });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  }, { method, path, body });
}

/**
 * Two online bookings through the public API by the demo patient's national id with other
 * contact details (a new mobile, then a new e-mail): each leaves a pending change (B18).
 * The demo asks for an SMS code; the test turns the confirmation off first.
 */
async function bookWithOtherDetails(): Promise<void> {
  await admin('PATCH', 'settings/flexibility', { skipConfirmation: true });
  const api = `${world.url}/api/v1/organizations/demo`;
  const get = async (path: string) => (await fetch(`${api}/${path}`)).json();
  const { groups } = await get('clinics') as { groups: Array<{ clinics: Array<{ id: string; name: string }> }> };
  const bryggen = groups.flatMap((g) => g.clinics).find((c) => c.name === 'Bryggen')!;
  const { treatments } = await get(`treatments?clinicId=${bryggen.id}`) as { treatments: Array<{ id: string; name: string }> };
  const treatment = treatments.find((t) => t.name === 'Undersøkelse')!;
  const today = new Date().toISOString().slice(0, 10);
  const to = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  const { slots } = await get(`slots?treatmentId=${treatment.id}&clinicId=${bryggen.id}&from=${today}&to=${to}`) as { slots: Array<{ start: string; providerId: string }> };
  assert.ok(slots.length >= 10, 'the demo has free times');
  const patients = [
    { firstName: 'Demo', lastName: 'Pasient', nationalId: DEMO_NATIONAL_ID, mobile: '+4798765432', email: 'demo.pasient@example.no' },
    { firstName: 'Demo', lastName: 'Pasient', nationalId: DEMO_NATIONAL_ID, mobile: '+4791234567', email: 'demo.ny@example.no' },
  ];
  for (const [i, patient] of patients.entries()) {
    const slot = slots[i * 5]!;
    const response = await fetch(`${api}/bookings`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ treatmentId: treatment.id, clinicId: bryggen.id, providerId: slot.providerId, start: slot.start, patient }),
    });
    assert.equal(response.status, 201, await response.text());
  }
}

test('patients: search the demo patient, open the page, edit wants-SMS and recall (saved on the server), Reset; the recall search', async () => {
  const search = console$().getByLabel('Name, national id, mobile or e-mail');
  await search.waitFor({ timeout: WAIT_MS });
  await console$().getByRole('link', { name: 'Pasient, Demo' }).waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, 'patients/search');

  await search.fill('pasient');
  await search.press('Enter');
  await page.waitForURL(/#\/patients\?q=pasient$/, { timeout: WAIT_MS });
  await console$().getByRole('link', { name: 'Pasient, Demo' }).waitFor({ timeout: WAIT_MS });

  await search.fill(DEMO_NATIONAL_ID);
  await console$().getByRole('button', { name: 'Search', exact: true }).click();
  await console$().getByText(`Patients matching “${DEMO_NATIONAL_ID}”`).waitFor({ timeout: WAIT_MS });
  assert.ok(!page.url().includes(DEMO_NATIONAL_ID), `the national id is not in the address: ${page.url()}`);
  assert.ok(!(await page.title()).includes(DEMO_NATIONAL_ID), 'nor in the title');

  await console$().getByRole('link', { name: 'Pasient, Demo' }).click();
  await console$().getByRole('heading', { level: 2, name: 'Demo Pasient' }).waitFor({ timeout: WAIT_MS });
  assert.match(page.url(), /#\/patients\/[0-9a-f-]{36}$/);
  assert.ok(!(await page.title()).includes('Demo Pasient'), 'the name is not in the title');
  assert.match(await console$().locator('dl').innerText(), new RegExp(DEMO_NATIONAL_ID));
  const appointments = console$().getByRole('table', { name: 'Appointments' });
  assert.ok(await appointments.locator('tbody tr').count() >= 10, 'the demo appointments are listed');
  const bookLink = await appointments.locator('tbody a').first().getAttribute('href');
  assert.match(bookLink ?? '', /^#\/book\?date=\d{4}-\d{2}-\d{2}$/);
  await axeInEveryView(page, 'patients/patient');

  const wantsSms = console$().getByLabel(/^Wants SMS/);
  const recall = console$().getByLabel('Next recall', { exact: true });
  const before = await wantsSms.isChecked();
  await wantsSms.setChecked(!before);
  await recall.fill('2027-03-15');
  await console$().getByRole('button', { name: 'Reset' }).click();
  assert.equal(await wantsSms.isChecked(), before, 'Reset undid the box');
  assert.equal(await recall.inputValue(), '', 'Reset undid the date');

  await wantsSms.setChecked(!before);
  await recall.fill('2027-03-15');
  await console$().getByRole('button', { name: 'Save' }).click();
  await console$().getByText('Saved.').first().waitFor({ timeout: WAIT_MS });
  await page.reload();
  await console$().getByRole('heading', { level: 2, name: 'Demo Pasient' }).waitFor({ timeout: WAIT_MS });
  assert.equal(await console$().getByLabel(/^Wants SMS/).isChecked(), !before, 'wants SMS saved on the server');
  assert.equal(await console$().getByLabel('Next recall', { exact: true }).inputValue(), '2027-03-15', 'the recall date saved on the server');

  await page.goto(`${world.url}/admin/#/patients?view=recall&from=2027-03-01&to=2027-03-31`);
  await console$().getByRole('table', { name: /Recall due/ }).getByRole('link', { name: 'Pasient, Demo' }).waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, 'patients/recall');
});

test('pending changes from online bookings: reject one on the list, accept one on the patient\'s page (the record changes)', async () => {
  await page.goto(`${world.url}/admin/#/patients/pending`);
  await console$().getByText('No changed details are waiting for a decision.').waitFor({ timeout: WAIT_MS });
  await axeInEveryView(page, 'patients/pending, empty');

  await bookWithOtherDetails();
  await page.reload();
  const table = console$().getByRole('table', { name: /Changed details/ });
  await table.locator('tbody tr').nth(1).waitFor({ timeout: WAIT_MS });
  assert.equal(await table.locator('tbody tr').count(), 2);
  await axeInEveryView(page, 'patients/pending');

  const emailRow = table.locator('tbody tr').filter({ hasText: 'demo.ny@example.no' });
  await emailRow.getByRole('button', { name: 'Reject' }).click();
  await emailRow.getByText('Rejected').waitFor({ timeout: WAIT_MS });

  await table.locator('tbody tr').filter({ hasText: '+4798765432' }).getByRole('link', { name: 'Demo Pasient' }).click();
  await console$().getByRole('heading', { level: 2, name: 'Demo Pasient' }).waitFor({ timeout: WAIT_MS });
  const pending = console$().getByRole('table', { name: 'Pending changes' });
  await pending.getByText('Mobile: +4791234567 → +4798765432').waitFor({ timeout: WAIT_MS });
  assert.equal(await pending.locator('tbody tr').count(), 1, 'the rejected one is no longer pending');
  await axeInEveryView(page, 'patients/patient with a pending change');
  await pending.getByRole('button', { name: 'Accept' }).click();
  await pending.getByText('Accepted').waitFor({ timeout: WAIT_MS });
  await console$().locator('dl').getByText('+4798765432').waitFor({ timeout: WAIT_MS });

  await page.reload();
  await console$().getByText('No changed details are waiting for a decision.').waitFor({ timeout: WAIT_MS });
  assert.match(await console$().locator('dl').innerText(), /\+4798765432/, 'the accepted mobile is on the record');
  await console$().getByRole('table', { name: 'Journal' }).getByText('Changed details accepted').waitFor({ timeout: WAIT_MS });
  await console$().getByRole('table', { name: 'Journal' }).getByText('Changed details rejected').waitFor({ timeout: WAIT_MS });
});
