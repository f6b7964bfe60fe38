import { formatLocalDate, isoWeekdayOf, pad2, parseLocalDate } from './local-date.ts';
import type { IsoWeekday } from './types.ts';
import { DAY, MINUTE_MS, dateAt } from '../time/minutes.ts';

export { eachLocalDate, formatLocalDate, isoWeekdayOf, parseLocalDate } from './local-date.ts';

/**
 * Time-zone arithmetic over integer minutes. Instants are epoch minutes
 * (UTC); a "wall" minute is the same count read off the local clock, i.e.
 * `day * 1440 + minuteOfDay` for a local day number. Offsets are minutes
 * east of UTC, so `wall = instant + offset`.
 *
 * `Intl` is the only source of zone rules, but it is far too slow to ask
 * per candidate slot, so each (zone, year) is sampled once and its offset
 * transitions kept in a module-level cache. The tz database cannot change
 * while the process runs, so the functions stay pure in behaviour.
 */


/** Offsets of one UTC year: `offsets[i]` holds before `at[i]`, the last one after all of them. */
interface YearRules {
  start: number;
  end: number;
  at: number[];
  offsets: number[];
}

interface ZoneRules {
  format: Intl.DateTimeFormat;
  years: Map<number, YearRules>;
  /** Consecutive lookups almost always fall in the same year. */
  last: YearRules | undefined;
}

const zones = new Map<string, ZoneRules>();

function rulesAt(zone: string, instant: number): YearRules {
  let rules = zones.get(zone);
  if (rules === undefined) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
    });
    rules = { format, years: new Map(), last: undefined };
    zones.set(zone, rules);
  }
  const last = rules.last;
  if (last !== undefined && instant >= last.start && instant < last.end) return last;
  if (!Number.isFinite(instant)) throw new RangeError(`Not an instant: ${instant}`);
  const year = dateAt(instant).getUTCFullYear();
  let found = rules.years.get(year);
  if (found === undefined) {
    found = sampleYear(rules.format, year);
    rules.years.set(year, found);
  }
  rules.last = found;
  return found;
}

function intlOffset(format: Intl.DateTimeFormat, instant: number): number {
  let year = 0, month = 0, day = 0, hour = 0, minute = 0;
  for (const part of format.formatToParts(instant * MINUTE_MS)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
    else if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return Math.round(Date.UTC(year, month - 1, day, hour, minute) / MINUTE_MS - instant);
}

function sampleYear(format: Intl.DateTimeFormat, year: number): YearRules {
  const start = Date.UTC(year, 0, 1) / MINUTE_MS;
  const end = Date.UTC(year + 1, 0, 1) / MINUTE_MS;
  const at: number[] = [];
  let offset = intlOffset(format, start);
  const offsets = [offset];
  // Daily samples: no zone changes its offset twice within a day. A change
  // exactly at `end` is kept here so range checks across years see it.
  for (let before = start; before < end; ) {
    const after = Math.min(before + DAY, end);
    const sampled = intlOffset(format, after);
    if (sampled === offset) {
      before = after;
      continue;
    }
    let lo = before, hi = after;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (intlOffset(format, mid) === offset) lo = mid;
      else hi = mid;
    }
    offset = intlOffset(format, hi);
    at.push(hi);
    offsets.push(offset);
    before = hi;
  }
  return { start, end, at, offsets };
}

/**
 * The zone's offset from UTC, in minutes, at an instant.
 *
 * @example
 * offsetAt(29_538_720, 'Europe/Oslo'); // 60 (2026-03-01, winter time)
 */
export function offsetAt(instant: number, zone: string): number {
  const rules = rulesAt(zone, instant);
  const at = rules.at;
  let i = 0;
  while (i < at.length && instant >= at[i]!) i++;
  return rules.offsets[i]!;
}

/** The first offset change in `(after, until]`, or null. */
function transitionIn(zone: string, after: number, until: number): number | null {
  for (let instant = after; ; ) {
    const rules = rulesAt(zone, instant);
    for (const change of rules.at) if (change > after && change <= until) return change;
    if (until < rules.end) return null;
    instant = rules.end;
  }
}

/**
 * The offset when it is the same at every instant of `[start, end]`,
 * otherwise null. Lets callers map wall time by plain subtraction on the
 * overwhelming majority of days that have no transition.
 *
 * @example
 * steadyOffset(29_538_720, 29_540_160, 'Europe/Oslo'); // 60
 */
