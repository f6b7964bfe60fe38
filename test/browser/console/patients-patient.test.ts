import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { PatientPatch, PatientRecord, PatientView, PendingChange } from '../../../sdk/schemas/patients.ts';
import { $, $$, ADMIN, assert, assertEqual, axeCheck, button, closeConsole, consoleApp, mockAdminApi, openPage, problem, requests, typeInto, waitFor } from './support/console-harness.ts';
import { CHANGE_ID, PATIENT_ID, pendingChange, profile, record, view } from './patients-fixtures.ts';

afterEach(() => closeConsole());

/** The patient's API: the view, the edit (first save optionally failing), accept and reject. */
function patientApi(options: { failFirstSave?: 'validation' | 'network'; failLoads?: boolean } = {}) {
  const state = { patient: { ...record } as PatientRecord, pending: [pendingChange] as PendingChange[], saves: 0, loads: 0, failLoads: options.failLoads ?? false };
  const handlers = [
    http.get(`${ADMIN}/settings/organization`, () => HttpResponse.json(profile)),
    http.get(`${ADMIN}/patients/${PATIENT_ID}`, () => {
      state.loads++;
      if (state.failLoads) return problem(503, 'unavailable', 'Service unavailable');
      return HttpResponse.json(view({ patient: state.patient, pendingChanges: state.pending }) satisfies PatientView);
    }),
    http.patch(`${ADMIN}/patients/${PATIENT_ID}`, async ({ request }) => {
      state.saves++;
      if (state.saves === 1 && options.failFirstSave === 'validation') return problem(422, 'validation_failed', 'Validation failed', [{ path: 'nextRecallDate', message: 'Not a date in the range the product works with' }]);
      if (state.saves === 1 && options.failFirstSave === 'network') return HttpResponse.error();
      state.patient = { ...state.patient, ...(await request.json() as PatientPatch) } as PatientRecord;
      return HttpResponse.json(state.patient);
    }),
    http.post(`${ADMIN}/pending-changes/${CHANGE_ID}/accept`, () => {
      state.pending = [];
      state.patient = { ...state.patient, mobile: '+4798765432', mobileVerified: false, city: 'Bergen' };
      return HttpResponse.json({ ...pendingChange, status: 'accepted', decidedAt: new Date().toISOString() } satisfies PendingChange);
    }),
    http.post(`${ADMIN}/pending-changes/${CHANGE_ID}/reject`, () => {
      state.pending = [];
      return HttpResponse.json({ ...pendingChange, status: 'rejected', decidedAt: new Date().toISOString() } satisfies PendingChange);
    }),
  ];
  return { state, handlers };
}

const section = (page: Element, heading: string) => $(page, `section[aria-labelledby="${heading}"]`)!;

