import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { $, $$, ADMIN, assert, assertEqual, axeCheck, button, closeConsole, mockAdminApi, openPage, problem, requests, typeInto, waitFor } from './support/console-harness.ts';
import { ids, inbound, message, organization } from './sms-fixtures.ts';

afterEach(() => closeConsole());

const base = [
  http.get(`${ADMIN}/settings/organization`, () => HttpResponse.json(organization)),
  http.get(`${ADMIN}/providers`, () => HttpResponse.json({ providers: [{ id: ids.pr, name: 'Hanne Wildahl', title: 'Tannlege', bio: '', active: true, photoType: null, clinics: [] }] })),
  http.get(`${ADMIN}/clinics`, () => HttpResponse.json({ clinics: [{ id: ids.c1, name: 'Oslo Sentrum', address: '', phone: null, email: null, timeZone: null, active: true }] })),
];

describe('console: sms/sent (msw)', () => {
  it('statuses in words, filters in the address, cancel a waiting one (dialog, focus back), show the reply', async () => {
    let messages = [message(ids.m1, 'waiting'), message(ids.m2, 'replied', { id: ids.m2 }), message(ids.m3, 'failed', { lastError: 'Invalid number', recipient: '+4790000000' })];
    await mockAdminApi([...base,
      http.get(`${ADMIN}/messages`, () => HttpResponse.json({ messages, count: messages.length })),
      http.post(`${ADMIN}/messages/:id/cancel`, ({ params }) => {
        messages = messages.map((m) => (m.id === params.id ? { ...m, status: 'cancelled' as const } : m));
        return HttpResponse.json({ cancelled: true });
      }),
      http.get(`${ADMIN}/inbound`, () => HttpResponse.json({ messages: [inbound(ids.i1, true, { messageId: ids.m2, body: 'Ja takk, jeg kommer' })], count: 1, unread: 0 })),
    ]);
    const page = await openPage('#/sms/sent', 'console-sms-sent-page');
    const row = await waitFor(() => $(page, `tr[data-id="${ids.m1}"]`), 'the list');
    assert(row.textContent!.includes('V') && row.textContent!.includes('Waiting') && row.textContent!.includes('The SMS is sent when its time comes.'), 'V explained in words');
    assert($(page, `tr[data-id="${ids.m3}"]`)!.textContent!.includes('Sending stopped because of an error'), 'F explained');
    assert($(page, `tr[data-id="${ids.m3}"]`)!.textContent!.includes('Invalid number'), 'the error shown');
    const first = requests.find((r) => r.path === '/messages')!;
    assert(first.search.includes('from=') && first.search.includes('to=') && first.search.includes('dateField=created'), 'dates sent');
    await axeCheck('sms/sent');

    typeInto($<HTMLSelectElement>(page, '#filter-status')!, 'failed');
    await waitFor(() => location.hash.includes('status=failed'), 'the filter is in the address');
    await waitFor(() => requests.filter((r) => r.path === '/messages').at(-1)!.search.includes('status=failed'), 'and asked for');
    assertEqual($<HTMLSelectElement>(page, '#filter-status')!.value, 'failed');
    typeInto($<HTMLSelectElement>(page, '#filter-status')!, '');
    await waitFor(() => !location.hash.includes('status='), 'filter off');
    typeInto($<HTMLSelectElement>(page, '#filter-providerId')!, ids.pr);
    typeInto($<HTMLSelectElement>(page, '#filter-kind')!, 'reminder1');
    await waitFor(() => location.hash.includes(`providerId=${ids.pr}`) && location.hash.includes('kind=reminder1'), 'provider and kind in the address');
    await waitFor(() => requests.filter((r) => r.path === '/messages').at(-1)!.search.includes('kind=reminder1'), 'and asked for');
    typeInto($<HTMLSelectElement>(page, '#filter-providerId')!, '');
    typeInto($<HTMLSelectElement>(page, '#filter-kind')!, '');
    await waitFor(() => !location.hash.includes('kind=') && !location.hash.includes('providerId='), 'filters off');

    const cancel = await waitFor(() => $<HTMLButtonElement>(page, `tr[data-id="${ids.m1}"] [data-action="cancel"]`), 'cancel button');
    cancel.focus();
    cancel.click();
    const dialog = await waitFor(() => $<HTMLDialogElement>(page, '#cancel-dialog[open]'), 'the dialog');
    assertEqual(dialog.getAttribute('aria-labelledby'), 'cancel-dialog-heading');
    await axeCheck('sms/sent cancel dialog');
    (await button(page, 'Cancel the SMS')).click();
    await waitFor(() => !$(page, '#cancel-dialog[open]'), 'closed');
    await waitFor(() => requests.some((r) => r.method === 'POST' && r.path === `/messages/${ids.m1}/cancel`), 'cancelled');
    await waitFor(() => $(page, `tr[data-id="${ids.m1}"]`)!.textContent!.includes('Cancelled'), 'now A – cancelled');
    assert(!$(page, `tr[data-id="${ids.m1}"] [data-action="cancel"]`), 'no cancel any more');

    const reply = $<HTMLButtonElement>(page, `tr[data-id="${ids.m2}"] [data-action="reply"]`)!;
    reply.focus();
    reply.click();
    await waitFor(() => $(page, '#reply-dialog[open] .reply')?.textContent === 'Ja takk, jeg kommer', 'the reply');
    await axeCheck('sms/sent reply dialog');
    $<HTMLButtonElement>(page, '#reply-dialog [data-action="close-dialog"]')!.click();
    await waitFor(() => page.shadowRoot!.activeElement === reply, 'focus back on the opener');
  });

  it('keyboard only: Enter opens the cancel dialog, Escape closes it with focus back, Space and Enter confirm', async () => {
    await mockAdminApi([...base,
      http.get(`${ADMIN}/messages`, () => HttpResponse.json({ messages: [message(ids.m1, 'waiting')], count: 1 })),
      http.post(`${ADMIN}/messages/:id/cancel`, () => HttpResponse.json({ cancelled: true })),
    ]);
    const page = await openPage('#/sms/sent', 'console-sms-sent-page');
    const cancel = await waitFor(() => $<HTMLButtonElement>(page, '[data-action="cancel"]'), 'cancel');
    cancel.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(page, '#cancel-dialog[open]'), 'opened by Enter');
    assert($(page, '#cancel-dialog')!.contains(page.shadowRoot!.activeElement), 'focus is in the dialog');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !$(page, '#cancel-dialog[open]') && page.shadowRoot!.activeElement === cancel, 'Escape closes, focus back');
    await sendKeys({ press: 'Space' });
    await waitFor(() => $(page, '#cancel-dialog[open]'), 'opened by Space');
    $<HTMLButtonElement>(page, '[data-action="confirm-cancel"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => requests.some((r) => r.path === `/messages/${ids.m1}/cancel`), 'cancelled by keyboard');
  });

  it('an empty list says so; a failed load retries', async () => {
    let fail = true;
    await mockAdminApi([...base, http.get(`${ADMIN}/messages`, ({ request }) => {
      // Only this page's request fails (a page closed by the test before may still be reloading).
      if (fail && new URL(request.url).searchParams.get('status') === 'waiting') { fail = false; return problem(500, 'internal', 'Internal'); }
      return HttpResponse.json({ messages: [], count: 0 });
    })]);
    const page = await openPage('#/sms/sent?status=waiting', 'console-sms-sent-page');
    (await waitFor(() => $<HTMLButtonElement>(page, '[data-action="retry"]'), 'retry')).click();
    await waitFor(() => page.shadowRoot!.textContent!.includes('No messages match these filters.'), 'empty state');
    assertEqual($<HTMLSelectElement>(page, '#filter-status')!.value, 'waiting', 'filters read from the address');
  });

  it('reception (which may send) may cancel a waiting SMS', async () => {
    await mockAdminApi([...base, http.get(`${ADMIN}/messages`, () => HttpResponse.json({ messages: [message(ids.m1, 'waiting')], count: 1 }))], 'reception');
    const page = await openPage('#/sms/sent', 'console-sms-sent-page');
    await waitFor(() => $(page, `tr[data-id="${ids.m1}"]`), 'the list');
    assert($(page, '[data-action="cancel"]'), 'reception has messaging: may cancel');
  });
});

