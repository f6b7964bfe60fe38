import { http, HttpResponse } from 'msw';
import type { StaffMe } from '../../../sdk/schemas/staff.ts';
import { $, ADMIN, assert, assertEqual, axeCheck, button, closeConsole, meAs, mockAdminApi, openPage, problem, requests, typeInto, waitFor } from './support/console-harness.ts';

afterEach(() => closeConsole());

/** The Save button of the form holding `field` (the page has one form per section). */
const saveOf = (page: HTMLElement, field: string) => $<HTMLInputElement>(page, field)!.form!.querySelector<HTMLButtonElement>('[data-action="save"]')!;

describe('console: account (msw)', () => {
  it('change password: a wrong current password keeps the values and marks the field; different new ones are caught; saved; reset', async () => {
    let failNext = true;
    await mockAdminApi([
      http.post(`${ADMIN}/auth/password`, () => {
        if (failNext) {
          failNext = false;
          return problem(422, 'validation_failed', 'Validation failed', [{ path: 'current', message: 'The password is not right' }]);
        }
        return HttpResponse.json({ ok: true });
      }),
    ], 'reception');
    const page = await openPage('#/account', 'console-account-page');
    const current = await waitFor(() => $<HTMLInputElement>(page, '#f-current'), 'the form');
    assert($(page, 'dl')!.textContent!.includes('Reception'), 'my role');
    await axeCheck('account');

    typeInto(current, 'old password 1');
    typeInto($<HTMLInputElement>(page, '#f-new')!, 'a brand new passphrase');
    typeInto($<HTMLInputElement>(page, '#f-repeat')!, 'a brand new passphrose');
    (await button(page, 'Save')).click();
    await waitFor(() => $(page, '.save-failure')?.textContent!.includes('not the same'), 'the mismatch said');
    assertEqual($<HTMLInputElement>(page, '#f-repeat')!.getAttribute('aria-invalid'), 'true');
    assert(!requests.some((r) => r.path === '/auth/password'), 'nothing sent');

    typeInto($<HTMLInputElement>(page, '#f-repeat')!, 'a brand new passphrase');
    (await button(page, 'Save')).click();
    await waitFor(() => $(page, '.save-failure')?.textContent!.includes('The password is not right'), 'the wrong password said');
    assertEqual($<HTMLInputElement>(page, '#f-current')!.value, 'old password 1', 'kept');
    assertEqual($<HTMLInputElement>(page, '#f-new')!.value, 'a brand new passphrase', 'kept');
    assertEqual($<HTMLInputElement>(page, '#f-current')!.getAttribute('aria-invalid'), 'true');
    await axeCheck('account after a failed save');

    (await button(page, 'Reset')).click();
    await waitFor(() => $<HTMLInputElement>(page, '#f-current')!.value === '', 'reset');

    typeInto($<HTMLInputElement>(page, '#f-current')!, 'old password 1');
    typeInto($<HTMLInputElement>(page, '#f-new')!, 'a brand new passphrase');
    typeInto($<HTMLInputElement>(page, '#f-repeat')!, 'a brand new passphrase');
    (await button(page, 'Save')).click();
    await waitFor(() => $(page, '.notice.success')?.textContent!.includes('password is changed'), 'changed');
    assertEqual(JSON.stringify(requests.filter((r) => r.path === '/auth/password').at(-1)!.body),
      JSON.stringify({ current: 'old password 1', new: 'a brand new passphrase' }));
    assertEqual($<HTMLInputElement>(page, '#f-current')!.value, '', 'the passwords are not left in the form');
  });

  it('TOTP: set up shows the key and otpauth address as text; a wrong code keeps it; enable; then disable with password and code', async () => {
    const me: StaffMe = meAs('owner');
    let totp = false;
    let wrongOnce = true;
    await mockAdminApi([
      http.get(`${ADMIN}/auth/me`, () => HttpResponse.json({ ...me, user: { ...me.user, totpEnabled: totp } })),
      http.post(`${ADMIN}/auth/totp/setup`, () => HttpResponse.json({ secret: 'JBSWY3DPEHPK3PXPJBSWY3DP', otpauthUrl: 'otpauth://totp/Acme:kari%40acme.example?secret=JBSWY3DPEHPK3PXPJBSWY3DP&issuer=Acme' })),
      http.post(`${ADMIN}/auth/totp/enable`, () => {
        if (wrongOnce) {
          wrongOnce = false;
          return problem(422, 'validation_failed', 'Validation failed', [{ path: 'code', message: 'That code is not right', code: 'wrong_code' }]);
        }
        totp = true;
        return HttpResponse.json({ ok: true });
      }),
      http.post(`${ADMIN}/auth/totp/disable`, () => {
        totp = false;
        return HttpResponse.json({ ok: true });
      }),
    ]);
    const page = await openPage('#/account', 'console-account-page');
    (await waitFor(() => $<HTMLButtonElement>(page, '[data-action="totp-setup"]'), 'set up')).click();
    const secret = await waitFor(() => $(page, '#totp-secret'), 'the key');
    assertEqual(secret.textContent!.trim(), 'JBSW Y3DP EHPK 3PXP JBSW Y3DP', 'the key in groups of four');
    assert($(page, '#totp-url')!.textContent!.startsWith('otpauth://totp/'), 'the otpauth address as text');
    assert($(page, '[data-action="copy-secret"]') && $(page, '[data-action="copy-url"]'), 'copy buttons');
    await axeCheck('account, TOTP set-up');

    typeInto($<HTMLInputElement>(page, '#f-code')!, '123 456');
    saveOf(page, '#f-code').click();
    await waitFor(() => $(page, '.save-failure')?.textContent!.includes('That code is not right'), 'the wrong code said');
    assertEqual($<HTMLInputElement>(page, '#f-code')!.value, '123 456', 'the code typed is kept');
    assert($(page, '#totp-secret'), 'the key is still shown');
    saveOf(page, '#f-code').click();
    await waitFor(() => $(page, '[data-role="totp-state"]')?.textContent!.includes('is on'), 'on');
    assertEqual(JSON.stringify(requests.filter((r) => r.path === '/auth/totp/enable').at(-1)!.body), JSON.stringify({ code: '123 456' }));
    assert(!$(page, '#totp-secret'), 'the key is no longer shown');
    await axeCheck('account, TOTP on');

    typeInto(await waitFor(() => $<HTMLInputElement>(page, '#f-password'), 'the turn-off form'), 'my passphrase 1');
    typeInto($<HTMLInputElement>(page, '#f-code')!, '654321');
    saveOf(page, '#f-code').click();
    await waitFor(() => $(page, '[data-role="totp-state"]')?.textContent!.includes('is off'), 'off');
    assertEqual(JSON.stringify(requests.filter((r) => r.path === '/auth/totp/disable').at(-1)!.body), JSON.stringify({ password: 'my passphrase 1', code: '654321' }));
  });

  it('a failed load retries', async () => {
    let fail = true;
    const me = meAs('admin');
    await mockAdminApi([http.get(`${ADMIN}/auth/me`, () => {
      if (fail && requests.filter((r) => r.path === '/auth/me').length > 1) { fail = false; return HttpResponse.error(); }
      return HttpResponse.json(me);
    })], 'admin');
    const page = await openPage('#/account', 'console-account-page');
    (await waitFor(() => $<HTMLButtonElement>(page, '[data-action="retry"]'), 'retry')).click();
    await waitFor(() => $(page, '#f-current'), 'loaded after retry');
  });
});
