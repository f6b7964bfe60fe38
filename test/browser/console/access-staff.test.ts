import { http, HttpResponse } from 'msw';
import type { InviteStaffRequest, StaffPatch, StaffUser } from '../../../sdk/schemas/staff.ts';
import { $, $$, ADMIN, assert, assertEqual, axeCheck, button, closeConsole, consoleApp, meAs, mockAdminApi, openPage, problem, requests, typeInto, waitFor } from './support/console-harness.ts';

const ME = meAs('owner').user.id;
const OTHER_OWNER = '00000000-0000-4000-8000-0000000000b1';
const RECEPTION = '00000000-0000-4000-8000-0000000000b2';

function user(id: string, fields: Partial<StaffUser>): StaffUser {
  return { id, email: `${id.slice(-2)}@acme.example`, name: 'Someone', role: 'reception', status: 'active', totpEnabled: false, lockedUntil: null, createdAt: '2026-11-01T08:00:00.000Z', ...fields };
}

const organization = http.get(`${ADMIN}/settings/organization`, () => HttpResponse.json({ subdomain: 'acme', name: 'Acme Tannlege', locale: 'nb', timeZone: 'Europe/Oslo' }));

afterEach(() => closeConsole());

describe('console: access/staff (msw)', () => {
  it('lists users; invite: a 422 on the e-mail keeps what was typed, then it is sent; Reset undoes', async () => {
    const users = [
      user(ME, { email: 'kari@acme.example', name: 'Kari Staff', role: 'owner', totpEnabled: true }),
      user(RECEPTION, { email: 'ola@acme.example', name: 'Ola Resepsjon', lockedUntil: '2099-01-01T10:15:00.000Z' }),
    ];
    let failNext = true;
    await mockAdminApi([
      organization,
      http.get(`${ADMIN}/staff`, () => HttpResponse.json({ users, nextCursor: null })),
      http.post(`${ADMIN}/staff`, async ({ request }) => {
        const body = await request.json() as InviteStaffRequest;
        if (failNext) {
          failNext = false;
          return problem(422, 'validation_failed', 'Validation failed', [{ path: 'email', message: 'There is a user with this e-mail already', code: 'taken' }]);
        }
        const made = user('00000000-0000-4000-8000-0000000000c3', { ...body, status: 'invited' });
        users.push(made);
        return HttpResponse.json(made, { status: 201 });
      }),
    ]);
    const page = await openPage('#/access/staff', 'console-staff-page');
    await waitFor(() => $(page, 'table'), 'the table');
    const rows = $$(page, 'tbody tr');
    assertEqual(rows.length, 2);
    assert(rows[0]!.textContent!.includes('Owner') && rows[0]!.textContent!.includes('On'), 'role and TOTP in words');
    assert(rows[1]!.textContent!.includes('2099') && rows[1]!.textContent!.includes('11:15'), 'locked until, in the clinic’s zone (Oslo)');
    assert(!rows[0]!.querySelector('[data-action="disable"]'), 'nobody disables themselves');
    await axeCheck('access/staff');

    const opener = $<HTMLButtonElement>(page, '[data-action="invite"]')!;
    opener.focus();
    opener.click();
    const email = await waitFor(() => $<HTMLInputElement>(page, 'dialog[open] #f-email'), 'the invite dialog');
    assertEqual(page.shadowRoot!.activeElement, email, 'focus moves into the dialog');
    const roles = [...$<HTMLSelectElement>(page, '#f-role')!.options].map((o) => o.value);
    assert(roles.includes('owner'), 'an owner may invite an owner');
    await axeCheck('access/staff invite dialog');

    typeInto(email, 'ola@acme.example');
    typeInto($<HTMLInputElement>(page, '#f-name')!, 'Per Ny');
    typeInto($<HTMLSelectElement>(page, '#f-role')!, 'admin');
    (await button(page, 'Reset')).click();
    await waitFor(() => $<HTMLInputElement>(page, '#f-email')!.value === '', 'reset empties the typed e-mail');
    assertEqual($<HTMLSelectElement>(page, '#f-role')!.value, 'reception');

    typeInto($<HTMLInputElement>(page, '#f-email')!, 'ola@acme.example');
    typeInto($<HTMLInputElement>(page, '#f-name')!, 'Per Ny');
    typeInto($<HTMLSelectElement>(page, '#f-role')!, 'admin');
    (await button(page, 'Save')).click();
    const failure = await waitFor(() => $(page, 'dialog[open] .save-failure'), 'the failure');
    assert(failure.textContent!.includes('There is a user with this e-mail already'), 'the problem in words');
    assertEqual($<HTMLInputElement>(page, '#f-email')!.value, 'ola@acme.example', 'the e-mail typed is kept');
    assertEqual($<HTMLInputElement>(page, '#f-name')!.value, 'Per Ny', 'the name typed is kept');
    assertEqual($<HTMLSelectElement>(page, '#f-role')!.value, 'admin', 'the role chosen is kept');
    assertEqual($<HTMLInputElement>(page, '#f-email')!.getAttribute('aria-invalid'), 'true');
    assert($<HTMLInputElement>(page, '#f-email')!.getAttribute('aria-describedby')!.includes('f-email-error'), 'the error is tied to the field');
    await axeCheck('access/staff invite dialog after a failed save');

    typeInto($<HTMLInputElement>(page, '#f-email')!, 'per@acme.example');
    (await button(page, 'Save')).click();
    await waitFor(() => !$(page, 'dialog[open]'), 'the dialog closes');
    const post = requests.filter((r) => r.method === 'POST' && r.path === '/staff').at(-1)!;
    assertEqual(JSON.stringify(post.body), JSON.stringify({ email: 'per@acme.example', name: 'Per Ny', role: 'admin' }));
    assertEqual(post.csrf, 'csrf-test-token');
    await waitFor(() => consoleApp()!.shadowRoot!.querySelector('[aria-live]')?.textContent!.includes('An invitation was sent to per@acme.example.'), 'said to screen readers, after “Saved.”');
    await waitFor(() => $$(page, 'tbody tr').length === 3, 'the new user listed');
    assert($$(page, 'tbody tr')[2]!.textContent!.includes('Invited'), 'listed as invited');
    await waitFor(() => page.shadowRoot!.activeElement === opener, 'focus back on the button that opened the dialog');
  });

  it('role change: the last owner’s 409 is said in words at the field; disable after a confirmation; resend the invitation', async () => {
    const users = [
      user(ME, { email: 'kari@acme.example', name: 'Kari Staff', role: 'owner' }),
      user(OTHER_OWNER, { email: 'eva@acme.example', name: 'Eva Eier', role: 'owner' }),
      user(RECEPTION, { email: 'ola@acme.example', name: 'Ola Resepsjon', status: 'invited' }),
    ];
    await mockAdminApi([
      organization,
      http.get(`${ADMIN}/staff`, () => HttpResponse.json({ users, nextCursor: null })),
      http.patch(`${ADMIN}/staff/:id`, async ({ request, params }) => {
        const patch = await request.json() as StaffPatch;
        if (params.id === OTHER_OWNER && patch.role) return problem(409, 'last_owner', 'Make someone else owner first');
        const index = users.findIndex((u) => u.id === params.id);
        users[index] = { ...users[index]!, ...(patch.role ? { role: patch.role } : {}), ...(patch.disabled !== undefined ? { status: patch.disabled ? 'disabled' : 'active' } : {}) };
        return HttpResponse.json(users[index]);
      }),
      http.post(`${ADMIN}/staff/:id/invite`, ({ params }) => HttpResponse.json(users.find((u) => u.id === params.id))),
    ]);
    const page = await openPage('#/access/staff', 'console-staff-page');
    const row = (id: string) => $(page, `tr[data-user="${id}"]`)!;
    await waitFor(() => $(page, 'table'), 'the table');

    row(OTHER_OWNER).querySelector<HTMLButtonElement>('[data-action="role"]')!.click();
    const role = await waitFor(() => $<HTMLSelectElement>(page, 'dialog[open] #f-role'), 'the role dialog');
    assertEqual(role.value, 'owner');
    typeInto(role, 'admin');
    (await button(page, 'Save')).click();
    const failure = await waitFor(() => $(page, 'dialog[open] .save-failure'), 'the failure');
    assert(failure.textContent!.includes('This is the last active owner'), `the 409 in words: ${failure.textContent}`);
    assertEqual($<HTMLSelectElement>(page, '#f-role')!.value, 'admin', 'the choice is kept');
    assertEqual($<HTMLSelectElement>(page, '#f-role')!.getAttribute('aria-invalid'), 'true');
    await axeCheck('access/staff role dialog after last_owner');
    // Escape closes the dialog (keyboard) and focus goes back to the row's button.
    $<HTMLDialogElement>(page, 'dialog[open]')!.dispatchEvent(new Event('cancel'));
    $<HTMLDialogElement>(page, 'dialog[open]')!.close();
    await waitFor(() => !$(page, 'dialog[open]'), 'closed');
    await waitFor(() => page.shadowRoot!.activeElement === row(OTHER_OWNER).querySelector('[data-action="role"]'), 'focus back on the row’s button');

    row(RECEPTION).querySelector<HTMLButtonElement>('[data-action="role"]')!.click();
    typeInto(await waitFor(() => $<HTMLSelectElement>(page, 'dialog[open] #f-role'), 'the role dialog'), 'admin');
    (await button(page, 'Save')).click();
    await waitFor(() => !$(page, 'dialog[open]') && row(RECEPTION).textContent!.includes('Administrator'), 'the role changed');
    assertEqual(JSON.stringify(requests.filter((r) => r.method === 'PATCH').at(-1)!.body), JSON.stringify({ role: 'admin' }));

    row(RECEPTION).querySelector<HTMLButtonElement>('[data-action="resend"]')!.click();
    await waitFor(() => requests.some((r) => r.method === 'POST' && r.path === `/staff/${RECEPTION}/invite`), 'the invitation sent again');

    row(RECEPTION).querySelector<HTMLButtonElement>('[data-action="disable"]')!.click();
    const confirm = await waitFor(() => $<HTMLButtonElement>(page, 'dialog[open] [data-action="confirm-disable"]:not([disabled])'), 'the confirmation');
    assert($(page, 'dialog[open]')!.textContent!.includes('Ola Resepsjon is logged out at once'), 'says what disabling does');
    await axeCheck('access/staff disable dialog');
    confirm.click();
    await waitFor(() => !$(page, 'dialog[open]') && row(RECEPTION).textContent!.includes('Disabled'), 'disabled');
    assertEqual(JSON.stringify(requests.filter((r) => r.method === 'PATCH').at(-1)!.body), JSON.stringify({ disabled: true }));
    row(RECEPTION).querySelector<HTMLButtonElement>('[data-action="enable"]')!.click();
    await waitFor(() => row(RECEPTION).textContent!.includes('Active'), 'enabled again');
  });

  it('pages with nextCursor in the address; a failed load retries; an empty page says so', async () => {
    let fail = true;
    await mockAdminApi([
      organization,
      http.get(`${ADMIN}/staff`, ({ request }) => {
        if (fail) { fail = false; return HttpResponse.error(); }
        const cursor = new URL(request.url).searchParams.get('cursor');
        return HttpResponse.json(cursor ? { users: [], nextCursor: null } : { users: [user(ME, { name: 'Kari Staff', role: 'owner' })], nextCursor: 'c2' });
      }),
    ]);
    const page = await openPage('#/access/staff', 'console-staff-page');
    const retry = await waitFor(() => $<HTMLButtonElement>(page, '[data-action="retry"]'), 'retry');
    assert($(page, '[role="alert"]')!.textContent!.includes('could not be reached'), 'says what failed');
    retry.click();
    const next = await waitFor(() => $<HTMLAnchorElement>(page, '[data-action="next-page"]'), 'next page');
    next.click();
    await waitFor(() => $(page, '[data-role="empty"]'), 'the empty state');
    assert(location.hash.includes('cursor=c2'), 'the page is in the address');
    assert(requests.some((r) => r.path === '/staff' && r.search.includes('cursor=c2')), 'asked with the cursor');
    assert($(page, '[data-action="first-page"]'), 'a way back to the first page');
  });

  it('an administrator: no owner role to give; the API’s 403 on an owner is said in words', async () => {
    await mockAdminApi([
      organization,
      http.get(`${ADMIN}/staff`, () => HttpResponse.json({ users: [user(OTHER_OWNER, { name: 'Eva Eier', role: 'owner' })], nextCursor: null })),
      // As the server answers it (server/admin/staff-users.ts).
      http.patch(`${ADMIN}/staff/:id`, () => HttpResponse.json(
        { type: 'https://opus-booking.dev/problems/forbidden', title: 'Forbidden', status: 403, code: 'forbidden', detail: 'Only an owner may change or disable an owner’s account' },
        { status: 403, headers: { 'content-type': 'application/problem+json' } },
      )),
    ], 'admin');
    const page = await openPage('#/access/staff', 'console-staff-page');
    (await waitFor(() => $<HTMLButtonElement>(page, '[data-action="invite"]'), 'invite')).click();
    const role = await waitFor(() => $<HTMLSelectElement>(page, 'dialog[open] #f-role'), 'the invite dialog');
    assert(![...role.options].some((o) => o.value === 'owner'), 'an administrator cannot invite an owner');
    $<HTMLButtonElement>(page, 'dialog[open] [data-action="close-dialog"]')!.click();
    await waitFor(() => !$(page, 'dialog[open]'), 'closed');
    (await waitFor(() => $<HTMLButtonElement>(page, '[data-action="disable"]'), 'disable')).click();
    (await waitFor(() => $<HTMLButtonElement>(page, 'dialog[open] [data-action="confirm-disable"]'), 'confirm')).click();
    const said = await waitFor(() => $(page, 'dialog[open] [data-role="action-failure"]'), 'the failure');
    assert(said.textContent!.includes('Only an owner may'), `in words: ${said.textContent}`);
    assert($(page, 'dialog[open]'), 'the dialog stays open with the reason');
  });

  it('a reception user sees no access pages in the navigation, only My account', async () => {
    await mockAdminApi([], 'reception');
    await openPage('#/account', 'console-account-page');
    const nav = await waitFor(() => consoleApp()!.shadowRoot!.querySelector('nav'), 'the navigation');
    const links = [...nav.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    assert(!links.some((href) => href?.startsWith('#/access')), `no access pages: ${links.join(' ')}`);
    assert(links.includes('#/account'), 'My account is there');
  });
});