describe('console: patients/patient (msw)', () => {
  it('shows details, appointments (linked to their day in the book, in the clinic\'s zone), messages, journal, pending changes; axe passes', async () => {
    const { handlers } = patientApi();
    await mockAdminApi(handlers);
    const page = await openPage(`#/patients/${PATIENT_ID}`, 'console-patient-page');
    await waitFor(() => $(page, '#patient-name'), 'the patient');
    assertEqual($(page, '#patient-name')!.textContent!.trim(), 'Kari Nilsen');
    const details = $(page, 'dl')!.textContent!;
    for (const shown of ['13097248022', '+4791234567', 'proved by an SMS code', 'kari@example.no', 'Storgata 1, 0155 Oslo']) assert(details.includes(shown), `details show ${shown}`);
    assert(!document.title.includes('Kari') && !document.title.includes('13097248022'), `no personal data in the title: ${document.title}`);
    assert(!location.hash.includes('13097248022'), 'nor in the address');
    assertEqual($<HTMLInputElement>(page, '#f-wantsSms')!.checked, true);
    assertEqual($<HTMLInputElement>(page, '#f-nextRecallDate')!.value, '2027-03-01');

    const appointment = section(page, 'appointments-heading').querySelector('tbody tr')!;
    const link = appointment.querySelector('a')!;
    assertEqual(link.getAttribute('href'), '#/book?date=2026-12-06', 'the book\'s day in Oslo, not in New York');
    assert(link.textContent!.includes('23:30'), `the time in Oslo: ${link.textContent}`);
    assert(appointment.textContent!.includes('Oslo Sentrum') && appointment.textContent!.includes('Booked') && appointment.textContent!.includes('online'), 'clinic, status, source');

    const message = section(page, 'messages-heading').querySelector('tbody tr')!.textContent!;
    assert(message.includes('Reminder 1 (SMS)') && message.includes('Sent (S)') && message.includes('Påminnelse: time'), `the message: ${message}`);
    assert(message.includes('17:00'), 'sent at 17:00 in Oslo');
    const journal = section(page, 'journal-heading').querySelector('tbody tr')!.textContent!;
    assert(journal.includes('Rebooked online') && journal.includes('10:15'), `the journal entry: ${journal}`);
    const pending = section(page, 'pending-heading').textContent!;
    assert(pending.includes('Mobile: +4791234567 → +4798765432') && pending.includes('City: (empty) → Bergen'), `the changes: ${pending}`);
    for (const table of $$(page, 'table')) {
      const name = table.querySelector('caption')?.textContent ?? $(page, `#${table.getAttribute('aria-labelledby')}`)?.textContent;
      assert(name?.trim(), 'every table has a name');
    }
    await axeCheck('patients/patient');
  });

  it('edits wants-SMS and the recall date: a failed save (422) keeps the values and marks the field; Reset undoes; Save sends them', async () => {
    const { state, handlers } = patientApi({ failFirstSave: 'validation' });
    await mockAdminApi(handlers);
    const page = await openPage(`#/patients/${PATIENT_ID}`, 'console-patient-page');
    const wantsSms = await waitFor(() => $<HTMLInputElement>(page, '#f-wantsSms'), 'the form');
    wantsSms.click();
    typeInto($<HTMLInputElement>(page, '#f-nextRecallDate')!, '2027-09-15');
    (await button(page, 'Save')).click();
    const failure = await waitFor(() => $(page, '.save-failure'), 'the failure');
    assert(failure.textContent!.includes('Not a date in the range'), 'says what is wrong');
    assertEqual(page.shadowRoot!.activeElement, failure, 'focus on the failure');
    assertEqual($<HTMLInputElement>(page, '#f-wantsSms')!.checked, false, 'wants SMS kept as changed');
    assertEqual($<HTMLInputElement>(page, '#f-nextRecallDate')!.value, '2027-09-15', 'the date kept as typed');
    assertEqual($<HTMLInputElement>(page, '#f-nextRecallDate')!.getAttribute('aria-invalid'), 'true');
    assert($(page, '#f-nextRecallDate')!.getAttribute('aria-describedby')!.includes('f-nextRecallDate-error'), 'the error is tied to its field');
    await axeCheck('patients/patient after a failed save');

    (await button(page, 'Reset')).click();
    await waitFor(() => $<HTMLInputElement>(page, '#f-nextRecallDate')!.value === '2027-03-01', 'reset');
    assertEqual($<HTMLInputElement>(page, '#f-wantsSms')!.checked, true, 'reset wants SMS');

    $<HTMLInputElement>(page, '#f-wantsSms')!.click();
    typeInto($<HTMLInputElement>(page, '#f-nextRecallDate')!, '');
    (await button(page, 'Save')).click();
    await waitFor(() => state.saves === 2 && $(page, '.actions [role="status"]')?.textContent?.includes('Saved.'), 'saved');
    const patch = requests.filter((r) => r.method === 'PATCH').at(-1)!;
    assertEqual(patch.body, { wantsSms: false, nextRecallDate: null }, 'an empty date clears the recall');
    assertEqual(patch.csrf, 'csrf-test-token');
    assertEqual(state.patient.wantsSms, false);
  });

  it('a save that cannot reach the server keeps the values and says so', async () => {
    const { handlers } = patientApi({ failFirstSave: 'network' });
    await mockAdminApi(handlers);
    const page = await openPage(`#/patients/${PATIENT_ID}`, 'console-patient-page');
    typeInto(await waitFor(() => $<HTMLInputElement>(page, '#f-nextRecallDate'), 'the form'), '2027-10-01');
    (await button(page, 'Save')).click();
    await waitFor(() => $(page, '.save-failure')?.textContent?.includes('could not be reached'), 'the failure');
    assertEqual($<HTMLInputElement>(page, '#f-nextRecallDate')!.value, '2027-10-01');
    (await button(page, 'Save')).click();
    await waitFor(() => $(page, '.actions [role="status"]')?.textContent?.includes('Saved.'), 'saved on the second try');
  });

  it('accepts a pending change by keyboard: the record reloads, the decision takes the focus, an unsaved edit stays', async () => {
    const { handlers } = patientApi();
    await mockAdminApi(handlers);
    const page = await openPage(`#/patients/${PATIENT_ID}`, 'console-patient-page');
    typeInto(await waitFor(() => $<HTMLInputElement>(page, '#f-nextRecallDate'), 'the form'), '2027-05-05');
    const accept = await button(page, 'Accept');
    assert(accept.getAttribute('aria-describedby')!.includes(`what-${CHANGE_ID}`), 'the button is described by its change');
    accept.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => page.shadowRoot!.activeElement?.id === `decision-${CHANGE_ID}`, 'focus on the decision');
    assertEqual(page.shadowRoot!.activeElement!.textContent!.trim(), 'Accepted');
    await waitFor(() => $(page, 'dl')!.textContent!.includes('+4798765432'), 'the record shows the accepted mobile');
    assert($(page, 'dl')!.textContent!.includes('not proved'), 'an accepted mobile is not proved');
    assertEqual($<HTMLInputElement>(page, '#f-nextRecallDate')!.value, '2027-05-05', 'the unsaved edit is kept');
    assertEqual(requests.filter((r) => r.path === `/pending-changes/${CHANGE_ID}/accept`).length, 1);
    await axeCheck('patients/patient after accepting');
  });

  it('rejects a pending change; a failed decision says why and keeps the buttons', async () => {
    const { handlers } = patientApi();
    let failReject = true;
    await mockAdminApi([
      http.post(`${ADMIN}/pending-changes/${CHANGE_ID}/reject`, () => {
        if (failReject) { failReject = false; return problem(409, 'already_decided', 'Already decided'); }
        return undefined;
      }),
      ...handlers,
    ]);
    const page = await openPage(`#/patients/${PATIENT_ID}`, 'console-patient-page');
    (await button(page, 'Reject')).click();
    await waitFor(() => page.shadowRoot!.activeElement?.id === `decide-failure-${CHANGE_ID}`, 'focus on the failure');
    assert($(page, `#decide-failure-${CHANGE_ID}`)!.textContent!.includes('Already decided'), 'says why');
    (await button(page, 'Reject')).click();
    await waitFor(() => $(page, `#decision-${CHANGE_ID}`)?.textContent?.trim() === 'Rejected', 'rejected');
    assert($(page, 'dl')!.textContent!.includes('+4791234567'), 'the record is unchanged');
  });

  it('in Norwegian and Swedish: the words change, an unsaved edit stays', async () => {
    const { handlers } = patientApi();
    await mockAdminApi(handlers);
    const page = await openPage(`#/patients/${PATIENT_ID}`, 'console-patient-page');
    typeInto(await waitFor(() => $<HTMLInputElement>(page, '#f-nextRecallDate'), 'the form'), '2027-08-08');
    const language = consoleApp()!.shadowRoot!.querySelector<HTMLSelectElement>('#locale')!;
    typeInto(language, 'nb');
    await waitFor(() => $(page, 'label[for="f-wantsSms"]')?.textContent?.startsWith('Ønsker SMS'), 'Norwegian');
    assert($(page, 'label[for="f-nextRecallDate"]')!.textContent!.includes('Neste recall'), 'recall in Norwegian');
    assert($(page, '#pending-heading')!.textContent!.includes('Endringer som venter'), 'pending changes in Norwegian');
    assert(section(page, 'messages-heading').textContent!.includes('Påminnelse 1 (SMS)'), 'message kind in Norwegian');
    assertEqual($<HTMLInputElement>(page, '#f-nextRecallDate')!.value, '2027-08-08', 'the unsaved edit stays');
    typeInto(language, 'sv');
    await waitFor(() => $(page, 'label[for="f-nextRecallDate"]')?.textContent?.includes('Nästa revision'), 'Swedish');
    assert($(page, 'dl')!.textContent!.includes('Personnummer'), 'national id in Swedish');
    typeInto(language, 'en');
  });

  it('a failed load says what failed and retries', async () => {
    const { state, handlers } = patientApi({ failLoads: true });
    await mockAdminApi(handlers);
    const page = await openPage(`#/patients/${PATIENT_ID}`, 'console-patient-page');
    const retry = await waitFor(() => $<HTMLButtonElement>(page, '[data-action="retry"]'), 'retry');
    assert($(page, '[role="alert"]')!.textContent!.includes('HTTP 503'), `says what failed: ${$(page, '[role="alert"]')!.textContent}`);
    await axeCheck('patients/patient failed load');
    state.failLoads = false;
    retry.click();
    await waitFor(() => $(page, '#patient-name'), 'loaded after retry');
  });
});
