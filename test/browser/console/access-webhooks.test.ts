import { http, HttpResponse } from 'msw';
import type { CreateWebhookRequest, WebhookDelivery, WebhookEndpoint, WebhookPatch } from '../../../sdk/schemas/webhooks.ts';
import { $, $$, ADMIN, assert, assertEqual, axeCheck, button, closeConsole, mockAdminApi, openPage, problem, requests, typeInto, waitFor } from './support/console-harness.ts';

const HOOK = '00000000-0000-4000-8000-0000000000e1';
const SECRET = 'whsec_c2VjcmV0c2VjcmV0c2VjcmV0';

const organization = http.get(`${ADMIN}/settings/organization`, () => HttpResponse.json({ subdomain: 'acme', name: 'Acme Tannlege', locale: 'nb', timeZone: 'Europe/Oslo' }));

function endpoint(fields: Partial<WebhookEndpoint> = {}): WebhookEndpoint {
  return { id: HOOK, url: 'https://pms.example/hooks', description: 'Journal', events: ['booking.created'], enabled: true, createdAt: '2026-11-30T07:00:00.000Z', previousSecretValidUntil: null, ...fields };
}

function delivery(id: string, fields: Partial<WebhookDelivery>): WebhookDelivery {
  return { id, event: 'booking.created', status: 'delivered', attempts: 1, lastStatusCode: 200, lastError: null, nextAttemptAt: null, deliveredAt: '2026-11-30T07:01:00.000Z', createdAt: '2026-11-30T07:00:00.000Z', ...fields };
}

afterEach(() => closeConsole());

