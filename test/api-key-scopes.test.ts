import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DATABASE_KINDS, createTestDatabase } from './support/test-database.ts';
import { createMessagingHarness, type MessagingHarness } from './support/messaging-harness.ts';
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyScope } from '../server/admin/api-keys.ts';

// Issue 9.1: API keys with scopes (read, write, messaging), their last use,
// revocation, and one organization's key never reaching another's data.

async function call(h: MessagingHarness, key: string, method: string, path: string, body?: unknown) {
  const response = await h.app.request(`/api/v1/admin${path}`, {
    method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined };
}

for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  describe(`API key scopes (${kind})`, { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
    after(() => database?.close());
    let a: MessagingHarness;
    let b: MessagingHarness;
    const keys = {} as Record<ApiKeyScope, string>;

    before(async () => {
      a = await createMessagingHarness(database!, { subdomain: 'scope-a' });
      b = await createMessagingHarness(database!, { subdomain: 'scope-b' });
      for (const scope of ['read', 'write', 'messaging'] as const) keys[scope] = (await createApiKey(database!.db, a.fixture.orgId, scope, [scope])).key;
    });

    test('a read key cannot send a message (403 forbidden, nothing queued); a messaging key can', async () => {
      const text = { to: '+4791234567', body: 'Scope test' };
      const refused = await call(a, keys.read, 'POST', '/messages/number', text);
      assert.equal(refused.status, 403, JSON.stringify(refused.body));
      assert.match(refused.type, /application\/problem\+json/);
      assert.equal(refused.body.code, 'forbidden');
      assert.match(refused.body.detail, /messaging/);
      assert.equal((await call(a, keys.write, 'POST', '/messages/number', text)).status, 403, 'write is not messaging');
      assert.equal((await a.messages()).filter((m) => m.body === 'Scope test').length, 0, 'nothing was queued');

      const sent = await call(a, keys.messaging, 'POST', '/messages/number', text);
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      assert.equal((await a.messages()).filter((m) => m.body === 'Scope test').length, 1);
      const id = (await a.messages()).find((m) => m.body === 'Scope test')!.id;
      assert.equal((await call(a, keys.read, 'POST', `/messages/${id}/cancel`)).status, 403, 'cancelling needs messaging');
      assert.equal((await call(a, keys.messaging, 'POST', `/messages/${id}/cancel`)).status, 200);
    });

    test('every admin route needs its scope: GET read, sending and cancelling messaging, other changes write', async () => {
      const ENDPOINTS: Array<[ApiKeyScope, string, string, unknown?]> = [
        ['read', 'GET', '/messaging/settings'], ['write', 'PUT', '/messaging/settings', {}], ['read', 'GET', '/messaging/templates'],
        ['write', 'PUT', '/messaging/templates/sms/reminder1', { body: 'x' }], ['write', 'DELETE', '/messaging/templates/sms/reminder1'],
        ['write', 'POST', '/messaging/templates/preview', { channel: 'sms', body: 'x' }],
        ['messaging', 'POST', '/messages/bulk', { patientIds: [], body: 'x' }], ['read', 'GET', '/messages'],
        ['messaging', 'POST', `/messages/${crypto.randomUUID()}/cancel`], ['read', 'GET', '/inbound'],
        ['write', 'PATCH', `/inbound/${crypto.randomUUID()}`, { read: true }], ['read', 'GET', '/appointments/today'],
        ['write', 'PUT', `/appointments/${crypto.randomUUID()}/reminders`, { enabled: true }], ['read', 'GET', '/messaging/status'],
      ];
      for (const [needed, method, path, body] of ENDPOINTS) {
        for (const scope of ['read', 'write', 'messaging'] as const) {
          const result = await call(a, keys[scope], method, path, body);
          if (scope === needed) assert.ok(result.status !== 401 && result.status !== 403, `${scope} key on ${method} ${path}: ${result.status} ${JSON.stringify(result.body)}`);
          else assert.equal(result.body?.code, 'forbidden', `${scope} key on ${method} ${path}: ${result.status}`);
        }
      }
    });

    test('last use is noted, at most once a minute; a revoked key answers 401', async () => {
      const { id, key } = await createApiKey(database!.db, a.fixture.orgId, 'dashboard', ['read']);
      const lastUsed = async () => (await listApiKeys(database!.db, a.fixture.orgId)).find((k) => k.id === id)!.lastUsedAt?.toISOString() ?? null;
      assert.equal(await lastUsed(), null);
      const start = a.clock.now;
      const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
      a.clock.now = at(0);
      assert.equal((await call(a, key, 'GET', '/messaging/status')).status, 200);
      assert.equal(await lastUsed(), at(0).toISOString());
      a.clock.now = at(30);
      await call(a, key, 'GET', '/messaging/status');
      assert.equal(await lastUsed(), at(0).toISOString(), 'not written again within the minute');
      a.clock.now = at(61);
      await call(a, key, 'GET', '/messaging/status');
      assert.equal(await lastUsed(), at(61).toISOString());
      a.clock.now = start;

      assert.equal(await revokeApiKey(database!.db, b.fixture.orgId, id), false, 'B cannot revoke A\'s key');
      assert.equal(await revokeApiKey(database!.db, a.fixture.orgId, id), true);
      const revoked = await call(a, key, 'GET', '/messaging/status');
      assert.equal(revoked.status, 401);
      assert.equal(revoked.body.code, 'unauthorized');
      const listed = (await listApiKeys(database!.db, a.fixture.orgId)).find((k) => k.id === id)!;
      assert.ok(listed.revokedAt);
      assert.deepEqual(listed.scopes, ['read']);
      assert.match(listed.prefix, /^opk_.{8}$/);
      assert.ok(key.startsWith(listed.prefix));
    });

    test('a key of organization A never reaches B\'s data', async () => {
      const keyB = (await createApiKey(database!.db, b.fixture.orgId, 'b')).key;
      const sent = await call(b, keyB, 'POST', '/messages/number', { to: '+4791234568', body: 'Only for B' });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      const messageB = (await b.messages()).find((m) => m.body === 'Only for B')!;
      const listed = await call(a, keys.read, 'GET', '/messages');
      assert.equal(listed.status, 200);
      assert.ok(!JSON.stringify(listed.body).includes('Only for B'), 'A\'s list holds none of B\'s messages');
      assert.equal((await call(a, keys.messaging, 'POST', `/messages/${messageB.id}/cancel`)).status, 404);
      assert.equal((await b.messages()).find((m) => m.id === messageB.id)!.status, messageB.status, 'B\'s message is untouched');
      assert.ok((await listApiKeys(database!.db, a.fixture.orgId)).every((k) => k.name !== 'b'), 'A\'s key list holds none of B\'s keys');
    });
  });
}
