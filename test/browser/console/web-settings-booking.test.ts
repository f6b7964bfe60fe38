import type { BookingSettings } from '../../../sdk/schemas/organization.ts';
import { $, $$, assert, assertEqual, axeCheck, button, closeConsole, mockAdminApi, openPage, requests, typeInto, waitFor } from './support/console-harness.ts';
import { booking, section, settled } from './web-settings-fixtures.ts';

afterEach(() => closeConsole());

async function open(loadFails = 0) {
  const api = section('booking', booking, { ...booking, cutoffHours: 0 });
  api.state.loadFails = loadFails;
  await mockAdminApi(api.handlers);
  const page = await openPage('#/web/booking', 'console-booking-settings-page');
  return { page, api };
}

describe('console: web/booking (msw)', () => {
  it('loads, saves with the body asserted, resets, restores standard values', async () => {
    const { page, api } = await open();
    const cutoff = await waitFor(() => $<HTMLInputElement>(page, '#f-cutoffHours'), 'cutoff');
    assertEqual(cutoff.value, '24');
    assert($(page, 'console-preview'), 'the live preview');
    await axeCheck('web/booking');

    typeInto(cutoff, '48');
    (await button(page, 'Reset')).click();
    await settled(page);
    assertEqual($<HTMLInputElement>(page, '#f-cutoffHours')!.value, '24', 'reset');

    typeInto($<HTMLInputElement>(page, '#f-cutoffHours')!, '48');
    $<HTMLInputElement>(page, '#f-rebooking')!.click();
    (await button(page, 'Save')).click();
    await waitFor(() => api.state.value.cutoffHours === 48, 'saved');
    const put = requests.find((r) => r.method === 'PUT')!;
    assertEqual((put.body as BookingSettings).cutoffHours, 48, 'a number, not text');
    assertEqual((put.body as BookingSettings).rebooking, false);
    assertEqual((put.body as BookingSettings).horizonDays, 90);

    (await button(page, 'Restore standard values')).click();
    const dialog = await waitFor(() => $$<HTMLDialogElement>(page, 'dialog').find((d) => d.open), 'dialog');
    await axeCheck('web/booking restore dialog');
    // Cancel closes without a request.
    dialog.querySelector<HTMLButtonElement>('[data-action="cancel"]')!.click();
    await waitFor(() => !dialog.open, 'closed');
    assert(!requests.some((r) => r.method === 'DELETE'), 'cancel sends nothing');
    (await button(page, 'Restore standard values')).click();
    dialog.querySelector<HTMLButtonElement>('[data-action="confirm-restore"]')!.click();
    await waitFor(() => $<HTMLInputElement>(page, '#f-cutoffHours')!.value === '0', 'standard values shown');
  });

  it('a failed save keeps the values typed and marks the field', async () => {
    const { page, api } = await open();
    const slot = await waitFor(() => $<HTMLInputElement>(page, '#f-slotStepMinutes'), 'slot step');
    typeInto(slot, '7');
    api.state.fail = { path: 'slotStepMinutes', message: 'Choose a step that divides an hour' };
    (await button(page, 'Save')).click();
    await waitFor(() => $(page, '.save-failure'), 'failure');
    assertEqual($<HTMLInputElement>(page, '#f-slotStepMinutes')!.value, '7', 'kept');
    assertEqual($<HTMLInputElement>(page, '#f-slotStepMinutes')!.getAttribute('aria-invalid'), 'true');
    await axeCheck('web/booking after a failed save');
    api.state.fail = 'network';
    typeInto($<HTMLInputElement>(page, '#f-slotStepMinutes')!, '10');
    (await button(page, 'Save')).click();
    await waitFor(() => $(page, '.save-failure')?.textContent?.includes('could not be reached'), 'network failure');
    assertEqual($<HTMLInputElement>(page, '#f-slotStepMinutes')!.value, '10', 'kept after a network error');
  });

  it('a failed load retries', async () => {
    const { page } = await open(1);
    (await waitFor(() => $<HTMLButtonElement>(page, '[data-action="retry"]'), 'retry')).click();
    await waitFor(() => $<HTMLInputElement>(page, '#f-cutoffHours'), 'loaded');
  });
});
