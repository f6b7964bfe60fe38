import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createApp } from '../server/app.ts';
import { EidSettings } from '../sdk/schemas/organization.ts';
import { originAllowed } from '../server/verification/eid/eid-return.ts';
import { inlineHashes } from '../server/http/inline-hashes.ts';
import { NOW } from './support/api-harness.ts';
import { RAISED_RATE_LIMITS, seedFixture } from './support/fixture.ts';
import { startFakeIssuer, startOidcProvider, signInAt, type FakeIssuer, type TestIssuer } from './support/oidc-issuers.ts';
import { createTestDatabase, DATABASE_KINDS } from './support/test-database.ts';

const PUBLIC_URL = 'https://book.example';
const API = '/api/v1/organizations';
/** A Norwegian test fødselsnummer: the patient's national id at the broker. */
const NATIONAL_ID = '13097248022';
const CLIENT = { clientId: 'opus', clientSecret: 'opus-test-secret' };

const eidSettings = (issuer: string, clientId: string) => ({
  flexibility: { login: true },
  hostedPage: { frameAncestors: ['https://*.clinic.no', 'https://clinic.example'] },
  rateLimits: { ...RAISED_RATE_LIMITS, loginsPerIpPerHour: 1000 },
  eid: { enabled: true, issuer, clientId, clientSecret: CLIENT.clientSecret, nationalIdClaim: 'pid', scope: 'openid' },
});

describe('e-ID settings and origins', () => {
  const valid = { enabled: true, issuer: 'https://idporten.no', clientId: 'c', clientSecret: 's', nationalIdClaim: 'pid', scope: 'openid profile' };
  test('the issuer is https, or http only on a loopback host; enabled needs an issuer and a client', () => {
    assert.ok(EidSettings.safeParse(valid).success);
    assert.ok(EidSettings.safeParse({ ...valid, issuer: 'http://127.0.0.1:4000' }).success);
    assert.ok(EidSettings.safeParse({ ...valid, issuer: 'http://localhost:4000/broker' }).success);
    assert.equal(EidSettings.safeParse({ ...valid, issuer: 'http://broker.example' }).success, false);
    assert.equal(EidSettings.safeParse({ ...valid, issuer: 'https://u:p@broker.example' }).success, false);
    assert.equal(EidSettings.safeParse({ ...valid, issuer: '' }).success, false);
    assert.ok(EidSettings.safeParse({ ...valid, enabled: false, issuer: '', clientId: '' }).success);
    assert.equal(EidSettings.safeParse({ ...valid, scope: 'profile' }).success, false);
  });

  test('a popup origin matches an embedding origin exactly or by its wildcard, never a look-alike', () => {
    const list = ['https://*.clinic.no', 'https://clinic.example'];
    assert.ok(originAllowed('https://www.clinic.no', list));
    assert.ok(originAllowed('https://a.b.clinic.no', list));
    assert.ok(originAllowed('https://clinic.example', list));
    for (const origin of ['https://clinic.no', 'https://www.clinic.no.evil.example', 'https://evilclinic.no', 'http://www.clinic.no', 'https://www.clinic.no:8443', 'https://clinic.example/', 'https://*.clinic.no']) {
      assert.equal(originAllowed(origin, list), false, origin);
    }
  });
});

