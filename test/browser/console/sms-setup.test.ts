import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { MessageTemplate, MessagingSettings } from '../../../sdk/schemas/messaging.ts';
import { $, $$, ADMIN, assert, assertEqual, axeCheck, button, closeConsole, mockAdminApi, openPage, problem, requests, typeInto, waitFor } from './support/console-harness.ts';
import { MERGE_FIELDS, organization, settings, status, template } from './sms-fixtures.ts';

afterEach(() => closeConsole());

const base = [http.get(`${ADMIN}/settings/organization`, () => HttpResponse.json(organization))];

describe('console: sms/templates (msw)', () => {
  it('merge fields at the cursor, live preview, part count; failed save keeps the text; save, reset, restore the standard', async () => {
    let templates = [template('reminder1', 'Hei [firstName], husk timen [time].', true), template('general', 'Hei [firstName]!')];
    let failNext = true;
    await mockAdminApi([...base,
      http.get(`${ADMIN}/messaging/templates`, () => HttpResponse.json({ templates, mergeFields: MERGE_FIELDS })),
      http.post(`${ADMIN}/messaging/templates/preview`, async ({ request }) => {
        const { body } = await request.json() as { body: string };
        if (body.includes('[shoe]')) return problem(422, 'validation_failed', 'Validation failed', [{ path: 'body', message: 'Unknown merge field [shoe]' }]);
        const rendered = body.replace('[firstName]', 'Kari').replace('[time]', '09.12.2026 kl. 12:45').replace('[clinic]', 'Oslo Sentrum');
        return HttpResponse.json({ rendered, length: { encoding: 'gsm7', units: rendered.length, characters: rendered.length, parts: 1, remaining: 160 - rendered.length } });
      }),
      http.put(`${ADMIN}/messaging/templates/sms/:kind`, async ({ params, request }) => {
        const { body } = await request.json() as { body: string };
        if (failNext) { failNext = false; return problem(422, 'validation_failed', 'Validation failed', [{ path: 'body', message: 'Unknown merge field [shoe]' }]); }
        const saved: MessageTemplate = { ...template(params.kind as 'reminder1', body, true) };
        templates = templates.map((t) => (t.kind === saved.kind ? saved : t));
        return HttpResponse.json(saved);
      }),
      http.delete(`${ADMIN}/messaging/templates/sms/:kind`, ({ params }) => {
        const restored = template(params.kind as 'reminder1', 'Hei [firstName], husk timen [time]. Mvh [clinic]', false);
        templates = templates.map((t) => (t.kind === restored.kind ? restored : t));
        return HttpResponse.json(restored);
      }),
    ]);
    const page = await openPage('#/sms/templates', 'console-sms-templates-page');
    const body = await waitFor(() => $<HTMLTextAreaElement>(page, '#f-body'), 'the text');
    assertEqual(body.value, 'Hei [firstName], husk timen [time].');
    await waitFor(() => $(page, '[data-preview]')?.textContent === 'Hei Kari, husk timen 09.12.2026 kl. 12:45.', 'the preview');
    assert($(page, '#f-body-hint')!.textContent!.includes('1 SMS part(s), GSM-7'), 'the part count');
    await axeCheck('sms/templates');

    // The cursor after "Hei ": [clinic] goes there.
    body.focus();
    body.setSelectionRange(4, 4);
    const insert = $<HTMLButtonElement>(page, '.merge button[data-field="clinic"]')!;
    insert.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $<HTMLTextAreaElement>(page, '#f-body')!.value === 'Hei [clinic][firstName], husk timen [time].', 'inserted at the cursor');
    await waitFor(() => page.shadowRoot!.activeElement === $(page, '#f-body'), 'focus back in the text');
    await waitFor(() => $(page, '[data-preview]')?.textContent?.startsWith('Hei Oslo SentrumKari'), 'the preview follows');

    typeInto(body, 'Hei [shoe] 😀');
    await waitFor(() => $(page, '#f-body-hint')!.textContent!.includes('UCS-2'), 'an emoji makes UCS-2');
    await waitFor(() => page.shadowRoot!.textContent!.includes('Unknown merge field [shoe]'), 'the preview says what is wrong');
    (await button(page, 'Save')).click();
    await waitFor(() => $(page, '.save-failure'), 'failed save');
    assertEqual($<HTMLTextAreaElement>(page, '#f-body')!.value, 'Hei [shoe] 😀', 'kept');
    assertEqual($(page, '#f-body')!.getAttribute('aria-invalid'), 'true');
    (await button(page, 'Reset')).click();
    await waitFor(() => $<HTMLTextAreaElement>(page, '#f-body')!.value === 'Hei [firstName], husk timen [time].', 'reset');

    typeInto($<HTMLTextAreaElement>(page, '#f-body')!, 'Hei [firstName]! Velkommen [time].');
    (await button(page, 'Save')).click();
    await waitFor(() => page.shadowRoot!.textContent!.includes('Saved.'), 'saved');
    assertEqual((requests.filter((r) => r.method === 'PUT').at(-1)!.body as { body: string }).body, 'Hei [firstName]! Velkommen [time].');

    const restore = await button(page, 'Restore the standard text');
    restore.focus();
    restore.click();
    await waitFor(() => $(page, '#restore-dialog[open]'), 'restore dialog');
    await axeCheck('sms/templates restore dialog');
    $<HTMLButtonElement>(page, '[data-action="confirm-restore"]')!.click();
    await waitFor(() => $<HTMLTextAreaElement>(page, '#f-body')!.value === 'Hei [firstName], husk timen [time]. Mvh [clinic]', 'the standard text back');
    assert(requests.some((r) => r.method === 'DELETE' && r.path === '/messaging/templates/sms/reminder1'), 'restored on the server');

    // Another text by its link (the address).
    $$<HTMLAnchorElement>(page, 'table a').find((a) => a.textContent === 'General (SMS)')!.click();
    await waitFor(() => $<HTMLTextAreaElement>(page, '#f-body')?.value === 'Hei [firstName]!', 'the general text');
  });

  it('reception reads the texts but cannot change them; a failed load retries', async () => {
    let fail = true;
    await mockAdminApi([...base, http.get(`${ADMIN}/messaging/templates`, () => {
      if (fail) { fail = false; return HttpResponse.error(); }
      return HttpResponse.json({ templates: [template('reminder1', 'Hei')], mergeFields: MERGE_FIELDS });
    })], 'reception');
    const page = await openPage('#/sms/templates', 'console-sms-templates-page');
    (await waitFor(() => $<HTMLButtonElement>(page, '[data-action="retry"]'), 'retry')).click();
    const body = await waitFor(() => $<HTMLTextAreaElement>(page, '#f-body'), 'loaded');
    assert(body.disabled, 'read only');
    assert(page.shadowRoot!.textContent!.includes('may read the texts but not change them'), 'says so');
  });
});

