import { sweepByWall, sweepSteady, type Sweep } from './candidates.ts';
import { openInstants } from './open-time.ts';
import { isWholeDayClosed, planSchedule, type SchedulePlan } from './schedule-plan.ts';
import { orderSlots } from './slot-order.ts';
import { isoWeekdayOf, offsetAt, parseLocalDate, steadyOffset } from './time-zone.ts';
import type { AvailabilityQuery, ProviderSchedule, Slot } from './types.ts';
import { DAY } from '../time/minutes.ts';

export { mergeAnyProvider } from './slot-order.ts';


/**
 * Free start times for each schedule over the local dates `query.from` to
 * `query.to` (in each schedule's own zone), sorted by start and then by the
 * order of `schedules`, which is the display order. Pure: the clock comes in
 * as `query.now`.
 *
 * Candidates step by `stepMinutes` on the wall clock from the start of each
 * open span (so the grid restarts after a break); a start is offered when
 * `[start, start + durationMinutes)` lies in open time, overlaps no busy
 * range, and respects notice and horizon. A wall-clock time the clock skips
 * is never offered; one it shows twice is offered once, at its first pass.
 *
 * @example
 * const slots = findSlots([schedule], {
 *   now: 29_934_000, from: '2026-12-01', to: '2026-12-31', durationMinutes: 30,
 *   stepMinutes: 15, minNoticeMinutes: 120, horizonDays: 90, allowWeekends: false,
 * });
 */
export function findSlots(schedules: readonly ProviderSchedule[], query: AvailabilityQuery): Slot[] {
  checkQuery(query);
  const first = parseLocalDate(query.from);
  const last = parseLocalDate(query.to);
  // Providers usually share a zone; its day offsets are looked up once.
  const offsetsByZone = new Map<string, (number | null)[]>();
  const starts = schedules.map((schedule) => {
    let offsets = offsetsByZone.get(schedule.timeZone);
    if (offsets === undefined) {
      offsets = dayOffsets(schedule.timeZone, first, last);
      offsetsByZone.set(schedule.timeZone, offsets);
    }
    return sweepDays(planSchedule(schedule), query, first, last, offsets);
  });
  return orderSlots(schedules, starts, query.durationMinutes);
}

/**
 * Whether `findSlots([schedule], query)` would offer exactly `start`; the
 * booking service re-checks a requested slot with it inside its transaction.
 *
 * @example
 * const date = localDateOf(start, schedule.timeZone);
 * if (!isSlotFree(schedule, start, { ...query, from: date, to: date })) throw new DomainError('slot_taken');
 */
export function isSlotFree(schedule: ProviderSchedule, start: number, query: AvailabilityQuery): boolean {
  checkQuery(query);
  if (!Number.isInteger(start)) return false;
  const day = Math.floor((start + offsetAt(start, schedule.timeZone)) / DAY);
  if (day < parseLocalDate(query.from) || day > parseLocalDate(query.to)) return false;
  return sweepDays(planSchedule(schedule), query, day, day, dayOffsets(schedule.timeZone, day, day)).includes(start);
}

function checkQuery(query: AvailabilityQuery): void {
  for (const key of ['durationMinutes', 'stepMinutes'] as const) {
    if (!Number.isInteger(query[key]) || query[key] <= 0) throw new RangeError(`${key} must be a positive integer`);
  }
}

/**
 * Per day, the offset when it holds from a day before its midnight to a
 * day after the next one (enough for any span of that day in any zone),
 * else null: those days take the slow, wall-clock path.
 */
function dayOffsets(zone: string, firstDay: number, lastDay: number): (number | null)[] {
  const offsets: (number | null)[] = [];
  for (let day = firstDay; day <= lastDay; day++) offsets.push(steadyOffset((day - 1) * DAY, (day + 2) * DAY, zone));
  return offsets;
}

function sweepDays(plan: SchedulePlan, query: AvailabilityQuery, firstDay: number, lastDay: number, offsets: readonly (number | null)[]): number[] {
  const sweep: Sweep = {
    zone: plan.schedule.timeZone,
    busy: plan.busy,
    duration: query.durationMinutes,
    step: query.stepMinutes,
    earliest: query.now + query.minNoticeMinutes,
    latest: query.now + query.horizonDays * DAY,
    out: [],
    cursor: 0,
    checked: -Infinity,
  };
  const byHours = plan.schedule.mode === 'working_hours';
  for (let day = firstDay; day <= lastDay; day++) {
    const midnight = day * DAY;
    // Every start on this day or later lies after midnight − 1 day in any zone.
    if (midnight - DAY >= sweep.latest) break;
    const weekday = isoWeekdayOf(day);
    if (weekday >= 6 && !query.allowWeekends) continue;
    const exceptions = plan.exceptions.get(day);
    if (exceptions?.some(isWholeDayClosed)) continue;
    // Every start on this day lies before the next midnight + 1 day in any zone.
    if (midnight + 2 * DAY <= sweep.earliest) continue;
    const offset = offsets[day - firstDay] ?? null;
    // The fast path: an ordinary working day, its weekly wall spans shifted by one offset.
    const ordinary = byHours && exceptions === undefined && offset !== null;
    const spans = ordinary ? (plan.open[weekday] ?? []) : openInstants(plan, day, exceptions);
    const shift = ordinary ? midnight - offset : 0;
    for (let i = 0; i + 1 < spans.length; i += 2) {
      const start = spans[i]! + shift;
      const end = spans[i + 1]! + shift;
      if (offset !== null && start >= midnight - DAY && end <= midnight + 2 * DAY) {
        sweepSteady(sweep, start, end, midnight - offset, midnight + DAY - offset);
      } else {
        sweepByWall(sweep, start, end, midnight, midnight + DAY);
      }
    }
  }
  return sortedUnique(sweep.out);
}

/** Sweeps come out sorted; only a clock falling back across midnight could interleave two days. */
function sortedUnique(starts: number[]): number[] {
  let sorted = true;
  for (let i = 1; i < starts.length && sorted; i++) sorted = starts[i]! > starts[i - 1]!;
  if (sorted) return starts;
  starts.sort((a, b) => a - b);
  return starts.filter((start, i) => i === 0 || start !== starts[i - 1]);
}
