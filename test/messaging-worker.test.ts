import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPgliteTestDatabase, createPostgresTestDatabase } from './support/test-database.ts';
import { createMessagingHarness } from './support/messaging-harness.ts';
import { cancelMessage, insertMessages } from '../server/messaging/outbox-repository.ts';
import { applyDeliveryReport } from '../server/messaging/receipts.ts';
import { createWorker } from '../server/messaging/worker.ts';
import { createMemoryGateway } from '../server/messaging/gateways/memory/memory-gateway.ts';
import type { Database } from '../server/db/database.ts';

/** A harness on a database of its own, so the worker sees only this test's messages. */
async function alone(messaging?: Record<string, unknown>, db?: Database) {
  const database = db ?? (await createPgliteTestDatabase());
  const m = await createMessagingHarness(database, { subdomain: 'solo', ...(messaging ? { messaging } : {}) });
  return Object.assign(m, {
    async general(count: number, overrides: { sendAt?: Date; expiresAt?: Date | null; recipient?: string } = {}) {
      return insertMessages(database.db, Array.from({ length: count }, (_, i) => ({
        organizationId: m.fixture.orgId, channel: 'sms' as const, kind: 'general' as const, recipient: overrides.recipient ?? `+479${String(1000000 + i).slice(0, 7)}`,
        body: `Hei nr ${i}`, sendAt: overrides.sendAt ?? m.clock.now, expiresAt: overrides.expiresAt === undefined ? new Date(m.clock.now.getTime() + 72 * 3_600_000) : overrides.expiresAt,
      })));
    },
    async status(id: string) {
      return database.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    },
    [Symbol.asyncDispose]: () => database.close(),
  });
}

