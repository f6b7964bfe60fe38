import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../server/db/tables.ts';
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

/**
 * One organization (`subdomain`) with one clinic, one 30-minute treatment and
 * `providers` providers who offer it there, Monday to Friday 08:00–16:00 with
 * a break 11:30–12:00: the shop the slot-search benchmarks search.
 *
 * @example
 * const { org, clinic, treatment, providers } = await benchClinic(db, 'bench', 10);
 */
export async function benchClinic(db: Kysely<DB>, subdomain: string, providerCount: number) {
  const org = randomUUID();
  const clinic = randomUUID();
  const treatment = randomUUID();
  const name = subdomain[0]!.toUpperCase() + subdomain.slice(1);
  await db.insertInto('organizations').values({ id: org, subdomain, name, time_zone: 'Europe/Oslo', locale: 'nb', settings: JSON.stringify({ booking: { minNoticeMinutes: 0 } }), texts: '{}', theme: '{}', messaging: '{}' }).execute();
  await db.insertInto('clinics').values({ id: clinic, organization_id: org, name: `${name} clinic`, group_name: null, time_zone: null, text_heading: null, text_body: null }).execute();
  await db.insertInto('treatments').values({ id: treatment, organization_id: org, name: 'Checkup', duration_minutes: 30 }).execute();
  await db.insertInto('treatment_clinics').values({ organization_id: org, treatment_id: treatment, clinic_id: clinic }).execute();
  const providers = Array.from({ length: providerCount }, () => randomUUID());
  await db.insertInto('providers').values(providers.map((id, i) => ({ id, organization_id: org, name: `Provider ${i}` }))).execute();
  await db.insertInto('provider_clinics').values(providers.map((provider_id, i) => ({ organization_id: org, provider_id, clinic_id: clinic, display_order: i }))).execute();
  await db.insertInto('treatment_providers').values(providers.map((provider_id) => ({ organization_id: org, treatment_id: treatment, provider_id }))).execute();
  const weekdays = providers.flatMap((provider_id) => [1, 2, 3, 4, 5].map((weekday) => ({ organization_id: org, provider_id, clinic_id: clinic, weekday })));
  await db.insertInto('working_hours').values(weekdays.map((w) => ({ id: randomUUID(), ...w, start_minute: 480, end_minute: 960 }))).execute();
  await db.insertInto('breaks').values(weekdays.map((w) => ({ id: randomUUID(), ...w, start_minute: 690, end_minute: 720 }))).execute();
  return { org, clinic, treatment, providers };
}
