import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { AdminClinic, AdminProvider, ClinicPatch, ProviderClinicsRequest } from '../../../sdk/schemas/catalog-admin.ts';
import { $, $$, ADMIN, assert, assertEqual, axeCheck, button, closeConsole, mockAdminApi, openPage, problem, requests, typeInto, waitFor } from './support/console-harness.ts';

const C1 = '00000000-0000-4000-8000-0000000000c1';
const C2 = '00000000-0000-4000-8000-0000000000c2';
const C3 = '00000000-0000-4000-8000-0000000000c3';
const P1 = '00000000-0000-4000-8000-0000000000b1';
const P2 = '00000000-0000-4000-8000-0000000000b2';

const clinic = (id: string, name: string, order: number, group: string | null): AdminClinic => ({
  id, name, address: 'Gate 1', postalCode: '0150', city: 'Oslo', phone: '+4722000000', group, order, timeZone: null, text: null, active: true,
});

function catalogFixture() {
  const clinics = [clinic(C1, 'Sentrum', 1, 'Oslo'), clinic(C2, 'Majorstuen', 2, 'Oslo'), clinic(C3, 'Bryggen', 3, 'Bergen')];
  const providers: AdminProvider[] = [
    { id: P1, name: 'Kari Nordmann', title: 'Tannlege', bio: 'Allmenn.', active: true, photoType: null, clinics: [{ clinicId: C1, order: 1, published: true, consentPhoto: true, consentTitle: false }] },
    { id: P2, name: 'Ola Hansen', title: 'Tannpleier', bio: '', active: true, photoType: null, clinics: [] },
  ];
  return { clinics, providers };
}

afterEach(() => closeConsole());