export function steadyOffset(start: number, end: number, zone: string): number | null {
  return transitionIn(zone, start, end) === null ? offsetAt(start, zone) : null;
}

/**
 * The instant a wall minute denotes, or null when the clock skips it
 * (spring forward). When the clock shows it twice (fall back), the earlier
 * instant. Assumes at most one transition within a day either side, which
 * holds for every zone in use.
 *
 * @example
 * wallToInstant(parseLocalDate('2026-03-29') * 1440 + 150, 'Europe/Oslo'); // null (02:30 does not exist)
 */
export function wallToInstant(wall: number, zone: string): number | null {
  const before = offsetAt(wall - DAY, zone);
  const after = offsetAt(wall + DAY, zone);
  const high = Math.max(before, after);
  const low = Math.min(before, after);
  if (offsetAt(wall - high, zone) === high) return wall - high;
  if (offsetAt(wall - low, zone) === low) return wall - low;
  return null;
}

/**
 * The instants whose wall-clock reading lies in `[start, end)` (wall
 * minutes), as normalized spans `[from, to, …]`: one span, or two when the
 * clock falls back inside and the repeated hour is partly outside. A span
 * across a spring-forward gap simply lasts an hour less in real time.
 * Assumes at most one transition within a day of the span.
 *
 * @example
 * const night = parseLocalDate('2026-10-25') * 1440;
 * wallSpanToInstants(night, night + 360, 'Europe/Oslo'); // 7 real hours, 22:00Z–05:00Z
 */
export function wallSpanToInstants(start: number, end: number, zone: string): number[] {
  if (!(end > start)) return [];
  const change = transitionIn(zone, start - DAY, end + DAY);
  if (change === null) {
    const offset = offsetAt(start, zone);
    return [start - offset, end - offset];
  }
  const before = offsetAt(change - 1, zone);
  const after = offsetAt(change, zone);
  const spans: number[] = [];
  addSpan(spans, start - before, Math.min(end - before, change));
  addSpan(spans, Math.max(start - after, change), end - after);
  return spans;
}

/** Appends `[from, to)` after the spans, joining it to the last one when they touch. */
function addSpan(spans: number[], from: number, to: number): void {
  if (!(to > from)) return;
  if (spans.length > 0 && from <= spans[spans.length - 1]!) spans[spans.length - 1] = to;
  else spans.push(from, to);
}

/**
 * The instant of a local date and minute of day in a zone, or null when
 * that wall-clock time does not exist (spring forward). A time that occurs
 * twice (fall back) gives the earlier instant.
 *
 * @example
 * toInstant('2026-12-01', 480, 'Europe/Oslo'); // 29_935_140 (07:00Z)
 */
export function toInstant(date: string, minute: number, zone: string): number | null {
  return wallToInstant(parseLocalDate(date) * DAY + minute, zone);
}

/** Where an instant falls on the local calendar and clock. */
export interface LocalTime {
  date: string;
  minute: number;
  weekday: IsoWeekday;
}

/**
 * Local date, minute of day and ISO weekday of an instant.
 *
 * @example
 * toLocal(29_935_140, 'Europe/Oslo'); // { date: '2026-12-01', minute: 480, weekday: 2 }
 */
export function toLocal(instant: number, zone: string): LocalTime {
  const wall = instant + offsetAt(instant, zone);
  const day = Math.floor(wall / DAY);
  return { date: formatLocalDate(day), minute: wall - day * DAY, weekday: isoWeekdayOf(day) };
}

/**
 * The local date of an instant.
 *
 * @example
 * localDateOf(29_935_140, 'Europe/Oslo'); // '2026-12-01'
 */
export function localDateOf(instant: number, zone: string): string {
  return formatLocalDate(Math.floor((instant + offsetAt(instant, zone)) / DAY));
}

/**
 * ISO 8601 with the zone's offset at that instant, to the minute.
 *
 * @example
 * formatInstant(29_935_140, 'Europe/Oslo'); // '2026-12-01T08:00:00+01:00'
 */
export function formatInstant(instant: number, zone: string): string {
  const offset = offsetAt(instant, zone);
  const wall = instant + offset;
  const day = Math.floor(wall / DAY);
  const minute = wall - day * DAY;
  const size = Math.abs(offset);
  const sign = offset < 0 ? '-' : '+';
  return `${formatLocalDate(day)}T${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}:00${sign}${pad2(Math.floor(size / 60))}:${pad2(size % 60)}`;
}
