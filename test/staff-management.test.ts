import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DATABASE_KINDS, createTestDatabase } from './support/test-database.ts';
import { createAdminHarness, type AdminHarness } from './support/admin-harness.ts';
import { TEST_CLIENT_IP } from './support/api-harness.ts';
import { PASSWORD, addStaffUser, freshIp, loggedIn, login } from './support/staff.ts';
import { eachPage } from '../sdk/admin-client.ts';
import { totpCode } from '../server/admin/totp.ts';

// Issue 9, staff slice: owners and admins invite staff by e-mail, change
// roles and disable accounts under the owner rules; anybody can reset a
// forgotten password by e-mail; keys are made and revoked over HTTP.

async function post(h: AdminHarness, path: string, body: unknown, ip = freshIp()) {
  const response = await h.app.request(`/api/v1/admin${path}`, { method: 'POST', headers: { 'content-type': 'application/json', [TEST_CLIENT_IP]: ip }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() as any, headers: response.headers };
}

/** The link's token in the e-mail the worker sent to an address (the latest). */
function tokenIn(h: AdminHarness, to: string, purpose: 'invite' | 'reset'): string {
  const mail = h.email.sent.filter((m) => m.to === to).at(-1);
  assert.ok(mail, `an e-mail went to ${to}`);
  const match = mail.text.match(new RegExp(`https://book\\.example/admin/#/${purpose}/([A-Za-z0-9_-]+)`));
  assert.ok(match, mail.text);
  return match[1]!;
}

for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  describe(`staff management (${kind})`, { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
    after(() => database?.close());

    test('an invite is e-mailed with a link, the stored e-mail loses the token once sent, and accepting it logs in once', async () => {
      const h = await createAdminHarness(database!, { subdomain: `sm-inv-${kind}` });
      const admin = await loggedIn(h, 'admin');
      const invited = await h.admin('POST', '/staff', { email: 'Ola@Staff.Example', name: 'Ola', role: 'reception' }, admin.session);
      assert.equal(invited.status, 201);
      assert.equal(invited.body.status, 'invited');
      const twice = await h.admin('POST', '/staff', { email: 'ola@staff.example', name: 'Ola', role: 'reception' }, admin.session);
      assert.equal(twice.status, 422);
      assert.equal(twice.body.issues[0].path, 'email');

      const queued = (await h.messages()).filter((m) => m.kind === 'staff_invite');
      assert.equal(queued.length, 1);
      assert.equal(queued[0]!.channel, 'email');
      assert.equal(queued[0]!.recipient, 'ola@staff.example');
      assert.match(queued[0]!.body, /Du er invitert/, 'in the organization\'s language');
      // Before it is sent, the sent list shows the e-mail without its live token (reception could otherwise take the account).
      const live = queued[0]!.body.match(/#\/invite\/([A-Za-z0-9_-]+)/)![1]!;
      const reception = await loggedIn(h, 'reception');
      const listed = await h.admin('GET', '/messages?kind=staff_invite', undefined, reception.session);
      assert.equal(listed.status, 200);
      assert.equal(listed.body.messages.length, 1);
      assert.ok(!JSON.stringify(listed.body).includes(live), 'the list shows no live token');
      assert.match(listed.body.messages[0].body, /#\/invite\/••••••/);
      await h.worker.runOnce();
      const token = tokenIn(h, 'ola@staff.example', 'invite');
      const stored = (await h.messages()).find((m) => m.kind === 'staff_invite')!;
      assert.equal(stored.status, 'sent');
      assert.ok(!stored.body.includes(token), 'the sent e-mail keeps no token');
      assert.match(stored.body, /#\/invite\/••••••/);

      assert.equal((await login(h, { email: 'ola@staff.example', password: 'a long enough password' })).status, 401, 'no password before accepting');
      const short = await post(h, '/auth/invite/accept', { token, password: 'short' });
      assert.equal(short.status, 422);
      assert.equal(short.body.issues[0].path, 'password');
      const accepted = await post(h, '/auth/invite/accept', { token, name: 'Ola Nordmann', password: 'a long enough password' });
      assert.equal(accepted.status, 200);
      assert.equal(accepted.body.user.name, 'Ola Nordmann');
      assert.equal(accepted.body.user.role, 'reception');
      assert.match(accepted.headers.get('set-cookie') ?? '', /^opus_staff=/);
      const reused = await post(h, '/auth/invite/accept', { token, password: 'another long password' });
      assert.equal(reused.status, 422);
      assert.equal(reused.body.issues[0].path, 'token');
      assert.equal((await login(h, { email: 'ola@staff.example', password: 'a long enough password' })).status, 200);
      const actions = (await h.audit()).map((a) => a.action);
      assert.ok(actions.includes('staff.invite') && actions.includes('staff.invite_accept'), actions.join());
    });

    test('a resent invite replaces the first link; an invite expires after 7 days', async () => {
      const h = await createAdminHarness(database!, { subdomain: `sm-resend-${kind}` });
      const owner = await loggedIn(h, 'owner');
      const invited = (await h.admin('POST', '/staff', { email: 'kim@staff.example', name: 'Kim', role: 'admin' }, owner.session)).body;
      await h.worker.runOnce();
      const first = tokenIn(h, 'kim@staff.example', 'invite');
      const resent = await h.admin('POST', `/staff/${invited.id}/invite`, {}, owner.session);
      assert.equal(resent.status, 200);
      await h.worker.runOnce();
      const second = tokenIn(h, 'kim@staff.example', 'invite');
      assert.notEqual(first, second);
      assert.equal((await post(h, '/auth/invite/accept', { token: first, password: 'a long enough password' })).status, 422, 'the first link no longer works');
      h.clock.now = new Date(h.clock.now.getTime() + 7 * 24 * 3_600_000 + 1000);
      assert.equal((await post(h, '/auth/invite/accept', { token: second, password: 'a long enough password' })).status, 422, 'expired');
      await h.worker.runOnce();
      const left = await database!.db.selectFrom('staff_tokens').select('id').where('organization_id', '=', h.fixture.orgId).execute();
      assert.deepEqual(left, [], "the worker's sweep deleted the spent and the expired link");
      const sessions = await database!.db.selectFrom('staff_sessions').select('id').where('user_id', '=', owner.id).execute();
      assert.deepEqual(sessions, [], 'and the session past its 12 hours');
    });

    test('a reset is 202 for any e-mail; its link works once, sets the password and ends every session', async () => {
      const h = await createAdminHarness(database!, { subdomain: `sm-reset-${kind}` });
      const user = await addStaffUser(database!.db, h.fixture.orgId, { email: 'siri@staff.example' });
      const session = (await login(h, { email: user.email, password: PASSWORD })).session;
      const unknown = await post(h, '/auth/password-reset', { organization: h.fixture.subdomain, email: 'nobody@staff.example' });
      const known = await post(h, '/auth/password-reset', { organization: h.fixture.subdomain, email: 'Siri@Staff.Example' });
      const noOrg = await post(h, '/auth/password-reset', { organization: 'no-such-org', email: 'siri@staff.example' });
      for (const answer of [unknown, known, noOrg]) {
        assert.equal(answer.status, 202);
        assert.deepEqual(answer.body, known.body);
      }
      assert.equal((await h.messages()).filter((m) => m.kind === 'password_reset').length, 1, 'one e-mail, to the known user');
      await h.worker.runOnce();
      const token = tokenIn(h, 'siri@staff.example', 'reset');
      assert.equal((await post(h, '/auth/password-reset/complete', { token, password: 'my new long password' })).status, 200);
      assert.equal((await h.admin('GET', '/auth/me', undefined, session)).status, 401, 'old sessions ended');
      assert.equal((await post(h, '/auth/password-reset/complete', { token, password: 'and again a password' })).status, 422, 'single use');
      assert.equal((await login(h, { email: user.email, password: PASSWORD })).status, 401);
      assert.equal((await login(h, { email: user.email, password: 'my new long password' })).status, 200);

      const ip = freshIp();
      for (let i = 0; i < 2; i++) assert.equal((await post(h, '/auth/password-reset', { organization: h.fixture.subdomain, email: 'siri@staff.example' }, ip)).status, 202);
      const limited = await post(h, '/auth/password-reset', { organization: h.fixture.subdomain, email: 'siri@staff.example' }, ip);
      assert.equal(limited.status, 429, 'three resets per e-mail per hour');
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
    });

    test('owner rules: only an owner makes or changes owners, the last active owner stays, a role change or disabling ends sessions', async () => {
      const h = await createAdminHarness(database!, { subdomain: `sm-own-${kind}` });
      const owner = await loggedIn(h, 'owner');
      const admin = await loggedIn(h, 'admin');
      const other = await loggedIn(h, 'reception');

      const raise = await h.admin('PATCH', `/staff/${admin.id}`, { role: 'owner' }, admin.session);
      assert.equal(raise.status, 403, 'an admin cannot raise itself');
      assert.equal((await h.admin('PATCH', `/staff/${other.id}`, { role: 'owner' }, admin.session)).status, 403);
      assert.equal((await h.admin('PATCH', `/staff/${owner.id}`, { disabled: true }, admin.session)).status, 403);
      assert.equal((await h.admin('POST', '/staff', { email: 'o2@staff.example', name: 'O2', role: 'owner' }, admin.session)).status, 403);

      const last = await h.admin('PATCH', `/staff/${owner.id}`, { role: 'admin' }, owner.session);
      assert.equal(last.status, 409);
      assert.equal(last.body.code, 'last_owner');
      assert.equal((await h.admin('PATCH', `/staff/${owner.id}`, { disabled: true }, owner.session)).status, 422, 'nobody disables themselves');

      const renamed = await h.admin('PATCH', `/staff/${other.id}`, { name: 'Renamed' }, admin.session);
      assert.equal(renamed.status, 200);
      assert.equal((await h.admin('GET', '/auth/me', undefined, other.session)).status, 200, 'a new name keeps the session');
      const demoted = await h.admin('PATCH', `/staff/${admin.id}`, { role: 'reception' }, owner.session);
      assert.equal(demoted.body.role, 'reception');
      assert.equal((await h.admin('GET', '/auth/me', undefined, admin.session)).status, 401, 'a role change ends the sessions');
      const disabled = await h.admin('PATCH', `/staff/${other.id}`, { disabled: true }, owner.session);
      assert.equal(disabled.body.status, 'disabled');
      assert.equal((await h.admin('GET', '/auth/me', undefined, other.session)).status, 401);
      assert.equal((await login(h, { email: other.email, password: PASSWORD })).status, 401);

      const promoted = await h.admin('PATCH', `/staff/${admin.id}`, { role: 'owner' }, owner.session);
      assert.equal(promoted.body.role, 'owner');
      assert.equal((await h.admin('PATCH', `/staff/${owner.id}`, { role: 'admin' }, owner.session)).status, 200, 'with another owner, an owner may step down');
      const entry = (await h.audit()).find((a) => a.action === 'staff.update' && a.target_id === other.id && (a.after as any)?.disabled === true);
      assert.deepEqual(entry?.before, { email: other.email, name: 'Renamed', role: 'reception', disabled: false });
    });

    test('two owners demoting each other at once: one wins, one owner stays; a TOTP code raced twice logs in once', async () => {
      const h = await createAdminHarness(database!, { subdomain: `sm-race-${kind}` });
      const one = await loggedIn(h, 'owner');
      const two = await loggedIn(h, 'owner');
      const answers = await Promise.all([
        h.admin('PATCH', `/staff/${two.id}`, { role: 'admin' }, one.session),
        h.admin('PATCH', `/staff/${one.id}`, { role: 'admin' }, two.session),
      ]);
      // The loser gets last_owner; or 401 when the winner's commit ended its session before it was read;
      // or 403 when its session was read just before that commit and its role (now admin) just after.
      const statuses = answers.map((a) => a.status).sort();
      assert.ok(statuses[0] === 200 && [401, 403, 409].includes(statuses[1]!), JSON.stringify(answers.map((a) => a.body)));
      const owners = await database!.db.selectFrom('staff_users').select('id').where('organization_id', '=', h.fixture.orgId).where('role', '=', 'owner').execute();
      assert.equal(owners.length, 1);

      const user = await loggedIn(h, 'admin');
      const { secret } = (await h.admin('POST', '/auth/totp/setup', {}, user.session)).body;
      assert.equal((await h.admin('POST', '/auth/totp/enable', { code: totpCode(secret, h.clock.now) }, user.session)).status, 200);
      h.clock.now = new Date(h.clock.now.getTime() + 30_000);
      const code = totpCode(secret, h.clock.now);
      const logins = await Promise.all([1, 2].map(() => login(h, { email: user.email, password: PASSWORD, totp: code })));
      assert.deepEqual(logins.map((l) => l.status).sort(), [200, 401]);
    });

    test('reception and API keys cannot manage staff or keys; reception cannot change settings', async () => {
      const h = await createAdminHarness(database!, { subdomain: `sm-recep-${kind}` });
      const reception = await loggedIn(h, 'reception');
      for (const [method, path, body] of [['PUT', '/messaging/settings', { senderId: 'X' }], ['GET', '/api-keys'], ['POST', '/api-keys', { name: 'x', scopes: ['read'] }], ['GET', '/staff'], ['POST', '/staff', { email: 'z@staff.example', name: 'Z', role: 'reception' }]] as const) {
        const refused = await h.admin(method, path, body, reception.session);
        assert.equal(refused.status, 403, `${method} ${path}`);
        assert.equal(refused.body.code, 'forbidden');
      }
      assert.equal((await h.admin('GET', '/messaging/settings', undefined, reception.session)).status, 200);
      for (const path of ['/staff', '/api-keys']) assert.equal((await h.admin('GET', path)).status, 403, `an API key of every scope on ${path}`);
      assert.equal((await h.admin('POST', '/api-keys', { name: 'minted', scopes: ['write'] })).status, 403, 'a key cannot mint a key');
    });

    test('API keys over HTTP: made once shown, listed by prefix, revoked to 401; audited', async () => {
      const h = await createAdminHarness(database!, { subdomain: `sm-keys-${kind}` });
      const admin = await loggedIn(h, 'admin');
      const bad = await h.admin('POST', '/api-keys', { name: 'x', scopes: [] }, admin.session);
      assert.equal(bad.status, 422);
      assert.equal(bad.body.issues[0].path, 'scopes');
      const made = await h.admin('POST', '/api-keys', { name: 'Dashboard', scopes: ['read'] }, admin.session);
      assert.equal(made.status, 201);
      assert.match(made.body.key, /^opk_/);
      assert.equal(made.body.key.slice(0, made.body.prefix.length), made.body.prefix);
      const listed = await h.admin('GET', '/api-keys', undefined, admin.session);
      const entry = listed.body.keys.find((k: any) => k.id === made.body.id);
      assert.deepEqual(entry.scopes, ['read']);
      assert.ok(!JSON.stringify(listed.body).includes(made.body.key), 'the key is never listed');
      const bearer = { authorization: `Bearer ${made.body.key}` };
      assert.equal((await h.admin('GET', '/audit', undefined, bearer)).status, 200);
      assert.equal((await h.admin('DELETE', `/api-keys/${made.body.id}`, undefined, admin.session)).status, 200);
      assert.equal((await h.admin('GET', '/audit', undefined, bearer)).status, 401);
      assert.equal((await h.admin('DELETE', `/api-keys/${made.body.id}`, undefined, admin.session)).status, 404);
      const actions = (await h.audit()).map((a) => `${a.action}:${a.target_id}`);
      assert.ok(actions.includes(`api_key.create:${made.body.id}`) && actions.includes(`api_key.revoke:${made.body.id}`));
      assert.ok(!JSON.stringify(await h.audit()).includes(made.body.key), 'no key in the audit log');
    });

    test("another organization's users and keys answer 404 and stay unchanged; the staff list pages", async () => {
      const a = await createAdminHarness(database!, { subdomain: `sm-ten-a-${kind}` });
      const b = await createAdminHarness(database!, { subdomain: `sm-ten-b-${kind}` });
      const ownerA = await loggedIn(a, 'owner');
      const ownerB = await loggedIn(b, 'owner');
      const userB = await addStaffUser(database!.db, b.fixture.orgId, { password: null, role: 'reception' });
      const keyB = (await b.admin('POST', '/api-keys', { name: 'B', scopes: ['read'] }, ownerB.session)).body;
      assert.equal((await a.admin('PATCH', `/staff/${userB.id}`, { disabled: true }, ownerA.session)).status, 404);
      assert.equal((await a.admin('POST', `/staff/${userB.id}/invite`, {}, ownerA.session)).status, 404);
      assert.equal((await a.admin('DELETE', `/api-keys/${keyB.id}`, undefined, ownerA.session)).status, 404);
      assert.equal((await b.admin('GET', '/audit', undefined, { authorization: `Bearer ${keyB.key}` })).status, 200, "B's key still works");
      assert.equal((await database!.db.selectFrom('staff_users').select('disabled_at').where('id', '=', userB.id).executeTakeFirstOrThrow()).disabled_at, null);
      assert.equal((await a.admin('GET', '/staff', undefined, ownerA.session)).body.users.some((u: any) => u.id === userB.id), false);

      for (let i = 0; i < 4; i++) await addStaffUser(database!.db, a.fixture.orgId, { role: 'reception' });
      const seen: string[] = [];
      for await (const user of eachPage((cursor) => a.admin('GET', `/staff?limit=2${cursor ? `&cursor=${cursor}` : ''}`, undefined, ownerA.session).then((r) => r.body), (page: any) => page.users)) seen.push((user as any).id);
      assert.equal(seen.length, 5);
      assert.equal(new Set(seen).size, 5);
    });
  });
}
