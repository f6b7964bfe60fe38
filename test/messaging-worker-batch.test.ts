import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { DATABASE_KINDS } from './support/test-database.ts';
import { createMessagingHarnessAlone } from './support/messaging-harness.ts';
import { cancelMessage, claimDue, insertMessages, releaseClaims } from '../server/messaging/outbox-repository.ts';
import type { OutboundSms, SmsGateway } from '../server/messaging/gateways/sms-gateway.ts';
import { createWorker } from '../server/messaging/worker.ts';

/**
 * A batch is claimed at once and sent several messages at a time: the
 * attempts of the messages about to go begin together in one statement, and
 * their outcomes are recorded together. What the worker promised one message
 * at a time still holds for each message of a batch.
 */

async function alone(kind: (typeof DATABASE_KINDS)[number], t: TestContext) {
  const m = await createMessagingHarnessAlone(kind, t, { subdomain: 'batch' });
  if (!m) return undefined;
  const { database } = m;
  return Object.assign(m, {
    /** SMS due now, to +4790000000, +4790000001, … */
    async sms(count: number) {
      return insertMessages(database.db, Array.from({ length: count }, (_, i) => ({
        organizationId: m.fixture.orgId, channel: 'sms' as const, kind: 'general' as const, recipient: `+47900000${String(i).padStart(2, '0')}`,
        body: `Hei nr ${i}`, sendAt: m.clock.now, expiresAt: new Date(m.clock.now.getTime() + 72 * 3_600_000),
      })));
    },
    async row(id: string) {
      return database.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    },
    /** Messages whose attempt has begun and has no recorded outcome: what a crash now would leave in doubt. */
    async inDoubt() {
      return (await database.db.selectFrom('messages').select('id').where('attempt_started_at', 'is not', null).execute()).length;
    },
  });
}

/** The harness's gateway behind a gate: each send waits until `open()`, counting the sends in flight. */
function gated(inner: SmsGateway) {
  let inFlight = 0;
  let release!: () => void;
  let gate = new Promise<void>((resolve) => (release = resolve));
  const gateway = {
    name: 'memory' as const,
    maxInFlight: 0,
    get inFlight() { return inFlight; },
    async send(sms: OutboundSms) {
      inFlight++;
      gateway.maxInFlight = Math.max(gateway.maxInFlight, inFlight);
      await gate;
      inFlight--;
      return inner.send(sms);
    },
    /** Lets every send waiting now and later through. */
    open() { release(); },
    /** Holds the sends from now on again. */
    close() { gate = new Promise<void>((resolve) => (release = resolve)); },
  };
  return gateway;
}

