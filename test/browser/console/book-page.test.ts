import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { BookAppointment, StaffBookingRequest } from '../../../sdk/schemas/book.ts';
import type { AdminClinic, AdminProvider, AdminTreatment } from '../../../sdk/schemas/catalog-admin.ts';
import type { PatientSummary } from '../../../sdk/schemas/patients.ts';
import { $, $$, ADMIN, assert, assertEqual, axeCheck, button, closeConsole, consoleApp, meAs, mockAdminApi, openPage, problem, requests, typeInto, waitFor } from './support/console-harness.ts';

// The day's book (issue 10.2) against msw. The browser runs in America/New_York: every time must show in Oslo's.
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const SENTRUM = id(1);
const BRYGGEN = id(2);
const KARI = id(11);
const LARS = id(12);
const CHECKUP = id(21);
const PATIENT = id(31);
const DAY = '2026-12-08'; // a Tuesday; Oslo is UTC+1
const SLOTS_URL = `${location.origin}/api/v1/organizations/acme/slots`;

const clinic = (cid: string, name: string, order: number): AdminClinic => ({ id: cid, name, address: 'Gata 1', postalCode: '0150', city: 'Oslo', phone: '+4722000000', group: null, order, timeZone: null, text: null, active: true });
const provider = (pid: string, name: string, clinicId: string): AdminProvider => ({ id: pid, name, title: 'Tannlege', bio: '', active: true, photoType: null, clinics: [{ clinicId, order: 1, published: true, consentPhoto: false, consentTitle: true }] });
const treatment: AdminTreatment = { id: CHECKUP, name: 'Undersøkelse', durationMinutes: 30, description: '', order: 1, online: true, active: true, providerIds: [KARI, LARS], clinicIds: [SENTRUM, BRYGGEN] };
const patient: PatientSummary = { id: PATIENT, firstName: 'Nora', lastName: 'Nordmann', nationalId: '13097248022', mobile: '+4791234567', mobileVerified: false, email: null, wantsSms: true, nextRecallDate: null };

function appointment(n: number, start: string, over: Partial<BookAppointment> = {}): BookAppointment {
  return {
    id: id(100 + n), status: 'booked', start, end: new Date(Date.parse(start) + 30 * 60_000).toISOString(), timeZone: 'Europe/Oslo',
    clinic: { id: SENTRUM, name: 'Oslo Sentrum' }, provider: { id: KARI, name: 'Kari Nordmann' }, treatment: { id: CHECKUP, name: 'Undersøkelse' },
    patient: { id: PATIENT, firstName: 'Nora', lastName: 'Nordmann', mobile: '+4791234567' }, text: 'Undersøkelse', source: 'online', attendance: null, externalId: null,
    remindersEnabled: true, reminders: { reminder1: 'sent', reminder2: 'waiting', reminder3: null, thanks: null }, ...over,
  };
}

let book: BookAppointment[];
let failCreate: Array<() => Response>;
let failLoads: number;

