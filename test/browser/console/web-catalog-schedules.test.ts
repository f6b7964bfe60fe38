import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { AdminClinic, AdminProvider } from '../../../sdk/schemas/catalog-admin.ts';
import type { ExceptionRequest, OnlineSlotsRequest, Schedule, WorkingHoursRequest } from '../../../sdk/schemas/schedules.ts';
import { $, $$, ADMIN, assert, assertEqual, axeCheck, button, closeConsole, mockAdminApi, openPage, problem, requests, typeInto, waitFor } from './support/console-harness.ts';

const C1 = '00000000-0000-4000-8000-0000000000c1';
const C2 = '00000000-0000-4000-8000-0000000000c2';
const P1 = '00000000-0000-4000-8000-0000000000b1';
const E1 = '00000000-0000-4000-8000-0000000000e1';

function fixture() {
  const clinics: AdminClinic[] = [C1, C2].map((id, i) => ({ id, name: i ? 'Majorstuen' : 'Sentrum', address: '', postalCode: '', city: 'Oslo', phone: '', group: null, order: i + 1, timeZone: null, text: null, active: true }));
  const providers: AdminProvider[] = [{ id: P1, name: 'Kari Nordmann', title: '', bio: '', active: true, photoType: null, clinics: [
    { clinicId: C2, order: 1, published: true, consentPhoto: true, consentTitle: true },
    { clinicId: C1, order: 1, published: true, consentPhoto: true, consentTitle: true },
  ] }];
  const schedule: Schedule = {
    providerId: P1, clinicId: C1, timeZone: 'Europe/Oslo', mode: 'working_hours',
    workingHours: [{ weekday: 1, start: '08:00', end: '16:00' }], breaks: [{ weekday: 1, start: '11:30', end: '12:00' }], exceptions: [], onlineSlots: [],
  };
  return { clinics, providers, schedule };
}

const stranded = [{ id: '00000000-0000-4000-8000-0000000000a9', clinicId: C1, providerId: P1, start: '2030-03-05T14:00:00Z', end: '2030-03-05T14:30:00Z', patient: { firstName: 'Per', lastName: 'Pasient' }, treatment: { id: '00000000-0000-4000-8000-0000000000d1', name: 'Undersøkelse' } }];

function handlers(data: ReturnType<typeof fixture>, options: { failHours?: boolean } = {}) {
  let failHours = options.failHours ?? false;
  const base = `${ADMIN}/schedules/${P1}/${C1}`;
  return [
    http.get(`${ADMIN}/clinics`, () => HttpResponse.json({ clinics: data.clinics })),
    http.get(`${ADMIN}/providers`, () => HttpResponse.json({ providers: data.providers })),
    http.get(base, () => HttpResponse.json(data.schedule)),
    http.put(`${base}/working-hours`, async ({ request }) => {
      if (failHours) {
        failHours = false;
        return problem(422, 'validation_failed', 'Validation failed', [{ path: 'workingHours.1.end', message: 'Must be after start' }]);
      }
      data.schedule.workingHours = (await request.json() as WorkingHoursRequest).workingHours;
      return HttpResponse.json({ schedule: data.schedule, stranded });
    }),
    http.post(`${base}/exceptions`, async ({ request }) => {
      const body = await request.json() as ExceptionRequest;
      data.schedule.exceptions.push({ id: E1, note: '', ...body });
      return HttpResponse.json({ schedule: data.schedule, stranded: [], created: [E1] }, { status: 201 });
    }),
    http.delete(`${base}/exceptions/:id`, ({ params }) => {
      data.schedule.exceptions = data.schedule.exceptions.filter((e) => e.id !== params.id);
      return HttpResponse.json({ schedule: data.schedule, stranded: [] });
    }),
    http.post(`${base}/online-slots`, async ({ request }) => {
      const body = await request.json() as OnlineSlotsRequest;
      const slots = body.slots.map((s, i) => ({ id: `00000000-0000-4000-8000-00000000f00${i}`, ...s }));
      data.schedule.onlineSlots.push(...slots);
      return HttpResponse.json({ schedule: data.schedule, stranded: [], created: slots.map((s) => s.id) }, { status: 201 });
    }),
    http.put(`${base}/mode`, async ({ request }) => {
      data.schedule.mode = (await request.json() as { mode: Schedule['mode'] }).mode;
      return HttpResponse.json({ schedule: data.schedule, stranded: [] });
    }),
  ];
}

