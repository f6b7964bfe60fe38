import { mergeBusy, type BusyRanges } from './busy-ranges.ts';
import { parseLocalDate } from './local-date.ts';
import { subtractSpans, unionSpans } from './spans.ts';
import { offsetAt } from './time-zone.ts';
import type { DatedException, ProviderSchedule, WeeklySpan } from './types.ts';
import { DAY } from '../time/minutes.ts';


/**
 * A schedule rearranged once per search for the day-by-day sweep: weekly
 * rules as normalized wall-minute spans per ISO weekday (index 1–7),
 * exceptions and published slots by local day number, and the busy ranges
 * sorted and joined for a pointer to walk.
 */
export interface SchedulePlan {
  readonly schedule: ProviderSchedule;
  readonly work: readonly (readonly number[])[];
  readonly breaks: readonly (readonly number[])[];
  /** Working hours minus breaks: the whole answer on an ordinary day. */
  readonly open: readonly (readonly number[])[];
  readonly exceptions: ReadonlyMap<number, readonly DatedException[]>;
  /** Published slots as flat `[start, end, …]` instants, under every local day they touch. */
  readonly published: ReadonlyMap<number, readonly number[]>;
  readonly busy: BusyRanges;
}

/**
 * Prepares a schedule for `findSlots`. Out-of-day minutes are clamped to
 * `[0, 1440]` and empty ranges dropped rather than rejected: the database
 * already checks them, and the engine must not throw on a stray row.
 *
 * @example
 * const plan = planSchedule(schedule);
 * plan.open[1]; // [480, 690, 720, 960] for Monday 08:00–16:00 with lunch 11:30–12:00
 */
export function planSchedule(schedule: ProviderSchedule): SchedulePlan {
  const work = byWeekday(schedule.workingHours);
  const breaks = byWeekday(schedule.breaks);
  const exceptions = new Map<number, DatedException[]>();
  for (const exception of schedule.exceptions) {
    const day = parseLocalDate(exception.date);
    const list = exceptions.get(day);
    if (list === undefined) exceptions.set(day, [exception]);
    else list.push(exception);
  }
  const published = new Map<number, number[]>();
  for (const range of schedule.mode === 'published_slots' ? schedule.publishedSlots : []) {
    // Whole minutes inside the range keep every candidate start an integer.
    const start = Math.ceil(range.start);
    const end = Math.floor(range.end);
    if (!(end > start)) continue;
    const last = Math.floor((end - 1 + offsetAt(end - 1, schedule.timeZone)) / DAY);
    for (let day = Math.floor((start + offsetAt(start, schedule.timeZone)) / DAY); day <= last; day++) {
      const list = published.get(day);
      if (list === undefined) published.set(day, [start, end]);
      else list.push(start, end);
    }
  }
  return {
    schedule,
    work,
    breaks,
    open: work.map((spans, weekday) => subtractSpans(spans, breaks[weekday] ?? [])),
    exceptions,
    published,
    busy: mergeBusy(schedule.busy),
  };
}

/**
 * Whether a closed exception takes the whole day.
 *
 * @example
 * isWholeDayClosed({ date: '2026-12-24', kind: 'closed' }); // true
 */
export function isWholeDayClosed(exception: DatedException): boolean {
  return exception.kind === 'closed' && (exception.startMinute ?? 0) <= 0 && (exception.endMinute ?? DAY) >= DAY;
}

/**
 * A dated exception's wall minutes within its day; a closed one without
 * minutes covers the day, an open one without minutes adds nothing.
 *
 * @example
 * exceptionMinutes({ date: '2026-12-23', kind: 'closed', startMinute: 720 }); // [720, 1440]
 */
export function exceptionMinutes(exception: DatedException): [number, number] {
  if (exception.kind === 'open' && (exception.startMinute == null || exception.endMinute == null)) return [0, 0];
  return [clampMinute(exception.startMinute ?? 0), clampMinute(exception.endMinute ?? DAY)];
}

function clampMinute(minute: number): number {
  return Math.min(DAY, Math.max(0, minute));
}

function byWeekday(spans: readonly WeeklySpan[]): number[][] {
  const raw: number[][] = [[], [], [], [], [], [], [], []];
  for (const span of spans) raw[span.weekday]?.push(clampMinute(span.startMinute), clampMinute(span.endMinute));
  return raw.map(unionSpans);
}