describe('console: sms/settings (msw)', () => {
  it('loads all settings; a failed save keeps values and marks the field; saves the whole; Reset', async () => {
    let saved: MessagingSettings = structuredClone(settings);
    let failNext = true;
    await mockAdminApi([...base,
      http.get(`${ADMIN}/messaging/settings`, () => HttpResponse.json(saved)),
      http.put(`${ADMIN}/messaging/settings`, async ({ request }) => {
        const patch = await request.json() as MessagingSettings;
        if (failNext) { failNext = false; return problem(422, 'validation_failed', 'Validation failed', [{ path: 'replyNumber', message: 'A phone number in E.164, e.g. +4791234567' }, { path: 'smsCountries.1', message: 'A country code such as NO' }]); }
        saved = { ...saved, ...patch };
        return HttpResponse.json(saved);
      }),
    ]);
    const page = await openPage('#/sms/settings', 'console-sms-settings-page');
    const sender = await waitFor(() => $<HTMLInputElement>(page, '#f-senderId'), 'loaded');
    assertEqual(sender.value, 'Acme');
    assertEqual($<HTMLInputElement>(page, '#f-smsCountries')!.value, 'NO, SE');
    assert($<HTMLInputElement>(page, '#weekday-7')!.checked, 'Sunday is a no-send day');
    assertEqual($<HTMLInputElement>(page, '#f-pause-nightFrom')!.value, '22:00');
    await axeCheck('sms/settings');

    $<HTMLInputElement>(page, '#f-allowReplies')!.click();
    typeInto($<HTMLInputElement>(page, '#f-replyNumber')!, '91234567');
    typeInto($<HTMLInputElement>(page, '#f-smsCountries')!, 'NO, Sverige');
    typeInto($<HTMLInputElement>(page, '#f-reminderHours-reminder2')!, '2');
    $<HTMLInputElement>(page, '#weekday-6')!.click();
    $<HTMLInputElement>(page, '#f-testMode')!.click();
    typeInto($<HTMLInputElement>(page, '#f-pause-nightTo')!, '08:00');
    (await button(page, 'Save')).click();
    const failure = await waitFor(() => $(page, '.save-failure'), 'failure');
    assert(failure.textContent!.includes('Reply number') && failure.textContent!.includes('Countries texted'), 'the summary names both fields');
    assertEqual($<HTMLInputElement>(page, '#f-replyNumber')!.value, '91234567', 'kept');
    assertEqual($<HTMLInputElement>(page, '#f-smsCountries')!.value, 'NO, Sverige', 'kept as typed');
    assertEqual($(page, '#f-smsCountries')!.getAttribute('aria-invalid'), 'true', 'the countries marked');
    assert($<HTMLInputElement>(page, '#weekday-6')!.checked, 'kept');
    await axeCheck('sms/settings after a failed save');

    typeInto($<HTMLInputElement>(page, '#f-replyNumber')!, '+4791234567');
    typeInto($<HTMLInputElement>(page, '#f-smsCountries')!, 'no, se');
    (await button(page, 'Save')).click();
    await waitFor(() => page.shadowRoot!.textContent!.includes('Saved.'), 'saved');
    const put = requests.filter((r) => r.method === 'PUT').at(-1)!.body as MessagingSettings;
    assertEqual(put.allowReplies, true);
    assertEqual(put.replyNumber, '+4791234567');
    assertEqual(JSON.stringify(put.smsCountries), '["NO","SE"]');
    assertEqual(put.reminderHours.reminder2, 2);
    assertEqual(JSON.stringify(put.noSendWeekdays), '[6,7]');
    assertEqual(put.testMode, true);
    assertEqual(put.pause.nightTo, '08:00');
    assertEqual(put.gateway, null, 'the default gateway stays null');

    typeInto($<HTMLInputElement>(page, '#f-senderId')!, 'Smil');
    (await button(page, 'Reset')).click();
    await waitFor(() => $<HTMLInputElement>(page, '#f-senderId')!.value === 'Acme', 'reset');
  });
});