async function until(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await condition()); waited += 10) {
    if (waited > 60_000) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

for (const kind of DATABASE_KINDS) {
  describe(`a batch sent several at a time (${kind})`, () => {
    test('no more than `concurrency` SMS are at the gateway at once, and no more attempts than that are begun: a crash leaves at most that many in doubt', async (t) => {
      await using m = await alone(kind, t);
      if (!m) return;
      const ids = await m.sms(10);
      const gateway = gated(m.gateway);
      const worker = createWorker({ db: m.database.db, channels: { ...m.channels, gateways: { memory: gateway } }, now: () => m.clock.now, concurrency: 3 });
      const tick = worker.runOnce();
      await until('three sends at the gateway', () => gateway.inFlight === 3);
      assert.equal(await m.inDoubt(), 3, 'only the messages at the gateway are begun');
      gateway.open();
      const result = await tick;
      assert.deepEqual([result.claimed, result.sent], [10, 10]);
      assert.equal(gateway.maxInFlight, 3);
      for (const id of ids) assert.equal(m.gateway.requests.get(id), 1);
      assert.equal(await m.inDoubt(), 0);
    });

    test('a message staff cancel after the claim, while others of its batch are at the gateway, is never handed over', async (t) => {
      await using m = await alone(kind, t);
      if (!m) return;
      const ids = await m.sms(6);
      const last = ids[5]!;
      let cancelled = false;
      m.gateway.onSend(async () => {
        if (cancelled) return;
        cancelled = true;
        assert.equal(await cancelMessage(m.database.db, m.fixture.orgId, last), 'cancelled');
      });
      const result = await createWorker({ db: m.database.db, channels: m.channels, now: () => m.clock.now, concurrency: 2 }).runOnce();
      assert.deepEqual([result.claimed, result.sent], [6, 5]);
      assert.equal(m.gateway.requests.get(last), undefined, 'never handed to the gateway');
      const row = await m.row(last);
      assert.deepEqual([row.status, row.result, row.attempts, row.claimed_by, row.attempt_started_at], ['cancelled', 'Cancelled by staff', 0, null, null]);
    });

    test('a gateway that refuses one message and throws on another fails or retries those two; the rest of the batch is sent', async (t) => {
      await using m = await alone(kind, t);
      if (!m) return;
      const ids = await m.sms(8);
      m.gateway.failFor('+4790000002', { transient: false, error: 'Invalid To number' });
      const throwing: SmsGateway = {
        name: 'memory',
        send: (sms) => (sms.to === '+4790000005' ? Promise.reject(new Error('socket hang up')) : m.gateway.send(sms)),
      };
      const result = await createWorker({ db: m.database.db, channels: { ...m.channels, gateways: { memory: throwing } }, now: () => m.clock.now, concurrency: 4 }).runOnce();
      assert.deepEqual([result.sent, result.failed, result.retrying], [6, 1, 1]);
      const rows = await Promise.all(ids.map((id) => m.row(id)));
      assert.deepEqual(rows.map((r) => r.status), ['sent', 'sent', 'failed', 'sent', 'sent', 'retrying', 'sent', 'sent']);
      assert.equal(rows[2]!.last_error, 'Invalid To number');
      assert.equal(rows[5]!.last_error, 'Gateway error: socket hang up');
    });

    test('stop() waits for the sends in flight and records them; what the batch had not begun is handed back untouched and sent by the next worker', async (t) => {
      await using m = await alone(kind, t);
      if (!m) return;
      const ids = await m.sms(6);
      const gateway = gated(m.gateway);
      const worker = createWorker({ db: m.database.db, channels: { ...m.channels, gateways: { memory: gateway } }, now: () => m.clock.now, concurrency: 2 });
      await worker.start();
      await until('two sends at the gateway', () => gateway.inFlight === 2);
      let stopped = false;
      const stopping = worker.stop().then(() => (stopped = true));
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(stopped, false, 'stop() waits while sends are at the gateway');
      gateway.open();
      await stopping;
      const rows = await Promise.all(ids.map((id) => m.row(id)));
      const sent = rows.filter((r) => r.status === 'sent');
      assert.equal(sent.length, 2, 'the two in flight are recorded as sent');
      for (const r of rows.filter((r) => r.status !== 'sent')) {
        assert.deepEqual([r.status, r.attempts, r.claimed_by, r.locked_until, r.attempt_started_at], ['waiting', 0, null, null, null], 'handed back as never attempted');
        assert.equal(m.gateway.requests.get(r.id), undefined);
      }
      const next = await createWorker({ db: m.database.db, channels: m.channels, now: () => m.clock.now }).runOnce();
      assert.equal(next.sent, 4);
      for (const id of ids) assert.equal(m.gateway.requests.get(id), 1, 'each handed to the gateway once');
    });

    test('a claim handed back unsettled keeps a message left in doubt by a dead worker in doubt', async (t) => {
      await using m = await alone(kind, t);
      if (!m) return;
      const [id] = await m.sms(1);
      const startedAt = new Date(m.clock.now.getTime() - 600_000);
      await m.database.db.updateTable('messages').set({ attempt_started_at: startedAt, attempts: 1 }).where('id', '=', id!).execute();
      const [claimed] = await claimDue(m.database.db, { now: m.clock.now, workerId: 'w', limit: 10, leaseMs: 60_000, pausedSmsOrganizations: [] });
      assert.equal(claimed?.previous_attempt?.getTime(), startedAt.getTime());
      await releaseClaims(m.database.db, 'w', [id!], { settled: false });
      const row = await m.row(id!);
      assert.deepEqual([row.attempt_started_at?.getTime(), row.attempts, row.claimed_by], [startedAt.getTime(), 1, null]);
    });

    test('onOutcome hears each recorded message by channel and status, onTick the lag of the most overdue message; a hook that throws costs a log line, not a send', async (t) => {
      await using m = await alone(kind, t);
      if (!m) return;
      await m.sms(3);
      await insertMessages(m.database.db, [{ organizationId: m.fixture.orgId, channel: 'email', kind: 'general', recipient: 'kari@example.test', subject: 'Hei', body: 'Hei', sendAt: m.clock.now, expiresAt: null }]);
      m.gateway.failFor('+4790000001', { transient: false, error: 'Invalid To number' });
      m.clock.now = new Date(m.clock.now.getTime() + 90_000);
      const outcomes: string[] = [];
      const lags: number[] = [];
      const logged: string[] = [];
      const worker = createWorker({
        db: m.database.db, channels: m.channels, now: () => m.clock.now, log: (line) => logged.push(line),
        onOutcome: (channel, status) => {
          outcomes.push(`${channel} ${status}`);
          throw new Error('metrics down');
        },
        onTick: (lag, result) => lags.push(lag, result.sent),
      });
      await worker.runOnce();
      assert.deepEqual(outcomes.sort(), ['email sent', 'sms failed', 'sms sent', 'sms sent']);
      assert.deepEqual(lags, [90, 3]);
      assert.equal(logged.filter((l) => l.includes('onOutcome failed: ')).length, 4);
      await worker.runOnce();
      assert.deepEqual(lags, [90, 3, 0, 0], 'nothing claimed: no lag');
    });
  });
}
