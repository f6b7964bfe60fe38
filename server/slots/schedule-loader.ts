import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../db/database.ts';
import { preparedStatement } from '../db/prepared.ts';
import { loadEveryTime, type Remember } from '../cache/config-cache.ts';
import type { DatedException, InstantRange, IsoWeekday, ProviderSchedule, WeeklySpan } from '../availability/types.ts';
import { DAY, dateAt, minuteOf } from '../time/minutes.ts';

/** Which provider/clinic pairs to load, and for which instants. */
export interface ScheduleScope {
  organizationId: string;
  /** Only pairs that offer this treatment online; null loads the pairs as they are (rebooking without a template). */
  treatmentId: string | null;
  clinicId?: string | undefined;
  group?: string | undefined;
  providerId?: string | undefined;
  /** The instants searched, epoch minutes; rules are loaded with a day's margin for time zones. */
  fromMinute: number;
  toMinute: number;
  /** The organization's zone, for clinics without their own. */
  defaultTimeZone: string;
  /** The current instant: a hold (issue 8.2) is busy until its `hold_expires_at`, and not a moment longer. */
  now: Date;
  /** An appointment not to count as busy (the one being rebooked, or the hold becoming the booking). */
  ignoreAppointmentId?: string | undefined;
  /**
   * The organization's `config_version` that `remember`'s offers are of: the
   * busy times are then read in one statement with the current version, and
   * a version that moved answers `stale` instead (see {@link loadSchedules}).
   */
  configVersion?: number | undefined;
}

export interface LoadedSchedules {
  /** Null when a treatment was asked for and it does not exist or is not online. */
  durationMinutes: number | null;
  /** The treatment's name (null with it); a booking writes it into the appointment's text. */
  treatmentName: string | null;
  schedules: ProviderSchedule[];
  /** With `configVersion`: the organization's configuration changed since (or the organization is gone), and nothing else was answered. */
  stale?: true;
}

interface OfferRow {
  duration_minutes: number | null;
  treatment_name: string | null;
  provider_id: string | null;
  clinic_id: string | null;
  time_zone: string | null;
  availability_mode: 'working_hours' | 'published_slots' | null;
  hours: Array<[number, number, number]> | string | null;
  breaks: Array<[number, number, number]> | string | null;
  exceptions: Array<[string, 'closed' | 'open', number | null, number | null]> | string | null;
  published: Array<[string, string]> | string | null;
}

/**
 * Loads everything the availability engine needs for a search in two
 * queries, whatever the number of providers: the offering provider/clinic
 * pairs with their rules aggregated as JSON, then the busy appointments of
 * those providers (at any clinic: a provider cannot be in two places),
 * live holds included. The offers may come from `remember` (the public
 * search's config cache); the busy times are read every time. With
 * `scope.configVersion` (the version the cached offers are of), the current
 * version is read in the busy times' statement: a search from the cache is
 * then one round trip, and a version that moved answers `{ stale: true }`.
 *
 * @example
 * const { durationMinutes, schedules } = await loadSchedules(db, { organizationId, treatmentId, clinicId, fromMinute, toMinute, defaultTimeZone: 'Europe/Oslo', now: new Date() });
 */
