import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createTwilioGateway } from '../server/messaging/gateways/twilio/twilio-gateway.ts';
import { twilioSignature } from '../server/messaging/gateways/twilio/twilio-webhooks.ts';
import { createElksGateway } from '../server/messaging/gateways/elks/elks-gateway.ts';
import { createApp } from '../server/app.ts';
import { createPgliteTestDatabase } from './support/test-database.ts';
import { createMessagingHarness } from './support/messaging-harness.ts';
import { createWorker } from '../server/messaging/worker.ts';

const server = setupServer();
before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());
const sms = { to: '+4791234567', from: 'Acme', body: 'Hei Åse!', messageId: '5f0c7b2e-3b7e-4a39-9d55-3f1d2f8a0001', statusCallbackUrl: 'https://book.example/cb?m=1' };

describe('Twilio Messages API', () => {
  const twilio = createTwilioGateway({ accountSid: 'AC123', authToken: 'secret', baseUrl: 'https://api.twilio.test', timeoutMs: 300 });
  const url = 'https://api.twilio.test/2010-04-01/Accounts/AC123/Messages.json';

  test('sends form-encoded with basic auth and answers the SID', async () => {
    let seen: URLSearchParams | undefined;
    let auth: string | null = null;
    server.use(http.post(url, async ({ request }) => {
      seen = new URLSearchParams(await request.text());
      auth = request.headers.get('authorization');
      return HttpResponse.json({ sid: 'SM0001', status: 'queued' }, { status: 201 });
    }));
    assert.deepEqual(await twilio.send(sms), { ok: true, gatewayId: 'SM0001', result: 'Twilio: queued' });
    assert.equal(seen?.get('To'), '+4791234567');
    assert.equal(seen?.get('From'), 'Acme');
    assert.equal(seen?.get('Body'), 'Hei Åse!');
    assert.equal(seen?.get('StatusCallback'), 'https://book.example/cb?m=1');
    assert.equal(auth, `Basic ${Buffer.from('AC123:secret').toString('base64')}`);
  });

  test('a rejected number is permanent; 429, 5xx and timeouts are transient', async () => {
    server.use(http.post(url, () => HttpResponse.json({ code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 }, { status: 400 }), { once: true }));
    assert.deepEqual(await twilio.send(sms), { ok: false, transient: false, error: "Twilio error 21211: The 'To' number is not a valid phone number." });
    server.use(http.post(url, () => HttpResponse.json({ code: 20429, message: 'Too Many Requests' }, { status: 429 }), { once: true }));
    const busy = await twilio.send(sms);
    assert.ok(!busy.ok && busy.transient, '429 is retried');
    server.use(http.post(url, () => new HttpResponse('oops', { status: 503 }), { once: true }));
    const down = await twilio.send(sms);
    assert.ok(!down.ok && down.transient && /503/.test(down.error));
    server.use(http.post(url, async () => { await new Promise((r) => setTimeout(r, 1000)); return HttpResponse.json({ sid: 'late' }); }, { once: true }));
    const slow = await twilio.send(sms);
    assert.ok(!slow.ok && slow.transient && /Timed out/.test(slow.error));
  });

  test('the signature matches the published algorithm', () => {
    const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
    assert.equal(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params), '0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });
});

describe('46elks', () => {
  const elks = createElksGateway({ username: 'u1', password: 'p1', baseUrl: 'https://api.46elks.test', timeoutMs: 300 });
  test('sends and answers the id; a refusal is permanent, a 5xx transient', async () => {
    let seen: URLSearchParams | undefined;
    server.use(http.post('https://api.46elks.test/a1/sms', async ({ request }) => {
      seen = new URLSearchParams(await request.text());
      return HttpResponse.json({ status: 'created', id: 's17a6dafb12d6b1cabc053d57dac2b9d8', parts: 1, to: '+4791234567', from: 'Acme' });
    }, { once: true }));
    const ok = await elks.send(sms);
    assert.deepEqual(ok, { ok: true, gatewayId: 's17a6dafb12d6b1cabc053d57dac2b9d8', result: '46elks: created, 1 part(s)' });
    assert.equal(seen?.get('message'), 'Hei Åse!');
    assert.equal(seen?.get('whendelivered'), 'https://book.example/cb?m=1');
    server.use(http.post('https://api.46elks.test/a1/sms', () => new HttpResponse('Invalid to number', { status: 400 }), { once: true }));
    assert.deepEqual(await elks.send(sms), { ok: false, transient: false, error: '46elks HTTP 400: Invalid to number' });
    server.use(http.post('https://api.46elks.test/a1/sms', () => new HttpResponse('', { status: 502 }), { once: true }));
    const bad = await elks.send(sms);
    assert.ok(!bad.ok && bad.transient);
    server.use(http.post('https://api.46elks.test/a1/sms', () => new HttpResponse('Too many requests', { status: 429 }), { once: true }));
    const busy = await elks.send(sms);
    assert.ok(!busy.ok && busy.transient, '429 is retried');
    server.use(http.post('https://api.46elks.test/a1/sms', async () => { await new Promise((r) => setTimeout(r, 1000)); return HttpResponse.json({ id: 'late' }); }, { once: true }));
    const slow = await elks.send(sms);
    assert.ok(!slow.ok && slow.transient && /Timed out/.test(slow.error));
  });

  test('dry run and the reply number as sender (S3)', async () => {
    let seen: URLSearchParams | undefined;
    server.use(http.post('https://api.46elks.test/a1/sms', async ({ request }) => {
      seen = new URLSearchParams(await request.text());
      return HttpResponse.json({ status: 'created', id: 'sdry' });
    }, { once: true }));
    const dry = createElksGateway({ username: 'u1', password: 'p1', baseUrl: 'https://api.46elks.test', dryRun: true });
    assert.ok((await dry.send({ ...sms, from: '+4759440000' })).ok);
    assert.equal(seen?.get('dryrun'), 'yes');
    assert.equal(seen?.get('from'), '+4759440000');
  });
});

describe('webhooks: delivery reports and replies end to end (S13, S14)', () => {
  test('Twilio: signed status callback and reply; a bad signature is refused', async () => {
    const database = await createPgliteTestDatabase();
    try {
      const m = await createMessagingHarness(database, { subdomain: 'hooks' });
      server.use(http.post('https://api.twilio.test/2010-04-01/Accounts/AC9/Messages.json', () => HttpResponse.json({ sid: 'SM777', status: 'queued' }, { status: 201 })));
      const twilio = createTwilioGateway({ accountSid: 'AC9', authToken: 'tok', baseUrl: 'https://api.twilio.test' });
      const channels = { ...m.channels, gateways: { twilio }, defaultGateway: 'twilio' as const, webhookBaseUrl: 'https://book.example' };
      const app = createApp({ db: database.db, now: () => m.clock.now, publicUrl: 'https://book.example', messaging: { channels, webhooks: { twilioAuthToken: 'tok' } } });
      await m.book('2026-12-07T10:00:00+01:00');
      await createWorker({ db: database.db, channels, now: () => m.clock.now }).runOnce();
      const sent = (await m.messages()).find((r) => r.channel === 'sms' && r.kind === 'booked')!;
      assert.equal(sent.gateway_id, 'SM777');
      const post = (path: string, params: Record<string, string>, signature = twilioSignature('tok', `https://book.example${path}`, params)) =>
        app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(params).toString() });
      const status = `/api/v1/webhooks/sms/twilio/hooks/status?m=${sent.id}`;
      assert.equal((await post(status, { MessageSid: 'SM777', MessageStatus: 'delivered' }, 'forged')).status, 401);
      assert.equal((await post(status, { MessageSid: 'SM777', MessageStatus: 'delivered' })).status, 204);
      assert.equal((await post(status, { MessageSid: 'SM777', MessageStatus: 'sent' })).status, 204, 'a late interim report');
      let row = (await m.messages()).find((r) => r.id === sent.id)!;
      assert.equal(row.delivery_status, 'delivered');
      const reply = await post('/api/v1/webhooks/sms/twilio/hooks/inbound', { MessageSid: 'SMin1', From: '+4791234567', To: '+4759440000', Body: 'Jeg kommer!' });
      assert.equal(reply.status, 200);
      assert.match(await reply.text(), /<Response><\/Response>/);
      await post('/api/v1/webhooks/sms/twilio/hooks/inbound', { MessageSid: 'SMin1', From: '+4791234567', To: '+4759440000', Body: 'Jeg kommer!' });
      row = (await m.messages()).find((r) => r.id === sent.id)!;
      assert.equal(row.status, 'replied');
      const inbound = await database.db.selectFrom('inbound_sms').selectAll().where('organization_id', '=', m.fixture.orgId).execute();
      assert.equal(inbound.length, 1, 'a repeated webhook is recorded once');
      assert.equal(inbound[0]!.message_id, sent.id);
      assert.equal(inbound[0]!.patient_id, sent.patient_id);
    } finally {
      await database.close();
    }
  });

  test('46elks: secret in the URL; a failed delivery report fails the message with the reason', async () => {
    const database = await createPgliteTestDatabase();
    try {
      const m = await createMessagingHarness(database, { subdomain: 'elks' });
      server.use(http.post('https://api.46elks.test/a1/sms', () => HttpResponse.json({ status: 'created', id: 'sELKS1' })));
      const elks = createElksGateway({ username: 'u', password: 'p', baseUrl: 'https://api.46elks.test' });
      const channels = { ...m.channels, gateways: { '46elks': elks }, defaultGateway: '46elks' as const, webhookBaseUrl: 'https://book.example', elksWebhookSecret: 's3cret' };
      const app = createApp({ db: database.db, now: () => m.clock.now, publicUrl: 'https://book.example', messaging: { channels, webhooks: { elksWebhookSecret: 's3cret' } } });
      await m.book('2026-12-07T10:00:00+01:00');
      await createWorker({ db: database.db, channels, now: () => m.clock.now }).runOnce();
      const post = (path: string, params: Record<string, string>) => app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() });
      assert.equal((await post('/api/v1/webhooks/sms/46elks/elks/status?secret=wrong', { id: 'sELKS1', status: 'failed' })).status, 401);
      assert.equal((await post('/api/v1/webhooks/sms/46elks/elks/status?secret=s3cret', { id: 'sELKS1', status: 'failed' })).status, 204);
      const row = (await m.messages()).find((r) => r.gateway_id === 'sELKS1')!;
      assert.equal(row.status, 'failed');
      assert.equal(row.delivery_status, 'failed');
      assert.match(row.last_error ?? '', /46elks/);
      assert.equal((await post('/api/v1/webhooks/sms/46elks/elks/inbound?secret=s3cret', { id: 'in1', from: '+4791234567', to: '+4759440000', message: 'Hei' })).status, 204);
      const inbound = await database.db.selectFrom('inbound_sms').selectAll().where('organization_id', '=', m.fixture.orgId).execute();
      assert.equal(inbound[0]!.body, 'Hei');
      assert.ok(inbound[0]!.patient_id);
      const missing = await post('/api/v1/webhooks/sms/46elks/elks/inbound?secret=s3cret', { message: 'no id' });
      assert.equal(missing.status, 422);
      assert.equal((await missing.json()).issues[0].path, 'id');
      assert.equal((await post('/api/v1/webhooks/sms/46elks/nobody/inbound?secret=s3cret', { id: 'in2', from: '+4791234567', message: 'Hei' })).status, 404, 'an unknown organization');
      const unconfigured = createApp({ db: database.db, publicUrl: 'https://book.example', messaging: { channels, webhooks: {} } });
      const twilioOff = await unconfigured.request('/api/v1/webhooks/sms/twilio/elks/inbound', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'MessageSid=SM1&From=%2B4791234567' });
      assert.equal(twilioOff.status, 404, 'a gateway without credentials serves no webhooks');
    } finally {
      await database.close();
    }
  });
});
