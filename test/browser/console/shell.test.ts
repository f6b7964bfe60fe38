import { http, HttpResponse } from 'msw';
import type { OrganizationProfile } from '../../../sdk/schemas/settings.ts';
import {
  $, $$, ADMIN, assert, assertEqual, axeCheck, button, closeConsole, consoleApp, meAs, mockAdminApi, openPage, problem, requests, typeInto, waitFor,
} from './support/console-harness.ts';

const profile: OrganizationProfile = { subdomain: 'acme', name: 'Acme Tannlege', locale: 'nb', timeZone: 'Europe/Oslo' };
const loginResult = { user: meAs().user, organization: meAs().organization, csrfToken: 'fresh-csrf', expiresAt: '2026-12-01T20:00:00Z' };

/** The console with no stored session, at `hash`. */
async function openLoggedOut(hash: string) {
  closeConsole();
  localStorage.removeItem('opus-console-session');
  localStorage.setItem('opus-console-locale', 'en');
  history.replaceState(null, '', hash);
  const app = document.createElement('opus-console');
  document.body.append(app);
  await waitFor(() => app.shadowRoot?.querySelector('form'), 'a form');
  return app;
}

const shell = () => consoleApp()!;
const input = (id: string) => $<HTMLInputElement>(shell(), `#${id}`)!;

afterEach(() => closeConsole());

