import { http, HttpResponse } from 'msw';
import type { PreviewDraft } from '../../../widget/console/preview/preview-draft.ts';
import { contrastWithWhite } from '../../../widget/console/pages/web/media-colour.ts';
import { $, $$, ADMIN, assert, assertEqual, axeCheck, closeConsole, mockAdminApi, openPage, problem, requests, typeInto, waitFor } from './support/console-harness.ts';
import { orgTexts, section, settled, theme } from './web-settings-fixtures.ts';

afterEach(() => closeConsole());

/** A 1 × 1 PNG. */
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='), (c) => c.charCodeAt(0));

function choose(input: HTMLInputElement, file: File): void {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

async function open() {
  const textsApi = section('texts', orgTexts, { ...orgTexts, welcome: 'Standard velkomst' });
  const themeApi = section('theme', theme, { ...theme, primaryColor: '#005f73' });
  let logoFails = 1;
  await mockAdminApi([...textsApi.handlers, ...themeApi.handlers,
    http.put(`${ADMIN}/settings/logo`, () => {
      if (logoFails-- > 0) return problem(413, 'payload_too_large', 'Too large');
      themeApi.state.value = { ...themeApi.state.value, logoUrl: '/media/logo.png' };
      return HttpResponse.json(themeApi.state.value);
    }),
    http.delete(`${ADMIN}/settings/logo`, () => {
      themeApi.state.value = { ...themeApi.state.value, logoUrl: null };
      return HttpResponse.json(themeApi.state.value);
    }),
  ]);
  const page = await openPage('#/web/media', 'console-media-page');
  await waitFor(() => $<HTMLTextAreaElement>(page, '#f-welcome'), 'welcome');
  return { page, textsApi, themeApi };
}

const formButton = (page: HTMLElement, form: number, text: string) => [...$$<HTMLFormElement>(page, 'form')[form]!.querySelectorAll('button')].find((b) => b.textContent?.trim() === text)!;

describe('console: web/media (msw)', () => {
  it('texts: the preview shows the draft, save sends only the media texts, reset, a failed save keeps them, restore', async () => {
    const { page, textsApi } = await open();
    assertEqual($<HTMLTextAreaElement>(page, '#f-welcome')!.value, 'Velkommen til Acme!');
    await axeCheck('web/media');
    const preview = $<HTMLElement & { draft: PreviewDraft }>(page, 'console-preview')!;

    typeInto($<HTMLTextAreaElement>(page, '#f-welcome')!, 'Hjertelig velkommen!');
    await settled(page);
    assertEqual(preview.draft.organization?.texts?.welcome, 'Hjertelig velkommen!', 'the preview gets the unsaved welcome text');
    formButton(page, 0, 'Reset').click();
    await settled(page);
    assertEqual($<HTMLTextAreaElement>(page, '#f-welcome')!.value, 'Velkommen til Acme!');

    typeInto($<HTMLTextAreaElement>(page, '#f-welcome')!, 'Hjertelig velkommen!');
    typeInto($<HTMLInputElement>(page, '#f-defaultClinicText-heading')!, 'Klinikken');
    textsApi.state.fail = { path: 'defaultClinicText.heading', message: 'Too long' };
    formButton(page, 0, 'Save').click();
    await waitFor(() => $(page, '.save-failure'), 'failure');
    assertEqual($<HTMLTextAreaElement>(page, '#f-welcome')!.value, 'Hjertelig velkommen!', 'kept');
    assertEqual($<HTMLInputElement>(page, '#f-defaultClinicText-heading')!.getAttribute('aria-invalid'), 'true');
    await axeCheck('web/media after a failed save');
    formButton(page, 0, 'Save').click();
    await waitFor(() => textsApi.state.value.welcome === 'Hjertelig velkommen!', 'saved');
    const patch = requests.filter((r) => r.method === 'PATCH' && r.path === '/settings/texts').at(-1)!;
    assertEqual(Object.keys(patch.body as object).sort().join(), 'defaultClinicText,patientInfo,welcome', 'the deviation texts are not sent');

    $$<HTMLButtonElement>(page, 'button').find((b) => b.textContent?.trim() === 'Restore standard texts')!.click();
    const dialog = await waitFor(() => $$<HTMLDialogElement>(page, 'dialog').find((d) => d.open), 'dialog');
    await axeCheck('web/media restore dialog');
    dialog.querySelector<HTMLButtonElement>('[data-action="confirm-restore"]')!.click();
    await waitFor(() => $<HTMLTextAreaElement>(page, '#f-welcome')!.value === 'Standard velkomst', 'restored');
  });

  it('colours: hex and picker together, a contrast warning, saved as a patch', async () => {
    const { page, themeApi } = await open();
    assert(contrastWithWhite('#1a6b8f') > 4.5 && contrastWithWhite('#ffcc00') < 2, 'the contrast ratio');
    const hex = $<HTMLInputElement>(page, '#f-primaryColor')!;
    assertEqual(hex.value, '#1a6b8f');
    typeInto(hex, '#ffcc00');
    await settled(page);
    assert($(page, '#f-primaryColor-contrast')!.textContent!.includes('below the 4.5:1'), 'warns about low contrast in words');
    assertEqual($<HTMLInputElement>(page, 'input[type="color"]')!.value, '#ffcc00', 'the picker follows the hex field');
    await axeCheck('web/media with a contrast warning');
    typeInto(hex, '#0b4f6c');
    formButton(page, 1, 'Save').click();
    await waitFor(() => themeApi.state.value.primaryColor === '#0b4f6c', 'saved');
    const patch = requests.filter((r) => r.method === 'PATCH' && r.path === '/settings/theme').at(-1)!;
    assertEqual(JSON.stringify(patch.body), JSON.stringify({ primaryColor: '#0b4f6c', accentColor: '#c2410c' }));
  });

  it('logo: too large refused before upload, a preview before uploading, a failed upload keeps it, then upload and remove', async () => {
    const { page, themeApi } = await open();
    const input = $<HTMLInputElement>(page, '#f-logo')!;
    choose(input, new File([new Uint8Array(41 * 1024)], 'big.png', { type: 'image/png' }));
    await waitFor(() => $(page, '#f-logo-error')?.textContent?.includes('at most 40 KB'), 'too large');
    assertEqual(input.getAttribute('aria-invalid'), 'true');
    choose(input, new File([PNG], 'logo.png', { type: 'image/png' }));
    const pending = await waitFor(() => $<HTMLImageElement>(page, 'img[data-pending]'), 'the preview of the new logo');
    assert(pending.src.startsWith('data:image/png;base64,'), 'shown from the file');
    await axeCheck('web/media with a logo chosen');
    $<HTMLButtonElement>(page, '[data-action="upload-logo"]')!.click();
    await waitFor(() => $(page, '#f-logo-error')?.textContent?.includes('too large'), 'the failure in words');
    assert($(page, 'img[data-pending]'), 'the chosen logo is kept');
    $<HTMLButtonElement>(page, '[data-action="upload-logo"]')!.click();
    await waitFor(() => themeApi.state.value.logoUrl === '/media/logo.png', 'uploaded');
    const put = requests.filter((r) => r.method === 'PUT' && r.path === '/settings/logo').at(-1)!;
    assertEqual((put.body as { data: string }).data, btoa(String.fromCharCode(...PNG)));
    await waitFor(() => $<HTMLImageElement>(page, 'img.logo:not([data-pending])')?.getAttribute('src') === '/media/logo.png', 'the logo now');
    $<HTMLButtonElement>(page, '[data-action="remove-logo"]')!.click();
    await waitFor(() => $(page, '.card')!.parentElement!.textContent!.includes('No logo is uploaded.'), 'removed');
  });
});
