import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { AdminClinic, AdminProvider, AdminTreatment, TreatmentOffers, TreatmentPatch } from '../../../sdk/schemas/catalog-admin.ts';
import { $, $$, ADMIN, assert, assertEqual, axeCheck, button, closeConsole, mockAdminApi, openPage, problem, requests, typeInto, waitFor } from './support/console-harness.ts';

const C1 = '00000000-0000-4000-8000-0000000000c1';
const C2 = '00000000-0000-4000-8000-0000000000c2';
const P1 = '00000000-0000-4000-8000-0000000000b1';
const P2 = '00000000-0000-4000-8000-0000000000b2';
const T1 = '00000000-0000-4000-8000-0000000000d1';
const T2 = '00000000-0000-4000-8000-0000000000d2';

function fixture() {
  const clinics: AdminClinic[] = [C1, C2].map((id, i) => ({ id, name: i ? 'Majorstuen' : 'Sentrum', address: '', postalCode: '', city: 'Oslo', phone: '', group: null, order: i + 1, timeZone: null, text: null, active: true }));
  const providers: AdminProvider[] = [
    { id: P1, name: 'Kari Nordmann', title: '', bio: '', active: true, photoType: null, clinics: [] },
    { id: P2, name: 'Ola Hansen', title: '', bio: '', active: true, photoType: null, clinics: [] },
  ];
  const treatments: AdminTreatment[] = [
    { id: T1, name: 'Undersøkelse', durationMinutes: 30, description: 'Kontroll.', order: 1, online: true, active: true, providerIds: [P1], clinicIds: [C1] },
    { id: T2, name: 'Tannrens', durationMinutes: 45, description: '', order: 2, online: true, active: true, providerIds: [P2], clinicIds: [C1, C2] },
  ];
  return { clinics, providers, treatments };
}

afterEach(() => closeConsole());

