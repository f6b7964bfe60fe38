import { http, HttpResponse } from 'msw';
import { $, $$, ADMIN, assert, assertEqual, axeCheck, button, closeConsole, mockAdminApi, openPage, problem, requests, typeInto, waitFor } from './support/console-harness.ts';
import { ids, organization, patient, today } from './sms-fixtures.ts';

afterEach(() => closeConsole());

const base = [http.get(`${ADMIN}/settings/organization`, () => HttpResponse.json(organization))];
const queued = (n: number) => ({ queued: Array.from({ length: n }, (_, i) => ({ messageId: `00000000-0000-4000-8000-00000000090${i}`, patientId: null, appointmentId: null })), skipped: [] });

describe('console: sms/send (msw)', () => {
  it('counts parts as typed (GSM-7 160/161, an emoji is UCS-2); a 422 on the number keeps the text; then sends; Reset undoes', async () => {
    let failNext = true;
    await mockAdminApi([...base,
      http.post(`${ADMIN}/messages/number`, () => {
        if (failNext) {
          failNext = false;
          return problem(422, 'validation_failed', 'Validation failed', [{ path: 'to', message: 'Not a mobile number' }]);
        }
        return HttpResponse.json(queued(1), { status: 201 });
      }),
    ]);
    const page = await openPage('#/sms/send?to=number', 'console-sms-send-page');
    const body = await waitFor(() => $<HTMLTextAreaElement>(page, '#f-body'), 'message field');
    await axeCheck('sms/send number');
    const count = () => $(page, '#f-body-hint')!.textContent!;
    typeInto(body, 'a'.repeat(160));
    await waitFor(() => count().includes('160 characters, 1 SMS part(s), GSM-7'), '160 → 1 part');
    typeInto(body, 'a'.repeat(161));
    await waitFor(() => count().includes('161 characters, 2 SMS part(s), GSM-7'), '161 → 2 parts');
    typeInto(body, 'Hei 😀');
    await waitFor(() => count().includes('1 SMS part(s), UCS-2') && count().includes('64 characters left'), 'emoji → UCS-2, 70 per SMS');
    typeInto(body, '😀'.repeat(36));
    await waitFor(() => count().includes('72 characters, 2 SMS part(s), UCS-2'), '72 UCS-2 units → 2 parts (67 per part)');
    assert(body.getAttribute('aria-describedby')!.includes('f-body-hint'), 'the count is tied to the field');

    typeInto(body, 'Hei! Ring oss.');
    typeInto($<HTMLInputElement>(page, '#f-to')!, '123');
    (await button(page, 'Send')).click();
    const failure = await waitFor(() => $(page, '.save-failure'), 'the failure');
    await waitFor(() => page.shadowRoot!.activeElement === failure, 'focus on what failed');
    assert(failure.textContent!.includes('Not a mobile number'), 'names the problem');
    assertEqual($<HTMLTextAreaElement>(page, '#f-body')!.value, 'Hei! Ring oss.', 'the text is kept');
    assertEqual($<HTMLInputElement>(page, '#f-to')!.value, '123', 'the number is kept');
    assertEqual($(page, '#f-to')!.getAttribute('aria-invalid'), 'true');
    assert($(page, '#f-to')!.getAttribute('aria-describedby')!.includes('f-to-error'), 'the error is tied to the number');
    await axeCheck('sms/send after a failed send');

    (await button(page, 'Reset')).click();
    await waitFor(() => $<HTMLTextAreaElement>(page, '#f-body')!.value === '', 'reset empties the text');
    typeInto($<HTMLTextAreaElement>(page, '#f-body')!, 'Hei! Ring oss.');
    typeInto($<HTMLInputElement>(page, '#f-to')!, '+4791234567');
    (await button(page, 'Send')).click();
    await waitFor(() => $(page, '[data-result]')?.textContent?.includes('1 message(s) queued'), 'queued');
    const sent = requests.filter((r) => r.method === 'POST' && r.path === '/messages/number').at(-1)!;
    assertEqual(JSON.stringify(sent.body), JSON.stringify({ to: '+4791234567', body: 'Hei! Ring oss.' }));
  });

  it('to a patient found by search, at a time (the clinic’s zone), by keyboard', async () => {
    await mockAdminApi([...base,
      http.get(`${ADMIN}/patients`, () => HttpResponse.json({ patients: [patient(ids.p1, 'Kari', 'Nordmann', '+4791234567')], nextCursor: null })),
      http.post(`${ADMIN}/messages/patient`, () => HttpResponse.json(queued(1), { status: 201 })),
    ]);
    const page = await openPage('#/sms/send', 'console-sms-send-page');
    const search = await waitFor(() => $<HTMLInputElement>(page, '#f-patientId'), 'patient search');
    typeInto($<HTMLTextAreaElement>(page, '#f-body')!, 'Velkommen!');
    (await button(page, 'Send')).click();
    await waitFor(() => $(page, '.save-failure')?.textContent?.includes('Choose a patient first.'), 'asks for a patient');
    typeInto(search, 'Kari');
    search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    const choose = await waitFor(() => $$<HTMLButtonElement>(page, 'button').find((b) => b.getAttribute('aria-label') === 'Choose Kari Nordmann'), 'choose button');
    await axeCheck('sms/send patient results');
    choose.click();
    await waitFor(() => page.shadowRoot!.activeElement?.getAttribute('data-action') === 'change-patient', 'focus moves to the chosen patient');
    assert($(page, '#f-patientId')!.textContent!.includes('Kari Nordmann'), 'shows the patient chosen');
    $<HTMLInputElement>(page, '#when-later')!.click();
    const at = await waitFor(() => $<HTMLInputElement>(page, '#f-sendAt'), 'send at');
    typeInto(at, '2026-12-08T09:30');
    (await button(page, 'Send')).click();
    await waitFor(() => $(page, '[data-result]'), 'queued');
    const sent = requests.filter((r) => r.path === '/messages/patient').at(-1)!.body as { patientId: string; body: string; sendAt: string };
    assertEqual(sent.patientId, ids.p1);
    assertEqual(sent.body, 'Velkommen!');
    assertEqual(sent.sendAt, '2026-12-08T09:30:00+01:00', 'the time typed is the clinic’s (Oslo), not the browser’s (New York)');
  });

  it('bulk from a recall search, and today’s patients with a kind; skipped ones in words', async () => {
    await mockAdminApi([...base,
      http.get(`${ADMIN}/patients/recall`, () => HttpResponse.json({ patients: [patient(ids.p1, 'Kari', 'Nordmann', '+4791234567'), patient(ids.p2, 'Ola', 'Uten', null), patient(ids.p3, 'Per', 'Hansen', '+4799999999')], nextCursor: null })),
      http.post(`${ADMIN}/messages/bulk`, () => HttpResponse.json({ queued: [{ messageId: ids.m1, patientId: ids.p1, appointmentId: null }], skipped: [{ patientId: ids.p3, appointmentId: null, reason: 'foreign_number' }] }, { status: 201 })),
      http.get(`${ADMIN}/appointments/today`, () => HttpResponse.json(today)),
      http.post(`${ADMIN}/messages/appointments`, () => HttpResponse.json({ queued: [{ messageId: ids.m2, patientId: ids.p1, appointmentId: ids.a1 }], skipped: [] }, { status: 201 })),
    ]);
    const page = await openPage('#/sms/send?to=bulk', 'console-sms-send-page');
    (await button(page, 'Search')).click();
    const all = await waitFor(() => $<HTMLInputElement>(page, '#f-patientIds-all'), 'select all');
    all.click();
    await waitFor(() => $(page, '#f-patientIds-count')!.textContent === '2 selected', 'the two with a mobile');
    await axeCheck('sms/send bulk');
    typeInto($<HTMLTextAreaElement>(page, '#f-body')!, 'Det er tid for kontroll.');
    (await button(page, 'Send')).click();
    const result = await waitFor(() => $(page, '[data-result]'), 'result');
    assert(result.textContent!.includes('Not sent to 1'), 'says who was skipped');
    assert(result.textContent!.includes('Per Hansen: the number is in a country the clinic does not text'), 'the reason in words');
    const bulk = requests.filter((r) => r.path === '/messages/bulk').at(-1)!.body as { patientIds: string[] };
    assertEqual(JSON.stringify(bulk.patientIds.sort()), JSON.stringify([ids.p1, ids.p3]));

    $<HTMLInputElement>(page, '#mode-today')!.click();
    await waitFor(() => location.hash.includes('to=today'), 'the mode is in the address');
    (await button(page, 'Show')).click();
    const box = await waitFor(() => $$<HTMLInputElement>(page, 'input[type="checkbox"]').find((b) => b.getAttribute('aria-label')?.includes('Test Testesen')), 'row');
    assert($$<HTMLInputElement>(page, 'input[type="checkbox"]').find((b) => b.getAttribute('aria-label')?.includes('Lise Gunnarsen'))!.disabled, 'no mobile: cannot be chosen');
    box.click();
    typeInto($<HTMLSelectElement>(page, '#f-kind')!, 'reminder2');
    await axeCheck('sms/send today');
    (await button(page, 'Send')).click();
    await waitFor(() => requests.some((r) => r.path === '/messages/appointments'), 'sent');
    const sent = requests.filter((r) => r.path === '/messages/appointments').at(-1)!.body as Record<string, unknown>;
    assertEqual(JSON.stringify(sent), JSON.stringify({ appointmentIds: [ids.a1], kind: 'reminder2' }), 'no body: the kind’s standard text');
  });

  it('a network failure keeps the text', async () => {
    await mockAdminApi([...base, http.post(`${ADMIN}/messages/number`, () => HttpResponse.error())]);
    const page = await openPage('#/sms/send?to=number', 'console-sms-send-page');
    typeInto(await waitFor(() => $<HTMLTextAreaElement>(page, '#f-body')), 'Viktig beskjed');
    typeInto($<HTMLInputElement>(page, '#f-to')!, '+4791234567');
    (await button(page, 'Send')).click();
    await waitFor(() => $(page, '.save-failure')?.textContent?.includes('could not be reached'), 'network failure in words');
    assertEqual($<HTMLTextAreaElement>(page, '#f-body')!.value, 'Viktig beskjed');
  });
});