describe('status transitions (S13, S16)', () => {
  test('a 5xx is retried with back-off (FV) and then sent (S)', async () => {
    await using m = await alone();
    const [id] = await m.general(1);
    m.gateway.failNext(2, { transient: true, error: 'HTTP 503' });
    await m.worker.runOnce();
    let row = await m.status(id!);
    assert.equal(row.status, 'retrying');
    assert.equal(row.last_error, 'HTTP 503');
    assert.equal(row.attempts, 1);
    // Back-off with jitter 0.5: 22.5 s after the first failure, 45 s after the second.
    assert.equal(row.send_at.getTime() - m.clock.now.getTime(), 22_500);
    await m.worker.runOnce();
    assert.equal((await m.status(id!)).attempts, 1, 'not retried before its time');
    m.clock.now = new Date(m.clock.now.getTime() + 23_000);
    await m.worker.runOnce();
    row = await m.status(id!);
    assert.equal(row.status, 'retrying');
    assert.equal(row.send_at.getTime() - m.clock.now.getTime(), 45_000);
    m.clock.now = new Date(m.clock.now.getTime() + 46_000);
    await m.worker.runOnce();
    row = await m.status(id!);
    assert.equal(row.status, 'sent');
    assert.equal(row.attempts, 3);
    assert.equal(row.gateway_id, m.gateway.delivered[0]!.gatewayId);
    assert.equal(m.gateway.delivered.length, 1);
  });

  test('a rejected number fails at once (F) and is kept with the error', async () => {
    await using m = await alone();
    const [id] = await m.general(1, { recipient: '+4791234567' });
    m.gateway.failFor('+4791234567', { transient: false, error: 'Invalid To number' });
    await m.worker.runOnce();
    const row = await m.status(id!);
    assert.equal(row.status, 'failed');
    assert.equal(row.last_error, 'Invalid To number');
    assert.equal(row.attempts, 1);
  });

  test('an invalid number fails without reaching the gateway', async () => {
    await using m = await alone();
    const [id] = await m.general(1, { recipient: '+4722000000' });
    await m.worker.runOnce();
    assert.equal((await m.status(id!)).status, 'failed');
    assert.equal((await m.status(id!)).last_error, 'Not a valid mobile number');
    assert.equal(m.gateway.requests.size, 0);
  });

  test('a message that keeps failing expires (U) at its expiry, unsent', async () => {
    await using m = await alone();
    const [id] = await m.general(1, { expiresAt: new Date(m.clock.now.getTime() + 60_000) });
    m.gateway.failNext(100, { transient: true, error: 'Timed out waiting for the gateway' });
    await m.worker.runOnce();
    assert.equal((await m.status(id!)).status, 'retrying');
    m.clock.now = new Date(m.clock.now.getTime() + 61_000);
    await m.worker.runOnce();
    const row = await m.status(id!);
    assert.equal(row.status, 'expired');
    assert.equal(row.last_error, 'Timed out waiting for the gateway');
    assert.equal(m.gateway.delivered.length, 0);
  });

  test('a waiting message past its expiry expires without an attempt', async () => {
    await using m = await alone();
    const [id] = await m.general(1, { sendAt: new Date(m.clock.now.getTime() - 120_000), expiresAt: new Date(m.clock.now.getTime() - 60_000) });
    await m.worker.runOnce();
    assert.equal((await m.status(id!)).status, 'expired');
    assert.equal((await m.status(id!)).attempts, 0);
  });

  test('quiet hours hold SMS until morning; e-mail is not held (S6)', async () => {
    await using m = await alone();
    m.clock.now = new Date('2026-12-01T22:30:00Z'); // 23:30 in Oslo
    await m.book('2026-12-07T10:00:00+01:00');
    await m.worker.runOnce();
    assert.equal(m.gateway.delivered.length, 0);
    assert.equal(m.email.sent.length, 1);
    await m.at('2026-12-02T05:59:00Z');
    assert.equal(m.gateway.delivered.length, 0);
    await m.at('2026-12-02T06:00:00Z'); // 07:00 in Oslo
    assert.equal(m.gateway.delivered.length, 1);
  });

  test('test mode sends nothing, SMS or e-mail, and says so (S15)', async () => {
    await using m = await alone({ testMode: true });
    const [id] = await m.general(1);
    await m.book('2026-12-07T10:00:00+01:00');
    await m.worker.runOnce();
    const row = await m.status(id!);
    assert.equal(row.status, 'sent');
    assert.equal(row.gateway, 'test');
    assert.match(row.result ?? '', /Test mode/);
    assert.equal(m.gateway.requests.size, 0);
    assert.equal(m.email.sent.length, 0, 'no e-mail either');
    const mail = (await m.messages()).find((r) => r.channel === 'email')!;
    assert.deepEqual([mail.status, mail.gateway], ['sent', 'test']);
  });

  test('a gateway down for hours: the message keeps retrying with growing back-off until it expires (FV → U), never given up early', async () => {
    await using m = await alone({ pause: { night: false } });
    const [id] = await m.general(1, { expiresAt: new Date(m.clock.now.getTime() + 6 * 3_600_000) });
    m.gateway.failNext(1000, { transient: true, error: 'HTTP 503' });
    const gaps: number[] = [];
    for (let round = 0; round < 50; round++) {
      await m.worker.runOnce();
      const row = await m.status(id!);
      if (row.status !== 'retrying') break;
      gaps.push(row.send_at.getTime() - m.clock.now.getTime());
      m.clock.now = new Date(row.send_at.getTime() + 1000);
    }
    const row = await m.status(id!);
    assert.equal(row.status, 'expired');
    assert.equal(row.last_error, 'HTTP 503');
    assert.ok(row.attempts > 8, `${row.attempts} attempts`);
    assert.equal(gaps.at(-1), 3_600_000 * 0.75, 'back-off capped at an hour (with the harness\'s fixed jitter)');
    assert.ok(gaps.every((gap, i) => i === 0 || gap >= gaps[i - 1]!), 'back-off never shrinks');
  });

  test('a message that keeps failing transiently is given up (FV → F) after the last attempt, with the reason', async () => {
    await using m = await alone();
    const worker = createWorker({ db: m.database.db, channels: m.channels, now: () => m.clock.now, random: () => 0.5, maxAttempts: 3 });
    const [id] = await m.general(1);
    m.gateway.failNext(10, { transient: true, error: 'HTTP 429' });
    for (let i = 0; i < 3; i++) {
      await worker.runOnce();
      m.clock.now = new Date(m.clock.now.getTime() + 3_600_000);
    }
    const row = await m.status(id!);
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 3);
    assert.equal(row.last_error, 'Gave up after 3 attempts: HTTP 429');
  });

  test('staff cancel a retrying message (FV → A): it is not tried again', async () => {
    await using m = await alone();
    const [id] = await m.general(1);
    m.gateway.failNext(1, { transient: true, error: 'HTTP 503' });
    await m.worker.runOnce();
    assert.equal((await m.status(id!)).status, 'retrying');
    assert.equal(await cancelMessage(m.database.db, m.fixture.orgId, id!), 'cancelled');
    m.clock.now = new Date(m.clock.now.getTime() + 3_600_000);
    await m.worker.runOnce();
    assert.equal((await m.status(id!)).status, 'cancelled');
    assert.equal(m.gateway.requests.get(id!), 1);
  });

  test('a number outside the organization\'s SMS countries fails with the reason, never reaching the gateway', async () => {
    await using m = await alone({ smsCountries: ['NO'] });
    const [id] = await m.general(1, { recipient: '+46701234567' });
    await m.worker.runOnce();
    const row = await m.status(id!);
    assert.equal(row.status, 'failed');
    assert.match(row.last_error ?? '', /Numbers in SE are not texted; allowed: NO/);
    assert.equal(m.gateway.requests.size, 0);
  });

  test('a message failed as "outcome unknown" is settled as sent by its delivery report', async () => {
    await using m = await alone();
    const [id] = await m.general(1);
    await m.database.db.updateTable('messages').set({ status: 'failed', attempts: 1, last_error: 'Outcome unknown: the worker stopped while sending.' }).where('id', '=', id!).execute();
    assert.equal(await applyDeliveryReport(m.database.db, m.fixture.orgId, 'twilio', { gatewayId: 'SMlate', messageId: id!, status: 'delivered', at: m.clock.now }), true);
    const row = await m.status(id!);
    assert.deepEqual([row.status, row.delivery_status, row.gateway_id, row.last_error], ['sent', 'delivered', 'SMlate', null]);
    assert.equal(await applyDeliveryReport(m.database.db, m.fixture.orgId, 'twilio', { gatewayId: 'SMlate', status: 'sent' }), true, 'a late interim report changes nothing');
    assert.equal((await m.status(id!)).delivery_status, 'delivered');
  });

  test('a message whose appointment was cancelled is not sent (A)', async () => {
    await using m = await alone();
    const { appointmentId } = await m.book('2026-12-07T10:00:00+01:00');
    await m.worker.runOnce();
    await m.database.db.updateTable('appointments').set({ status: 'cancelled' }).where('id', '=', appointmentId).execute();
    await m.at('2026-12-04T11:00:30Z');
    const reminder = (await m.messages()).find((r) => r.kind === 'reminder1')!;
    assert.equal(reminder.status, 'cancelled');
    assert.equal(m.gateway.delivered.length, 1, 'only the booking confirmation');
  });
});

