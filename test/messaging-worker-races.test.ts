import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPgliteTestDatabase } from './support/test-database.ts';
import { createMessagingHarness } from './support/messaging-harness.ts';
import { cancelMessage, insertMessages } from '../server/messaging/outbox-repository.ts';
import { applyDeliveryReport } from '../server/messaging/receipts.ts';
import { createWorker } from '../server/messaging/worker.ts';
import { createMemoryGateway } from '../server/messaging/gateways/memory/memory-gateway.ts';

/**
 * Races between a worker's batch and the rest of the world: a batch is
 * claimed at once but sent one message after another, so the world may
 * move on between the claim and each send.
 */
async function alone() {
  const database = await createPgliteTestDatabase();
  const m = await createMessagingHarness(database, { subdomain: 'races' });
  return Object.assign(m, {
    async general(count: number) {
      return insertMessages(database.db, Array.from({ length: count }, (_, i) => ({
        organizationId: m.fixture.orgId, channel: 'sms' as const, kind: 'general' as const, recipient: `+479${String(1000000 + i).slice(0, 7)}`,
        body: `Hei nr ${i}`, sendAt: m.clock.now, expiresAt: new Date(m.clock.now.getTime() + 72 * 3_600_000),
      })));
    },
    async status(id: string) {
      return database.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    },
    [Symbol.asyncDispose]: () => database.close(),
  });
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('a batch in flight', () => {
  test('a worker that dies mid-batch on a gateway that cannot tell what it took: only the message in flight is in doubt, the rest are sent', async () => {
    await using m = await alone();
    const ids = await m.general(3);
    const inner = createMemoryGateway();
    const blind = { name: 'memory' as const, send: inner.send };
    inner.onSend(() => new Promise<void>(() => {})); // dies while the gateway holds no. 1
    void createWorker({ db: m.database.db, channels: { ...m.channels, gateways: { memory: blind } }, now: () => m.clock.now, concurrency: 1, leaseMs: 60_000 }).runOnce();
    while (inner.delivered.length < 1) await tick();
    inner.onSend(undefined);
    m.clock.now = new Date(m.clock.now.getTime() + 61_000);
    await createWorker({ db: m.database.db, channels: { ...m.channels, gateways: { memory: blind } }, now: () => m.clock.now }).runOnce();
    const rows = await Promise.all(ids.map((id) => m.status(id)));
    assert.deepEqual(rows.map((r) => r.status), ['failed', 'sent', 'sent'], 'messages never handed to the gateway are not "outcome unknown"');
    for (const id of ids) assert.equal(inner.requests.get(id), 1);
  });

  test('a message staff cancel while the worker sends the ones before it in its batch is not sent', async () => {
    await using m = await alone();
    const [first, second] = await m.general(2);
    const worker = createWorker({ db: m.database.db, channels: m.channels, now: () => m.clock.now, concurrency: 1 });
    m.gateway.onSend(async (sms) => {
      if (sms.messageId === first) assert.equal(await cancelMessage(m.database.db, m.fixture.orgId, second!), 'cancelled');
    });
    await worker.runOnce();
    assert.equal(m.gateway.requests.get(second!), undefined, 'never handed to the gateway');
    assert.equal((await m.status(second!)).status, 'cancelled');
    assert.equal((await m.status(first!)).status, 'sent');
  });

  test('a message whose lease ran out while its worker sent the ones before it is sent once, by whoever took it over', async () => {
    await using m = await alone();
    const [first, second] = await m.general(2);
    const slow = createWorker({ db: m.database.db, channels: m.channels, now: () => m.clock.now, concurrency: 1, leaseMs: 60_000, id: 'slow' });
    const other = createWorker({ db: m.database.db, channels: m.channels, now: () => m.clock.now, leaseMs: 60_000, id: 'other' });
    let once = false;
    m.gateway.onSend(async (sms) => {
      if (sms.messageId !== first || once) return;
      once = true;
      // The gateway is slow: the batch's lease runs out and another worker claims the rest.
      m.clock.now = new Date(m.clock.now.getTime() + 61_000);
      await other.runOnce();
    });
    await slow.runOnce();
    assert.equal(m.gateway.requests.get(first!), 1);
    assert.equal(m.gateway.requests.get(second!), 1, 'handed to the gateway once');
    assert.equal((await m.status(second!)).status, 'sent');
  });

  test('a message in doubt whose delivery report came in meanwhile is sent, not "outcome unknown"', async () => {
    await using m = await alone();
    const [id] = await m.general(1);
    const inner = createMemoryGateway();
    const blind = { name: 'memory' as const, send: inner.send };
    inner.onSend(() => new Promise<void>(() => {}));
    void createWorker({ db: m.database.db, channels: { ...m.channels, gateways: { memory: blind } }, now: () => m.clock.now, leaseMs: 60_000 }).runOnce();
    while (inner.delivered.length < 1) await tick();
    assert.equal(await applyDeliveryReport(m.database.db, m.fixture.orgId, 'memory', { gatewayId: inner.delivered[0]!.gatewayId, messageId: id!, status: 'delivered', at: m.clock.now }), true);
    m.clock.now = new Date(m.clock.now.getTime() + 61_000);
    await createWorker({ db: m.database.db, channels: { ...m.channels, gateways: { memory: blind } }, now: () => m.clock.now }).runOnce();
    const row = await m.status(id!);
    assert.deepEqual([row.status, row.delivery_status, row.gateway_id], ['sent', 'delivered', inner.delivered[0]!.gatewayId]);
    assert.equal(inner.requests.get(id!), 1);
  });
});

describe('an attempt that timed out but got through', () => {
  test('a retrying message whose delivery report has come is sent, not retried into a second SMS', async () => {
    await using m = await alone();
    const [id] = await m.general(1);
    m.gateway.failNext(1, { transient: true, error: 'Timed out waiting for the gateway' });
    await m.worker.runOnce();
    assert.equal((await m.status(id!)).status, 'retrying');
    // The gateway had taken it after all: its report, by our id in the callback URL, arrives.
    assert.equal(await applyDeliveryReport(m.database.db, m.fixture.orgId, 'memory', { gatewayId: 'mem-late', messageId: id!, status: 'delivered', at: m.clock.now }), true);
    m.clock.now = new Date(m.clock.now.getTime() + 3_600_000);
    await m.worker.runOnce();
    const row = await m.status(id!);
    assert.deepEqual([row.status, row.gateway_id, row.delivery_status], ['sent', 'mem-late', 'delivered']);
    assert.equal(m.gateway.requests.get(id!), 1, 'not handed over again');
  });
});

describe('an appointment moved while its reminder is being sent', () => {
  test('the reminder in flight for the old time is not retried after a transient failure; the new time gets its own reminder', async () => {
    await using m = await alone();
    const { token, appointmentId } = await m.book('2026-12-07T10:00:00+01:00');
    await m.worker.runOnce(); // the confirmations
    const reminder = (await m.messages()).find((r) => r.kind === 'reminder1' && r.appointment_id === appointmentId)!;
    assert.match(reminder.body, /07\.12\.2026/);
    m.clock.now = new Date(reminder.send_at);
    const inner = m.gateway;
    const flaky = {
      name: 'memory' as const,
      async send(sms: Parameters<typeof inner.send>[0]) {
        if (sms.messageId !== reminder.id) return inner.send(sms);
        // While the gateway holds the old reminder, the patient moves the appointment; then the gateway times out.
        assert.equal((await m.call('POST', `/bookings/${token}/rebook`, { start: '2026-12-09T10:00:00+01:00' })).status, 200);
        return { ok: false as const, transient: true, error: 'Timed out waiting for the gateway' };
      },
    };
    await createWorker({ db: m.database.db, channels: { ...m.channels, gateways: { memory: flaky } }, now: () => m.clock.now }).runOnce();
    assert.equal((await m.status(reminder.id)).status, 'cancelled', 'not left retrying with the old time');
    const waiting = (await m.messages()).filter((r) => r.kind === 'reminder1' && r.status === 'waiting');
    assert.equal(waiting.length, 1);
    assert.match(waiting[0]!.body, /09\.12\.2026/);
    // Later ticks never hand the old text to the gateway.
    m.clock.now = new Date(m.clock.now.getTime() + 6 * 3_600_000);
    await m.worker.runOnce();
    assert.equal(inner.requests.get(reminder.id), undefined, 'the old reminder is never handed over again');
  });
});