describe('console: web/clinics (msw)', () => {
  it('loads, edits and saves a clinic text, resets; a failed save keeps the values and marks the field', async () => {
    const { clinics, providers } = catalogFixture();
    let failNext = true;
    await mockAdminApi([
      http.get(`${ADMIN}/clinics`, () => HttpResponse.json({ clinics })),
      http.get(`${ADMIN}/providers`, () => HttpResponse.json({ providers })),
      http.patch(`${ADMIN}/clinics/:id`, async ({ request, params }) => {
        if (failNext) {
          failNext = false;
          return problem(422, 'validation_failed', 'Validation failed', [{ path: 'timeZone', message: 'Not a time zone (e.g. Europe/Oslo)' }]);
        }
        const patch = await request.json() as ClinicPatch;
        const i = clinics.findIndex((c) => c.id === params.id);
        clinics[i] = { ...clinics[i]!, ...patch } as AdminClinic;
        return HttpResponse.json(clinics[i]);
      }),
    ]);
    const page = await openPage('#/web/clinics', 'console-clinics-page');
    const name = await waitFor(() => $<HTMLInputElement>(page, '#f-name'), 'name field');
    assertEqual(name.value, 'Sentrum', 'the first clinic is edited');
    assert($(page, 'console-preview'), 'the live preview is beside the form');
    await axeCheck('web/clinics');

    $<HTMLInputElement>(page, '#f-ownText')!.click();
    const heading = await waitFor(() => $<HTMLInputElement>(page, '#f-text-heading'), 'text heading');
    typeInto(heading, 'Velkommen til Sentrum');
    typeInto($<HTMLTextAreaElement>(page, '#f-text-body')!, 'Vi holder til i 2. etasje.');
    typeInto($<HTMLInputElement>(page, '#f-timeZone')!, 'Mars/Olympus');
    const preview = $(page, 'console-preview') as HTMLElement & { draft: { items?: Record<string, Record<string, unknown>> } };
    await waitFor(() => (preview.draft.items?.[C1]?.text as { heading?: string } | null)?.heading === 'Velkommen til Sentrum', 'the preview gets the drafted text');

    const saves = await waitFor(() => $$<HTMLButtonElement>(page, 'button[data-action="save"]'), 'save buttons');
    saves[1]!.click(); // the clinic's form (the order form comes first)
    await waitFor(() => $(page, '.save-failure'), 'the failure');
    assertEqual($<HTMLInputElement>(page, '#f-text-heading')!.value, 'Velkommen til Sentrum', 'the heading typed is kept');
    assertEqual($<HTMLTextAreaElement>(page, '#f-text-body')!.value, 'Vi holder til i 2. etasje.', 'the body typed is kept');
    assertEqual($<HTMLInputElement>(page, '#f-timeZone')!.getAttribute('aria-invalid'), 'true', 'the wrong field is marked');
    assert($<HTMLInputElement>(page, '#f-timeZone')!.getAttribute('aria-describedby')!.includes('f-timeZone-error'), 'the error is tied to its field');
    await axeCheck('web/clinics after a failed save');

    typeInto($<HTMLInputElement>(page, '#f-timeZone')!, '');
    $$<HTMLButtonElement>(page, 'button[data-action="save"]')[1]!.click();
    await waitFor(() => clinics[0]!.text?.heading === 'Velkommen til Sentrum', 'saved');
    const patch = requests.filter((r) => r.method === 'PATCH').at(-1)!;
    assertEqual(patch.path, `/clinics/${C1}`);
    assertEqual(JSON.stringify((patch.body as ClinicPatch).text), JSON.stringify({ heading: 'Velkommen til Sentrum', body: 'Vi holder til i 2. etasje.' }));
    assertEqual((patch.body as ClinicPatch).timeZone, null, 'an empty zone is the organization’s');

    typeInto($<HTMLInputElement>(page, '#f-name')!, 'Sentrum sør');
    const reset = $$<HTMLButtonElement>(page, 'button[data-action="reset"]')[1]!;
    await waitFor(() => !reset.disabled, 'reset enabled');
    reset.click();
    await waitFor(() => $<HTMLInputElement>(page, '#f-name')!.value === 'Sentrum', 'reset undoes the unsaved name');
  });

  it('reorders by keyboard and saves the order', async () => {
    const { clinics, providers } = catalogFixture();
    await mockAdminApi([
      http.get(`${ADMIN}/clinics`, () => HttpResponse.json({ clinics })),
      http.get(`${ADMIN}/providers`, () => HttpResponse.json({ providers })),
      http.put(`${ADMIN}/clinics/order`, async ({ request }) => {
        const { ids } = await request.json() as { ids: string[] };
        return HttpResponse.json({ clinics: ids.map((id, i) => ({ ...clinics.find((c) => c.id === id)!, order: i + 1 })) });
      }),
    ]);
    const page = await openPage('#/web/clinics', 'console-clinics-page');
    const up = await waitFor(() => $<HTMLButtonElement>(page, `[data-move="${C3}"][data-dir="up"]`), 'move Bryggen up');
    assertEqual(up.getAttribute('aria-label'), 'Move Bryggen up');
    up.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $$(page, 'tbody tr th[scope="row"]')[1]?.textContent === 'Bryggen', 'Bryggen moved to second');
    await waitFor(() => page.shadowRoot!.activeElement?.getAttribute('data-move') === C3, 'focus stays on the moved row');
    await sendKeys({ press: 'Space' });
    await waitFor(() => $$(page, 'tbody tr th[scope="row"]')[0]?.textContent === 'Bryggen', 'Bryggen moved to first');
    const focused = page.shadowRoot!.activeElement!;
    assertEqual(focused.getAttribute('data-dir'), 'down', 'at the top, focus moves to the other arrow');
    $$<HTMLButtonElement>(page, 'button[data-action="save"]')[0]!.click();
    await waitFor(() => requests.some((r) => r.method === 'PUT' && r.path === '/clinics/order'), 'order saved');
    const put = requests.find((r) => r.path === '/clinics/order')!;
    assertEqual(JSON.stringify((put.body as { ids: string[] }).ids), JSON.stringify([C3, C1, C2]));
  });

  it('consent per provider at the clinic; a new clinic in a dialog', async () => {
    const { clinics, providers } = catalogFixture();
    await mockAdminApi([
      http.get(`${ADMIN}/clinics`, () => HttpResponse.json({ clinics })),
      http.get(`${ADMIN}/providers`, () => HttpResponse.json({ providers })),
      http.put(`${ADMIN}/providers/:id/clinics`, async ({ request }) => {
        const body = await request.json() as ProviderClinicsRequest;
        return HttpResponse.json({
          clinics: body.clinics.map((c) => ({ order: 1, published: true, ...c })),
          stranded: [{ id: '00000000-0000-4000-8000-0000000000e1', clinicId: C1, providerId: P1, start: '2026-12-07T08:00:00Z', end: '2026-12-07T08:30:00Z', patient: { firstName: 'Per', lastName: 'Pasient' }, treatment: null }],
        });
      }),
      http.post(`${ADMIN}/clinics`, async ({ request }) => {
        const body = await request.json() as { name: string; group: string | null };
        const created = clinic('00000000-0000-4000-8000-0000000000c4', body.name, 4, body.group);
        clinics.push(created);
        return HttpResponse.json(created, { status: 201 });
      }),
    ]);
    const page = await openPage('#/web/clinics', 'console-clinics-page');
    const title = await waitFor(() => $<HTMLInputElement>(page, '#consent-0-consentTitle'), 'title consent of Kari');
    assertEqual(title.getAttribute('aria-label'), 'Consent to show the title of Kari Nordmann');
    title.click();
    $<HTMLInputElement>(page, '#consent-1-works')!.click();
    $$<HTMLButtonElement>(page, 'button[data-action="save"]')[2]!.click();
    await waitFor(() => $(page, '.stranded'), 'stranded appointments shown');
    assert($(page, '.stranded')!.textContent!.includes('Per Pasient'), 'the stranded patient is named');
    const puts = requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/clinics'));
    assertEqual(puts.length, 2, 'one request per provider changed');
    assertEqual(JSON.stringify((puts[0]!.body as ProviderClinicsRequest).clinics), JSON.stringify([{ clinicId: C1, order: 1, published: true, consentPhoto: true, consentTitle: true }]));
    assertEqual(JSON.stringify((puts[1]!.body as ProviderClinicsRequest).clinics), JSON.stringify([{ clinicId: C1, consentPhoto: false, consentTitle: false }]));
    await axeCheck('web/clinics with stranded appointments');

    const create = await button(page, 'New clinic');
    create.focus();
    create.click();
    const dialog = await waitFor(() => $<HTMLDialogElement>(page, '#create-dialog[open]'), 'the dialog');
    assertEqual(page.shadowRoot!.activeElement?.id, 'f-newClinic-name', 'focus is in the dialog');
    await axeCheck('web/clinics new clinic dialog');
    typeInto($<HTMLInputElement>(page, '#f-newClinic-name')!, 'Grünerløkka');
    typeInto($<HTMLInputElement>(page, '#f-newClinic-group')!, 'Oslo');
    dialog.querySelector<HTMLButtonElement>('button[data-action="save"]')!.click();
    await waitFor(() => location.hash.includes('id=00000000-0000-4000-8000-0000000000c4'), 'the new clinic is shown');
    const post = requests.find((r) => r.method === 'POST' && r.path === '/clinics')!;
    assertEqual(JSON.stringify(post.body), JSON.stringify({ name: 'Grünerløkka', group: 'Oslo' }));
    await waitFor(() => $<HTMLInputElement>(page, '#f-name')?.value === 'Grünerløkka', 'editing the new clinic');
  });

  it('archiving takes the clinic off the booking page; a reload keeps other unsaved changes', async () => {
    const { clinics, providers } = catalogFixture();
    await mockAdminApi([
      http.get(`${ADMIN}/clinics`, () => HttpResponse.json({ clinics })),
      http.get(`${ADMIN}/providers`, () => HttpResponse.json({ providers })),
      http.post(`${ADMIN}/clinics/:id/archive`, ({ params }) => {
        const c = clinics.find((x) => x.id === params.id)!;
        c.active = false;
        return HttpResponse.json(c);
      }),
    ]);
    const page = await openPage(`#/web/clinics?id=${C2}`, 'console-clinics-page');
    const phone = await waitFor(() => $<HTMLInputElement>(page, '#f-phone'), 'phone');
    typeInto(phone, '+4799999999');
    (await button(page, 'Take off the booking page (archive)')).click();
    await waitFor(() => $$(page, 'caption').some((c) => c.textContent!.includes('Archived clinics')), 'listed as archived');
    await waitFor(() => $(page, 'button[data-action="archive"]')?.textContent === 'Put back on the booking page', 'can be restored');
    assertEqual($<HTMLInputElement>(page, '#f-phone')!.value, '+4799999999', 'the unsaved phone is kept');
    assertEqual(page.shadowRoot!.activeElement?.getAttribute('data-action'), 'archive', 'focus stays on the button');
    assertEqual($$(page, `[data-move="${C2}"]`).length, 0, 'not in the order any more');
    await axeCheck('web/clinics with an archived clinic');
  });

  it('a failed load says what failed and retries', async () => {
    const { clinics, providers } = catalogFixture();
    let fail = true;
    await mockAdminApi([
      http.get(`${ADMIN}/clinics`, () => {
        if (fail) { fail = false; return HttpResponse.error(); }
        return HttpResponse.json({ clinics });
      }),
      http.get(`${ADMIN}/providers`, () => HttpResponse.json({ providers })),
    ]);
    const page = await openPage('#/web/clinics', 'console-clinics-page');
    const retry = await waitFor(() => $<HTMLButtonElement>(page, '[data-action="retry"]'), 'retry');
    assert($(page, '[role="alert"]')!.textContent!.includes('could not be reached'), 'says the server could not be reached');
    retry.click();
    await waitFor(() => $<HTMLInputElement>(page, '#f-name')?.value === 'Sentrum', 'loaded after retry');
  });
});
