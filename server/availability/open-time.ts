import { isoWeekdayOf } from './local-date.ts';
import { exceptionMinutes, planSchedule, type SchedulePlan } from './schedule-plan.ts';
import { subtractSpans, unionSpans } from './spans.ts';
import { offsetAt, wallSpanToInstants } from './time-zone.ts';
import type { DatedException, InstantRange, ProviderSchedule } from './types.ts';
import { DAY } from '../time/minutes.ts';


/**
 * A day's open time as normalized instant spans `[start, end, …]`, built
 * the general way: for days with exceptions, days near a clock change, and
 * published slots. (Ordinary working days skip this: their weekly spans
 * just shift by the day's single offset.)
 *
 * A wall-clock span covers every instant whose local reading lies in it,
 * so across a skipped hour it is shorter in real time and across a
 * repeated hour longer, and a break in the repeated hour covers both
 * passes. A published slot belongs to every day it touches (the caller
 * keeps only starts on the day swept), so the neighbouring days' breaks
 * and closures are cut too; working spans stay within their day, so this
 * never touches them.
 *
 * @example
 * openInstants(planSchedule(schedule), parseLocalDate('2026-03-29'), undefined);
 * // [29_578_980, 29_579_280] for 00:00–06:00 on the spring-forward night in Oslo
 */
export function openInstants(plan: SchedulePlan, day: number, exceptions: readonly DatedException[] | undefined): number[] {
  const midnight = day * DAY;
  const open: number[] = [];
  if (plan.schedule.mode === 'working_hours') {
    addWallSpans(open, plan.work[isoWeekdayOf(day)] ?? [], midnight, plan.schedule.timeZone);
    for (const exception of exceptions ?? []) {
      if (exception.kind === 'open') addWallSpans(open, exceptionMinutes(exception), midnight, plan.schedule.timeZone);
    }
  } else {
    open.push(...(plan.published.get(day) ?? []));
  }
  const cut: number[] = [];
  for (const cutDay of [day - 1, day, day + 1]) {
    addWallSpans(cut, plan.breaks[isoWeekdayOf(cutDay)] ?? [], cutDay * DAY, plan.schedule.timeZone);
    for (const exception of plan.exceptions.get(cutDay) ?? []) {
      if (exception.kind === 'closed') addWallSpans(cut, exceptionMinutes(exception), cutDay * DAY, plan.schedule.timeZone);
    }
  }
  return subtractSpans(unionSpans(open), unionSpans(cut));
}

function addWallSpans(into: number[], minutes: readonly number[], midnight: number, zone: string): void {
  for (let i = 0; i + 1 < minutes.length; i += 2) {
    into.push(...wallSpanToInstants(midnight + minutes[i]!, midnight + minutes[i + 1]!, zone));
  }
}

/**
 * Whether a range of instants lies wholly in the schedule's open time (hours
 * or published slots, minus breaks and closures, plus extra hours), by the
 * same reading of the rules as the slot search; busy times, notice, horizon
 * and the slot grid are not considered. Staff use it to find appointments a
 * schedule change leaves outside the provider's time (issue 9.3).
 *
 * @example
 * const inside = withinOpenTime(schedule);
 * inside({ start: at('2026-12-03', '09:00'), end: at('2026-12-03', '09:30') }); // true on a Thursday 08–16
 */
export function withinOpenTime(schedule: ProviderSchedule): (range: InstantRange) => boolean {
  const plan = planSchedule(schedule);
  return ({ start, end }) => {
    const day = Math.floor((start + offsetAt(start, schedule.timeZone)) / DAY);
    // The next day too, for a range running past local midnight.
    const open = unionSpans([day, day + 1].flatMap((d) => openInstants(plan, d, plan.exceptions.get(d))));
    for (let i = 0; i + 1 < open.length; i += 2) {
      if (open[i]! <= start && end <= open[i + 1]!) return true;
    }
    return false;
  };
}
