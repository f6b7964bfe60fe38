import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type {
  BreaksRequest, ExceptionRequest, ModeRequest, OnlineSlotsRequest, Schedule, ScheduleChange, ScheduleQuery, StrandedAppointment, WorkingHoursRequest,
} from '../../sdk/schemas/schedules.ts';
import { ONLINE_SLOT_LIMITS } from '../../sdk/schemas/schedules.ts';
import type { Actor } from '../admin/access.ts';
import { recordAudit, type AuditChange } from '../audit/audit-log.ts';
import { withinOpenTime } from '../availability/open-time.ts';
import { formatInstant } from '../availability/time-zone.ts';
import { bookedAhead, strandedView } from './stranded.ts';
import type { Db, Executor } from '../db/database.ts';
import { DomainError } from '../domain/domain-error.ts';
import type { Organization } from '../organizations/organization.ts';
import { clockMinute, dateAt, DAY, minuteOf } from '../time/minutes.ts';
import { engineSchedule, findSchedulePair, readScheduleRules, scheduleView, spanView, type SchedulePair, type ScheduleRules } from './schedule-repository.ts';

/**
 * Schedules through the admin API (issue 9.3). Every change runs in one
 * transaction with the provider's link to the clinic locked, is audited,
 * and answers the schedule after it with the booked future appointments it
 * stranded: those inside the provider's open time before the change and
 * outside it after, decided by the availability engine's own reading of the
 * rules (`withinOpenTime`). Nothing is cancelled: staff move or cancel them.
 */

export interface ScheduleDeps {
  db: Db;
  now: () => Date;
}

/** Who asks, in which organization, about which provider at which clinic. */
export interface ScheduleCaller {
  org: Organization;
  actor: Actor;
  providerId: string;
  clinicId: string;
}

/** How far ahead the schedule's exceptions and slots are shown by default. */
const VIEW_DAYS = 90;

/**
 * The schedule, with exceptions and published slots in `query`'s window
 * (default: now and the coming 90 days).
 *
 * @example
 * const schedule = await getSchedule(deps, { org, actor, providerId, clinicId }, {});
 */
export async function getSchedule(deps: ScheduleDeps, caller: ScheduleCaller, query: ScheduleQuery): Promise<Schedule> {
  const now = minuteOf(deps.now());
  const window = { from: query.from ? minuteOf(query.from) : now, to: query.to ? minuteOf(query.to) : now + VIEW_DAYS * DAY };
  const pair = await findSchedulePair(deps.db, caller.org.id, caller.org.timeZone, caller.providerId, caller.clinicId);
  return scheduleView(pair, await readScheduleRules(deps.db, pair, window), window);
}

/**
 * Replaces the whole week of working hours.
 *
 * @example
 * await setWorkingHours(deps, caller, { workingHours: [{ weekday: 1, start: '08:00', end: '16:00' }] });
 */
export function setWorkingHours(deps: ScheduleDeps, caller: ScheduleCaller, request: WorkingHoursRequest): Promise<ScheduleChange> {
  return replaceWeek(deps, caller, 'working_hours', request.workingHours);
}

/**
 * Replaces the whole week of breaks.
 *
 * @example
 * await setBreaks(deps, caller, { breaks: [{ weekday: 1, start: '12:00', end: '12:30' }] });
 */
export function setBreaks(deps: ScheduleDeps, caller: ScheduleCaller, request: BreaksRequest): Promise<ScheduleChange> {
  return replaceWeek(deps, caller, 'breaks', request.breaks);
}