describe('console: access/webhooks (msw)', () => {
  it('create (a refused URL keeps what was typed; the secret shown once), edit, test event, rotate, delete', async () => {
    const hooks: WebhookEndpoint[] = [];
    let failNext = true;
    await mockAdminApi([
      organization,
      http.get(`${ADMIN}/webhooks`, () => HttpResponse.json({ webhooks: hooks })),
      http.post(`${ADMIN}/webhooks`, async ({ request }) => {
        const body = await request.json() as CreateWebhookRequest;
        if (failNext) {
          failNext = false;
          return problem(422, 'validation_failed', 'Validation failed', [{ path: 'url', message: 'Private addresses are refused', code: 'url_refused' }]);
        }
        const made = endpoint({ url: body.url, description: body.description ?? '', events: body.events, enabled: body.enabled ?? true });
        hooks.push(made);
        return HttpResponse.json({ ...made, secret: SECRET }, { status: 201 });
      }),
      http.patch(`${ADMIN}/webhooks/:id`, async ({ request }) => {
        hooks[0] = { ...hooks[0]!, ...(await request.json() as WebhookPatch) };
        return HttpResponse.json(hooks[0]);
      }),
      http.post(`${ADMIN}/webhooks/:id/test`, () => HttpResponse.json(delivery('00000000-0000-4000-8000-0000000000f9', { event: 'webhook.test', status: 'pending', attempts: 0, lastStatusCode: null, deliveredAt: null }), { status: 202 })),
      http.post(`${ADMIN}/webhooks/:id/rotate-secret`, () => {
        hooks[0] = { ...hooks[0]!, previousSecretValidUntil: '2026-12-01T07:00:00.000Z' };
        return HttpResponse.json({ ...hooks[0], secret: 'whsec_bmV3bmV3bmV3' });
      }),
      http.delete(`${ADMIN}/webhooks/:id`, () => {
        hooks.length = 0;
        return HttpResponse.json({ deleted: true });
      }),
    ]);
    const page = await openPage('#/access/webhooks', 'console-webhooks-page');
    await waitFor(() => $(page, '[data-role="empty"]'), 'the empty state');
    await axeCheck('access/webhooks, empty');

    $<HTMLButtonElement>(page, '[data-action="add"]')!.click();
    const url = await waitFor(() => $<HTMLInputElement>(page, 'dialog[open] #f-url'), 'the dialog');
    assert($<HTMLInputElement>(page, '#f-on-booking_created')!.checked, 'booking events chosen to begin with');
    await axeCheck('access/webhooks add dialog');
    typeInto(url, 'https://10.0.0.5/hooks');
    typeInto($<HTMLInputElement>(page, '#f-description')!, 'Journal');
    $<HTMLInputElement>(page, '#f-on-booking_rebooked')!.click();
    $<HTMLInputElement>(page, '#f-on-booking_cancelled')!.click();
    $<HTMLInputElement>(page, '#f-on-message_failed')!.click();
    (await button(page, 'Save')).click();
    const failure = await waitFor(() => $(page, 'dialog[open] .save-failure'), 'the failure');
    assert(failure.textContent!.includes('Private addresses are refused'), 'why, in words');
    assertEqual($<HTMLInputElement>(page, '#f-url')!.value, 'https://10.0.0.5/hooks', 'the URL is kept');
    assert($<HTMLInputElement>(page, '#f-on-message_failed')!.checked, 'the events chosen are kept');
    assertEqual($<HTMLInputElement>(page, '#f-url')!.getAttribute('aria-invalid'), 'true');

    typeInto($<HTMLInputElement>(page, '#f-url')!, 'https://pms.example/hooks');
    (await button(page, 'Save')).click();
    const secret = await waitFor(() => $(page, 'dialog[open] #new-secret'), 'the secret shown');
    assertEqual(secret.textContent!.trim(), SECRET);
    assertEqual(JSON.stringify(requests.filter((r) => r.method === 'POST' && r.path === '/webhooks').at(-1)!.body),
      JSON.stringify({ url: 'https://pms.example/hooks', description: 'Journal', events: ['booking.created', 'message.failed'], enabled: true }));
    await axeCheck('access/webhooks secret dialog');
    $<HTMLButtonElement>(page, 'dialog[open] [data-action="close-dialog"]')!.click();
    await waitFor(() => $$(page, 'tbody tr').length === 1 && !$(page, 'dialog[open]'), 'listed');
    assert(!page.shadowRoot!.innerHTML.includes(SECRET), 'the secret is gone');
    await axeCheck('access/webhooks, one endpoint');

    $<HTMLButtonElement>(page, '[data-action="edit"]')!.click();
    await waitFor(() => $(page, 'dialog[open] #f-enabled'), 'the edit dialog');
    await axeCheck('access/webhooks edit dialog');
    const enabled = await waitFor(() => $<HTMLInputElement>(page, 'dialog[open] #f-enabled'), 'the edit dialog');
    assertEqual($<HTMLInputElement>(page, '#f-url')!.value, 'https://pms.example/hooks', 'the endpoint’s values');
    enabled.click();
    (await button(page, 'Reset')).click();
    await waitFor(() => $<HTMLInputElement>(page, '#f-enabled')!.checked, 'reset');
    enabled.click();
    (await button(page, 'Save')).click();
    await waitFor(() => !$(page, 'dialog[open]') && $(page, 'tbody tr')!.textContent!.includes('Off'), 'turned off');
    assertEqual((requests.filter((r) => r.method === 'PATCH').at(-1)!.body as WebhookPatch).enabled, false);

    $<HTMLButtonElement>(page, '[data-action="test"]')!.click();
    await waitFor(() => $(page, '.notice.success')?.textContent!.includes('test event is on its way'), 'the test event said');
    assert(requests.some((r) => r.method === 'POST' && r.path === `/webhooks/${HOOK}/test`), 'POST …/test');

    $<HTMLButtonElement>(page, '[data-action="rotate"]')!.click();
    const rotate = await waitFor(() => $<HTMLButtonElement>(page, 'dialog[open] [data-action="confirm-rotate"]'), 'the rotate confirmation');
    await axeCheck('access/webhooks rotate dialog');
    rotate.click();
    await waitFor(() => $(page, 'dialog[open] #new-secret')?.textContent!.includes('whsec_bmV3bmV3bmV3'), 'the new secret shown');
    $<HTMLButtonElement>(page, 'dialog[open] [data-action="close-dialog"]')!.click();
    await waitFor(() => $(page, 'tbody tr')!.textContent!.includes('Old secret valid until'), 'the old secret’s last day');

    $<HTMLButtonElement>(page, '[data-action="delete"]')!.click();
    await axeCheck('access/webhooks delete dialog');
    (await waitFor(() => $<HTMLButtonElement>(page, 'dialog[open] [data-action="confirm-delete"]'), 'the delete confirmation')).click();
    await waitFor(() => $(page, '[data-role="empty"]'), 'deleted');
  });

  it('the delivery log: statuses in words, the receiver’s answer, retry, paging; a failed load retries', async () => {
    let failLoad = true;
    const deliveries = [
      delivery('00000000-0000-4000-8000-0000000000f1', { status: 'failed', attempts: 8, lastStatusCode: 500, lastError: 'HTTP 500: oops', deliveredAt: null }),
      delivery('00000000-0000-4000-8000-0000000000f2', { event: 'webhook.test' }),
    ];
    await mockAdminApi([
      organization,
      http.get(`${ADMIN}/webhooks/:id`, () => {
        if (failLoad) { failLoad = false; return HttpResponse.error(); }
        return HttpResponse.json(endpoint());
      }),
      http.get(`${ADMIN}/webhooks/:id/deliveries`, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        return HttpResponse.json(cursor ? { deliveries: [], nextCursor: null } : { deliveries, nextCursor: 'd2' });
      }),
      http.post(`${ADMIN}/webhooks/:id/deliveries/:deliveryId/retry`, ({ params }) => {
        deliveries[0] = { ...deliveries[0]!, status: 'pending', nextAttemptAt: '2026-11-30T08:00:00.000Z' };
        return HttpResponse.json(deliveries.find((d) => d.id === params.deliveryId), { status: 202 });
      }),
    ]);
    const page = await openPage(`#/access/webhooks/${HOOK}`, 'console-webhook-deliveries-page');
    (await waitFor(() => $<HTMLButtonElement>(page, '[data-action="retry"]'), 'retry the load')).click();
    await waitFor(() => $(page, 'table'), 'the log');
    const rows = $$(page, 'tbody tr');
    assert(rows[0]!.textContent!.includes('Failed, no more tries') && rows[0]!.textContent!.includes('500') && rows[0]!.textContent!.includes('HTTP 500: oops'), 'a failure in words with the answer');
    assert(rows[1]!.textContent!.includes('Delivered') && rows[1]!.textContent!.includes('Test event'), 'a delivery in words');
    assert(rows[0]!.textContent!.includes('08:00'), 'the time in the clinic’s zone (07:00 UTC is 08:00 in Oslo)');
    await axeCheck('access/webhooks delivery log');
    rows[0]!.querySelector<HTMLButtonElement>('[data-action="retry"]')!.click();
    await waitFor(() => $(page, 'tbody tr')!.textContent!.includes('Waiting to be sent'), 'queued again');
    assert(requests.some((r) => r.method === 'POST' && r.path.endsWith('/deliveries/00000000-0000-4000-8000-0000000000f1/retry')), 'retry sent');
    $<HTMLAnchorElement>(page, '[data-action="next-page"]')!.click();
    await waitFor(() => $(page, '[data-role="empty"]'), 'the next page, empty');
    assert(location.hash.includes('cursor=d2'), 'the page in the address');
  });
});
