import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createPgliteTestDatabase } from './support/test-database.ts';
import { createMessagingHarness } from './support/messaging-harness.ts';
import { norwegianIds, patient } from './support/fixture.ts';
import { createApiKey } from '../server/admin/api-keys.ts';
import { createApp } from '../server/app.ts';

// The defects of issue 7 items 1, 2, 4, 5 and 6, each as a user met it:
// bad input answered 500, bodies of any type booked, a 413 that broke the
// connection, and answers with manage tokens that a cache could keep.
const database = await createPgliteTestDatabase();
after(() => database.close());
const h = await createMessagingHarness(database, { subdomain: 'bad-input' });
const key = (await createApiKey(database.db, h.fixture.orgId, 'tests')).key;
const { token } = await h.book('2026-12-07T10:00:00+01:00');

const ids = norwegianIds(40);
/** A valid booking for a new patient each time (08 Dec 09:00 unless changed). */
const booking = (changes: Record<string, unknown> = {}, patientChanges: Record<string, unknown> = {}) => ({
  treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1,
  start: '2026-12-08T09:00:00+01:00', patient: patient({ nationalId: ids.pop(), ...patientChanges }), ...changes,
});

async function admin(path: string) {
  const response = await h.app.request(`/api/v1/admin${path}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, type: response.headers.get('content-type'), body: await response.json() };
}

function assertRefused(result: { status: number; type: string | null; body: any }, field: string, code?: string) {
  assert.equal(result.status, 422, JSON.stringify(result.body));
  assert.equal(result.type, 'application/problem+json');
  const issue = result.body.issues?.find((i: { path: string }) => i.path === field);
  assert.ok(issue, `an issue for ${field} in ${JSON.stringify(result.body.issues)}`);
  if (code) assert.equal(issue.code, code);
}

describe('a NUL or a lone surrogate in any text is a 422 naming the field (item 1)', () => {
  test('in a query', async () => {
    assertRefused(await h.call('GET', `/slots?treatmentId=${h.fixture.treatments.checkup}&group=a%00&from=2026-12-01&to=2026-12-07`), 'group', 'invalid_characters');
    assertRefused(await admin('/inbound?from=%2B47%00'), 'from', 'invalid_characters');
  });

  for (const field of ['firstName', 'lastName'] as const) {
    for (const [name, text] of [['NUL', 'Ka\u0000ri'], ['lone surrogate', 'Ka\ud800ri']] as const) {
      test(`a ${name} in patient.${field}: refused, and nothing written`, async () => {
        const before = await h.count('patients');
        assertRefused(await h.call('POST', '/bookings', booking({}, { [field]: text })), `patient.${field}`, 'invalid_characters');
        assert.equal(await h.count('patients'), before);
      });
    }
  }

  for (const field of ['message', 'campaignCode'] as const) {
    test(`a NUL or a lone surrogate in ${field}`, async () => {
      assertRefused(await h.call('POST', '/bookings', booking({ [field]: 'Hei\u0000' })), field, 'invalid_characters');
      assertRefused(await h.call('POST', '/bookings', booking({ [field]: '\udfffHei' })), field, 'invalid_characters');
    });
  }

  test('in a gateway\'s webhook form: a reply or a delivery report with a NUL is refused, nothing recorded', async () => {
    const app = createApp({ db: database.db, now: () => h.clock.now, log: () => {}, messaging: { channels: h.channels, webhooks: { elksWebhookSecret: 's3cret' } } });
    const post = (path: string, form: string) => app.request(`/api/v1/webhooks/sms/46elks/${h.fixture.subdomain}/${path}?secret=s3cret`, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const inbound = await post('inbound', 'id=in-1&from=%2B4791234567&to=%2B4790000000&message=Ja%00takk');
    assert.equal(inbound.status, 422);
    assert.equal((await inbound.json()).issues[0].path, 'message');
    assert.equal((await post('status', 'id=x%00&status=delivered')).status, 422);
    assert.equal((await database.db.selectFrom('inbound_sms').select('id').execute()).length, 0);
  });

  test('a 46elks delivery report of a real message with a delivery time in the year 0 or 9999 is taken without that time', async () => {
    const app = createApp({ db: database.db, now: () => h.clock.now, log: () => {}, messaging: { channels: h.channels, webhooks: { elksWebhookSecret: 's3cret' } } });
    const messages = await database.db.selectFrom('messages').select('id').where('organization_id', '=', h.fixture.orgId).limit(2).execute();
    assert.equal(messages.length, 2);
    for (const [i, delivered] of ['0000-01-01 00:00:00', '9999-12-31 23:59:59'].entries()) {
      const id = messages[i]!.id;
      const response = await app.request(`/api/v1/webhooks/sms/46elks/${h.fixture.subdomain}/status?secret=s3cret&m=${id}`, {
        method: 'POST', body: new URLSearchParams({ id: `elks-${i}`, status: 'delivered', delivered }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.ok(response.status < 500, `${delivered}: ${response.status}`);
      const row = await database.db.selectFrom('messages').select('delivered_at').where('id', '=', id).executeTakeFirstOrThrow();
      if (row.delivered_at) assert.ok(new Date(row.delivered_at).getUTCFullYear() >= 2000 && new Date(row.delivered_at).getUTCFullYear() < 2200, String(row.delivered_at));
    }
  });

  test('a surrogate pair (an emoji) is text like any other', async () => {
    const result = await h.call('POST', '/bookings', booking({ message: 'Vondt i tann 🦷' }));
    assert.equal(result.status, 201, JSON.stringify(result.body));
  });
});

describe('extreme but well-formed dates are a 422 naming the field (item 2)', () => {
  for (const date of ['0000-01-01', '0001-01-01', '9999-12-30', '9999-12-31']) {
    test(`slots from ${date} to ${date}`, async () => {
      assertRefused(await h.call('GET', `/slots?treatmentId=${h.fixture.treatments.checkup}&clinicId=${h.fixture.clinics.a}&from=${date}&to=${date}`), 'from');
    });
  }

  test('the admin lists: the day\'s book, the sent list, the received list', async () => {
    assertRefused(await admin('/appointments/today?date=0001-01-01'), 'date');
    assertRefused(await admin('/messages?from=0000-01-01'), 'from');
    assertRefused(await admin('/inbound?since=0000-01-01'), 'since');
  });

  test('a booking and a rebooking in the year 9999', async () => {
    const before = await h.count('appointments');
    assertRefused(await h.call('POST', '/bookings', booking({ start: '9999-12-31T10:00:00+01:00' })), 'start');
    assertRefused(await h.call('POST', `/bookings/${token}/rebook`, { start: '9999-12-31T10:00:00+01:00' }), 'start');
    assert.equal(await h.count('appointments'), before);
  });
});

describe('only JSON bodies are read (item 4)', () => {
  const body = JSON.stringify(booking({ start: '2026-12-09T09:00:00+01:00' }));
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', undefined]) {
    test(`a valid booking sent as ${type ?? 'no Content-Type'} is a 415 and books nothing`, async () => {
      const before = await h.count('appointments');
      const request = new Request(`http://x/api/v1/organizations/${h.fixture.subdomain}/bookings`, { method: 'POST', body });
      if (type) request.headers.set('content-type', type);
      else request.headers.delete('content-type');
      const response = await h.app.request(request);
      assert.equal(response.status, 415);
      assert.equal(response.headers.get('content-type'), 'application/problem+json');
      assert.equal((await response.json()).code, 'unsupported_media_type');
      assert.equal(await h.count('appointments'), before);
    });
  }

  test('application/json with a charset books; a cancel without a body is fine', async () => {
    const response = await h.app.request(`/api/v1/organizations/${h.fixture.subdomain}/bookings`, { method: 'POST', body, headers: { 'content-type': 'application/json; charset=utf-8' } });
    assert.equal(response.status, 201);
    const { manageToken } = await response.json();
    assert.equal((await h.app.request(`/api/v1/organizations/${h.fixture.subdomain}/bookings/${manageToken}/cancel`, { method: 'POST' })).status, 200);
  });

  test('the admin API refuses a form body too', async () => {
    const response = await h.app.request('/api/v1/admin/messages/number', {
      method: 'POST', body: 'to=%2B4791234567&body=Hei', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(response.status, 415);
  });
});