describe('console: sms/received (msw)', () => {
  it('unread first; mark read, follow-up; reply with a 422 keeps the text, then sends', async () => {
    let list = [inbound(ids.i1, true, { body: 'Gammel', receivedAt: '2026-11-30T10:00:00.000Z' }), inbound(ids.i2, false, { body: 'Kan jeg flytte timen?', from: '+4798765432', receivedAt: '2026-11-29T10:00:00.000Z' })];
    let failReply = true;
    await mockAdminApi([...base,
      http.get(`${ADMIN}/inbound`, () => HttpResponse.json({ messages: list, count: list.length, unread: list.filter((m) => !m.read).length })),
      http.patch(`${ADMIN}/inbound/:id`, async ({ params, request }) => {
        const patch = await request.json() as object;
        list = list.map((m) => (m.id === params.id ? { ...m, ...patch } : m));
        return HttpResponse.json({ updated: true });
      }),
      http.post(`${ADMIN}/messages/number`, () => {
        if (failReply) { failReply = false; return problem(422, 'validation_failed', 'Validation failed', [{ path: 'to', message: 'The number is in a country not texted' }]); }
        return HttpResponse.json({ queued: [{ messageId: ids.m1, patientId: null, appointmentId: null }], skipped: [] }, { status: 201 });
      }),
    ]);
    const page = await openPage('#/sms/received', 'console-sms-received-page');
    await waitFor(() => $$(page, 'tbody tr').length === 2, 'the list');
    assertEqual($$(page, 'tbody tr')[0]!.getAttribute('data-id'), ids.i2, 'the unread one first, though older');
    assert($$(page, 'tbody tr')[0]!.textContent!.includes('Unread'), 'unread in words, not by weight alone');
    await axeCheck('sms/received');

    $<HTMLButtonElement>(page, `tr[data-id="${ids.i2}"] [data-action="read"]`)!.click();
    await waitFor(() => $(page, `tr[data-id="${ids.i2}"]`)?.textContent?.includes('Mark as unread'), 'marked read');
    assertEqual(JSON.stringify(requests.filter((r) => r.method === 'PATCH').at(-1)!.body), JSON.stringify({ read: true }));
    const flag = $<HTMLButtonElement>(page, `tr[data-id="${ids.i2}"] [data-action="follow-up"]`)!;
    flag.click();
    await waitFor(() => flag.getAttribute('aria-pressed') === 'true', 'flagged');
    assert($(page, `tr[data-id="${ids.i2}"]`)!.textContent!.includes('⚑ Follow up'), 'the flag in words');

    const reply = $<HTMLButtonElement>(page, `tr[data-id="${ids.i2}"] [data-action="reply"]`)!;
    reply.focus();
    reply.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    reply.click();
    const text = await waitFor(() => $<HTMLTextAreaElement>(page, '#reply-dialog[open] #f-body'), 'the reply dialog');
    await waitFor(() => page.shadowRoot!.activeElement === text, 'focus in the text');
    await axeCheck('sms/received reply dialog');
    typeInto(text, 'Ja, ring oss på 22 00 00 01.');
    (await button(page, 'Send reply')).click();
    await waitFor(() => $(page, '#reply-dialog .save-failure')?.textContent?.includes('The number is in a country not texted'), 'the failure');
    assertEqual($<HTMLTextAreaElement>(page, '#f-body')!.value, 'Ja, ring oss på 22 00 00 01.', 'the text is kept');
    // Closed and opened again: the text typed is still there.
    $<HTMLButtonElement>(page, '#reply-dialog [data-action="close-dialog"]')!.click();
    await waitFor(() => !$(page, '#reply-dialog[open]') && !$(page, '#reply-dialog textarea') && page.shadowRoot!.activeElement === reply, 'closed, focus back on Reply');
    reply.click();
    await waitFor(() => $<HTMLTextAreaElement>(page, '#reply-dialog[open] #f-body')?.value === 'Ja, ring oss på 22 00 00 01.', 'the text is back');
    (await button(page, 'Send reply')).click();
    await waitFor(() => !$(page, '#reply-dialog[open]'), 'closed after sending');
    const sent = requests.filter((r) => r.path === '/messages/number').at(-1)!.body as { to: string; body: string };
    assertEqual(sent.to, '+4798765432', 'to the sender’s number');
    assertEqual(sent.body, 'Ja, ring oss på 22 00 00 01.');
    await waitFor(() => page.shadowRoot!.activeElement === reply, 'focus back on Reply');
  });

  it('empty; failed load retries', async () => {
    let fail = true;
    await mockAdminApi([...base, http.get(`${ADMIN}/inbound`, () => {
      if (fail) { fail = false; return HttpResponse.error(); }
      return HttpResponse.json({ messages: [], count: 0, unread: 0 });
    })]);
    const page = await openPage('#/sms/received', 'console-sms-received-page');
    (await waitFor(() => $<HTMLButtonElement>(page, '[data-action="retry"]'), 'retry')).click();
    await waitFor(() => page.shadowRoot!.textContent!.includes('No SMS received.'), 'empty state');
  });
});
