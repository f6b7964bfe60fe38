import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { DATABASE_KINDS } from './support/test-database.ts';
import { createMessagingHarnessAlone, type MessagingHarness } from './support/messaging-harness.ts';
import { beginAttempts, claimDue, insertMessages, releaseClaims, sweep } from '../server/messaging/outbox-repository.ts';
import { createWorker } from '../server/messaging/worker.ts';

/**
 * An appointment cancelled while its messages are on their way: the claim
 * and the beginning of each attempt each check on their own that a message
 * may still go, so neither leans on the sweep at the start of a tick. An
 * appointment is cancelled two ways: online, which cancels its waiting
 * messages in the same transaction, and elsewhere (staff, a practice-system
 * import), which changes the appointment row alone.
 */

type Booking = { token: string; appointmentId: string; reminder: string };
const CANCEL_WAYS = {
  online: async (m: MessagingHarness, b: Booking) => assert.equal((await m.call('POST', `/bookings/${b.token}/cancel`)).status, 200),
  'the appointment row alone': async (m: MessagingHarness, b: Booking) => {
    await m.database.db.updateTable('appointments').set({ status: 'cancelled' }).where('id', '=', b.appointmentId).execute();
  },
};
const WHY = 'The appointment was cancelled';

/** A harness on a database of its own (the worker claims across organizations); undefined, with the test skipped, without PostgreSQL. */
async function alone(kind: (typeof DATABASE_KINDS)[number], t: TestContext) {
  const m = await createMessagingHarnessAlone(kind, t, { subdomain: 'still-to-go' });
  if (!m) return undefined;
  const { database } = m;
  return Object.assign(m, {
    /** Books Monday 10:00 and 11:00, sends their confirmations, and moves the clock to when both first reminders are due (Friday). */
    async twoRemindersDue(): Promise<[Booking, Booking]> {
      const booked = [await m.book('2026-12-07T10:00:00+01:00'), await m.book('2026-12-07T11:00:00+01:00')];
      await m.worker.runOnce();
      const rows = await m.messages();
      m.clock.now = new Date('2026-12-04T12:00:30Z');
      return booked.map((b) => ({ ...b, reminder: rows.find((r) => r.kind === 'reminder1' && r.appointment_id === b.appointmentId)!.id })) as [Booking, Booking];
    },
    async row(id: string) {
      return database.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    },
  });
}