for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  describe(`e-ID login on ${kind}`, { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
    const db = database!.db;
    const clock = { now: NOW };
    const logs: string[] = [];
    const app = createApp({ db, now: () => clock.now, publicUrl: PUBLIC_URL, log: (m) => logs.push(m), clientIp: (c) => c.req.header('x-test-client-ip') ?? '192.0.2.1' });
    const real = `eid-${kind}`;
    const faked = `fakeid-${kind}`;
    const callbackOf = (subdomain: string) => `${PUBLIC_URL}${API}/${subdomain}/auth/eid/callback`;
    const orgIds: Record<string, string> = {};
    let idp: TestIssuer;
    let fake: FakeIssuer;

    before(async () => {
      idp = await startOidcProvider({ ...CLIENT, redirectUris: [callbackOf(real)] });
      fake = await startFakeIssuer();
      orgIds[real] = (await seedFixture(db, { subdomain: real, settings: eidSettings(idp.issuer, CLIENT.clientId) })).orgId;
      orgIds[faked] = (await seedFixture(db, { subdomain: faked, settings: eidSettings(fake.issuer, fake.clientId) })).orgId;
    });
    after(async () => {
      await idp?.[Symbol.asyncDispose]();
      await fake?.[Symbol.asyncDispose]();
      await database?.close();
    });

    const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
    /** The cookie a start gave the browser, as the browser sends it back to the callback. */
    const browserOf = (started: Response) => ({ cookie: started.headers.get('set-cookie')?.match(/opus_eid=[\w-]+/)?.[0] ?? '' });
    const start = (subdomain: string, query: Record<string, string> = {}) => get(`${API}/${subdomain}/auth/eid/start?${new URLSearchParams(query)}`);
    const sessionsOf = (subdomain: string) => db.selectFrom('patient_sessions').selectAll().where('organization_id', '=', orgIds[subdomain]!).orderBy('created_at').execute();
    const pendingLogins = async () => Number((await db.selectFrom('eid_logins').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
    const assertLogsClean = () => {
      for (const line of logs) assert.doesNotMatch(line, new RegExp(`${NATIONAL_ID}|eyJ`), line);
    };

    test('redirect mode: start sends the browser to the broker with PKCE, state and nonce; after login the callback sets the session cookie and returns to the page', async () => {
      const started = await start(real, { returnTo: `/o/${real}/?locale=en` });
      assert.equal(started.status, 302);
      const authorize = new URL(started.headers.get('location')!);
      assert.equal(authorize.origin, idp.issuer);
      assert.equal(authorize.searchParams.get('client_id'), CLIENT.clientId);
      assert.equal(authorize.searchParams.get('redirect_uri'), callbackOf(real));
      assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
      for (const name of ['state', 'nonce', 'code_challenge']) assert.match(authorize.searchParams.get(name) ?? '', /^[\w-]{20,}$/, name);

      const callback = await signInAt(authorize.href, NATIONAL_ID, callbackOf(real));
      const before = (await sessionsOf(real)).length;
      const done = await get(callback.pathname + callback.search, browserOf(started));
      assert.equal(done.status, 303);
      assert.equal(done.headers.get('location'), `${PUBLIC_URL}/o/${real}/?locale=en`);
      const cookie = done.headers.getSetCookie().find((c) => c.startsWith('opus_session=')) ?? '';
      const token = cookie.match(/opus_session=([\w-]+);/)?.[1];
      assert.ok(token, cookie);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /Secure/);
      assert.match(cookie, new RegExp(`Path=${API}/${real}`));
      const sessions = await sessionsOf(real);
      assert.equal(sessions.length, before + 1);
      const session = sessions.at(-1)!;
      assert.equal(session.method, 'eid');
      assert.equal(session.national_id, NATIONAL_ID);
      assert.equal(session.token_hash, tokenHash(token));

      // The same callback again (a replayed state, already used up) is refused and starts nothing.
      const replay = await get(callback.pathname + callback.search, browserOf(started));
      assert.equal(replay.status, 400);
      assert.match(await replay.text(), /Innloggingen mislyktes/);
      assert.equal(replay.headers.getSetCookie().some((c) => c.startsWith('opus_session=')), false);
      assert.equal((await sessionsOf(real)).length, before + 1);
      assertLogsClean();
    });

    test('popup mode: the callback page posts the session to the allowed opener origin and nothing else runs', async () => {
      const started = await start(real, { mode: 'popup', origin: 'https://www.clinic.no' });
      assert.equal(started.status, 302);
      // Cross-Origin-Opener-Policy same-origin (the rest of the site's) would cut the popup off from its opener.
      assert.equal(started.headers.get('cross-origin-opener-policy'), 'unsafe-none');
      const callback = await signInAt(started.headers.get('location')!, NATIONAL_ID, callbackOf(real));
      const done = await get(callback.pathname + callback.search, browserOf(started));
      assert.equal(done.status, 200);
      assert.equal(done.headers.get('cross-origin-opener-policy'), 'unsafe-none');
      assert.equal((await get(`/o/${real}/`)).headers.get('cross-origin-opener-policy'), 'same-origin', 'the rest of the site keeps its isolation');
      assert.match(done.headers.get('content-type') ?? '', /^text\/html/);
      const page = await done.text();
      const policy = done.headers.get('content-security-policy') ?? '';
      assert.match(policy, /default-src 'none'/);
      assert.doesNotMatch(policy, /unsafe-inline/);
      const { scriptHashes } = inlineHashes(page);
      assert.equal(scriptHashes.length, 1);
      assert.ok(policy.includes(scriptHashes[0]!), 'the page allows exactly its own script');
      assert.match(page, /window\.opener\.postMessage\(JSON\.parse\(d\.message\),d\.origin\)/);
      assert.match(page, /data-origin="https:\/\/www\.clinic\.no"/);
      const message = JSON.parse(page.match(/data-message="([^"]*)"/)![1]!.replaceAll('&quot;', '"').replaceAll('&amp;', '&'));
      assert.equal(message.type, 'opus-session');
      assert.equal(message.session.method, 'eid');
      assert.equal(message.session.idleTimeoutSeconds, 1800);
      const session = (await sessionsOf(real)).at(-1)!;
      assert.equal(session.token_hash, tokenHash(message.session.token));
      assert.equal(session.national_id, NATIONAL_ID);
      assertLogsClean();
    });

    test('popup mode accepts the server\'s own origin and refuses any origin the organization does not let embed it', async () => {
      assert.equal((await start(real, { mode: 'popup', origin: PUBLIC_URL })).status, 302);
      assert.equal((await start(real, { mode: 'popup', origin: 'https://clinic.example' })).status, 302);
      const pending = await pendingLogins();
      for (const origin of ['https://evil.example', 'https://clinic.no', 'https://www.clinic.no.evil.example', 'http://www.clinic.no', 'null', undefined]) {
        const response = await start(real, { mode: 'popup', ...(origin ? { origin } : {}) });
        assert.equal(response.status, 422, String(origin));
        assert.equal(response.headers.get('content-type'), 'application/problem+json');
        assert.equal((await response.json()).issues[0].path, 'origin');
      }
      assert.equal(await pendingLogins(), pending, 'a refused start stores nothing');
    });

    test('returnTo must be a path on the organization\'s own booking page: no open redirect', async () => {
      const pending = await pendingLogins();
      for (const returnTo of ['https://evil.example/', '//evil.example/', '/\\evil.example', '/o/other/', `/o/${real}/../../admin`, `/o/${real}evil/`, `/o/${real}/%0d%0aLocation: x`, 'javascript:alert(1)']) {
        const response = await start(real, { returnTo });
        assert.equal(response.status, 422, returnTo);
        assert.equal((await response.json()).issues[0].path, 'returnTo', returnTo);
      }
      assert.equal(await pendingLogins(), pending);
      const ok = await start(real, { returnTo: `/o/${real}/manage/x?lang=sv#top` });
      assert.equal(ok.status, 302);
    });

    test('an organization without e-ID (or with login off) answers 404 problems and says eidLogin: false', async () => {
      const off = `noeid-${kind}`;
      const loginOff = `loginoff-${kind}`;
      await seedFixture(db, { subdomain: off, settings: { flexibility: { login: true } } });
      await seedFixture(db, { subdomain: loginOff, settings: { ...eidSettings(fake.issuer, fake.clientId), flexibility: { login: false } } });
      for (const subdomain of [off, loginOff]) {
        for (const path of ['start', 'callback?state=abc&code=def']) {
          const response = await get(`${API}/${subdomain}/auth/eid/${path}`);
          assert.equal(response.status, 404);
          assert.equal(response.headers.get('content-type'), 'application/problem+json');
        }
        assert.equal((await (await get(`${API}/${subdomain}`)).json()).eidLogin, false);
      }
      const org = await (await get(`${API}/${real}`)).json();
      assert.equal(org.eidLogin, true);
      assert.equal(org.settings.eid, undefined, 'the broker client and its secret stay on the server');
      assert.doesNotMatch(JSON.stringify(org), new RegExp(CLIENT.clientSecret));
    });

    /** Starts a login at the fake issuer, has it answer an id token with these claims, and calls back. */
    async function loginAtFake(claims: (nonce: string) => Record<string, unknown>, options: { beforeCallback?: () => void; callbackQuery?: Record<string, string>; browser?: Record<string, string> } = {}) {
      const started = await start(faked, { returnTo: `/o/${faked}/` });
      assert.equal(started.status, 302);
      const authorize = new URL(started.headers.get('location')!);
      const nonce = authorize.searchParams.get('nonce')!;
      fake.idToken = () => claims(nonce);
      options.beforeCallback?.();
      const query = options.callbackQuery ?? { code: 'a-code', state: authorize.searchParams.get('state')! };
      return get(`${API}/${faked}/auth/eid/callback?${new URLSearchParams(query)}`, options.browser ?? browserOf(started));
    }
    const failedAt = `${PUBLIC_URL}/o/${faked}/?eid=failed`;

    test('the fake issuer\'s valid id token logs in (so the refusals below are the id token\'s fault)', async () => {
      const before = (await sessionsOf(faked)).length;
      const done = await loginAtFake((nonce) => ({ nonce, pid: NATIONAL_ID }));
      assert.equal(done.status, 303);
      assert.equal(done.headers.get('location'), `${PUBLIC_URL}/o/${faked}/`);
      assert.equal((await sessionsOf(faked)).length, before + 1);
    });

    const now = () => Math.floor(Date.now() / 1000);
    const refusals: Array<[string, (nonce: string) => Record<string, unknown>, RegExp]> = [
      ['another nonce', () => ({ nonce: 'not-the-nonce-we-sent', pid: NATIONAL_ID }), /claim "nonce"/],
      ['another audience', (nonce) => ({ nonce, aud: 'some-other-client', pid: NATIONAL_ID }), /claim "aud"/],
      ['an expired id token', (nonce) => ({ nonce, pid: NATIONAL_ID, iat: now() - 7200, exp: now() - 3600 }), /claim "exp"/],
      ['another issuer', (nonce) => ({ nonce, pid: NATIONAL_ID, iss: 'https://someone-else.example' }), /claim "iss"/],
      ['no national id claim', (nonce) => ({ nonce }), /no valid national id in "pid"/],
      ['an invalid national id', (nonce) => ({ nonce, pid: '13097248023' }), /no valid national id in "pid"/],
    ];
    for (const [what, claims, reason] of refusals) {
      test(`an id token with ${what} is refused: back with eid=failed, no session, the reason logged without anything personal`, async () => {
        const before = (await sessionsOf(faked)).length;
        logs.length = 0;
        const done = await loginAtFake(claims);
        assert.equal(done.status, 303);
        assert.equal(done.headers.get('location'), failedAt);
        assert.equal(done.headers.getSetCookie().some((c) => c.startsWith('opus_session=')), false);
        assert.equal((await sessionsOf(faked)).length, before);
        assert.match(logs.join('\n'), reason);
        assertLogsClean();
      });
    }

    test('a login whose state is past its 10 minutes, or that the broker refused, fails', async () => {
      const before = (await sessionsOf(faked)).length;
      const late = await loginAtFake((nonce) => ({ nonce, pid: NATIONAL_ID }), { beforeCallback: () => { clock.now = new Date(NOW.getTime() + 11 * 60_000); } });
      clock.now = NOW;
      assert.equal(late.headers.get('location'), failedAt);

      const started = await start(faked);
      const state = new URL(started.headers.get('location')!).searchParams.get('state')!;
      const denied = await get(`${API}/${faked}/auth/eid/callback?${new URLSearchParams({ error: 'access_denied', state })}`, browserOf(started));
      assert.equal(denied.headers.get('location'), failedAt);
      assert.equal((await sessionsOf(faked)).length, before);
    });

    test('a broker that cannot be reached fails the login at its start, back to the page', async () => {
      const down = `down-${kind}`;
      await seedFixture(db, { subdomain: down, settings: eidSettings('http://127.0.0.1:9', 'opus') });
      const pending = await pendingLogins();
      logs.length = 0;
      const response = await start(down, { returnTo: `/o/${down}/` });
      assert.equal(response.status, 303);
      assert.equal(response.headers.get('location'), `${PUBLIC_URL}/o/${down}/?eid=failed`);
      assert.equal(await pendingLogins(), pending);
      assert.match(logs.join('\n'), /could not start/);
    });

    test('the callback must come from the browser that started the login: a login link sent to someone else logs nobody in', async () => {
      const started = await start(faked);
      const cookie = started.headers.get('set-cookie') ?? '';
      assert.match(cookie, /^opus_eid=[\w-]{43}; Max-Age=600; Path=\/api\/v1\/organizations\/fakeid-\w+\/auth\/eid\/callback; HttpOnly; Secure; SameSite=Lax$/);
      const before = (await sessionsOf(faked)).length;
      for (const browser of [{}, { cookie: 'opus_eid=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, browserOf(await start(faked))]) {
        logs.length = 0;
        const done = await loginAtFake((nonce) => ({ nonce, pid: NATIONAL_ID }), { browser });
        assert.equal(done.headers.get('location'), failedAt);
        assert.match(logs.join('\n'), /another browser/);
      }
      assert.equal((await sessionsOf(faked)).length, before);
    });

    test('a state we never issued gets a page saying the login failed, with no redirect', async () => {
      const response = await get(`${API}/${faked}/auth/eid/callback?state=made-up-state&code=x`);
      assert.equal(response.status, 400);
      assert.equal(response.headers.get('location'), null);
      assert.match(await response.text(), /Innloggingen mislyktes/);
    });

    test('starts and callbacks count against loginsPerIpPerHour', async () => {
      const limited = `limited-${kind}`;
      await seedFixture(db, { subdomain: limited, settings: { ...eidSettings(fake.issuer, fake.clientId), rateLimits: { ...RAISED_RATE_LIMITS, loginsPerIpPerHour: 2 } } });
      const ip = { 'x-test-client-ip': '198.51.100.7' };
      assert.equal((await get(`${API}/${limited}/auth/eid/start`, ip)).status, 302);
      assert.equal((await get(`${API}/${limited}/auth/eid/start`, ip)).status, 302);
      const third = await get(`${API}/${limited}/auth/eid/start`, ip);
      assert.equal(third.status, 429);
      assert.ok(Number(third.headers.get('retry-after')) > 0);
      assert.equal((await get(`${API}/${limited}/auth/eid/start`, { 'x-test-client-ip': '198.51.100.8' })).status, 302, 'another client is not held back');
    });
  });
}