export async function loadSchedules(db: Executor, scope: ScheduleScope, remember: Remember = loadEveryTime): Promise<LoadedSchedules> {
  const from = dateAt(scope.fromMinute - DAY);
  const to = dateAt(scope.toMinute + DAY);
  const key = JSON.stringify(['offers', scope.treatmentId, scope.clinicId ?? null, scope.group ?? null, scope.providerId ?? null, scope.fromMinute, scope.toMinute, scope.defaultTimeZone]);
  const { durationMinutes, treatmentName, offers } = await remember(key, () => loadOffers(db, scope, from, to));
  const version = scope.configVersion;
  if (offers.length === 0) {
    if (version !== undefined && await currentVersion(db, scope.organizationId) !== version) return { durationMinutes: null, treatmentName: null, schedules: [], stale: true };
    return { durationMinutes, treatmentName, schedules: [] };
  }

  const providerIds = [...new Set(offers.map((offer) => offer.providerId))];
  let busyQuery = db
    .selectFrom('appointments')
    .select(['provider_id', 'starts_at', 'ends_at'])
    .where('provider_id', 'in', providerIds)
    // A hold blocks its time until it expires; an expired one is free at once, before any sweep.
    // Literal statuses: they prove the partial exclusion index's `status IN ('booked', 'held')` in any plan.
    .where((eb) => eb.or([eb('status', '=', sql.lit('booked')), eb.and([eb('status', '=', sql.lit('held')), eb('hold_expires_at', '>', scope.now)])]))
    .where(overlaps('appointments', from, to));
  if (scope.ignoreAppointmentId) busyQuery = busyQuery.where('id', '!=', scope.ignoreAppointmentId);
  let busyRows: Array<{ provider_id: string; starts_at: Date; ends_at: Date }>;
  if (version === undefined) busyRows = await busyQuery.orderBy('starts_at').modifyEnd(preparedStatement()).execute();
  else {
    // The organization's row, with its busy times beside it (none: one row of nulls): the version and the times of one snapshot.
    const rows = await db.selectFrom('organizations as o')
      .leftJoinLateral(busyQuery.as('b'), (join) => join.onTrue())
      .select(['o.config_version', 'b.provider_id', 'b.starts_at', 'b.ends_at'])
      .where('o.id', '=', scope.organizationId)
      .orderBy('b.starts_at')
      // Prepared once per connection on PostgreSQL: planning it cost more than running it.
      .modifyEnd(preparedStatement())
      .execute();
    if (rows[0]?.config_version !== version) return { durationMinutes: null, treatmentName: null, schedules: [], stale: true };
    busyRows = rows.filter((row): row is typeof row & { provider_id: string; starts_at: Date; ends_at: Date } => row.provider_id !== null);
  }
  const busyByProvider = new Map<string, InstantRange[]>();
  for (const row of busyRows) {
    const list = busyByProvider.get(row.provider_id) ?? [];
    list.push({ start: minuteOf(row.starts_at), end: minuteOf(row.ends_at) });
    busyByProvider.set(row.provider_id, list);
  }
  return { durationMinutes, treatmentName, schedules: offers.map((offer) => ({ ...offer, busy: busyByProvider.get(offer.providerId) ?? [] })) };
}

/** The organization's `config_version` now (undefined once it is gone). */
async function currentVersion(db: Executor, organizationId: string): Promise<number | undefined> {
  return (await db.selectFrom('organizations').select('config_version').where('id', '=', organizationId).executeTakeFirst())?.config_version;
}