function handlers() {
  const dayOf = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date(iso));
  return [
    http.get(`${ADMIN}/settings/organization`, () => HttpResponse.json({ subdomain: 'acme', name: 'Acme Tannlege', locale: 'nb', timeZone: 'Europe/Oslo' })),
    http.get(`${ADMIN}/clinics`, () => HttpResponse.json({ clinics: [clinic(SENTRUM, 'Oslo Sentrum', 1), clinic(BRYGGEN, 'Bryggen', 2)] })),
    http.get(`${ADMIN}/providers`, () => HttpResponse.json({ providers: [provider(KARI, 'Kari Nordmann', SENTRUM), provider(LARS, 'Lars Vik', BRYGGEN)] })),
    http.get(`${ADMIN}/treatments`, () => HttpResponse.json({ treatments: [treatment] })),
    http.get(`${ADMIN}/appointments`, ({ request }) => {
      if (failLoads > 0) {
        failLoads--;
        return HttpResponse.error();
      }
      const q = new URL(request.url).searchParams;
      const from = q.get('from')!;
      const to = q.get('to') ?? from;
      const list = book.filter((a) => dayOf(a.start) >= from && dayOf(a.start) <= to && (q.get('includeCancelled') === 'true' || a.status === 'booked')
        && (!q.get('clinicId') || a.clinic.id === q.get('clinicId')) && (!q.get('providerId') || a.provider.id === q.get('providerId')));
      return HttpResponse.json({ from, to, appointments: list });
    }),
    http.get(`${ADMIN}/patients`, ({ request }) => {
      const q = new URL(request.url).searchParams.get('q') ?? '';
      return HttpResponse.json({ patients: 'nora nordmann'.includes(q.toLowerCase()) ? [patient] : [], nextCursor: null });
    }),
    http.post(`${ADMIN}/appointments`, async ({ request }) => {
      const fail = failCreate.shift();
      if (fail) return fail();
      const body = await request.json() as StaffBookingRequest;
      const created = appointment(book.length + 1, body.start, { source: 'staff', reminders: { reminder1: null, reminder2: null, reminder3: null, thanks: null } });
      book.push(created);
      return HttpResponse.json({ appointment: created, patientCreated: !body.patientId, warnings: [] }, { status: 201 });
    }),
    http.post(`${ADMIN}/appointments/:id/move`, async ({ params, request }) => {
      const body = await request.json() as { start: string };
      const a = book.find((x) => x.id === params.id)!;
      a.start = new Date(body.start).toISOString();
      a.end = new Date(Date.parse(body.start) + 30 * 60_000).toISOString();
      return HttpResponse.json(a);
    }),
    http.post(`${ADMIN}/appointments/:id/cancel`, ({ params }) => {
      const a = book.find((x) => x.id === params.id)!;
      a.status = 'cancelled';
      return HttpResponse.json(a);
    }),
    http.post(`${ADMIN}/appointments/:id/attendance`, async ({ params, request }) => {
      const a = book.find((x) => x.id === params.id)!;
      a.attendance = (await request.json() as { attendance: BookAppointment['attendance'] }).attendance;
      return HttpResponse.json(a);
    }),
    http.post(`${ADMIN}/messages/appointments`, async ({ request }) => {
      const body = await request.json() as { appointmentIds: string[] };
      return HttpResponse.json({ queued: [{ messageId: id(900), patientId: PATIENT, appointmentId: body.appointmentIds[0] }], skipped: [] }, { status: 201 });
    }),
    http.get(SLOTS_URL, ({ request }) => {
      const q = new URL(request.url).searchParams;
      return HttpResponse.json({
        treatmentId: q.get('treatmentId'), durationMinutes: 30, timeZone: 'Europe/Oslo', from: q.get('from'), to: q.get('to'),
        slots: ['2026-12-08T09:00:00Z', '2026-12-08T09:30:00Z', '2026-12-09T13:00:00Z'].map((start) => ({ start, end: start, providerId: q.get('providerId'), clinicId: q.get('clinicId') })),
      });
    }),
  ];
}

async function openBook(hash = `#/book?date=${DAY}`) {
  await mockAdminApi(handlers());
  const page = await openPage(hash, 'console-book-page');
  await waitFor(() => $(page, 'h2.range'), 'the book');
  return page;
}

/** The dialog element the page shows, once its `<dialog>` is open. */
async function dialogOf(page: Element, kind: string) {
  const el = await waitFor(() => $(page, `console-book-${kind}-dialog`), `${kind} dialog`);
  await waitFor(() => el.shadowRoot?.querySelector('dialog')?.open, `${kind} dialog open`);
  return el;
}

const rowOf = (page: Element, text: string) => $$<HTMLTableRowElement>(page, 'tbody tr').find((r) => r.textContent!.includes(text));
const lastRequest = (method: string, path: string | RegExp) => requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path))).at(-1);
const deepFocus = () => {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el as HTMLElement | null;
};