describe('answers with a manage token or patient data are never cached (item 6)', () => {
  test('the booking, its manage view, rebooking, cancelling and the admin lists send Cache-Control: no-store', async () => {
    const created = await h.app.request(`/api/v1/organizations/${h.fixture.subdomain}/bookings`, { method: 'POST', body: JSON.stringify(booking({ start: '2026-12-10T09:00:00+01:00' })), headers: { 'content-type': 'application/json' } });
    assert.equal(created.headers.get('cache-control'), 'no-store');
    const { manageToken } = await created.json();
    const prefix = `/api/v1/organizations/${h.fixture.subdomain}/bookings/${manageToken}`;
    for (const [method, path, body] of [['GET', prefix], ['POST', `${prefix}/rebook`, { start: '2026-12-10T10:00:00+01:00' }], ['POST', `${prefix}/cancel`], ['GET', `${prefix}x`]] as const) {
      const response = await h.app.request(path, { method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
      assert.ok(response.status < 500);
      assert.equal(response.headers.get('cache-control'), 'no-store', `${method} ${path}`);
    }
    const listed = await h.app.request('/api/v1/admin/messages', { headers: { authorization: `Bearer ${key}` } });
    assert.equal(listed.headers.get('cache-control'), 'no-store');
    const manage = await h.app.request(`/o/${h.fixture.subdomain}/manage/${manageToken}`);
    assert.equal(manage.headers.get('cache-control'), 'no-store');
  });
});

describe('a refused large body does not break the connection (item 5)', () => {
  test('after a 2 MB body is refused on a keep-alive connection, every following request is answered', async () => {
    const server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string, path: string, body?: string) =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const request = http.request({ host: '127.0.0.1', port, method, path, agent, headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {} }, (response) => {
          response.resume();
          response.on('end', () => resolve({ status: response.statusCode!, connection: response.headers.connection }));
        });
        request.setTimeout(30_000, () => request.destroy(new Error('no answer in 30 s')));
        request.on('error', reject);
        request.end(body);
      });
    try {
      const statuses: number[] = [];
      for (let round = 0; round < 3; round++) {
        const refused = await send('POST', `/api/v1/organizations/${h.fixture.subdomain}/bookings`, JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) }));
        assert.equal(refused.status, 413);
        assert.equal(refused.connection, 'close', 'the 413 says the connection ends');
        for (let i = 0; i < 3; i++) statuses.push((await send('GET', '/healthz')).status);
      }
      assert.deepEqual(statuses, Array(9).fill(200));
    } finally {
      agent.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
