import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DATABASE_KINDS, createTestDatabase } from './support/test-database.ts';
import { createAdminHarness, type AdminHarness } from './support/admin-harness.ts';
import { startReceiver, type Receiver } from './support/webhook-receiver.ts';
import { patient } from './support/fixture.ts';
import { claimDueDeliveries } from '../server/webhooks/delivery-repository.ts';
import { postWebhook } from '../server/webhooks/webhook-sender.ts';
import { signatureHeaders } from '../server/webhooks/webhook-signature.ts';
import { WebhookPayload } from '../sdk/schemas/webhooks.ts';
import { applyDeliveryReport } from '../server/messaging/receipts.ts';

// D4 / issue 9.6: events reach a real HTTP endpoint signed per Standard
// Webhooks, through the outbox (written with the change, never for a change
// that rolled back), retried with back-off under one webhook-id, logged per
// attempt; secrets show only on create and rotate.

const NATIONAL_ID = patient().nationalId;

async function endpoint(a: AdminHarness, r: Receiver, events: string[] = ['booking.created', 'booking.rebooked', 'booking.cancelled']) {
  const created = await a.admin('POST', '/webhooks', { url: r.url, events, description: 'PMS' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.match(created.body.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
  return created.body as { id: string; secret: string };
}

/** Moves the harness clock by `ms` and runs a worker tick. */
async function tickAfter(a: AdminHarness, ms = 0) {
  a.clock.now = new Date(a.clock.now.getTime() + ms);
  return a.worker.runOnce();
}

for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  describe(`webhooks (${kind})`, { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
    after(() => database?.close());
    // One database for the suite: the harnesses other than the SMS tests' run in test mode, so no two in-memory gateways hand out the same ids.
    const harness = (subdomain: string, testMode = true) => createAdminHarness(database!, { subdomain: `${subdomain}-${kind}`, ...(testMode ? { messaging: { testMode: true } } : {}) });

    test('booking created, rebooked and cancelled reach the endpoint, verified, in order, with ids and no personal details', async () => {
      await using r = await startReceiver();
      const a = await harness('wh-flow');
      const hook = await endpoint(a, r);
      const { token, appointmentId } = await a.book();
      assert.equal(r.received.length, 0, 'nothing is sent during the request');
      await tickAfter(a, 60_000);
      const rebook = await a.call('POST', `/bookings/${token}/rebook`, { start: '2026-12-03T10:00:00+01:00' });
      assert.equal(rebook.status, 200, JSON.stringify(rebook.body));
      await tickAfter(a);
      a.clock.now = new Date(a.clock.now.getTime() + 60_000);
      assert.equal((await a.call('POST', `/bookings/${token}/cancel`)).status, 200);
      await tickAfter(a, 60_000);

      assert.deepEqual(r.received.map((x) => x.payload.type), ['booking.created', 'booking.rebooked', 'booking.cancelled']);
      for (const x of r.received) {
        assert.ok(r.verifies(x, hook.secret), 'verifies with the secret');
        assert.equal(x.headers['content-type'], 'application/json');
        assert.ok(WebhookPayload.safeParse(x.payload).success, x.body);
        assert.equal(x.payload.data.appointmentId, appointmentId);
        assert.ok(!x.body.includes(NATIONAL_ID) && !x.body.includes('Nora') && !x.body.includes('+4791234567'), 'no national id, name or number');
      }
      const [created, rebooked, cancelled] = r.received.map((x) => x.payload.data);
      assert.equal(created.start, '2026-12-03T08:00:00.000Z');
      assert.equal(created.clinicId, a.fixture.clinics.a);
      assert.equal(created.treatmentId, a.fixture.treatments.checkup);
      assert.equal(rebooked.start, '2026-12-03T09:00:00.000Z');
      assert.equal(rebooked.previousStart, '2026-12-03T08:00:00.000Z');
      assert.equal(cancelled.status, 'cancelled');

      const log = await a.client.listWebhookDeliveries(hook.id);
      assert.deepEqual(log.deliveries.map((d) => [d.event, d.status, d.attempts, d.lastStatusCode]), [
        ['booking.cancelled', 'delivered', 1, 200], ['booking.rebooked', 'delivered', 1, 200], ['booking.created', 'delivered', 1, 200],
      ], 'newest first');
      assert.deepEqual(new Set(log.deliveries.map((d) => d.id)), new Set(r.received.map((x) => x.id)), 'the log id is the webhook-id');
    });

    test('5xx twice, then 200: delivered on the third attempt at the back-off times, under one webhook-id', async () => {
      await using r = await startReceiver();
      const a = await harness('wh-retry');
      const hook = await endpoint(a, r);
      r.answer(503, 500);
      await a.book();
      const t0 = a.clock.now.getTime();
      await tickAfter(a);
      let [d] = (await a.client.listWebhookDeliveries(hook.id)).deliveries;
      assert.equal(d!.status, 'retrying');
      assert.equal(d!.lastStatusCode, 503);
      assert.match(d!.lastError!, /HTTP 503: refused with 503/);
      assert.equal(d!.nextAttemptAt, new Date(t0 + 30_000).toISOString(), '30 s (jitter at its middle)');
      await tickAfter(a, 29_000);
      assert.equal(r.received.length, 1, 'not before it is due');
      await tickAfter(a, 1_000);
      [d] = (await a.client.listWebhookDeliveries(hook.id)).deliveries;
      assert.equal(d!.attempts, 2);
      assert.equal(d!.nextAttemptAt, new Date(t0 + 30_000 + 120_000).toISOString(), 'then 2 min');
      await tickAfter(a, 120_000);
      [d] = (await a.client.listWebhookDeliveries(hook.id)).deliveries;
      assert.deepEqual([d!.status, d!.attempts, d!.lastStatusCode, d!.lastError, d!.nextAttemptAt], ['delivered', 3, 200, null, null]);
      assert.deepEqual(r.received.map((x) => x.status), [503, 500, 200]);
      assert.equal(new Set(r.received.map((x) => x.id)).size, 1, 'the same webhook-id on every attempt');
      assert.ok(r.received.every((x) => r.verifies(x, hook.secret)));
    });

    test('a refusal (4xx) fails at once; a retry by staff resends the same id, and the receiver sees the replay', async () => {
      await using r = await startReceiver();
      const a = await harness('wh-4xx');
      const hook = await endpoint(a, r);
      r.answer(200);
      await a.book();
      await tickAfter(a);
      const [delivered] = (await a.client.listWebhookDeliveries(hook.id)).deliveries;
      assert.equal(delivered!.status, 'delivered');
      const again = await a.client.retryWebhookDelivery(hook.id, delivered!.id);
      assert.equal(again.status, 'pending');
      r.answer(410);
      await tickAfter(a);
      assert.deepEqual(r.received.map((x) => [x.id, x.status, x.replay]), [[delivered!.id, 200, false], [delivered!.id, 410, true]]);
      const [failed] = (await a.client.listWebhookDeliveries(hook.id)).deliveries;
      assert.deepEqual([failed!.status, failed!.attempts, failed!.lastStatusCode], ['failed', 2, 410]);
      await tickAfter(a, 3_600_000);
      assert.equal(r.received.length, 2, 'not retried by itself');
    });

    test('a booking that rolls back (slot taken) emits nothing; a disabled endpoint gets nothing', async () => {
      await using r = await startReceiver();
      await using off = await startReceiver();
      const a = await harness('wh-rollback');
      const hook = await endpoint(a, r);
      const disabled = await endpoint(a, off);
      assert.equal((await a.admin('PATCH', `/webhooks/${disabled.id}`, { enabled: false })).body.enabled, false);
      await a.book();
      await assert.rejects(a.book(), /409/);
      const rows = await database!.db.selectFrom('webhook_deliveries').select(['endpoint_id', 'event']).where('organization_id', '=', a.fixture.orgId).execute();
      assert.deepEqual(rows, [{ endpoint_id: hook.id, event: 'booking.created' }], 'one delivery: none for the rolled-back booking, none for the disabled endpoint');
      await tickAfter(a);
      assert.equal(r.received.length, 1);
      assert.equal(off.received.length, 0);
    });

    test('staff and the practice system book, move and cancel through the same events, saying who made the change', async () => {
      await using r = await startReceiver();
      const a = await harness('wh-staff');
      const hook = await endpoint(a, r);
      const owner = (await a.staffHeaders('owner')).headers;
      await a.book();
      const patientId = (await database!.db.selectFrom('patients').select('id').where('organization_id', '=', a.fixture.orgId).executeTakeFirstOrThrow()).id;
      const staff = await a.admin('POST', '/appointments', { patientId, clinicId: a.fixture.clinics.a, providerId: a.fixture.providers.p1, start: '2026-12-04T18:00:00+01:00', durationMinutes: 60 }, owner);
      assert.equal(staff.status, 201, JSON.stringify(staff.body));
      const staffId = staff.body.appointment.id;
      assert.equal((await a.admin('POST', `/appointments/${staffId}/move`, { start: '2026-12-04T19:00:00+01:00' }, owner)).status, 200);
      assert.equal((await a.admin('POST', `/appointments/${staffId}/cancel`, {}, owner)).status, 200);
      const synced = await a.admin('PUT', '/appointments/external/pms-42', { patientId, clinicId: a.fixture.clinics.a, providerId: a.fixture.providers.p1, start: '2026-12-04T08:00:00+01:00', end: '2026-12-04T08:30:00+01:00' });
      assert.equal(synced.status, 201, JSON.stringify(synced.body));
      await tickAfter(a, 60_000);
      const events = r.received.map((x) => [x.payload.type, x.payload.data.source, x.payload.data.externalId]);
      // Sent side by side in one tick: compared in no particular order.
      assert.deepEqual(events.map((e) => JSON.stringify(e)).sort(), [
        ['booking.created', 'online', null], ['booking.cancelled', 'staff', null], ['booking.created', 'api', 'pms-42'], ['booking.created', 'staff', null], ['booking.rebooked', 'staff', null],
      ].map((e) => JSON.stringify(e)).sort());
      const moved = r.received.find((x) => x.payload.type === 'booking.rebooked')!;
      assert.equal(moved.payload.data.previousStart, '2026-12-04T17:00:00.000Z');
      for (const x of r.received) assert.ok(r.verifies(x, hook.secret));
    });

    test('test event, and rotation: both secrets verify during the overlap, only the new one after it', async () => {
      await using r = await startReceiver();
      const a = await harness('wh-rotate');
      const hook = await endpoint(a, r, ['booking.created']);
      const queued = await a.client.sendTestWebhook(hook.id);
      assert.equal(queued.event, 'webhook.test');
      await tickAfter(a);
      assert.equal(r.received[0]!.payload.type, 'webhook.test');
      assert.ok(r.verifies(r.received[0]!, hook.secret));

      const rotated = await a.client.rotateWebhookSecret(hook.id);
      assert.notEqual(rotated.secret, hook.secret);
      assert.equal(rotated.previousSecretValidUntil, new Date(a.clock.now.getTime() + 24 * 3_600_000).toISOString());
      await a.client.sendTestWebhook(hook.id);
      await tickAfter(a);
      const during = r.received[1]!;
      assert.ok(r.verifies(during, rotated.secret), 'new secret');
      assert.ok(r.verifies(during, hook.secret), 'old secret, during the overlap');
      assert.equal(String(during.headers['webhook-signature']).split(' ').length, 2);

      a.clock.now = new Date(a.clock.now.getTime() + 25 * 3_600_000);
      await a.client.sendTestWebhook(hook.id);
      await tickAfter(a);
      const later = r.received[2]!;
      assert.ok(r.verifies(later, rotated.secret));
      assert.ok(!r.verifies(later, hook.secret), 'the old secret no longer signs');
      assert.equal((await a.client.getWebhook(hook.id)).previousSecretValidUntil, null);
    });

    test('a worker that dies between claim and outcome: the delivery is sent again after its lease (at least once)', async () => {
      await using r = await startReceiver();
      const a = await harness('wh-crash');
      const hook = await endpoint(a, r);
      await a.book();
      const claimed = (await claimDueDeliveries(database!.db, { now: a.clock.now, workerId: 'doomed', limit: 100, leaseMs: 60_000 })).find((d) => d.endpoint_id === hook.id);
      assert.ok(claimed);
      // It sends, then dies before recording the answer.
      await postWebhook(fetch, r.url, claimed.payload, signatureHeaders(claimed.id, new Date(), claimed.payload, [hook.secret]), 10_000);
      await tickAfter(a);
      assert.equal(r.received.length, 1, 'leased: nobody else sends it yet');
      await tickAfter(a, 61_000);
      assert.equal(r.received.length, 2);
      assert.equal(r.received[1]!.id, claimed.id);
      assert.equal(r.received[1]!.replay, true, 'the receiver de-duplicates by webhook-id');
      const [d] = (await a.client.listWebhookDeliveries(hook.id)).deliveries;
      assert.deepEqual([d!.status, d!.attempts], ['delivered', 2]);
    });

    test('patient.change_requested and message.failed carry ids and field names, no values', async () => {
      await using r = await startReceiver();
      const a = await harness('wh-other', false);
      await endpoint(a, r, ['patient.change_requested', 'message.failed']);
      a.gateway.failFor('+4791234567', { transient: false, error: 'Invalid To number' });
      a.gateway.failFor('+4798765432', { transient: false, error: 'Invalid To number' });
      await a.book();
      await a.book('2026-12-03T11:00:00+01:00', { mobile: '+4798765432' });
      await tickAfter(a);
      const types = r.received.map((x) => x.payload.type).sort();
      assert.ok(types.includes('patient.change_requested'), types.join());
      assert.ok(types.includes('message.failed'), types.join());
      const change = r.received.find((x) => x.payload.type === 'patient.change_requested')!;
      assert.deepEqual(change.payload.data.fields, ['mobile']);
      const failed = r.received.find((x) => x.payload.type === 'message.failed')!;
      assert.equal(failed.payload.data.channel, 'sms');
      // Ids the staff can look up: the failed message, its kind, its appointment and patient.
      const message = (await a.messages()).find((m) => m.id === failed.payload.data.messageId);
      assert.ok(message, `message.failed names a message of the organization: ${JSON.stringify(failed.payload.data)}`);
      assert.equal(message.status, 'failed');
      assert.deepEqual([failed.payload.data.kind, failed.payload.data.appointmentId, failed.payload.data.patientId], [message.kind, message.appointment_id, message.patient_id]);
      assert.ok(message.appointment_id && message.patient_id, 'a booking confirmation belongs to its appointment and patient');
      for (const x of r.received) assert.ok(!x.body.includes('98765432') && !x.body.includes('+4791234567') && !x.body.includes('Invalid To'), x.body);
    });

    test('a delivery report that an SMS was not delivered announces message.failed once', async () => {
      await using r = await startReceiver();
      const a = await harness('wh-report', false);
      await endpoint(a, r, ['message.failed']);
      await a.book();
      await tickAfter(a);
      const sms = (await a.messages()).find((m) => m.channel === 'sms' && m.status === 'sent')!;
      for (let i = 0; i < 2; i++) {
        await database!.db.transaction().execute((trx) => applyDeliveryReport(trx, a.fixture.orgId, sms.gateway!, { gatewayId: sms.gateway_id!, status: 'failed', error: 'Unreachable' }));
      }
      await tickAfter(a);
      assert.deepEqual(r.received.map((x) => [x.payload.type, x.payload.data.messageId]), [['message.failed', sms.id]]);
    });

    test("another organization's endpoint is 404 everywhere and unchanged; URLs inside the network are refused", async () => {
      await using r = await startReceiver();
      const a = await harness('wh-iso-a');
      const b = await harness('wh-iso-b');
      const theirs = await endpoint(b, r);
      await b.client.sendTestWebhook(theirs.id);
      const [delivery] = (await b.client.listWebhookDeliveries(theirs.id)).deliveries;
      const calls: Array<[string, string, unknown?]> = [
        ['GET', `/webhooks/${theirs.id}`], ['PATCH', `/webhooks/${theirs.id}`, { enabled: false }], ['DELETE', `/webhooks/${theirs.id}`],
        ['POST', `/webhooks/${theirs.id}/rotate-secret`, {}], ['POST', `/webhooks/${theirs.id}/test`, {}], ['GET', `/webhooks/${theirs.id}/deliveries`],
        ['POST', `/webhooks/${theirs.id}/deliveries/${delivery!.id}/retry`, {}],
      ];
      for (const [method, path, body] of calls) {
        const answer = await a.admin(method, path, body);
        assert.equal(answer.status, 404, `${method} ${path}`);
        assert.equal(answer.body.code, 'not_found');
      }
      assert.deepEqual((await a.client.listWebhooks()).webhooks, []);
      const still = await b.client.getWebhook(theirs.id);
      assert.equal(still.enabled, true);
      assert.equal((await b.client.listWebhookDeliveries(theirs.id)).deliveries.length, 1);

      for (const url of ['http://example.com/hooks', 'https://10.1.2.3/hooks', 'https://169.254.169.254/latest', 'https://[fd00::1]/x', 'https://user:pw@example.com/x']) {
        const refused = await a.admin('POST', '/webhooks', { url, events: ['booking.created'] });
        assert.equal(refused.status, 422, url);
        assert.equal(refused.body.issues[0].path, 'url', url);
      }
      const readOnly = await a.admin('GET', '/webhooks', undefined, { authorization: `Bearer ${await a.keyWith(['read'])}` });
      assert.equal(readOnly.status, 403, 'integrations capability needed');
    });

    test('the secret is answered only by create and rotate, and never audited', async () => {
      await using r = await startReceiver();
      const a = await harness('wh-secret');
      const hook = await endpoint(a, r);
      const answers = [
        await a.admin('GET', '/webhooks'), await a.admin('GET', `/webhooks/${hook.id}`),
        await a.admin('PATCH', `/webhooks/${hook.id}`, { description: 'Practice system' }), await a.admin('POST', `/webhooks/${hook.id}/test`, {}),
        await a.admin('GET', `/webhooks/${hook.id}/deliveries`),
      ];
      const rotated = await a.admin('POST', `/webhooks/${hook.id}/rotate-secret`, {});
      assert.match(rotated.body.secret, /^whsec_/);
      for (const answer of answers) assert.ok(answer.status < 300 && !JSON.stringify(answer.body).includes('whsec_'), JSON.stringify(answer.body));
      assert.equal((await a.admin('DELETE', `/webhooks/${hook.id}`)).status, 200);
      const audit = await a.audit();
      assert.deepEqual(audit.map((e) => e.action).sort(), ['webhook.create', 'webhook.delete', 'webhook.rotate_secret', 'webhook.test', 'webhook.update']);
      assert.ok(!JSON.stringify(audit).includes('whsec_'), 'no secret in the audit log');
      // Only the receiver's origin: a path or query may carry its own credential.
      assert.ok(!JSON.stringify(audit).includes(r.url), 'no full URL in the audit log');
      assert.equal((audit.find((e) => e.action === 'webhook.create')!.after as { url: string }).url, new URL(r.url).origin);
      const update = audit.find((e) => e.action === 'webhook.update')!;
      assert.deepEqual([(update.before as { description: string }).description, (update.after as { description: string }).description], ['PMS', 'Practice system']);
      assert.equal((await a.admin('GET', `/webhooks/${hook.id}`)).status, 404);
    });
  });
}
