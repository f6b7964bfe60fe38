import { sql } from 'kysely';
import type { Executor } from '../../server/db/database.ts';

/** Years of past appointments for some providers at one clinic. */
export interface HistoryOptions {
  organizationId: string;
  clinicId: string;
  providerIds: readonly string[];
  /** The first instant after the history: every appointment ends before it. */
  until: Date;
  days: number;
  /** Appointments per provider and day, 30 minutes each from 08:00 UTC, one after another (at most 16). */
  perDay: number;
  /** Also a sent message per appointment (default true). */
  messages?: boolean;
}

/**
 * Fills a clinic's past: `perDay` half-hour appointments a day for each
 * provider over the `days` before `until`, one in ten cancelled, each
 * cancelled one with a sent reminder and each booked one with a sent
 * confirmation unless `messages` is false (the messages table grows with
 * history too). One
 * `INSERT … SELECT generate_series` per table, so a quarter of a million
 * rows take seconds, not minutes. Answers the number of appointments.
 *
 * @example
 * const rows = await fillHistory(db, { organizationId, clinicId, providerIds, until: new Date('2027-01-01T00:00:00Z'), days: 5 * 365, perDay: 7 });
 */
export async function fillHistory(db: Executor, options: HistoryOptions): Promise<number> {
  const { organizationId, clinicId, providerIds, until, days, perDay, messages = true } = options;
  if (perDay > 16) throw new Error('At most 16 half hours a day');
  const inserted = await sql`
    INSERT INTO appointments (id, organization_id, clinic_id, provider_id, starts_at, ends_at, status, source, cancelled_at)
    SELECT gen_random_uuid(), ${organizationId}::uuid, ${clinicId}::uuid, p.id, t.starts_at, t.starts_at + interval '30 minutes',
      CASE WHEN (d + s) % 10 = 0 THEN 'cancelled' ELSE 'booked' END, 'staff',
      CASE WHEN (d + s) % 10 = 0 THEN t.starts_at - interval '1 day' END
    FROM unnest(${[...providerIds]}::uuid[]) AS p(id),
      generate_series(1, ${days}::int) AS d,
      generate_series(0, ${perDay - 1}::int) AS s,
      LATERAL (SELECT date_trunc('day', ${until}::timestamptz) - d * interval '1 day' + interval '8 hours' + s * interval '30 minutes' AS starts_at) AS t
  `.execute(db);
  if (messages) await sql`
    INSERT INTO messages (id, organization_id, channel, kind, recipient, body, status, send_at, sent_at, appointment_id)
    SELECT gen_random_uuid(), a.organization_id, 'sms', CASE a.status WHEN 'cancelled' THEN 'reminder1' ELSE 'booked' END,
      '+4700000000', '', 'sent', a.starts_at - interval '2 days', a.starts_at - interval '2 days', a.id
    FROM appointments a
    WHERE a.organization_id = ${organizationId}::uuid AND a.clinic_id = ${clinicId}::uuid AND a.starts_at < ${until}
  `.execute(db);
  return Number(inserted.numAffectedRows ?? 0);
}