function replaceWeek(deps: ScheduleDeps, caller: ScheduleCaller, table: 'working_hours' | 'breaks', spans: WorkingHoursRequest['workingHours']): Promise<ScheduleChange> {
  return change(deps, caller, async (trx, pair, before) => {
    await trx.deleteFrom(table).where('provider_id', '=', pair.providerId).where('clinic_id', '=', pair.clinicId).execute();
    if (spans.length > 0) {
      await trx.insertInto(table).values(spans.map((span) => ({
        id: randomUUID(), organization_id: caller.org.id, provider_id: pair.providerId, clinic_id: pair.clinicId, weekday: span.weekday, start_minute: clockMinute(span.start), end_minute: clockMinute(span.end),
      }))).execute();
    }
    const after = [...spans].sort((a, b) => a.weekday - b.weekday || clockMinute(a.start) - clockMinute(b.start));
    const previous = (table === 'working_hours' ? before.workingHours : before.breaks).map(spanView);
    return { audit: { action: table === 'working_hours' ? 'schedule.working_hours.replace' : 'schedule.breaks.replace', target: target(pair), before: previous, after } };
  });
}

/**
 * Adds a closed day (or part of one) or extra hours on a date.
 *
 * @example
 * await addException(deps, caller, { date: '2026-12-24', kind: 'closed', note: 'Christmas Eve' });
 */
export function addException(deps: ScheduleDeps, caller: ScheduleCaller, request: ExceptionRequest): Promise<ScheduleChange> {
  return change(deps, caller, async (trx, pair) => {
    const id = randomUUID();
    const row = {
      id, organization_id: caller.org.id, provider_id: pair.providerId, clinic_id: pair.clinicId, date: request.date, kind: request.kind,
      start_minute: request.start === undefined ? null : clockMinute(request.start),
      end_minute: request.end === undefined ? null : clockMinute(request.end),
      note: request.note ?? '',
    };
    await trx.insertInto('schedule_exceptions').values(row).execute();
    return { audit: { action: 'schedule.exception.create', target: target(pair), after: { id, ...request } }, created: [id] };
  });
}

/**
 * Removes a dated exception; `not_found` when it is not this schedule's.
 *
 * @example
 * await deleteException(deps, caller, exceptionId);
 */
export function deleteException(deps: ScheduleDeps, caller: ScheduleCaller, id: string): Promise<ScheduleChange> {
  return change(deps, caller, async (trx, pair) => {
    const row = await trx.deleteFrom('schedule_exceptions').where('id', '=', id)
      .where('provider_id', '=', pair.providerId).where('clinic_id', '=', pair.clinicId)
      .returning([sql<string>`date::text`.as('date'), 'kind', 'start_minute', 'end_minute', 'note']).executeTakeFirst();
    if (!row) throw new DomainError('not_found', { detail: 'No such exception in this schedule' });
    return { audit: { action: 'schedule.exception.delete', target: target(pair), before: { id, ...row } } };
  });
}

/**
 * Publishes online slots (the seed's e-tider): none may overlap one already
 * published, end in the past, or start more than two years ahead.
 *
 * @example
 * await addOnlineSlots(deps, caller, { slots: [{ start: '2026-12-05T10:00:00+01:00', end: '2026-12-05T12:00:00+01:00' }] });
 */
export function addOnlineSlots(deps: ScheduleDeps, caller: ScheduleCaller, request: OnlineSlotsRequest): Promise<ScheduleChange> {
  return change(deps, caller, async (trx, pair, before, now) => {
    const ranges = request.slots.map((slot) => ({ start: minuteOf(slot.start), end: minuteOf(slot.end) }));
    ranges.forEach((range, i) => {
      if (range.end <= now) throw DomainError.invalid(`slots.${i}.end`, 'Must be in the future', 'in_the_past');
      if (range.start > now + ONLINE_SLOT_LIMITS.maxDaysAhead * DAY) throw DomainError.invalid(`slots.${i}.start`, `At most ${ONLINE_SLOT_LIMITS.maxDaysAhead} days ahead`, 'too_far_ahead');
      if (before.onlineSlots.some((s) => s.start < range.end && range.start < s.end)) throw DomainError.invalid(`slots.${i}.start`, 'Overlaps a published slot', 'overlap');
    });
    const ids = ranges.map(() => randomUUID());
    await trx.insertInto('online_slots').values(ranges.map((range, i) => ({
      id: ids[i]!, organization_id: caller.org.id, provider_id: pair.providerId, clinic_id: pair.clinicId, starts_at: dateAt(range.start), ends_at: dateAt(range.end),
    }))).execute();
    return { audit: { action: 'schedule.online_slots.create', target: target(pair), after: request.slots.map((slot, i) => ({ id: ids[i], ...slot })) }, created: ids };
  });
}

