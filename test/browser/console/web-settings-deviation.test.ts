import type { PreviewDraft } from '../../../widget/console/preview/preview-draft.ts';
import { $, $$, assert, assertEqual, axeCheck, button, closeConsole, mockAdminApi, openPage, requests, typeInto, waitFor } from './support/console-harness.ts';
import { orgTexts, section, settled } from './web-settings-fixtures.ts';

afterEach(() => closeConsole());

describe('console: web/deviation (msw)', () => {
  it('loads, previews the text with its switch drafted on, saves only the deviation texts, resets, restores', async () => {
    const api = section('texts', orgTexts, { ...orgTexts, deviation: { maintenance: 'Standard', newBookingDisabled: 'Standard', notPublished: 'Standard' } });
    api.state.loadFails = 1;
    await mockAdminApi(api.handlers);
    const page = await openPage('#/web/deviation', 'console-deviation-page');
    (await waitFor(() => $<HTMLButtonElement>(page, '[data-action="retry"]'), 'retry after a failed load')).click();
    const maintenance = await waitFor(() => $<HTMLTextAreaElement>(page, '#f-deviation-maintenance'), 'maintenance text');
    assertEqual(maintenance.value, 'Vedlikehold pågår.');
    await axeCheck('web/deviation');

    typeInto(maintenance, 'Stengt for oppgradering.');
    const preview = $<HTMLElement & { draft: PreviewDraft }>(page, 'console-preview')!;
    await settled(page);
    assertEqual(preview.draft.organization?.texts?.deviation?.maintenance, 'Stengt for oppgradering.', 'the draft text goes to the preview');
    assertEqual(preview.draft.organization?.settings?.flexibility?.maintenanceMode, true, 'with maintenance drafted on');
    $<HTMLInputElement>(page, '#show-notPublished')!.click();
    await settled(page);
    assertEqual(preview.draft.organization?.settings?.flexibility?.published, false, 'not published drafted for its text');

    (await button(page, 'Reset')).click();
    await settled(page);
    assertEqual($<HTMLTextAreaElement>(page, '#f-deviation-maintenance')!.value, 'Vedlikehold pågår.');

    typeInto($<HTMLTextAreaElement>(page, '#f-deviation-newBookingDisabled')!, 'Ring 22 00 00 00.');
    api.state.fail = { path: 'deviation.newBookingDisabled', message: 'Too long' };
    (await button(page, 'Save')).click();
    await waitFor(() => $(page, '.save-failure'), 'failure');
    assertEqual($<HTMLTextAreaElement>(page, '#f-deviation-newBookingDisabled')!.value, 'Ring 22 00 00 00.', 'kept');
    assertEqual($<HTMLTextAreaElement>(page, '#f-deviation-newBookingDisabled')!.getAttribute('aria-invalid'), 'true');
    await axeCheck('web/deviation after a failed save');
    (await button(page, 'Save')).click();
    await waitFor(() => api.state.value.deviation.newBookingDisabled === 'Ring 22 00 00 00.', 'saved');
    const patch = requests.filter((r) => r.method === 'PATCH').at(-1)!;
    assertEqual(Object.keys(patch.body as object).join(), 'deviation', 'only the deviation texts are sent');

    (await button(page, 'Restore standard texts')).click();
    const dialog = await waitFor(() => $$<HTMLDialogElement>(page, 'dialog').find((d) => d.open), 'dialog');
    await axeCheck('web/deviation restore dialog');
    dialog.querySelector<HTMLButtonElement>('[data-action="confirm-restore"]')!.click();
    await waitFor(() => $<HTMLTextAreaElement>(page, '#f-deviation-maintenance')!.value === 'Standard', 'restored');
    assert(requests.some((r) => r.method === 'DELETE' && r.path === '/settings/texts'), 'DELETE sent');
  });
});
