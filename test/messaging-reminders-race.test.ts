import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createPostgresTestDatabase } from './support/test-database.ts';
import { createMessagingHarness } from './support/messaging-harness.ts';
import { setAppointmentReminders } from '../server/messaging/appointment-reminders.ts';
import { enqueueForBooking } from '../server/messaging/booking-messages.ts';
import { findOrganization } from '../server/organizations/organization-repository.ts';

const postgres = await createPostgresTestDatabase();

describe('per-appointment reminders racing a rebooking (PostgreSQL)', () => {
  test('staff editing the reminders while the patient rebooks: the reminders follow the new time', { skip: postgres ? false : 'no PostgreSQL (set TEST_DATABASE_URL)' }, async () => {
    const database = postgres!;
    try {
      const m = await createMessagingHarness(database, { subdomain: 'reminders-race' });
      const { appointmentId } = await m.book('2026-12-07T10:00:00+01:00');
      const org = await findOrganization(database.db, 'reminders-race');
      const newStart = new Date('2026-12-08T10:00:00+01:00');
      let release!: () => void;
      const held = new Promise<void>((r) => { release = r; });
      // The rebooking, as rebookBooking does it: the appointment locked, moved, its messages rescheduled; not yet committed.
      let moved!: () => void;
      const rebooked = new Promise<void>((r) => { moved = r; });
      const rebooking = database.db.transaction().execute(async (trx) => {
        await trx.selectFrom('appointments').select('id').where('id', '=', appointmentId).forUpdate().execute();
        await trx.updateTable('appointments').set({ starts_at: newStart, ends_at: new Date(newStart.getTime() + 30 * 60_000) }).where('id', '=', appointmentId).execute();
        await enqueueForBooking(trx, org, { appointmentId, event: 'rebooked', now: m.clock.now });
        moved();
        await held;
      });
      await rebooked;
      const editing = setAppointmentReminders(database.db, org, appointmentId, { enabled: true, texts: { reminder1: 'Husk [time]' } }, m.clock.now);
      for (;;) {
        const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'`.execute(database.db);
        if (r.rows[0]!.n >= 1) break;
        await new Promise((res) => setTimeout(res, 10));
      }
      release();
      await Promise.all([rebooking, editing]);
      const waiting = (await m.messages()).filter((r) => r.kind.startsWith('reminder') && r.status === 'waiting');
      assert.ok(waiting.length > 0);
      const startMinute = newStart.getTime() / 60_000;
      for (const r of waiting) {
        assert.equal(r.dedupe_key, `${appointmentId}:${r.kind}:${startMinute}:sms`, `${r.kind} is for the new time`);
        assert.ok(r.expires_at!.getTime() === newStart.getTime());
      }
    } finally {
      await database.close();
    }
  });
});