describe('console shell (msw)', () => {
  it('logs in (with the TOTP code when asked), lands on the deep link, then logs out', async () => {
    let sessions = 0;
    await mockAdminApi([
      http.get(`${ADMIN}/auth/me`, () => (sessions > 0 ? HttpResponse.json(meAs()) : problem(401, 'unauthorized', 'Unauthorized'))),
      http.post(`${ADMIN}/auth/login`, async ({ request }) => {
        const body = await request.json() as { password: string; totp?: string };
        if (body.password !== 'right passphrase') return problem(401, 'unauthorized', 'Unauthorized');
        if (body.totp !== '123456') return problem(401, 'totp_required', 'TOTP required');
        sessions += 1;
        return HttpResponse.json(loginResult);
      }),
      http.get(`${ADMIN}/settings/organization`, () => HttpResponse.json(profile)),
    ]);
    const app = await openLoggedOut('#/web/subdomain');
    await axeCheck('login');
    typeInto(input('login-organization'), 'acme');
    typeInto(input('login-email'), 'kari@acme.example');
    typeInto(input('login-password'), 'wrong passphrase');
    (await button(app, 'Log in')).click();
    await waitFor(() => $(app, '[role="alert"]')?.textContent?.includes('wrong'), 'wrong login said');
    assertEqual(input('login-email').value, 'kari@acme.example', 'a failed login keeps the e-mail');

    typeInto(input('login-password'), 'right passphrase');
    (await button(app, 'Log in')).click();
    const totp = await waitFor(() => $<HTMLInputElement>(app, '#login-totp'), 'the TOTP field');
    await waitFor(() => app.shadowRoot!.activeElement === totp, 'focus on the code field');
    typeInto(totp, '123456');
    (await button(app, 'Log in')).click();
    const page = await waitFor(() => $(app, 'console-subdomain-page'), 'the deep-linked page after login');
    assert(page, 'landed on the page asked for');
    assert($(app, 'header')!.textContent!.includes('Acme Tannlege'), 'organization in the header');
    assert($(app, 'header')!.textContent!.includes('Owner'), 'role in the header');
    const stored = JSON.parse(localStorage.getItem('opus-console-session')!);
    assertEqual(stored.csrfToken, 'fresh-csrf');

    (await button(app, 'Log out')).click();
    await waitFor(() => $(app, '#login-password'), 'back at the login');
    assertEqual(localStorage.getItem('opus-console-session'), null, 'the stored session is gone');
    assert(requests.some((r) => r.method === 'POST' && r.path === '/auth/logout' && r.csrf === 'fresh-csrf'), 'logout told the server, with the CSRF token');
  });

  it('navigation follows the role: reception sees no web settings, and a web address says it is not allowed', async () => {
    await mockAdminApi([], 'reception');
    await openPage('#/web/subdomain', 'main');
    const app = shell();
    await waitFor(() => $(app, 'main .notice'), 'the not-allowed notice');
    assert($(app, 'main')!.textContent!.includes('does not have access'), 'says the role has no access');
    const links = $$(app, 'nav a').map((a) => a.getAttribute('href'));
    assert(!links.some((href) => href?.startsWith('#/web/')), `no web settings in reception's navigation: ${links.join(', ')}`);
    assert(!links.some((href) => href?.startsWith('#/access/')), 'no access pages either');
    await axeCheck('not allowed');
  });

  it('an ended session goes back to the login and returns to the page after logging in again', async () => {
    let ended = false;
    await mockAdminApi([
      http.get(`${ADMIN}/settings/organization`, () => (ended ? problem(401, 'unauthorized', 'Unauthorized') : HttpResponse.json(profile))),
      http.post(`${ADMIN}/auth/login`, () => { ended = false; return HttpResponse.json(loginResult); }),
    ]);
    const page = await openPage('#/web/subdomain', 'console-subdomain-page');
    await waitFor(() => $(page, '#f-name'), 'loaded');
    ended = true;
    history.replaceState(null, '', '#/book');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    history.replaceState(null, '', '#/web/subdomain?again=1');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    const app = shell();
    await waitFor(() => $(app, '#login-password'), 'the login');
    assert($(app, '[role="alert"]')!.textContent!.includes('session has ended'), 'says why');
    typeInto(input('login-organization'), 'acme');
    typeInto(input('login-email'), 'kari@acme.example');
    typeInto(input('login-password'), 'right passphrase');
    (await button(app, 'Log in')).click();
    await waitFor(() => $(app, 'console-subdomain-page'), 'back on the page');
  });

  it('asks before leaving unsaved changes, and stays when told to', async () => {
    await mockAdminApi([http.get(`${ADMIN}/settings/organization`, () => HttpResponse.json(profile))]);
    const page = await openPage('#/web/subdomain', 'console-subdomain-page');
    typeInto(await waitFor(() => $<HTMLInputElement>(page, '#f-name')), 'Changed, not saved');
    const asked: string[] = [];
    const confirm = window.confirm;
    window.confirm = (message?: string) => { asked.push(message ?? ''); return false; };
    try {
      location.hash = '#/no/such/page';
      await waitFor(() => asked.length === 1, 'asked');
      await new Promise((r) => setTimeout(r, 50));
      assertEqual(location.hash, '#/web/subdomain', 'stayed');
      assertEqual($<HTMLInputElement>(page, '#f-name')!.value, 'Changed, not saved', 'the draft is still there');
    } finally {
      window.confirm = confirm;
    }
  });

  it('an invite link sets the password and logs in; a reset link sets a new one and shows the login', async () => {
    await mockAdminApi([
      http.get(`${ADMIN}/auth/me`, () => HttpResponse.json(meAs())),
      http.post(`${ADMIN}/auth/invite/accept`, async ({ request }) => {
        const body = await request.json() as { token: string; password: string };
        if (body.password.length < 10) return problem(422, 'validation_failed', 'Validation failed', [{ path: 'password', message: 'At least 10 characters' }]);
        return body.token === 'invite-token' ? HttpResponse.json(loginResult) : problem(404, 'not_found', 'Not found');
      }),
      http.post(`${ADMIN}/auth/password-reset/complete`, () => HttpResponse.json({ ok: true })),
      http.post(`${ADMIN}/auth/login`, () => HttpResponse.json(loginResult)),
    ]);
    let app = await openLoggedOut('#/invite/invite-token');
    assert($(app, 'h1')!.textContent!.includes('choose your password'), 'the invite page');
    await axeCheck('invite');
    typeInto(input('link-password'), 'short');
    (await button(app, 'Save password and log in')).click();
    await waitFor(() => $(app, '[role="alert"]')?.textContent?.includes('At least 10'), 'the password rule');
    typeInto(input('link-password'), 'a long enough passphrase');
    (await button(app, 'Save password and log in')).click();
    await waitFor(() => $(app, 'header'), 'logged in');
    assert(!location.hash.includes('invite-token'), 'the token leaves the address');

    app = await openLoggedOut('#/reset/reset-token');
    typeInto(input('link-password'), 'a new long passphrase');
    (await button(app, 'Save new password')).click();
    await waitFor(() => $(app, '[role="status"].notice')?.textContent?.includes('password is changed'), 'told to log in');
    assert(!location.hash.includes('reset-token'), 'the token leaves the address');
    const sent = requests.find((r) => r.path === '/auth/password-reset/complete')!;
    assertEqual((sent.body as { token: string }).token, 'reset-token');
    // Logging in from there lands on the day's book, not on the login's own address.
    typeInto(input('login-organization'), 'acme');
    typeInto(input('login-email'), 'kari@acme.example');
    typeInto(input('login-password'), 'a new long passphrase');
    (await button(app, 'Log in')).click();
    await waitFor(() => $(app, 'console-book-page'), 'the book after the login');
  });

  it('speaks Norwegian and Swedish when chosen, and keeps the choice', async () => {
    await mockAdminApi([http.get(`${ADMIN}/settings/organization`, () => HttpResponse.json(profile))]);
    await openPage('#/web/subdomain', 'console-subdomain-page');
    const app = shell();
    const picker = $<HTMLSelectElement>(app, '#locale')!;
    typeInto(picker, 'nb');
    await waitFor(() => $(app, 'main > h1')!.textContent === 'Underdomene og virksomhet', 'Norwegian heading');
    assertEqual(localStorage.getItem('opus-console-locale'), 'nb');
    assertEqual(document.documentElement.lang, 'nb');
    typeInto($<HTMLSelectElement>(app, '#locale')!, 'sv');
    await waitFor(() => $(app, 'main > h1')!.textContent === 'Underdomän och organisation', 'Swedish heading');
    await waitFor(() => $(app, 'console-subdomain-page')!.shadowRoot!.textContent!.includes('Underdomän'), 'the page follows');
  });
  it('a failed logout says so and stays logged in; a logout in another tab logs this one out too', async () => {
    let logoutFails = true;
    await mockAdminApi([
      http.get(`${ADMIN}/settings/organization`, () => HttpResponse.json(profile)),
      http.post(`${ADMIN}/auth/logout`, () => (logoutFails ? HttpResponse.error() : HttpResponse.json({ ok: true }))),
    ]);
    await openPage('#/web/subdomain', 'console-subdomain-page');
    const app = shell();
    (await button(app, 'Log out')).click();
    await waitFor(() => $(app, 'main [role="alert"]')?.textContent?.includes('Logging out failed'), 'the failure said');
    assert($(app, 'header'), 'still logged in: the server still holds the session');
    assert(localStorage.getItem('opus-console-session'), 'the session is kept');
    await axeCheck('failed logout');

    // Another tab logged out: the stored session is gone and the storage event says so.
    localStorage.removeItem('opus-console-session');
    window.dispatchEvent(new StorageEvent('storage', { key: 'opus-console-session', newValue: null }));
    await waitFor(() => $(app, '#login-password'), 'the login');
    assert($(app, '[role="alert"]')!.textContent!.includes('another window'), 'says why');
    assert(!$(app, 'console-subdomain-page'), 'the page with its data is gone');
    logoutFails = false;
  });
});