/**
 * Withdraws a published slot; `not_found` when it is not this schedule's.
 *
 * @example
 * await deleteOnlineSlot(deps, caller, slotId);
 */
export function deleteOnlineSlot(deps: ScheduleDeps, caller: ScheduleCaller, id: string): Promise<ScheduleChange> {
  return change(deps, caller, async (trx, pair) => {
    const row = await trx.deleteFrom('online_slots').where('id', '=', id)
      .where('provider_id', '=', pair.providerId).where('clinic_id', '=', pair.clinicId)
      .returning(['starts_at', 'ends_at']).executeTakeFirst();
    if (!row) throw new DomainError('not_found', { detail: 'No such published slot in this schedule' });
    const instant = (value: Date | string) => formatInstant(minuteOf(value), pair.timeZone);
    return { audit: { action: 'schedule.online_slot.delete', target: target(pair), before: { id, start: instant(row.starts_at), end: instant(row.ends_at) } } };
  });
}

/**
 * Chooses whether online times come from working hours or only from published slots.
 *
 * @example
 * await setMode(deps, caller, { mode: 'published_slots' });
 */
export function setMode(deps: ScheduleDeps, caller: ScheduleCaller, request: ModeRequest): Promise<ScheduleChange> {
  return change(deps, caller, async (trx, pair) => {
    await trx.updateTable('provider_clinics').set({ availability_mode: request.mode })
      .where('provider_id', '=', pair.providerId).where('clinic_id', '=', pair.clinicId).execute();
    return { audit: { action: 'schedule.mode.update', target: target(pair), before: { mode: pair.mode }, after: { mode: request.mode } } };
  });
}

function target(pair: SchedulePair) {
  return { type: 'schedule', id: `${pair.providerId}/${pair.clinicId}` };
}

type Work = (trx: Executor, pair: SchedulePair, before: ScheduleRules, now: number) => Promise<{ audit: AuditChange; created?: string[] }>;

/** Runs one change: lock, read before, change, audit, read after, and tell what it stranded. */
async function change(deps: ScheduleDeps, caller: ScheduleCaller, work: Work): Promise<ScheduleChange> {
  const at = deps.now();
  const now = minuteOf(at);
  // Rules from a day back: an exception on today's local date still applies.
  const rulesWindow = { from: now - DAY, to: null };
  return deps.db.transaction().execute(async (trx) => {
    const { org } = caller;
    const pair = await findSchedulePair(trx, org.id, org.timeZone, caller.providerId, caller.clinicId, true);
    const before = await readScheduleRules(trx, pair, rulesWindow);
    const booked = await bookedAhead(trx, org, pair.providerId, [pair.clinicId], at);
    const insideBefore = withinOpenTime(engineSchedule(pair, before));
    const wereInside = booked.filter(insideBefore);

    const { audit, created } = await work(trx, pair, before, now);
    await recordAudit(trx, org.id, caller.actor, audit, at);

    const pairAfter = await findSchedulePair(trx, org.id, org.timeZone, caller.providerId, caller.clinicId);
    const after = await readScheduleRules(trx, pairAfter, rulesWindow);
    const insideAfter = withinOpenTime(engineSchedule(pairAfter, after));
    const stranded = wereInside.filter((appointment) => !insideAfter(appointment)).map(strandedView);
    return {
      schedule: scheduleView(pairAfter, after, { from: now, to: now + VIEW_DAYS * DAY }),
      stranded,
      ...(created ? { created } : {}),
    };
  });
}

