import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DATABASE_KINDS, createTestDatabase } from './support/test-database.ts';
import { createAdminHarness } from './support/admin-harness.ts';
import { TEST_CLIENT_IP } from './support/api-harness.ts';
import { PASSWORD, addStaffUser, freshIp, loggedIn, login } from './support/staff.ts';
import { totpCode } from '../server/admin/totp.ts';
import { createApp } from '../server/app.ts';
import { staffLogin, OpusApiErrorOf } from './support/staff-sdk.ts';

// Issue 9, staff slice: the console logs in with a password (argon2id), a
// TOTP code when the user has one, gets an HttpOnly cookie and a CSRF token;
// wrong attempts lock, addresses are limited, sessions end.

for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  describe(`staff login (${kind})`, { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
    after(() => database?.close());

    test('an unknown e-mail or organization, a wrong password, a disabled or uninvited user all get the same 401; the hash is argon2id', async () => {
      const h = await createAdminHarness(database!, { subdomain: `sa-same-${kind}` });
      const active = await addStaffUser(database!.db, h.fixture.orgId);
      const disabled = await addStaffUser(database!.db, h.fixture.orgId, { disabled: true });
      const invited = await addStaffUser(database!.db, h.fixture.orgId, { password: null });
      const answers = [
        await login(h, { email: 'nobody@staff.example', password: PASSWORD }),
        await login(h, { email: active.email, password: 'wrong password!' }),
        await login(h, { email: disabled.email, password: PASSWORD }),
        await login(h, { email: invited.email, password: PASSWORD }),
        await login(h, { email: active.email, password: PASSWORD, organization: 'no-such-org' }),
      ];
      for (const answer of answers) {
        assert.equal(answer.status, 401);
        assert.equal(answer.headers.get('content-type'), 'application/problem+json');
        assert.deepEqual(answer.body, answers[0]!.body);
        assert.equal(answer.setCookie, '', 'no cookie');
      }
      assert.equal(answers[0]!.body.code, 'unauthorized');
      const row = await database!.db.selectFrom('staff_users').select('password_hash').where('id', '=', active.id).executeTakeFirstOrThrow();
      assert.match(row.password_hash!, /^\$argon2id\$/);

      const right = await login(h, { email: active.email.toUpperCase(), password: PASSWORD });
      assert.equal(right.status, 200);
      assert.equal(right.body.user.email, active.email);
      assert.equal(right.body.organization.subdomain, h.fixture.subdomain);
      assert.equal(typeof right.body.csrfToken, 'string');
    });

    test('the cookie is HttpOnly, Secure, SameSite=Strict on the admin path; changes need its CSRF token, reads do not, API keys need none', async () => {
      const h = await createAdminHarness(database!, { subdomain: `sa-csrf-${kind}` });
      const user = await addStaffUser(database!.db, h.fixture.orgId, { role: 'admin' });
      const result = await login(h, { email: user.email, password: PASSWORD });
      assert.match(result.setCookie, /^opus_staff=[A-Za-z0-9_-]+;/);
      for (const attribute of [/HttpOnly/i, /Secure/i, /SameSite=Strict/i, /Path=\/api\/v1\/admin/i]) assert.match(result.setCookie, attribute);

      const before = (await h.admin('GET', '/messaging/settings')).body;
      const cookieOnly = { cookie: result.session.cookie! };
      for (const headers of [cookieOnly, { ...cookieOnly, 'x-csrf-token': 'not-the-token-at-all' }]) {
        const refused = await h.admin('PUT', '/messaging/settings', { senderId: 'Forged' }, headers);
        assert.equal(refused.status, 403);
        assert.equal(refused.body.code, 'forbidden');
      }
      assert.deepEqual((await h.admin('GET', '/messaging/settings', undefined, cookieOnly)).body, before, 'a GET needs no token; nothing changed');
      const allowed = await h.admin('PUT', '/messaging/settings', { senderId: 'Smilet' }, result.session);
      assert.equal(allowed.status, 200);
      assert.equal(allowed.body.senderId, 'Smilet');
      assert.equal((await h.admin('PUT', '/messaging/settings', { senderId: 'Keyed' })).status, 200, 'an API key needs no CSRF token');
    });

    test('five wrong passwords lock the user 15 minutes (429 with Retry-After, right password or not); then it opens again', async () => {
      const h = await createAdminHarness(database!, { subdomain: `sa-lock-${kind}` });
      const user = await addStaffUser(database!.db, h.fixture.orgId);
      for (let i = 0; i < 5; i++) assert.equal((await login(h, { email: user.email, password: `wrong password ${i}` })).status, 401);
      for (const password of [PASSWORD, 'wrong password again']) {
        const locked = await login(h, { email: user.email, password });
        assert.equal(locked.status, 429);
        assert.equal(locked.body.code, 'rate_limited');
        assert.ok(Number(locked.headers.get('retry-after')) > 0 && Number(locked.headers.get('retry-after')) <= 900);
      }
      h.clock.now = new Date(h.clock.now.getTime() + 15 * 60_000 + 1000);
      assert.equal((await login(h, { email: user.email, password: PASSWORD })).status, 200);
    });

    test('a session cannot guess its own password: wrong ones when changing it count toward the same lockout', async () => {
      const h = await createAdminHarness(database!, { subdomain: `sa-guess-${kind}` });
      const { session, email } = await loggedIn(h, 'admin');
      for (let i = 0; i < 5; i++) {
        const wrong = await h.admin('POST', '/auth/password', { current: `guess number ${i}`, new: 'a brand new password' }, session);
        assert.equal(wrong.status, 422);
        assert.equal(wrong.body.issues[0].path, 'current');
      }
      const locked = await h.admin('POST', '/auth/password', { current: PASSWORD, new: 'a brand new password' }, session);
      assert.equal(locked.status, 429, 'locked, even with the right password');
      assert.equal((await login(h, { email, password: PASSWORD })).status, 429, 'the login is locked too');
    });

    test('one client address gets 30 login attempts per 15 minutes; another address is not held up', async () => {
      const h = await createAdminHarness(database!, { subdomain: `sa-ip-${kind}` });
      const user = await addStaffUser(database!.db, h.fixture.orgId);
      const ip = freshIp();
      for (let i = 0; i < 30; i++) assert.equal((await login(h, { email: `nobody${i}@staff.example`, password: 'whatever it is' }, ip)).status, 401);
      const limited = await login(h, { email: user.email, password: PASSWORD }, ip);
      assert.equal(limited.status, 429);
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
      assert.equal((await login(h, { email: user.email, password: PASSWORD })).status, 200);
    });

    test('TOTP: setup, enable with a code; then login needs the code, refuses a wrong one and the same one twice', async () => {
      const h = await createAdminHarness(database!, { subdomain: `sa-totp-${kind}` });
      const user = await loggedIn(h, 'admin');
      const setup = await h.admin('POST', '/auth/totp/setup', {}, user.session);
      assert.equal(setup.status, 200);
      assert.match(setup.body.otpauthUrl, /^otpauth:\/\/totp\//);
      const secret = setup.body.secret as string;
      const stored = await database!.db.selectFrom('staff_users').select(['totp_secret', 'totp_enabled']).where('id', '=', user.id).executeTakeFirstOrThrow();
      assert.ok(stored.totp_secret && !stored.totp_secret.includes(secret), 'stored encrypted');
      assert.equal(stored.totp_enabled, false);
      assert.equal((await login(h, { email: user.email, password: PASSWORD })).status, 200, 'not asked for before it is enabled');

      const wrongEnable = await h.admin('POST', '/auth/totp/enable', { code: '000000' === totpCode(secret, h.clock.now) ? '111111' : '000000' }, user.session);
      assert.equal(wrongEnable.status, 422);
      assert.equal(wrongEnable.body.issues[0].path, 'code');
      assert.equal((await h.admin('POST', '/auth/totp/enable', { code: totpCode(secret, h.clock.now) }, user.session)).status, 200);
      assert.equal((await h.admin('GET', '/auth/me', undefined, user.session)).body.user.totpEnabled, true);

      h.clock.now = new Date(h.clock.now.getTime() + 60_000);
      const noCode = await login(h, { email: user.email, password: PASSWORD });
      assert.equal(noCode.status, 401);
      assert.equal(noCode.body.code, 'totp_required');
      assert.equal(noCode.setCookie, '');
      const code = totpCode(secret, h.clock.now);
      const wrong = await login(h, { email: user.email, password: PASSWORD, totp: code === '123456' ? '654321' : '123456' });
      assert.equal(wrong.body.code, 'totp_required');
      const wrongPassword = await login(h, { email: user.email, password: 'wrong password!', totp: code });
      assert.equal(wrongPassword.body.code, 'unauthorized', 'the code is only asked about after a right password');
      assert.equal((await login(h, { email: user.email, password: PASSWORD, totp: code })).status, 200);
      const replay = await login(h, { email: user.email, password: PASSWORD, totp: code });
      assert.equal(replay.status, 401);
      assert.equal(replay.body.code, 'totp_required', 'a code works once');

      h.clock.now = new Date(h.clock.now.getTime() + 30_000);
      const off = await h.admin('POST', '/auth/totp/disable', { password: PASSWORD, code: totpCode(secret, h.clock.now) }, user.session);
      assert.equal(off.status, 200);
      assert.equal((await login(h, { email: user.email, password: PASSWORD })).status, 200);
    });

    test('logout, idle expiry and a password change end sessions', async () => {
      const h = await createAdminHarness(database!, { subdomain: `sa-end-${kind}` });
      const user = await loggedIn(h, 'reception');
      assert.equal((await h.admin('GET', '/auth/me', undefined, user.session)).body.user.role, 'reception');
      assert.deepEqual((await h.admin('GET', '/auth/me', undefined, user.session)).body.capabilities, ['read', 'book', 'messaging']);
      const logout = await h.admin('POST', '/auth/logout', {}, user.session);
      assert.equal(logout.status, 200);
      assert.match(logout.headers.get('set-cookie') ?? '', /opus_staff=;/);
      assert.equal((await h.admin('GET', '/auth/me', undefined, user.session)).status, 401);
      const audited = (await h.audit()).filter((a) => a.actor_id === user.id).map((a) => a.action);
      assert.deepEqual(audited.sort(), ['staff.login', 'staff.logout']);

      const again = await login(h, { email: user.email, password: PASSWORD });
      h.clock.now = new Date(h.clock.now.getTime() + 2 * 3_600_000 + 1000);
      assert.equal((await h.admin('GET', '/appointments/today', undefined, again.session)).status, 401, 'idle for two hours');

      const first = await login(h, { email: user.email, password: PASSWORD });
      const second = await login(h, { email: user.email, password: PASSWORD });
      const wrongCurrent = await h.admin('POST', '/auth/password', { current: 'not my password', new: 'a brand new password' }, first.session);
      assert.equal(wrongCurrent.status, 422);
      assert.equal(wrongCurrent.body.issues[0].path, 'current');
      const short = await h.admin('POST', '/auth/password', { current: PASSWORD, new: 'short' }, first.session);
      assert.equal(short.body.issues[0].path, 'new');
      assert.equal((await h.admin('POST', '/auth/password', { current: PASSWORD, new: 'a brand new password' }, first.session)).status, 200);
      assert.equal((await h.admin('GET', '/auth/me', undefined, first.session)).status, 200, 'this session stays');
      assert.equal((await h.admin('GET', '/auth/me', undefined, second.session)).status, 401, 'the other one ends');
      assert.equal((await login(h, { email: user.email, password: 'a brand new password' })).status, 200);
    });

    test('requireAdmin never runs for login, invite and reset; every other admin route needs credentials', async () => {
      const h = await createAdminHarness(database!, { subdomain: `sa-open-${kind}` });
      const open = ['/api/v1/admin/auth/login', '/api/v1/admin/auth/invite/accept', '/api/v1/admin/auth/password-reset', '/api/v1/admin/auth/password-reset/complete'];
      for (const path of open) {
        const response = await h.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', [TEST_CLIENT_IP]: freshIp() }, body: '{}' });
        assert.equal(response.status, 422, `${path} validates without credentials`);
      }
      // A bogus API key would stop requireAdmin with a 401: login answers regardless.
      const user = await addStaffUser(database!.db, h.fixture.orgId);
      const bogus = await h.app.request('/api/v1/admin/auth/login', {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer opk_not-a-key', [TEST_CLIENT_IP]: freshIp() },
        body: JSON.stringify({ organization: h.fixture.subdomain, email: user.email, password: PASSWORD }),
      });
      assert.equal(bogus.status, 200);
      const routes = h.app.routes.filter((r) => r.path.startsWith('/api/v1/admin/') && r.method !== 'ALL' && !open.includes(r.path));
      assert.ok(routes.length > 20);
      for (const route of routes) {
        const path = route.path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
        const response = await h.app.request(path, { method: route.method, headers: { 'content-type': 'application/json' }, ...(route.method === 'GET' ? {} : { body: '{}' }) });
        assert.equal(response.status, 401, `${route.method} ${route.path}`);
      }
      assert.equal((await h.admin('GET', '/auth/me')).status, 401, 'an API key is not a staff session');
    });

    test('the SDK logs in and calls on the session (cookie and CSRF token)', async () => {
      const h = await createAdminHarness(database!, { subdomain: `sa-sdk-${kind}` });
      const user = await addStaffUser(database!.db, h.fixture.orgId, { role: 'owner' });
      const appFetch = ((input: RequestInfo | URL, init?: RequestInit) => h.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch;
      const session = await staffLogin({ baseUrl: 'https://book.example', organization: h.fixture.subdomain, email: user.email, password: PASSWORD, fetch: appFetch });
      assert.equal(session.user.role, 'owner');
      assert.match(session.cookie ?? '', /^opus_staff=/);
      assert.equal((await session.client.me()).user.id, user.id);
      const invited = await session.client.inviteStaff({ email: 'New.Person@Staff.Example', name: 'New', role: 'reception' });
      assert.equal(invited.email, 'new.person@staff.example');
      assert.equal(invited.status, 'invited');
      await session.client.logout();
      await assert.rejects(session.client.me(), (e) => OpusApiErrorOf(e)?.status === 401);
      await assert.rejects(staffLogin({ baseUrl: 'https://book.example', organization: h.fixture.subdomain, email: user.email, password: 'wrong password', fetch: appFetch }), (e) => OpusApiErrorOf(e)?.code === 'unauthorized');
    });

    test('no password, token, CSRF token or TOTP secret reaches the log', async () => {
      const h = await createAdminHarness(database!, { subdomain: `sa-log-${kind}` });
      const lines: string[] = [];
      const app = createApp({ db: database!.db, now: () => h.clock.now, publicUrl: 'https://book.example', log: (m) => lines.push(m), clientIp: () => freshIp() });
      const user = await addStaffUser(database!.db, h.fixture.orgId, { role: 'owner' });
      const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
        const response = await app.request(`/api/v1/admin${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
        return { status: response.status, body: await response.json() as any, cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]! };
      };
      await post('/auth/login', { organization: h.fixture.subdomain, email: user.email, password: 'wrong password!' });
      const ok = await post('/auth/login', { organization: h.fixture.subdomain, email: user.email, password: PASSWORD });
      const session = { cookie: ok.cookie, 'x-csrf-token': ok.body.csrfToken };
      const setup = await post('/auth/totp/setup', {}, session);
      await post('/auth/totp/enable', { code: '000000' }, session);
      await post('/staff', { email: 'x@staff.example', name: 'X', role: 'admin' }, session);
      await post('/auth/password-reset', { organization: h.fixture.subdomain, email: user.email });
      await post('/auth/password-reset/complete', { token: 'AAAAAAAAAAAAAAAAAAAAAAAAAA', password: 'another long password' });
      await post('/auth/password', { current: PASSWORD, new: 'yet another password' }, session);
      const tokens = (await database!.db.selectFrom('staff_tokens').select('token_hash').where('organization_id', '=', h.fixture.orgId).execute()).map((t) => t.token_hash);
      const everything = lines.join('\n');
      for (const secret of [PASSWORD, 'wrong password!', 'another long password', 'yet another password', ok.body.csrfToken, ok.cookie.split('=')[1], setup.body.secret, ...tokens]) {
        assert.ok(!everything.includes(secret), 'a secret in the log');
      }
    });
  });
}
