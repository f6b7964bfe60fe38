import { sql } from 'kysely';
import type { Schedule, WeeklySpan as WeeklySpanView } from '../../sdk/schemas/schedules.ts';
import type { Executor } from '../db/database.ts';
import { DomainError } from '../domain/domain-error.ts';
import { formatInstant, localDateOf } from '../availability/time-zone.ts';
import type { IsoWeekday, ProviderSchedule } from '../availability/types.ts';
import { clockText, dateAt, minuteOf } from '../time/minutes.ts';

/** One provider at one clinic of the caller's organization, and how its times are read. */
export interface SchedulePair {
  providerId: string;
  clinicId: string;
  timeZone: string;
  mode: 'working_hours' | 'published_slots';
}

/** A pair's rules as stored, minutes and epoch minutes. */
export interface ScheduleRules {
  workingHours: Array<{ weekday: number; start: number; end: number }>;
  breaks: Array<{ weekday: number; start: number; end: number }>;
  exceptions: Array<{ id: string; date: string; kind: 'closed' | 'open'; start: number | null; end: number | null; note: string }>;
  onlineSlots: Array<{ id: string; start: number; end: number }>;
}

/** Instants (epoch minutes) whose exceptions and published slots are read; `to` null reads on without end. */
export interface RuleWindow {
  from: number;
  to: number | null;
}

/**
 * The provider at the clinic, both of `organizationId` and linked by a
 * provider_clinics row, else `not_found` (an id of another organization reads
 * exactly like an unknown one). With `lock`, the link row is locked until the
 * transaction ends, so changes to one schedule take turns.
 *
 * @example
 * const pair = await findSchedulePair(trx, org.id, org.timeZone, providerId, clinicId, true);
 */
export async function findSchedulePair(db: Executor, organizationId: string, defaultTimeZone: string, providerId: string, clinicId: string, lock = false): Promise<SchedulePair> {
  const query = db.selectFrom('provider_clinics as pc')
    .innerJoin('providers as p', 'p.id', 'pc.provider_id')
    .innerJoin('clinics as c', 'c.id', 'pc.clinic_id')
    .select(['pc.availability_mode', 'c.time_zone'])
    .where('pc.provider_id', '=', providerId)
    .where('pc.clinic_id', '=', clinicId)
    .where('p.organization_id', '=', organizationId)
    .where('c.organization_id', '=', organizationId);
  const row = await (lock ? query.forUpdate('pc') : query).executeTakeFirst();
  if (!row) throw new DomainError('not_found', { detail: 'No such provider at this clinic' });
  return { providerId, clinicId, timeZone: row.time_zone ?? defaultTimeZone, mode: row.availability_mode };
}

/**
 * The pair's weekly hours and breaks, and its exceptions and published slots
 * touching `window` (exceptions by the local dates it spans).
 *
 * @example
 * const rules = await readScheduleRules(trx, pair, { from: minuteOf(now), to: null });
 */
export async function readScheduleRules(db: Executor, pair: SchedulePair, window: RuleWindow): Promise<ScheduleRules> {
  const { providerId, clinicId } = pair;
  const weekly = (table: 'working_hours' | 'breaks') => db.selectFrom(table)
    .select(['weekday', 'start_minute', 'end_minute'])
    .where('provider_id', '=', providerId).where('clinic_id', '=', clinicId)
    .orderBy('weekday').orderBy('start_minute')
    .execute();
  let exceptions = db.selectFrom('schedule_exceptions')
    // PGlite reads a date as a Date; text is the same on both.
    .select(['id', sql<string>`date::text`.as('date'), 'kind', 'start_minute', 'end_minute', 'note'])
    .where('provider_id', '=', providerId).where('clinic_id', '=', clinicId)
    .where('date', '>=', localDateOf(window.from, pair.timeZone));
  if (window.to !== null) exceptions = exceptions.where('date', '<=', localDateOf(window.to, pair.timeZone));
  let slots = db.selectFrom('online_slots').select(['id', 'starts_at', 'ends_at'])
    .where('provider_id', '=', providerId).where('clinic_id', '=', clinicId)
    .where('ends_at', '>', dateAt(window.from));
  if (window.to !== null) slots = slots.where('starts_at', '<', dateAt(window.to));
  const [hours, breaks, exceptionRows, slotRows] = await Promise.all([
    weekly('working_hours'),
    weekly('breaks'),
    exceptions.orderBy('date').orderBy('start_minute').orderBy('id').execute(),
    slots.orderBy('starts_at').execute(),
  ]);
  const span = (row: { weekday: number; start_minute: number; end_minute: number }) => ({ weekday: row.weekday, start: row.start_minute, end: row.end_minute });
  return {
    workingHours: hours.map(span),
    breaks: breaks.map(span),
    exceptions: exceptionRows.map((row) => ({ id: row.id, date: row.date, kind: row.kind, start: row.start_minute, end: row.end_minute, note: row.note })),
    onlineSlots: slotRows.map((row) => ({ id: row.id, start: minuteOf(row.starts_at), end: minuteOf(row.ends_at) })),
  };
}

/**
 * The rules as the availability engine takes them, with nothing busy: what
 * is open, not what is free.
 *
 * @example
 * const inside = withinOpenTime(engineSchedule(pair, rules));
 */
export function engineSchedule(pair: SchedulePair, rules: ScheduleRules): ProviderSchedule {
  const weekly = (spans: ScheduleRules['workingHours']) => spans.map((s) => ({ weekday: s.weekday as IsoWeekday, startMinute: s.start, endMinute: s.end }));
  return {
    providerId: pair.providerId,
    clinicId: pair.clinicId,
    timeZone: pair.timeZone,
    mode: pair.mode,
    workingHours: weekly(rules.workingHours),
    breaks: weekly(rules.breaks),
    exceptions: rules.exceptions.map((e) => ({ date: e.date, kind: e.kind, startMinute: e.start ?? undefined, endMinute: e.end ?? undefined })),
    publishedSlots: rules.onlineSlots.map(({ start, end }) => ({ start, end })),
    busy: [],
  };
}

/**
 * The contract's view of the rules, with exceptions and slots limited to `window`.
 *
 * @example
 * c.json(scheduleView(pair, rules, { from, to }));
 */
export function scheduleView(pair: SchedulePair, rules: ScheduleRules, window: { from: number; to: number }): Schedule {
  const firstDate = localDateOf(window.from, pair.timeZone);
  const lastDate = localDateOf(window.to, pair.timeZone);
  return {
    providerId: pair.providerId,
    clinicId: pair.clinicId,
    timeZone: pair.timeZone,
    mode: pair.mode,
    workingHours: rules.workingHours.map(spanView),
    breaks: rules.breaks.map(spanView),
    exceptions: rules.exceptions.filter((e) => e.date >= firstDate && e.date <= lastDate).map((e) => ({
      id: e.id, date: e.date, kind: e.kind, ...(e.start !== null && e.end !== null ? { start: clockText(e.start), end: clockText(e.end) } : {}), note: e.note,
    })),
    onlineSlots: rules.onlineSlots.filter((s) => s.start < window.to && s.end > window.from).map((s) => ({
      id: s.id, start: formatInstant(s.start, pair.timeZone), end: formatInstant(s.end, pair.timeZone),
    })),
  };
}

/**
 * A week of spans as the contract shows them.
 *
 * @example
 * spanView({ weekday: 1, start: 480, end: 960 }); // { weekday: 1, start: '08:00', end: '16:00' }
 */
export function spanView(span: { weekday: number; start: number; end: number }): WeeklySpanView {
  return { weekday: span.weekday, start: clockText(span.start), end: clockText(span.end) };
}