/** The offering provider/clinic pairs with their rules: everything of a search but the busy times. */
async function loadOffers(db: Executor, scope: ScheduleScope, from: Date, to: Date): Promise<{ durationMinutes: number | null; treatmentName: string | null; offers: Array<Omit<ProviderSchedule, 'busy'>> }> {
  const offers = await sql<OfferRow>`
    SELECT t.duration_minutes, t.name AS treatment_name, pc.provider_id, pc.clinic_id, c.time_zone, pc.availability_mode,
      (SELECT json_agg(json_build_array(w.weekday, w.start_minute, w.end_minute)) FROM working_hours w
        WHERE w.provider_id = pc.provider_id AND w.clinic_id = pc.clinic_id) AS hours,
      (SELECT json_agg(json_build_array(b.weekday, b.start_minute, b.end_minute)) FROM breaks b
        WHERE b.provider_id = pc.provider_id AND b.clinic_id = pc.clinic_id) AS breaks,
      (SELECT json_agg(json_build_array(e.date::text, e.kind, e.start_minute, e.end_minute)) FROM schedule_exceptions e
        WHERE e.provider_id = pc.provider_id AND e.clinic_id = pc.clinic_id
          AND e.date BETWEEN (${from}::timestamptz)::date - 1 AND (${to}::timestamptz)::date + 1) AS exceptions,
      (SELECT json_agg(json_build_array(s.starts_at, s.ends_at)) FROM online_slots s
        WHERE s.provider_id = pc.provider_id AND s.clinic_id = pc.clinic_id
          AND ${overlaps('s', from, to)}) AS published
    FROM (SELECT 1) AS one
    LEFT JOIN treatments t ON t.id = ${scope.treatmentId} AND t.organization_id = ${scope.organizationId} AND t.online
    LEFT JOIN (provider_clinics pc
      JOIN clinics c ON c.id = pc.clinic_id AND c.active AND c.organization_id = ${scope.organizationId}
      JOIN providers p ON p.id = pc.provider_id AND p.active)
      ON pc.published
      AND (${scope.treatmentId}::uuid IS NULL OR (t.id IS NOT NULL
        AND EXISTS (SELECT 1 FROM treatment_providers tp WHERE tp.treatment_id = t.id AND tp.provider_id = pc.provider_id)
        AND EXISTS (SELECT 1 FROM treatment_clinics tc WHERE tc.treatment_id = t.id AND tc.clinic_id = pc.clinic_id)))
      AND (${scope.clinicId ?? null}::uuid IS NULL OR pc.clinic_id = ${scope.clinicId ?? null})
      AND (${scope.group ?? null}::text IS NULL OR c.group_name = ${scope.group ?? null})
      AND (${scope.providerId ?? null}::uuid IS NULL OR pc.provider_id = ${scope.providerId ?? null})
    ORDER BY c.display_order, c.name, pc.display_order, p.name
  `.execute(db);

  const rows = offers.rows.filter((row): row is OfferRow & { provider_id: string; clinic_id: string } => row.provider_id !== null);
  const durationMinutes = scope.treatmentId === null ? null : (offers.rows[0]?.duration_minutes ?? null);
  return {
    durationMinutes,
    treatmentName: scope.treatmentId === null ? null : (offers.rows[0]?.treatment_name ?? null),
    offers: rows.map((row) => ({
      providerId: row.provider_id,
      clinicId: row.clinic_id,
      timeZone: row.time_zone ?? scope.defaultTimeZone,
      mode: row.availability_mode ?? 'working_hours',
      workingHours: json<Array<[number, number, number]>>(row.hours).map(toSpan),
      breaks: json<Array<[number, number, number]>>(row.breaks).map(toSpan),
      exceptions: json<Array<[string, 'closed' | 'open', number | null, number | null]>>(row.exceptions).map(
        ([date, kind, start, end]): DatedException => ({ date, kind, startMinute: start ?? undefined, endMinute: end ?? undefined }),
      ),
      publishedSlots: json<Array<[string, string]>>(row.published).map(([start, end]) => ({ start: minuteOf(start), end: minuteOf(end) })),
    })),
  };
}

/**
 * Rows of table or alias `table` (with `starts_at`/`ends_at`) overlapping `from`..`to`, in
 * the very expression of the GiST indexes (`appointments_no_overlap`,
 * `online_slots_overlap`): answered from the index, so a search costs the
 * same after five years of history as on the first day. A plain
 * `starts_at < to AND ends_at > from` has no lower bound on either column's
 * b-tree and reads every past row.
 *
 * @example
 * await db.selectFrom('appointments').selectAll().where(overlaps('appointments', from, to)).execute();
 */
export function overlaps(table: string, from: Date, to: Date): RawBuilder<SqlBool> {
  return sql<SqlBool>`tstzrange(${sql.ref(`${table}.starts_at`)}, ${sql.ref(`${table}.ends_at`)}, '[)') && tstzrange(${from}, ${to}, '[)')`;
}

function toSpan([weekday, startMinute, endMinute]: [number, number, number]): WeeklySpan {
  return { weekday: weekday as IsoWeekday, startMinute, endMinute };
}

// pg parses json columns; PGlite may hand back text for json built in a subquery.
function json<T extends unknown[]>(value: T | string | null): T {
  if (value === null) return [] as unknown as T;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