beforeEach(() => {
  book = [
    appointment(1, '2026-12-08T08:00:00Z'), // 09:00 in Oslo
    appointment(2, '2026-12-08T12:00:00Z', { provider: { id: LARS, name: 'Lars Vik' }, clinic: { id: BRYGGEN, name: 'Bryggen' }, source: 'staff', remindersEnabled: false, reminders: { reminder1: null, reminder2: null, reminder3: null, thanks: null }, patient: { id: PATIENT, firstName: 'Per', lastName: 'Hansen', mobile: null } }),
    appointment(3, '2026-12-10T13:00:00Z', { patient: { id: PATIENT, firstName: 'Thursday', lastName: 'Patient', mobile: null } }),
  ];
  failCreate = [];
  failLoads = 0;
});
afterEach(() => closeConsole());

describe('console: book (msw)', () => {
  it('shows the day in Oslo time with status, source and reminders in words; week view, deep links, back button, filters', async () => {
    const page = await openBook();
    const row = await waitFor(() => rowOf(page, 'Nora'), 'the row');
    assert(row.querySelector('th[scope="row"]')!.textContent!.includes('09:00'), `the time in Oslo, not New York: ${row.textContent}`);
    for (const text of ['Nora Nordmann', 'Undersøkelse', 'Kari Nordmann', 'Oslo Sentrum', 'Booked', 'Booked online', 'SMS 1: sent', 'SMS 2: waiting', 'SMS 3: none', 'Thanks: none']) {
      assert(row.textContent!.includes(text), `the row shows "${text}"`);
    }
    assert(rowOf(page, 'Per Hansen')!.textContent!.includes('Reminders off'), 'reminders off in words');
    assert(rowOf(page, 'Per Hansen')!.textContent!.includes('Booked by staff'), 'the source in words');
    assert(!rowOf(page, 'Thursday'), 'Thursday is not in the day view');
    assert($(page, 'table caption')!.textContent!.includes('Tuesday'), 'the table has a caption');
    assertEqual($$(page, 'thead th[scope="col"]').length, 7, 'scoped column headers');
    assertEqual(lastRequest('GET', '/appointments')!.search, `?from=${DAY}&to=${DAY}`);
    await axeCheck('book, day');

    // The week view: the address says so, a table per day with appointments, every day named.
    $<HTMLInputElement>(page, 'input[name="book-view"][value="week"]')!.click();
    await waitFor(() => location.hash.includes('view=week') && rowOf(page, 'Thursday'), 'the week');
    assertEqual(lastRequest('GET', '/appointments')!.search, '?from=2026-12-07&to=2026-12-13');
    assertEqual($$(page, 'section.day h3').length, 7, 'seven days');
    assert($(page, 'h2.range')!.textContent!.includes('Week 50'), 'the week heading');
    await axeCheck('book, week');

    (await button(page, 'Next week →')).click();
    await waitFor(() => location.hash.includes('date=2026-12-15') && !rowOf(page, 'Thursday'), 'next week');
    history.back();
    await waitFor(() => rowOf(page, 'Thursday') && !location.hash.includes('2026-12-15'), 'back to the week before');

    // A deep link opens where it points.
    const deep = await openBook(`#/book?date=2026-12-10&view=day`);
    await waitFor(() => rowOf(deep, 'Thursday'), 'the deep link');
    assert(!rowOf(deep, 'Nora'), 'only Thursday');

    // Filters go to the API and the address.
    const clinicFilter = $<HTMLSelectElement>(deep, '#book-clinic')!;
    typeInto(clinicFilter, BRYGGEN);
    await waitFor(() => location.hash.includes(`clinic=${BRYGGEN}`) && lastRequest('GET', '/appointments')!.search.includes(`clinicId=${BRYGGEN}`), 'the clinic filter');
    await waitFor(() => $(deep, 'p.none'), 'the empty state');
    assertEqual($(deep, 'p.none')!.textContent!.trim(), 'No appointments.');
  });

  it('a failed load says what failed; Try again loads the book', async () => {
    failLoads = 1;
    await mockAdminApi(handlers());
    const page = await openPage(`#/book?date=${DAY}`, 'console-book-page');
    const retry = await waitFor(() => $<HTMLButtonElement>(page, '[data-action="retry"]'), 'retry');
    assert($(page, '[role="alert"]')!.textContent!.includes('could not be reached'), 'says the server could not be reached');
    retry.click();
    await waitFor(() => rowOf(page, 'Nora'), 'loaded after retry');
  });

  it('creates with a free time for a patient found by search; the dialog passes axe and gives focus back', async () => {
    const page = await openBook();
    const opener = await button(page, 'New appointment');
    opener.click();
    const dialog = await dialogOf(page, 'create');
    await waitFor(() => dialog.shadowRoot!.querySelectorAll('label.slot').length === 3, 'the free times');
    const times = [...dialog.shadowRoot!.querySelectorAll('label.slot')].map((l) => l.textContent!.trim());
    assertEqual(times.join(' '), '10:00 10:30 14:00', 'free times in Oslo time');
    await axeCheck('book, create dialog');

    typeInto(dialog.shadowRoot!.querySelector<HTMLInputElement>('#patient-q')!, 'nora');
    const found = await waitFor(() => dialog.shadowRoot!.querySelector<HTMLInputElement>(`#patient-${PATIENT}`), 'the patient found');
    found.click();
    dialog.shadowRoot!.querySelector<HTMLInputElement>('input[name="slot"][value="2026-12-08T09:30:00Z"]')!.click();
    (await button(dialog, 'Save')).click();
    await waitFor(() => !$(page, 'console-book-create-dialog'), 'the dialog closed');
    const body = lastRequest('POST', '/appointments')!.body as StaffBookingRequest;
    assertEqual(JSON.stringify(body), JSON.stringify({ clinicId: SENTRUM, providerId: KARI, treatmentId: CHECKUP, start: '2026-12-08T09:30:00Z', notifyPatient: true, patientId: PATIENT }));
    await waitFor(() => $$(page, 'tbody tr').length === 3, 'the new appointment in the book');
    assert($(page, '.notice.success')!.textContent!.includes('10:30'), 'says when it was booked');
    await waitFor(() => deepFocus() === opener, 'focus back on the opener');
  });

  it('creates at any time for a new patient; 409 slot_taken and a 422 keep every value; Reset undoes', async () => {
    failCreate = [
      () => problem(409, 'slot_taken', 'The time is taken'),
      () => problem(422, 'validation_failed', 'Validation failed', [{ path: 'patient.nationalId', message: 'Not a valid national id (check the digits)' }]),
    ];
    const page = await openBook();
    (await button(page, 'New appointment')).click();
    const dialog = await dialogOf(page, 'create');
    const $d = <E extends Element = HTMLInputElement>(s: string) => dialog.shadowRoot!.querySelector<E>(s)!;
    $d('#patient-new').click();
    await waitFor(() => $d('#f-patient-firstName'), 'new patient fields');
    typeInto($d('#f-patient-firstName'), 'Ola');
    typeInto($d('#f-patient-lastName'), 'Nilsen');
    typeInto($d('#f-patient-nationalId'), '13097248023');
    typeInto($d('#f-patient-mobile'), '912 34 567');
    $d('#time-any').click();
    await waitFor(() => $d('#f-time'), 'any-time fields');
    typeInto($d('#f-date'), '2026-12-09');
    typeInto($d('#f-time'), '18:30');
    typeInto($d('#f-durationMinutes'), '90');
    await axeCheck('book, create dialog, any time');

    (await button(dialog, 'Save')).click();
    const failure = await waitFor(() => $d<HTMLElement>('.save-failure'), 'the 409 failure');
    assert(failure.textContent!.includes('That time was just taken'), `a clear message: ${failure.textContent}`);
    assertEqual($d('#f-patient-firstName').value, 'Ola', 'the name typed is kept');
    assertEqual($d('#f-time').value, '18:30', 'the time typed is kept');
    assertEqual($d('#f-durationMinutes').value, '90', 'the length is kept');
    assert($(page, 'console-book-create-dialog'), 'the dialog stays open');

    (await button(dialog, 'Save')).click();
    await waitFor(() => $d('#f-patient-nationalId').getAttribute('aria-invalid') === 'true', 'the field marked');
    assert($d('#f-patient-nationalId').getAttribute('aria-describedby')!.includes('f-patient-nationalId-error'), 'the error tied to its field');
    assertEqual($d('#f-patient-nationalId').value, '13097248023', 'the value typed is kept');
    await axeCheck('book, create dialog after a failed save');

    // Reset puts back what the dialog started with.
    (await button(dialog, 'Reset')).click();
    await waitFor(() => $d('#patient-q'), 'reset to an existing patient');
    $d('#patient-new').click();
    await waitFor(() => $d('#f-patient-firstName')?.value === '', 'the typed name gone');

    typeInto($d('#f-patient-firstName'), 'Ola');
    typeInto($d('#f-patient-lastName'), 'Nilsen');
    typeInto($d('#f-patient-nationalId'), '13097248022');
    $d('#time-any').click();
    await waitFor(() => $d('#f-time'), 'any-time fields');
    typeInto($d('#f-date'), '2026-12-09');
    typeInto($d('#f-time'), '18:30');
    (await button(dialog, 'Save')).click();
    await waitFor(() => !$(page, 'console-book-create-dialog'), 'booked');
    const body = lastRequest('POST', '/appointments')!.body as StaffBookingRequest;
    assertEqual(body.start, '2026-12-09T17:30:00Z', '18:30 in Oslo');
    assertEqual(JSON.stringify(body.patient), JSON.stringify({ firstName: 'Ola', lastName: 'Nilsen', nationalId: '13097248022' }));
    assertEqual(body.patientId, undefined);
  });

  it('moves, cancels, marks attended and sends a reminder now; each dialog passes axe', async () => {
    const page = await openBook();
    const row = await waitFor(() => rowOf(page, 'Nora'), 'the row');

    // Move to any time.
    const move = row.querySelector<HTMLButtonElement>('[data-action="move"]')!;
    move.click();
    const moveDialog = await dialogOf(page, 'move');
    await waitFor(() => moveDialog.shadowRoot!.querySelectorAll('label.slot').length === 3, 'free times');
    await axeCheck('book, move dialog');
    moveDialog.shadowRoot!.querySelector<HTMLInputElement>('#time-any')!.click();
    const time = await waitFor(() => moveDialog.shadowRoot!.querySelector<HTMLInputElement>('#f-time'), 'time field');
    assertEqual(time.value, '09:00', 'starts from the appointment’s time');
    typeInto(time, '11:15');
    (await button(moveDialog, 'Save')).click();
    await waitFor(() => !$(page, 'console-book-move-dialog'), 'moved');
    assertEqual(JSON.stringify(lastRequest('POST', /\/move$/)!.body), JSON.stringify({ start: '2026-12-08T10:15:00Z', notifyPatient: true }));
    await waitFor(() => rowOf(page, 'Nora')!.textContent!.includes('11:15'), 'the new time shown');
    await waitFor(() => deepFocus() === move, 'focus back on Move');

    // Attended, then cleared (a toggle with its state said, not by colour).
    const attended = rowOf(page, 'Nora')!.querySelector<HTMLButtonElement>('[data-action="attended"]')!;
    attended.click();
    await waitFor(() => attended.getAttribute('aria-pressed') === 'true', 'pressed');
    assertEqual(JSON.stringify(lastRequest('POST', /\/attendance$/)!.body), JSON.stringify({ attendance: 'attended' }));
    assert(rowOf(page, 'Nora')!.querySelector('.badge')!.textContent!.includes('Attended'), 'said in words');
    const noShow = rowOf(page, 'Nora')!.querySelector<HTMLButtonElement>('[data-action="no-show"]')!;
    noShow.click();
    await waitFor(() => noShow.getAttribute('aria-pressed') === 'true' && attended.getAttribute('aria-pressed') === 'false' && !noShow.disabled, 'no-show');
    assertEqual(JSON.stringify(lastRequest('POST', /\/attendance$/)!.body), JSON.stringify({ attendance: 'no_show' }));

    // Reminder now.
    rowOf(page, 'Nora')!.querySelector<HTMLButtonElement>('[data-action="reminder"]')!.click();
    const remind = await dialogOf(page, 'reminder');
    await axeCheck('book, reminder dialog');
    typeInto(remind.shadowRoot!.querySelector<HTMLSelectElement>('#f-kind')!, 'reminder2');
    (await button(remind, 'Send now')).click();
    await waitFor(() => !$(page, 'console-book-reminder-dialog'), 'sent');
    assertEqual(JSON.stringify(lastRequest('POST', '/messages/appointments')!.body), JSON.stringify({ appointmentIds: [id(101)], kind: 'reminder2' }));
    assert($(page, '.notice.success')!.textContent!.includes('queued'), 'says it is queued');

    // Cancel with a reason: gone from the book (cancelled ones hidden), shown with "Show cancelled".
    rowOf(page, 'Nora')!.querySelector<HTMLButtonElement>('[data-action="cancel"]')!.click();
    const cancel = await dialogOf(page, 'cancel');
    await axeCheck('book, cancel dialog');
    typeInto(cancel.shadowRoot!.querySelector<HTMLTextAreaElement>('#f-reason')!, 'Sick');
    (await button(cancel, 'Cancel appointment')).click();
    await waitFor(() => !$(page, 'console-book-cancel-dialog') && !rowOf(page, 'Nora'), 'cancelled');
    assertEqual(JSON.stringify(lastRequest('POST', /\/cancel$/)!.body), JSON.stringify({ notifyPatient: true, reason: 'Sick' }));
    assert($(page, '.notice.success')!.textContent!.includes('Appointment cancelled.'), 'said');
    $<HTMLInputElement>(page, '#book-cancelled')!.click();
    await waitFor(() => rowOf(page, 'Nora')?.textContent!.includes('Cancelled'), 'shown as cancelled');
    assert(!rowOf(page, 'Nora')!.querySelector('[data-action]'), 'no actions on a cancelled appointment');
    await axeCheck('book with a cancelled appointment');
  });

  it('a network failure in a dialog keeps what was typed; the retry works', async () => {
    let down = true;
    await mockAdminApi([http.post(`${ADMIN}/appointments/:id/cancel`, () => (down ? HttpResponse.error() : undefined)), ...handlers()]);
    const page = await openPage(`#/book?date=${DAY}`, 'console-book-page');
    (await waitFor(() => rowOf(page, 'Nora'), 'the row')).querySelector<HTMLButtonElement>('[data-action="cancel"]')!.click();
    const cancel = await dialogOf(page, 'cancel');
    const reason = cancel.shadowRoot!.querySelector<HTMLTextAreaElement>('#f-reason')!;
    typeInto(reason, 'Patient is ill');
    (await button(cancel, 'Cancel appointment')).click();
    const failure = await waitFor(() => cancel.shadowRoot!.querySelector<HTMLElement>('.save-failure'), 'the failure');
    assert(failure.textContent!.includes('could not be reached'), failure.textContent!);
    assertEqual(cancel.shadowRoot!.querySelector<HTMLTextAreaElement>('#f-reason')!.value, 'Patient is ill', 'the reason is kept');
    await axeCheck('book, cancel dialog after a failure');
    down = false;
    (await button(cancel, 'Cancel appointment')).click();
    await waitFor(() => !$(page, 'console-book-cancel-dialog'), 'cancelled on the second try');
    assertEqual((lastRequest('POST', /\/cancel$/)!.body as { reason: string }).reason, 'Patient is ill');
  });

  it('a failed action says what failed and keeps the book', async () => {
    await mockAdminApi([http.post(`${ADMIN}/appointments/:id/attendance`, () => problem(500, 'internal', 'Boom')), ...handlers()]);
    const page = await openPage(`#/book?date=${DAY}`, 'console-book-page');
    const row = await waitFor(() => rowOf(page, 'Nora'), 'the row');
    row.querySelector<HTMLButtonElement>('[data-action="attended"]')!.click();
    const alert = await waitFor(() => $(page, '.notice.error[role="alert"]'), 'the failure');
    assert(alert.textContent!.includes('Not done') && alert.textContent!.includes('HTTP 500'), alert.textContent!);
    assertEqual(row.querySelector('[data-action="attended"]')!.getAttribute('aria-pressed'), 'false');
  });

  it('keyboard only: open the create dialog, find a patient, pick a free time, book; Escape closes a dialog', async () => {
    const page = await openBook();
    const opener = await button(page, 'New appointment');
    opener.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = await dialogOf(page, 'create');
    await waitFor(() => deepFocus()?.id === 'patient-q', 'focus in the search field');
    await sendKeys({ type: 'nora' });
    await sendKeys({ press: 'Enter' }); // searches at once; does not send the form
    await waitFor(() => dialog.shadowRoot!.querySelector(`#patient-${PATIENT}`), 'found');
    assertEqual(requests.filter((r) => r.method === 'POST').length, 0, 'Enter in the search sent nothing');
    const tabTo = async (match: (el: HTMLElement) => boolean, what: string) => {
      for (let i = 0; i < 40 && !(deepFocus() && match(deepFocus()!)); i++) await sendKeys({ press: 'Tab' });
      assert(deepFocus() && match(deepFocus()!), `reached ${what} by Tab`);
    };
    await tabTo((el) => el.id === `patient-${PATIENT}`, 'the patient');
    await sendKeys({ press: 'Space' });
    await waitFor(() => dialog.shadowRoot!.querySelectorAll('label.slot').length === 3, 'free times');
    await tabTo((el) => el.getAttribute('name') === 'slot', 'the free times');
    await sendKeys({ press: 'ArrowRight' }); // radios: the arrow keys choose within the group
    await tabTo((el) => el.dataset.action === 'save', 'Save');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => !$(page, 'console-book-create-dialog'), 'booked');
    const body = lastRequest('POST', '/appointments')!.body as StaffBookingRequest;
    assertEqual(body.patientId, PATIENT);
    assertEqual(body.start, '2026-12-08T09:30:00Z', 'the second free time');
    await waitFor(() => deepFocus() === opener, 'focus back on the opener');

    // Escape closes a dialog without a change; focus returns.
    const move = rowOf(page, 'Nora')!.querySelector<HTMLButtonElement>('[data-action="move"]')!;
    move.focus();
    assert(deepFocus() === move, `focus on Move: ${deepFocus()?.outerHTML}`);
    await sendKeys({ press: 'Space' });
    await dialogOf(page, 'move');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !$(page, 'console-book-move-dialog'), 'closed');
    await waitFor(() => deepFocus() === move, 'focus back on Move').catch((e: Error) => { throw new Error(`${e.message}: ${deepFocus()?.outerHTML} ${move.isConnected}`); });
    assert(consoleApp(), 'still in the console');
  });

  it('hides what the role may not do: read only sees no actions; book without messaging no reminder', async () => {
    const meWith = (capabilities: string[]) => http.get(`${ADMIN}/auth/me`, () => HttpResponse.json({ ...meAs('reception'), capabilities }));
    await mockAdminApi([meWith(['read']), ...handlers()]);
    let page = await openPage(`#/book?date=${DAY}`, 'console-book-page');
    let row = await waitFor(() => rowOf(page, 'Nora'), 'the row');
    assert(!row.querySelector('[data-action]'), 'no actions for a reader');
    assert(!$(page, '[data-action="create"]'), 'no New appointment for a reader');
    assertEqual($$(page, 'thead th[scope="col"]').length, 6, 'no Actions column');
    await axeCheck('book, read only');

    await mockAdminApi([meWith(['read', 'book']), ...handlers()]);
    page = await openPage(`#/book?date=${DAY}`, 'console-book-page');
    row = await waitFor(() => rowOf(page, 'Nora'), 'the row');
    assert(row.querySelector('[data-action="move"]') && !row.querySelector('[data-action="reminder"]'), 'booking, but no reminder without messaging');
  });

  it('reception may book and send: every action is there', async () => {
    await mockAdminApi(handlers(), 'reception');
    const page = await openPage(`#/book?date=${DAY}`, 'console-book-page');
    const row = await waitFor(() => rowOf(page, 'Nora'), 'the row');
    for (const action of ['move', 'cancel', 'attended', 'no-show', 'reminder']) assert(row.querySelector(`[data-action="${action}"]`), `${action} shown`);
    assert($(page, '[data-action="create"]'), 'New appointment shown');
  });
});