describe('console: sms/settings for reception (msw)', () => {
  it('reads the settings but cannot change them', async () => {
    await mockAdminApi([...base, http.get(`${ADMIN}/messaging/settings`, () => HttpResponse.json(settings))], 'reception');
    const page = await openPage('#/sms/settings', 'console-sms-settings-page');
    const sender = await waitFor(() => $<HTMLInputElement>(page, '#f-senderId'), 'loaded');
    assert(sender.disabled && $<HTMLInputElement>(page, '#weekday-7')!.disabled, 'read only');
    assert($<HTMLButtonElement>(page, '[data-action="save"]')!.disabled, 'no saving');
    assert(page.shadowRoot!.textContent!.includes('may read these settings but not change them'), 'says so');
    await axeCheck('sms/settings read only');
  });
});

describe('console: sms/status (msw)', () => {
  it('the worker, gateway and last failure in words; Refresh; a failed load retries', async () => {
    let calls = 0;
    await mockAdminApi([...base, http.get(`${ADMIN}/messaging/status`, () => {
      calls++;
      if (calls === 1) return HttpResponse.error();
      return HttpResponse.json(calls === 2 ? status : { ...status, workers: [] });
    })]);
    const page = await openPage('#/sms/status', 'console-sms-status-page');
    (await waitFor(() => $<HTMLButtonElement>(page, '[data-action="retry"]'), 'retry')).click();
    await waitFor(() => page.shadowRoot!.textContent!.includes('Running: last heartbeat'), 'the worker runs');
    const text = page.shadowRoot!.textContent!;
    assert(text.includes('Invalid number') && text.includes('console'), 'last error and gateway');
    assert($(page, '[data-overall]')!.textContent!.includes('there are failed messages'), 'a failure needs attention');
    await axeCheck('sms/status');
    (await button(page, 'Refresh')).click();
    await waitFor(() => page.shadowRoot!.textContent!.includes('No worker has reported'), 'refreshed: no worker');
  });
});
