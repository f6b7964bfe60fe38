import { addDays, isoWeekday, localDateIn } from '../../../internal/calendar.ts';

/**
 * Calendar arithmetic for the schedules page, on local dates (`YYYY-MM-DD`)
 * and months (`YYYY-MM`) as the clinic reads them: pure, the zone passed in,
 * no clock. Day arithmetic is the widget's own (`widget/internal/calendar.ts`).
 */
export { addDays, isoWeekday };

export const DAY_MS = 86_400_000;

/** Midnight UTC of a local date, for comparisons and windows. */
export const utcOf = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));

/** The local date of an instant in a zone. */
export const localDate = (instant: number | string, timeZone: string) => localDateIn(new Date(instant), timeZone);

export const monthOf = (date: string) => date.slice(0, 7);
export const monthStart = (month: string) => `${month}-01`;

/** The month `by` months after `month` (negative: before). */
export function shiftMonth(month: string, by: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** How many days `month` has. */
export const daysInMonth = (month: string) => new Date(utcOf(monthStart(shiftMonth(month, 1))) - DAY_MS).getUTCDate();

/**
 * The weeks of a month, Monday first, with `undefined` for the days of the
 * neighbouring months.
 *
 * @example
 * monthGrid('2026-12')[0]; // [undefined, '2026-12-01', '2026-12-02', … '2026-12-06']
 */
export function monthGrid(month: string): Array<Array<string | undefined>> {
  const first = monthStart(month);
  const cells: Array<string | undefined> = Array.from({ length: isoWeekday(first) - 1 }, () => undefined);
  for (let i = 0; i < daysInMonth(month); i++) cells.push(addDays(first, i));
  while (cells.length % 7) cells.push(undefined);
  return Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
}

/** The zone's offset from UTC at an instant, in minutes (Oslo in winter: 60). */
function offsetMinutes(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return (Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second')) - Math.floor(ms / 1000) * 1000) / 60_000;
}

/**
 * The instant a wall-clock `HH:MM` on a local date is in a zone, as ISO with
 * `Z` (`24:00` is the next midnight). A time skipped by the spring-forward
 * change is read with the offset before it (02:30 in Oslo → 03:30 CEST).
 *
 * @example
 * zonedInstant('2026-12-07', '09:00', 'Europe/Oslo'); // '2026-12-07T08:00:00Z'
 */
export function zonedInstant(date: string, time: string, timeZone: string): string {
  const wall = utcOf(date) + (Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))) * 60_000;
  let ms = wall - offsetMinutes(wall, timeZone) * 60_000;
  ms = wall - offsetMinutes(ms, timeZone) * 60_000;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
