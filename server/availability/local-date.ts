import type { IsoWeekday } from './types.ts';

/**
 * Local dates as whole day numbers (days since 1970-01-01), so the engine
 * can step through a date range with `day++` and get weekdays by arithmetic
 * instead of building `Date` objects per day.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * Parses a `YYYY-MM-DD` local date into its day number.
 * Throws a `RangeError` for anything else, including dates that do not
 * exist (`2026-02-30`), so bad input fails where it enters.
 *
 * @example
 * parseLocalDate('1970-01-02'); // 1
 */
export function parseLocalDate(date: string): number {
  const match = DATE.exec(date);
  if (match) {
    const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
    // Date.UTC rolls 2026-02-30 over to March; the round trip catches it.
    if (formatLocalDate(day) === date) return day;
  }
  throw new RangeError(`Not a local date (YYYY-MM-DD): ${date}`);
}

/**
 * Formats a day number as `YYYY-MM-DD`.
 *
 * @example
 * formatLocalDate(20_541); // '2026-03-29'
 */
export function formatLocalDate(day: number): string {
  // Howard Hinnant's civil_from_days: exact for the proleptic Gregorian
  // calendar and free of Date allocations, which matters when every slot
  // in an answer is formatted.
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(dayOfMonth)}`;
}

/**
 * ISO weekday (1 = Monday … 7 = Sunday) of a day number.
 *
 * @example
 * isoWeekdayOf(parseLocalDate('2026-03-29')); // 7
 */
export function isoWeekdayOf(day: number): IsoWeekday {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((day + 3) % 7) + 7) % 7 + 1) as IsoWeekday;
}

/**
 * The local dates from `from` to `to`, both included; nothing when
 * `from` is after `to`.
 *
 * @example
 * [...eachLocalDate('2026-02-27', '2026-03-01')]; // ['2026-02-27', '2026-02-28', '2026-03-01']
 */
export function* eachLocalDate(from: string, to: string): Generator<string, void, undefined> {
  const last = parseLocalDate(to);
  for (let day = parseLocalDate(from); day <= last; day++) yield formatLocalDate(day);
}

/**
 * Two-digit zero padding for calendar and clock fields.
 *
 * @example
 * pad2(7); // '07'
 */
export function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