afterEach(() => closeConsole());

describe('console: web/schedules (msw)', () => {
  it('picks a provider and clinic; weekly hours: a failed save keeps them, save shows stranded appointments, reset', async () => {
    const data = fixture();
    await mockAdminApi(handlers(data, { failHours: true }));
    const page = await openPage('#/web/schedules', 'console-schedules-page');
    const clinic = await waitFor(() => $<HTMLSelectElement>(page, '#pick-clinic'), 'clinic choice');
    assertEqual([...clinic.options].map((o) => o.textContent).join(','), 'Sentrum,Majorstuen', 'the provider’s clinics in order');
    await axeCheck('web/schedules picker');
    typeInto(clinic, C1);
    (await button(page, 'Show schedule')).click();
    await waitFor(() => location.hash.startsWith(`#/web/schedules/${P1}/${C1}`), 'the schedule’s address');

    const add = await waitFor(() => $<HTMLButtonElement>(page, '[data-add="hours-2"]'), 'add hours on Tuesday');
    assertEqual($<HTMLInputElement>(page, '#f-hours-spans-0-start')!.value, '08:00');
    await axeCheck('web/schedules');
    add.click();
    const start = await waitFor(() => $<HTMLInputElement>(page, '#f-hours-spans-1-start'), 'the new range');
    assertEqual(page.shadowRoot!.activeElement, start, 'focus moves to the new range');
    typeInto(start, '12:00');
    typeInto($<HTMLInputElement>(page, '#f-hours-spans-1-end')!, '10:00');
    $$<HTMLButtonElement>(page, 'button[data-action="save"]')[0]!.click();
    await waitFor(() => $(page, '.save-failure'), 'the failure');
    assertEqual($<HTMLInputElement>(page, '#f-hours-spans-1-start')!.value, '12:00', 'the start typed is kept');
    const end = $<HTMLInputElement>(page, '#f-hours-spans-1-end')!;
    assertEqual(end.value, '10:00', 'the end typed is kept');
    assertEqual(end.getAttribute('aria-invalid'), 'true', 'the wrong field is marked');
    assert(end.getAttribute('aria-describedby')!.includes('f-hours-spans-1-end-error'), 'the error is tied to it');
    await axeCheck('web/schedules after a failed save');

    typeInto(end, '18:00');
    $$<HTMLButtonElement>(page, 'button[data-action="save"]')[0]!.click();
    const notice = await waitFor(() => $(page, '.stranded'), 'stranded appointments shown');
    assert(notice.textContent!.includes('Per Pasient') && notice.textContent!.includes('Undersøkelse'), 'names patient and treatment');
    assert(notice.textContent!.includes('15:00'), `the time in the clinic’s zone: ${notice.textContent}`);
    const put = requests.find((r) => r.method === 'PUT' && r.path.endsWith('/working-hours') && (r.body as WorkingHoursRequest).workingHours[1]?.end === '18:00')!;
    assertEqual(JSON.stringify(put.body), JSON.stringify({ workingHours: [{ weekday: 1, start: '08:00', end: '16:00' }, { weekday: 2, start: '12:00', end: '18:00' }] }));
    await axeCheck('web/schedules with stranded appointments');

    $<HTMLButtonElement>(page, '[data-remove="hours-0"]')!.click();
    await waitFor(() => $<HTMLInputElement>(page, '#f-hours-spans-0-start')?.value === '12:00', 'removed Monday');
    $$<HTMLButtonElement>(page, 'button[data-action="reset"]')[0]!.click();
    await waitFor(() => $<HTMLInputElement>(page, '#f-hours-spans-0-start')?.value === '08:00', 'reset brings Monday back');
  });

  it('closed days as a calendar, by keyboard; published slots and the mode', async () => {
    const data = fixture();
    await mockAdminApi(handlers(data));
    const page = await openPage(`#/web/schedules/${P1}/${C1}?month=2030-03`, 'console-schedules-page');
    const first = await waitFor(() => $<HTMLButtonElement>(page, 'button[data-date="2030-03-01"]'), 'the calendar');
    assertEqual(first.tabIndex, 0, 'one day takes Tab focus');
    assertEqual($<HTMLButtonElement>(page, 'button[data-date="2030-03-02"]')!.tabIndex, -1);
    assert(first.getAttribute('aria-label')!.includes('Friday, 1 March 2030: open'), `named with its state: ${first.getAttribute('aria-label')}`);
    first.focus();
    await sendKeys({ press: 'ArrowRight' });
    await waitFor(() => page.shadowRoot!.activeElement?.getAttribute('data-date') === '2030-03-02', 'arrow moves to the next day');
    await sendKeys({ press: 'ArrowDown' });
    await waitFor(() => page.shadowRoot!.activeElement?.getAttribute('data-date') === '2030-03-09', 'down moves a week');
    typeInto($<HTMLInputElement>(page, '#closed-note')!, 'Seminar');
    $<HTMLButtonElement>(page, 'button[data-date="2030-03-09"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(page, 'button[data-date="2030-03-09"]')!.getAttribute('aria-label')!.includes('closed all day (Seminar)'), 'the day is closed');
    const post = requests.find((r) => r.method === 'POST' && r.path.endsWith('/exceptions'))!;
    assertEqual(JSON.stringify(post.body), JSON.stringify({ date: '2030-03-09', kind: 'closed', note: 'Seminar' }));
    assertEqual(page.shadowRoot!.activeElement?.getAttribute('data-date'), '2030-03-09', 'focus stays on the day');
    assert($(page, 'button[data-date="2030-03-09"]')!.textContent!.includes('Closed'), 'shown in words, not colour alone');
    assert($$(page, 'table th[scope="row"]').some((th) => th.textContent!.includes('9 March 2030')), 'listed among the month’s exceptions');
    await axeCheck('web/schedules with a closed day');
    await sendKeys({ press: 'Space' });
    await waitFor(() => requests.some((r) => r.method === 'DELETE' && r.path.endsWith(`/exceptions/${E1}`)), 'opened again');
    await waitFor(() => $(page, 'button[data-date="2030-03-09"]')!.getAttribute('aria-label')!.includes(': open'), 'the day is open');
    await sendKeys({ press: 'PageDown' });
    await waitFor(() => location.hash.includes('month=2030-04'), 'the next month');
    await waitFor(() => page.shadowRoot!.activeElement?.getAttribute('data-date') === '2030-04-09', 'focus on the same day next month');

    typeInto($<HTMLInputElement>(page, '#f-slot-date')!, '2030-03-05');
    typeInto($<HTMLInputElement>(page, '#f-slot-start')!, '09:00');
    typeInto($<HTMLInputElement>(page, '#f-slot-end')!, '09:30');
    $$<HTMLButtonElement>(page, 'button[data-action="save"]').at(-1)!.click();
    await waitFor(() => requests.some((r) => r.method === 'POST' && r.path.endsWith('/online-slots')), 'slot published');
    const slots = requests.find((r) => r.path.endsWith('/online-slots'))!;
    assertEqual(JSON.stringify(slots.body), JSON.stringify({ slots: [{ start: '2030-03-05T08:00:00Z', end: '2030-03-05T08:30:00Z' }] }), 'wall-clock in Oslo as instants');
    await waitFor(() => $$(page, 'table th[scope="row"]').some((th) => th.textContent!.includes('5 Mar 2030')), 'listed');

    typeInto($<HTMLSelectElement>(page, '#f-mode')!, 'published_slots');
    $$<HTMLButtonElement>(page, 'button[data-action="save"]').at(-2)!.click();
    await waitFor(() => data.schedule.mode === 'published_slots', 'mode saved');
  });

  it('a failed load says what failed and retries', async () => {
    const data = fixture();
    let fail = true;
    await mockAdminApi([
      http.get(`${ADMIN}/schedules/${P1}/${C1}`, () => {
        if (fail) { fail = false; return HttpResponse.error(); }
        return HttpResponse.json(data.schedule);
      }),
      ...handlers(data),
    ]);
    const page = await openPage(`#/web/schedules/${P1}/${C1}`, 'console-schedules-page');
    (await waitFor(() => $<HTMLButtonElement>(page, '[data-action="retry"]'), 'retry')).click();
    await waitFor(() => $<HTMLInputElement>(page, '#f-hours-spans-0-start')?.value === '08:00', 'loaded after retry');
  });
});