describe('console: web/treatments (msw)', () => {
  it('loads, saves name, duration and who offers it, resets; a failed save keeps the values', async () => {
    const { clinics, providers, treatments } = fixture();
    let failNext = true;
    await mockAdminApi([
      http.get(`${ADMIN}/clinics`, () => HttpResponse.json({ clinics })),
      http.get(`${ADMIN}/providers`, () => HttpResponse.json({ providers })),
      http.get(`${ADMIN}/treatments`, () => HttpResponse.json({ treatments })),
      http.patch(`${ADMIN}/treatments/:id`, async ({ request }) => {
        if (failNext) {
          failNext = false;
          return problem(422, 'validation_failed', 'Validation failed', [{ path: 'durationMinutes', message: 'Longer than any opening hours' }]);
        }
        Object.assign(treatments[0]!, await request.json() as TreatmentPatch);
        return HttpResponse.json(treatments[0]);
      }),
      http.put(`${ADMIN}/treatments/:id/offers`, async ({ request }) => {
        Object.assign(treatments[0]!, await request.json() as TreatmentOffers);
        return HttpResponse.json(treatments[0]);
      }),
    ]);
    const page = await openPage('#/web/treatments', 'console-treatments-page');
    const duration = await waitFor(() => $<HTMLInputElement>(page, '#f-durationMinutes'), 'duration');
    assertEqual(duration.value, '30');
    await axeCheck('web/treatments');

    typeInto($<HTMLInputElement>(page, '#f-name')!, 'Undersøkelse med røntgen');
    typeInto(duration, '700');
    $<HTMLInputElement>(page, `#providerIds-${P2}`)!.click();
    const preview = $(page, 'console-preview') as HTMLElement & { draft: { items?: Record<string, Record<string, unknown>> } };
    await waitFor(() => preview.draft.items?.[T1]?.name === 'Undersøkelse med røntgen', 'the preview gets the drafted name');
    $$<HTMLButtonElement>(page, 'button[data-action="save"]')[1]!.click();
    await waitFor(() => $(page, '.save-failure'), 'the failure');
    assertEqual($<HTMLInputElement>(page, '#f-name')!.value, 'Undersøkelse med røntgen', 'the name typed is kept');
    assertEqual($<HTMLInputElement>(page, '#f-durationMinutes')!.value, '700', 'the duration typed is kept');
    assert($<HTMLInputElement>(page, `#providerIds-${P2}`)!.checked, 'the provider ticked stays ticked');
    assertEqual($<HTMLInputElement>(page, '#f-durationMinutes')!.getAttribute('aria-invalid'), 'true');
    await axeCheck('web/treatments after a failed save');

    typeInto($<HTMLInputElement>(page, '#f-durationMinutes')!, '40');
    $$<HTMLButtonElement>(page, 'button[data-action="save"]')[1]!.click();
    await waitFor(() => treatments[0]!.providerIds.length === 2, 'offers saved');
    const patch = requests.filter((r) => r.method === 'PATCH').at(-1)!;
    assertEqual(JSON.stringify(patch.body), JSON.stringify({ name: 'Undersøkelse med røntgen', durationMinutes: 40, description: 'Kontroll.', online: true }));
    const offers = requests.find((r) => r.method === 'PUT' && r.path === `/treatments/${T1}/offers`)!;
    assertEqual(JSON.stringify(offers.body), JSON.stringify({ providerIds: [P1, P2], clinicIds: [C1] }));

    $<HTMLInputElement>(page, '#f-online')!.click();
    const reset = $$<HTMLButtonElement>(page, 'button[data-action="reset"]')[1]!;
    await waitFor(() => !reset.disabled, 'reset enabled');
    reset.click();
    await waitFor(() => $<HTMLInputElement>(page, '#f-online')!.checked, 'reset undoes the unsaved switch');
  });

  it('reorders by keyboard; a new treatment in a dialog', async () => {
    const { clinics, providers, treatments } = fixture();
    await mockAdminApi([
      http.get(`${ADMIN}/clinics`, () => HttpResponse.json({ clinics })),
      http.get(`${ADMIN}/providers`, () => HttpResponse.json({ providers })),
      http.get(`${ADMIN}/treatments`, () => HttpResponse.json({ treatments })),
      http.put(`${ADMIN}/treatments/order`, async ({ request }) => {
        const { ids } = await request.json() as { ids: string[] };
        return HttpResponse.json({ treatments: ids.map((id, i) => ({ ...treatments.find((x) => x.id === id)!, order: i + 1 })) });
      }),
      http.post(`${ADMIN}/treatments`, async ({ request }) => {
        const body = await request.json() as { name: string; durationMinutes: number };
        const created: AdminTreatment = { id: '00000000-0000-4000-8000-0000000000d3', description: '', order: 3, online: true, active: true, providerIds: [], clinicIds: [], ...body };
        treatments.push(created);
        return HttpResponse.json(created, { status: 201 });
      }),
    ]);
    const page = await openPage('#/web/treatments', 'console-treatments-page');
    const down = await waitFor(() => $<HTMLButtonElement>(page, `[data-move="${T1}"][data-dir="down"]`), 'move down');
    down.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $$(page, 'tbody tr th[scope="row"]')[0]?.textContent === 'Tannrens', 'moved');
    assertEqual(page.shadowRoot!.activeElement?.getAttribute('data-dir'), 'up', 'at the bottom, focus moves to the other arrow');
    $$<HTMLButtonElement>(page, 'button[data-action="save"]')[0]!.click();
    await waitFor(() => requests.some((r) => r.path === '/treatments/order'), 'order saved');
    assertEqual(JSON.stringify((requests.find((r) => r.path === '/treatments/order')!.body as { ids: string[] }).ids), JSON.stringify([T2, T1]));

    const create = await button(page, 'New treatment');
    create.focus();
    create.click();
    const dialog = await waitFor(() => $<HTMLDialogElement>(page, '#create-dialog[open]'), 'the dialog');
    await axeCheck('web/treatments new treatment dialog');
    typeInto($<HTMLInputElement>(page, '#f-newTreatment-name')!, 'Fyllinger');
    typeInto($<HTMLInputElement>(page, '#f-newTreatment-durationMinutes')!, '60');
    dialog.querySelector<HTMLButtonElement>('button[data-action="save"]')!.click();
    await waitFor(() => $<HTMLInputElement>(page, '#f-name')?.value === 'Fyllinger', 'editing the new treatment');
    assertEqual(JSON.stringify(requests.find((r) => r.method === 'POST')!.body), JSON.stringify({ name: 'Fyllinger', durationMinutes: 60 }));
  });

  it('a failed load says what failed and retries', async () => {
    const { clinics, providers, treatments } = fixture();
    let fail = true;
    await mockAdminApi([
      http.get(`${ADMIN}/clinics`, () => HttpResponse.json({ clinics })),
      http.get(`${ADMIN}/providers`, () => HttpResponse.json({ providers })),
      http.get(`${ADMIN}/treatments`, () => {
        if (fail) { fail = false; return HttpResponse.error(); }
        return HttpResponse.json({ treatments });
      }),
    ]);
    const page = await openPage('#/web/treatments', 'console-treatments-page');
    (await waitFor(() => $<HTMLButtonElement>(page, '[data-action="retry"]'), 'retry')).click();
    await waitFor(() => $<HTMLInputElement>(page, '#f-name')?.value === 'Undersøkelse', 'loaded after retry');
  });
});