for (const kind of DATABASE_KINDS) {
  describe(`an appointment cancelled while its messages are on their way (${kind})`, () => {
    for (const [way, cancel] of Object.entries(CANCEL_WAYS)) {
      test(`cancelled (${way}) between the claim and the send: the gateway never gets its reminder, which ends cancelled for that reason; one already at the gateway is recorded as sent`, async (t) => {
        await using m = await alone(kind, t);
        if (!m) return;
        const [a, b] = await m.twoRemindersDue();
        const byMessage = new Map([[a.reminder, a], [b.reminder, b]]);
        const first: string[] = [];
        m.gateway.onSend(async (sms) => {
          if (first.length > 0) return;
          first.push(sms.messageId);
          // Both were claimed in one batch; while the gateway holds one, both appointments are cancelled.
          await cancel(m, byMessage.get(sms.messageId)!);
          await cancel(m, [a, b].find((x) => x.reminder !== sms.messageId)!);
        });
        const worker = createWorker({ db: m.database.db, channels: m.channels, now: () => m.clock.now, concurrency: 1 });
        const tick = await worker.runOnce();
        assert.equal(tick.claimed, 2, 'both reminders were claimed before the cancellations');
        const inFlight = first[0]!;
        const other = inFlight === a.reminder ? b.reminder : a.reminder;
        assert.equal(m.gateway.requests.get(other), undefined, 'never handed to the gateway');
        assert.equal(m.gateway.requests.get(inFlight), 1);
        assert.equal((await m.row(inFlight)).status, 'sent', 'it went: the record says so');

        await worker.runOnce();
        assert.equal(m.gateway.requests.get(other), undefined, 'nor on the next tick');
        const row = await m.row(other);
        assert.deepEqual([row.status, row.result, row.attempts, row.sent_at], ['cancelled', WHY, 0, null]);
      });

      test(`cancelled (${way}) after the claim: beginning the batch's attempts refuses the message, and released it ends cancelled for that reason`, async (t) => {
        await using m = await alone(kind, t);
        if (!m) return;
        const [a] = await m.twoRemindersDue();
        const claimed = await claimDue(m.database.db, { now: m.clock.now, workerId: 'w', limit: 10, leaseMs: 60_000, pausedSmsOrganizations: [] });
        assert.ok(claimed.some((c) => c.id === a.reminder));
        await cancel(m, a);
        const begun = await beginAttempts(m.database.db, { ids: claimed.map((c) => c.id), workerId: 'w', now: m.clock.now, leaseMs: 60_000 });
        assert.deepEqual([...begun.keys()].sort(), claimed.map((c) => c.id).filter((id) => id !== a.reminder).sort(), 'the rest of the batch is begun');
        await releaseClaims(m.database.db, 'w', [a.reminder]);
        await sweep(m.database.db, m.clock.now);
        const row = await m.row(a.reminder);
        assert.deepEqual([row.status, row.result, row.attempt_started_at, row.claimed_by], ['cancelled', WHY, null, null]);
      });
    }

    test('the claim alone, with no sweep before it, leaves out a due message of a cancelled appointment; its cancellation confirmation and messages of no appointment are claimed', async (t) => {
      await using m = await alone(kind, t);
      if (!m) return;
      const [a, b] = await m.twoRemindersDue();
      await CANCEL_WAYS['the appointment row alone'](m, a);
      const [general, cancellation] = await insertMessages(m.database.db, [
        { organizationId: m.fixture.orgId, channel: 'sms', kind: 'general', recipient: '+4791234567', body: 'Hei', sendAt: m.clock.now, expiresAt: null },
        { organizationId: m.fixture.orgId, channel: 'sms', kind: 'cancelled', recipient: '+4791234567', body: 'Avbestilt', sendAt: m.clock.now, expiresAt: null, appointmentId: a.appointmentId },
      ]);
      const claimed = await claimDue(m.database.db, { now: m.clock.now, workerId: 'w', limit: 10, leaseMs: 60_000, pausedSmsOrganizations: [] });
      assert.deepEqual(claimed.map((c) => c.id).sort(), [b.reminder, general!, cancellation!].sort());
    });

    test('cancelled (the appointment row alone) before a tick, its reminder falling due between the tick\'s sweep and its claim: the worker does not claim it, and the next sweep cancels it for that reason', async (t) => {
      await using m = await alone(kind, t);
      if (!m) return;
      const { appointmentId } = await m.book('2026-12-07T10:00:00+01:00');
      await m.worker.runOnce();
      const reminder = (await m.messages()).find((r) => r.kind === 'reminder1')!;
      await m.database.db.updateTable('appointments').set({ status: 'cancelled' }).where('id', '=', appointmentId).execute();
      // A clock that moves on a minute each time it is read: the sweep sees the reminder 30 s before it is due, the claim 30 s after.
      let at = m.clock.now.getTime();
      const worker = createWorker({ db: m.database.db, channels: m.channels, now: () => new Date((at += 60_000)) });
      at = reminder.send_at.getTime() - 90_000;
      m.gateway.onSend(() => assert.fail('nothing may go'));
      assert.equal((await worker.runOnce()).claimed, 0, 'nothing claimed');
      const row = await m.row(reminder.id);
      assert.deepEqual([row.status, row.attempts, row.claimed_by], ['waiting', 0, null], 'the sweep did not see it due');
      await worker.runOnce();
      const swept = await m.row(reminder.id);
      assert.deepEqual([swept.status, swept.result, swept.attempts], ['cancelled', WHY, 0]);
    });
  });
}
