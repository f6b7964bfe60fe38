import { http, HttpResponse } from 'msw';
import type { AdminClinic, AdminProvider, ProviderClinicsRequest, ProviderPatch } from '../../../sdk/schemas/catalog-admin.ts';
import { $, $$, ADMIN, assert, assertEqual, axeCheck, button, closeConsole, mockAdminApi, openPage, problem, requests, typeInto, waitFor } from './support/console-harness.ts';

const C1 = '00000000-0000-4000-8000-0000000000c1';
const C2 = '00000000-0000-4000-8000-0000000000c2';
const P1 = '00000000-0000-4000-8000-0000000000b1';
const P2 = '00000000-0000-4000-8000-0000000000b2';
/** A 1 × 1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const clinic = (id: string, name: string, order: number): AdminClinic => ({
  id, name, address: '', postalCode: '', city: 'Oslo', phone: '', group: null, order, timeZone: null, text: null, active: true,
});

function fixture() {
  const clinics = [clinic(C1, 'Sentrum', 1), clinic(C2, 'Majorstuen', 2)];
  const providers: AdminProvider[] = [
    { id: P1, name: 'Kari Nordmann', title: 'Tannlege', bio: 'Allmenn.', active: true, photoType: null, clinics: [{ clinicId: C1, order: 1, published: true, consentPhoto: true, consentTitle: true }] },
    { id: P2, name: 'Ola Hansen', title: 'Tannpleier', bio: '', active: true, photoType: null, clinics: [] },
  ];
  return { clinics, providers };
}

function choose(input: HTMLInputElement, file: File): void {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

afterEach(() => closeConsole());

describe('console: web/providers (msw)', () => {
  it('loads, saves title and text, resets; a failed save keeps the values and marks the field', async () => {
    const { clinics, providers } = fixture();
    let failNext = true;
    await mockAdminApi([
      http.get(`${ADMIN}/clinics`, () => HttpResponse.json({ clinics })),
      http.get(`${ADMIN}/providers`, () => HttpResponse.json({ providers })),
      http.patch(`${ADMIN}/providers/:id`, async ({ request }) => {
        if (failNext) {
          failNext = false;
          return problem(422, 'validation_failed', 'Validation failed', [{ path: 'title', message: 'Too long' }]);
        }
        Object.assign(providers[0]!, await request.json() as ProviderPatch);
        return HttpResponse.json(providers[0]);
      }),
    ]);
    const page = await openPage('#/web/providers', 'console-providers-page');
    const title = await waitFor(() => $<HTMLInputElement>(page, '#f-title'), 'title field');
    assertEqual(title.value, 'Tannlege');
    await axeCheck('web/providers');

    typeInto(title, 'Spesialist i periodonti');
    typeInto($<HTMLTextAreaElement>(page, '#f-bio')!, 'Behandler tannkjøttsykdommer.');
    const preview = $(page, 'console-preview') as HTMLElement & { draft: { items?: Record<string, Record<string, unknown>> } };
    await waitFor(() => preview.draft.items?.[P1]?.title === 'Spesialist i periodonti', 'the preview shows the drafted title (consent everywhere)');
    $$<HTMLButtonElement>(page, 'button[data-action="save"]')[0]!.click();
    await waitFor(() => $(page, '.save-failure'), 'the failure');
    assertEqual($<HTMLInputElement>(page, '#f-title')!.value, 'Spesialist i periodonti', 'the title typed is kept');
    assertEqual($<HTMLTextAreaElement>(page, '#f-bio')!.value, 'Behandler tannkjøttsykdommer.', 'the text typed is kept');
    assertEqual($<HTMLInputElement>(page, '#f-title')!.getAttribute('aria-invalid'), 'true');
    await axeCheck('web/providers after a failed save');

    $$<HTMLButtonElement>(page, 'button[data-action="save"]')[0]!.click();
    await waitFor(() => providers[0]!.title === 'Spesialist i periodonti', 'saved');
    const patch = requests.filter((r) => r.method === 'PATCH').at(-1)!;
    assertEqual(JSON.stringify(patch.body), JSON.stringify({ name: 'Kari Nordmann', title: 'Spesialist i periodonti', bio: 'Behandler tannkjøttsykdommer.' }));

    typeInto($<HTMLInputElement>(page, '#f-name')!, 'Kari N.');
    const reset = $$<HTMLButtonElement>(page, 'button[data-action="reset"]')[0]!;
    await waitFor(() => !reset.disabled, 'reset enabled');
    reset.click();
    await waitFor(() => $<HTMLInputElement>(page, '#f-name')!.value === 'Kari Nordmann', 'reset undoes the unsaved name');
  });

  it('a photo over 25 KB is refused before sending; a small one is previewed, then uploaded', async () => {
    const { clinics, providers } = fixture();
    await mockAdminApi([
      http.get(`${ADMIN}/clinics`, () => HttpResponse.json({ clinics })),
      http.get(`${ADMIN}/providers`, () => HttpResponse.json({ providers })),
      http.put(`${ADMIN}/providers/:id/photo`, () => HttpResponse.json({ ...providers[0]!, photoType: 'image/png' })),
    ]);
    const page = await openPage('#/web/providers', 'console-providers-page');
    const input = await waitFor(() => $<HTMLInputElement>(page, '#photo-file'), 'photo input');
    assert($(page, '#photo-hint')!.textContent!.includes('25 KB'), 'the limit is explained');
    choose(input, new File([new Uint8Array(30 * 1024)], 'big.png', { type: 'image/png' }));
    const error = await waitFor(() => $(page, '#photo-error'), 'the refusal');
    assert(error.textContent!.includes('30 KB') && error.textContent!.includes('at most 25 KB'), `says why: ${error.textContent}`);
    assertEqual(input.getAttribute('aria-invalid'), 'true');
    assert(input.getAttribute('aria-describedby')!.includes('photo-error'), 'the error is tied to the input');
    assert(!$(page, 'button[data-action="upload"]'), 'nothing to upload');
    assert(!requests.some((r) => r.path.endsWith('/photo')), 'nothing was sent');
    await axeCheck('web/providers with a refused photo');

    const bytes = Uint8Array.from(atob(PNG), (c) => c.charCodeAt(0));
    choose(input, new File([bytes], 'kari.png', { type: 'image/png' }));
    const img = await waitFor(() => $<HTMLImageElement>(page, 'img[data-draft-photo]'), 'the chosen photo shown');
    assert(img.src.startsWith('data:image/png;base64,'), 'shown from the browser, before upload');
    assert(!$(page, '#photo-error'), 'no error');
    const preview = $(page, 'console-preview') as HTMLElement & { draft: { items?: Record<string, Record<string, unknown>> } };
    await waitFor(() => String(preview.draft.items?.[P1]?.photoUrl ?? '').startsWith('data:image/png'), 'the preview shows the chosen photo');
    (await button(page, 'Upload photo')).click();
    await waitFor(() => requests.some((r) => r.method === 'PUT' && r.path === `/providers/${P1}/photo`), 'uploaded');
    const put = requests.find((r) => r.path === `/providers/${P1}/photo`)!;
    assertEqual((put.body as { data: string }).data, PNG, 'the base64 bytes are sent');
    await waitFor(() => $(page, 'figcaption')!.textContent!.includes('A photo is stored'), 'stored');
  });

  it('where they work: consent per clinic and position; a new provider in a dialog', async () => {
    const { clinics, providers } = fixture();
    await mockAdminApi([
      http.get(`${ADMIN}/clinics`, () => HttpResponse.json({ clinics })),
      http.get(`${ADMIN}/providers`, () => HttpResponse.json({ providers })),
      http.put(`${ADMIN}/providers/:id/clinics`, async ({ request }) => {
        const body = await request.json() as ProviderClinicsRequest;
        return HttpResponse.json({ clinics: body.clinics.map((c) => ({ order: 9, published: true, ...c })), stranded: [] });
      }),
      http.post(`${ADMIN}/providers`, () => problem(422, 'validation_failed', 'Validation failed', [{ path: 'name', message: 'Required' }])),
    ]);
    const page = await openPage('#/web/providers', 'console-providers-page');
    const works = await waitFor(() => $<HTMLInputElement>(page, '#place-1-works'), 'works at Majorstuen');
    assertEqual(works.getAttribute('aria-label'), 'Kari Nordmann works at Majorstuen');
    works.click();
    await waitFor(() => !$<HTMLInputElement>(page, '#place-1-consentPhoto')!.disabled, 'consent enabled');
    $<HTMLInputElement>(page, '#place-1-consentPhoto')!.click();
    typeInto($<HTMLInputElement>(page, '#place-1-order')!, '3');
    $$<HTMLButtonElement>(page, 'button[data-action="save"]')[1]!.click();
    await waitFor(() => requests.some((r) => r.method === 'PUT' && r.path === `/providers/${P1}/clinics`), 'saved');
    const put = requests.find((r) => r.path === `/providers/${P1}/clinics`)!;
    assertEqual(JSON.stringify((put.body as ProviderClinicsRequest).clinics), JSON.stringify([
      { clinicId: C1, order: 1, published: true, consentPhoto: true, consentTitle: true },
      { clinicId: C2, order: 3, published: true, consentPhoto: true, consentTitle: false },
    ]));

    const create = await button(page, 'New provider');
    create.focus();
    create.click();
    const dialog = await waitFor(() => $<HTMLDialogElement>(page, '#create-dialog[open]'), 'the dialog');
    await axeCheck('web/providers new provider dialog');
    typeInto($<HTMLInputElement>(page, '#f-newProvider-name')!, 'Ingrid Berg');
    dialog.querySelector<HTMLButtonElement>('button[data-action="save"]')!.click();
    await waitFor(() => dialog.querySelector('.save-failure'), 'the failure in the dialog');
    assertEqual($<HTMLInputElement>(page, '#f-newProvider-name')!.value, 'Ingrid Berg', 'the name typed is kept');
    assertEqual($<HTMLInputElement>(page, '#f-newProvider-name')!.getAttribute('aria-invalid'), 'true', 'the field is marked');
    dialog.querySelector<HTMLButtonElement>('button[data-action="close-dialog"]')!.click();
    await waitFor(() => !dialog.open, 'closed');
    assertEqual(page.shadowRoot!.activeElement?.getAttribute('data-action'), 'create', 'focus is back on the opener');
  });

  it('a failed load says what failed and retries', async () => {
    const { clinics, providers } = fixture();
    let fail = true;
    await mockAdminApi([
      http.get(`${ADMIN}/clinics`, () => HttpResponse.json({ clinics })),
      http.get(`${ADMIN}/providers`, () => {
        if (fail) { fail = false; return problem(500, 'internal', 'Internal error'); }
        return HttpResponse.json({ providers });
      }),
    ]);
    const page = await openPage('#/web/providers', 'console-providers-page');
    const retry = await waitFor(() => $<HTMLButtonElement>(page, '[data-action="retry"]'), 'retry');
    assert($(page, '[role="alert"]')!.textContent!.includes('HTTP 500'), 'says what failed');
    retry.click();
    await waitFor(() => $<HTMLInputElement>(page, '#f-name')?.value === 'Kari Nordmann', 'loaded after retry');
  });
});
