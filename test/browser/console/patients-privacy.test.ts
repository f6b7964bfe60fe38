import { http, HttpResponse } from 'msw';
import type { PatientList } from '../../../sdk/schemas/patients.ts';
import type { EraseResult, PatientExport } from '../../../sdk/schemas/privacy.ts';
import { $, ADMIN, assert, assertEqual, axeCheck, button, closeConsole, mockAdminApi, openPage, problem, requests, typeInto, waitFor } from './support/console-harness.ts';
import { PATIENT_ID, profile, record, view } from './patients-fixtures.ts';

afterEach(() => closeConsole());

const confirmButton = (page: Element) => $<HTMLButtonElement>(page, 'button[data-action="confirm-erase"]');

const exported: PatientExport = {
  exportedAt: '2026-12-01T08:00:00.000Z', organization: { id: PATIENT_ID, name: 'Acme Tannlege' }, patient: record,
  appointments: [], messages: [], inboundSms: [], verificationCodes: [], sessions: [], journal: [], pendingChanges: [], audit: [], webhookDeliveries: [],
};

/** The patient's page and search, the export, and an erasure that fails once when asked. */
function privacyApi(options: { failFirstErase?: boolean } = {}) {
  const state = { erases: 0 };
  return [
    http.get(`${ADMIN}/settings/organization`, () => HttpResponse.json(profile)),
    http.get(`${ADMIN}/patients/${PATIENT_ID}`, () => HttpResponse.json(view({ pendingChanges: [] }))),
    http.get(`${ADMIN}/patients`, () => HttpResponse.json({ patients: [], nextCursor: null } satisfies PatientList)),
    http.get(`${ADMIN}/patients/${PATIENT_ID}/export`, () => HttpResponse.json(exported, { headers: { 'content-disposition': `attachment; filename="patient-${PATIENT_ID}.json"` } })),
    http.post(`${ADMIN}/patients/${PATIENT_ID}/erase`, () => {
      state.erases++;
      if (options.failFirstErase && state.erases === 1) return problem(503, 'unavailable', 'Service unavailable');
      return HttpResponse.json({ patientId: PATIENT_ID, alreadyErased: false, appointmentsAnonymized: 1, appointmentsCancelled: 1, messagesCancelled: 2 } satisfies EraseResult);
    }),
  ];
}

describe('console: patients/patient privacy (msw)', () => {
  it('"Export data" downloads the patient\'s JSON and says so', async () => {
    await mockAdminApi(privacyApi());
    const page = await openPage(`#/patients/${PATIENT_ID}`, 'console-patient-page');
    const clicked: Array<{ href: string; download: string }> = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) { clicked.push({ href: this.href, download: this.download }); };
    try {
      (await button(page, 'Export data')).click();
      await waitFor(() => clicked.length > 0, 'the download');
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    assertEqual(clicked[0]!.download, `patient-${PATIENT_ID}.json`);
    const file = await (await fetch(clicked[0]!.href)).json() as PatientExport;
    assertEqual(file.patient.nationalId, record.nationalId, 'the file holds what the API answered');
    assert(requests.some((r) => r.method === 'GET' && r.path === `/patients/${PATIENT_ID}/export`), 'asked the export endpoint');
    await axeCheck('patients/patient privacy');
  });

  it('"Erase patient" asks for the name typed out; a failure is said and kept in the dialog; then it erases and goes back to the search', async () => {
    await mockAdminApi(privacyApi({ failFirstErase: true }));
    const page = await openPage(`#/patients/${PATIENT_ID}`, 'console-patient-page');
    (await button(page, 'Erase patient')).click();
    const dialog = await waitFor(() => $<HTMLDialogElement>(page, '#erase-dialog[open]'), 'the dialog');
    assert(dialog.textContent!.includes('Erase Kari Nilsen?'), 'the dialog names the patient');
    const confirm = await button(page, 'Erase for good');
    assertEqual(confirm.disabled, true, 'not before the name is typed');
    const name = $<HTMLInputElement>(page, '#f-erase-name')!;
    assertEqual(page.shadowRoot!.activeElement, name, 'the name field has the focus');
    typeInto(name, 'Kari');
    await page.updateComplete;
    assertEqual(confirmButton(page)!.disabled, true, 'a part of the name is not enough');
    await axeCheck('patients/patient erase dialog');
    typeInto(name, '  kari   nilsen ');
    await waitFor(() => confirmButton(page)?.disabled === false, 'enabled by the whole name');
    confirmButton(page)!.click();
    await waitFor(() => $(page, '#erase-dialog [role="alert"]'), 'the failure in the dialog');
    assert(location.hash.startsWith(`#/patients/${PATIENT_ID}`), 'still on the patient');
    await waitFor(() => confirmButton(page)?.disabled === false, 'ready to try again');
    confirmButton(page)!.click();
    await waitFor(() => location.hash === '#/patients', 'back to the patient search');
    const erases = requests.filter((r) => r.method === 'POST' && r.path === `/patients/${PATIENT_ID}/erase`);
    assertEqual(erases.length, 2);
    assertEqual(JSON.stringify(erases[1]!.body), JSON.stringify({ confirm: true }), 'with the explicit confirmation');
    assertEqual(erases[1]!.csrf, 'csrf-test-token');
  });

  it('reception sees neither button', async () => {
    await mockAdminApi(privacyApi(), 'reception');
    const page = await openPage(`#/patients/${PATIENT_ID}`, 'console-patient-page');
    await waitFor(() => $(page, '#patient-name'), 'the patient');
    assertEqual($(page, '#privacy-heading'), null);
    assert(![...page.shadowRoot!.querySelectorAll('button')].some((b) => /Export data|Erase patient/.test(b.textContent ?? '')), 'no privacy buttons');
  });
});
