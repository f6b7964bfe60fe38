import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { ApiKeyView, CreateApiKeyRequest } from '../../../sdk/schemas/staff.ts';
import { $, $$, ADMIN, assert, assertEqual, axeCheck, button, closeConsole, mockAdminApi, openPage, problem, requests, typeInto, waitFor } from './support/console-harness.ts';

const KEY_ID = '00000000-0000-4000-8000-0000000000d1';
const SECRET_KEY = 'opk_1l_831QySECRETsecretSECRETsecret42';

const organization = http.get(`${ADMIN}/settings/organization`, () => HttpResponse.json({ subdomain: 'acme', name: 'Acme Tannlege', locale: 'nb', timeZone: 'Europe/Oslo' }));

afterEach(() => closeConsole());

describe('console: access/keys (msw)', () => {
  it('empty state; create: a 422 keeps what was typed; the key is shown once, then gone; revoke after a confirmation', async () => {
    const keys: ApiKeyView[] = [];
    let failNext = true;
    await mockAdminApi([
      organization,
      http.get(`${ADMIN}/api-keys`, () => HttpResponse.json({ keys })),
      http.post(`${ADMIN}/api-keys`, async ({ request }) => {
        const body = await request.json() as CreateApiKeyRequest;
        if (failNext) {
          failNext = false;
          return problem(422, 'validation_failed', 'Validation failed', [{ path: 'name', message: 'Too long' }]);
        }
        const view: ApiKeyView = { id: KEY_ID, name: body.name, prefix: 'opk_1l_831Qy', scopes: body.scopes, createdAt: '2026-11-30T07:00:00.000Z', lastUsedAt: null, revokedAt: null };
        keys.push(view);
        return HttpResponse.json({ ...view, key: SECRET_KEY }, { status: 201 });
      }),
      http.delete(`${ADMIN}/api-keys/:id`, ({ params }) => {
        keys[0] = { ...keys.find((k) => k.id === params.id)!, revokedAt: '2026-11-30T08:00:00.000Z' };
        return HttpResponse.json({ ok: true });
      }),
    ]);
    const page = await openPage('#/access/keys', 'console-api-keys-page');
    await waitFor(() => $(page, '[data-role="empty"]'), 'the empty state');
    await axeCheck('access/keys, empty');

    const create = $<HTMLButtonElement>(page, '[data-action="create"]')!;
    create.click();
    const name = await waitFor(() => $<HTMLInputElement>(page, 'dialog[open] #f-name'), 'the create dialog');
    await axeCheck('access/keys create dialog');
    typeInto(name, 'Something');
    $<HTMLInputElement>(page, '#f-write')!.click();
    (await button(page, 'Reset')).click();
    await waitFor(() => $<HTMLInputElement>(page, '#f-name')!.value === '' && !$<HTMLInputElement>(page, '#f-write')!.checked, 'Reset undoes the unsaved edit');
    typeInto(name, 'Journalsystem');
    $<HTMLInputElement>(page, '#f-messaging')!.click();
    (await button(page, 'Save')).click();
    await waitFor(() => $(page, 'dialog[open] .save-failure'), 'the failure');
    assertEqual($<HTMLInputElement>(page, '#f-name')!.value, 'Journalsystem', 'the name is kept');
    assert($<HTMLInputElement>(page, '#f-messaging')!.checked, 'the scope chosen is kept');
    assertEqual($<HTMLInputElement>(page, '#f-name')!.getAttribute('aria-invalid'), 'true');

    (await button(page, 'Save')).click();
    const shown = await waitFor(() => $(page, 'dialog[open] #new-key'), 'the key shown');
    assertEqual(shown.textContent!.trim(), SECRET_KEY);
    assert($(page, 'dialog[open]')!.textContent!.includes('you will not see it again'), 'says it is shown once');
    const post = requests.filter((r) => r.method === 'POST' && r.path === '/api-keys').at(-1)!;
    assertEqual(JSON.stringify(post.body), JSON.stringify({ name: 'Journalsystem', scopes: ['read', 'messaging'] }));
    assert($(page, 'dialog[open] [data-action="copy"]'), 'a copy button');
    await axeCheck('access/keys new key dialog');

    (await button(page, 'Close')).click();
    await waitFor(() => !$(page, 'dialog[open]'), 'closed');
    await waitFor(() => $$(page, 'tbody tr').length === 1, 'the key listed');
    assert(!page.shadowRoot!.innerHTML.includes(SECRET_KEY), 'the key is gone from the page');
    assert($(page, 'tbody tr')!.textContent!.includes('opk_1l_831Qy'), 'listed by its prefix');
    // Opening the dialog again starts a new key, not the old one.
    create.click();
    const again = await waitFor(() => $<HTMLInputElement>(page, 'dialog[open] #f-name'), 'the create dialog again');
    assertEqual(again.value, '');
    (await button(page, 'Close')).click();
    await waitFor(() => !$(page, 'dialog[open]'), 'closed');

    $<HTMLButtonElement>(page, '[data-action="revoke"]')!.click();
    const confirm = await waitFor(() => $<HTMLButtonElement>(page, 'dialog[open] [data-action="confirm-revoke"]'), 'the confirmation');
    assert($(page, 'dialog[open] h2')!.textContent!.includes('Journalsystem'), 'names the key');
    await axeCheck('access/keys revoke dialog');
    confirm.click();
    await waitFor(() => $(page, 'tbody tr')!.textContent!.includes('Revoked'), 'revoked');
    assert(requests.some((r) => r.method === 'DELETE' && r.path === `/api-keys/${KEY_ID}`), 'DELETE sent');
    assert(!$(page, '[data-action="revoke"]'), 'a revoked key cannot be revoked again');
  });

  it('keyboard: Enter opens the dialog, Tab and Space tick a scope, Escape closes it, focus returns, the draft stays', async () => {
    await mockAdminApi([organization, http.get(`${ADMIN}/api-keys`, () => HttpResponse.json({ keys: [] }))]);
    const page = await openPage('#/access/keys', 'console-api-keys-page');
    const create = await waitFor(() => $<HTMLButtonElement>(page, '[data-action="create"]'), 'create');
    await waitFor(() => $(page, '[data-role="empty"]'), 'loaded');
    create.focus();
    await sendKeys({ press: 'Enter' });
    const name = await waitFor(() => $<HTMLInputElement>(page, 'dialog[open] #f-name'), 'the dialog');
    assertEqual(page.shadowRoot!.activeElement, name, 'focus in the dialog');
    await sendKeys({ type: 'Kassen' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' }); // the write scope
    assert($<HTMLInputElement>(page, '#f-write')!.checked, 'Space ticks a scope');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !$(page, 'dialog[open]'), 'Escape closes');
    await waitFor(() => page.shadowRoot!.activeElement === create, 'focus back on Create');
    await sendKeys({ press: 'Space' });
    await waitFor(() => $<HTMLInputElement>(page, 'dialog[open] #f-name')?.value === 'Kassen', 'the draft is still there');
  });

  it('a failed load says what failed and retries', async () => {
    let fail = true;
    await mockAdminApi([organization, http.get(`${ADMIN}/api-keys`, () => {
      if (fail) { fail = false; return problem(500, 'internal', 'Internal error'); }
      return HttpResponse.json({ keys: [] });
    })]);
    const page = await openPage('#/access/keys', 'console-api-keys-page');
    const retry = await waitFor(() => $<HTMLButtonElement>(page, '[data-action="retry"]'), 'retry');
    assert($(page, '[role="alert"]')!.textContent!.includes('HTTP 500'), 'says the server failed');
    retry.click();
    await waitFor(() => $(page, '[data-role="empty"]'), 'loaded after retry');
  });
});