const postgres = await createPostgresTestDatabase();

describe('crashes and concurrency', () => {
  test('a worker that dies mid-batch: its successor sends the rest, nothing twice', async () => {
    await using m = await alone();
    const ids = await m.general(10);
    let sends = 0;
    m.gateway.onSend(() => (++sends === 3 ? new Promise<void>(() => {}) : undefined)); // the process "dies" right after the gateway took no. 3
    const doomed = createWorker({ db: m.database.db, channels: m.channels, now: () => m.clock.now, concurrency: 1, leaseMs: 60_000 });
    void doomed.runOnce();
    while (m.gateway.delivered.length < 3) await new Promise((r) => setTimeout(r, 5));
    m.gateway.onSend(undefined);
    // Before the lease runs out nobody touches its messages.
    await m.worker.runOnce();
    assert.equal(m.gateway.delivered.length, 3);
    m.clock.now = new Date(m.clock.now.getTime() + 61_000);
    await m.worker.runOnce();
    assert.equal(m.gateway.delivered.length, 10);
    for (const id of ids) {
      assert.equal(m.gateway.requests.get(id), 1, 'handed to the gateway once');
      assert.equal((await m.status(id)).status, 'sent');
    }
  });

  test('a gateway that cannot tell what it took: the in-doubt message is failed with the reason, not resent', async () => {
    await using m = await alone();
    const [id] = await m.general(1);
    const inner = createMemoryGateway();
    inner.onSend(() => new Promise<void>(() => {}));
    const blind = { name: 'memory' as const, send: inner.send };
    void createWorker({ db: m.database.db, channels: { ...m.channels, gateways: { memory: blind } }, now: () => m.clock.now, leaseMs: 60_000 }).runOnce();
    while (inner.delivered.length < 1) await new Promise((r) => setTimeout(r, 5));
    m.clock.now = new Date(m.clock.now.getTime() + 61_000);
    await createWorker({ db: m.database.db, channels: { ...m.channels, gateways: { memory: blind } }, now: () => m.clock.now }).runOnce();
    const row = await m.status(id!);
    assert.equal(row.status, 'failed');
    assert.match(row.last_error ?? '', /Outcome unknown/);
    assert.equal(inner.requests.get(id!), 1);
  });

  test('two workers on one PostgreSQL send each message once', { skip: postgres ? false : 'no PostgreSQL (set TEST_DATABASE_URL)' }, async () => {
    await using m = await alone(undefined, postgres!);
    const ids = await m.general(400);
    const workers = [1, 2].map((i) => createWorker({ db: m.database.db, channels: m.channels, now: () => m.clock.now, batchSize: 25, concurrency: 4, id: `w${i}` }));
    const results = await Promise.all(workers.map((w) => w.runOnce()));
    assert.equal(results[0]!.claimed + results[1]!.claimed, 400);
    assert.equal(m.gateway.delivered.length, 400);
    for (const id of ids) assert.equal(m.gateway.requests.get(id), 1);
    const sent = await m.database.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'sent').where('organization_id', '=', m.fixture.orgId).executeTakeFirstOrThrow();
    assert.equal(Number(sent.n), 400);
  });
});
