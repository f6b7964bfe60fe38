import type { Locale } from '../../../../sdk/schemas/common.ts';
import { INTL } from '../../i18n.ts';

/**
 * Times of the book in the organization's zone (never the computer's), for
 * the page and its dialogs. Dates are local calendar dates `YYYY-MM-DD`.
 */

/** The offset of `zone` from UTC at the instant `ms`, in milliseconds. */
function offsetAt(ms: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant (ISO 8601, UTC) of a local date and clock time in `zone`; in
 * a DST gap the clock is read in the offset before it.
 *
 * @example
 * zonedInstant('2026-12-08', '09:30', 'Europe/Oslo'); // '2026-12-08T08:30:00Z'
 */
export function zonedInstant(date: string, time: string, zone: string): string | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return undefined;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  if (Number.isNaN(wall)) return undefined;
  let ms = wall - offsetAt(wall, zone);
  ms = wall - offsetAt(ms, zone);
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

/** The local clock time `HH:MM` of an instant in `zone`. */
export function clockIn(iso: string, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** A time such as "09:30" in the staff member's language, in `zone`. */
export function formatTime(iso: string, locale: Locale, zone: string): string {
  return new Intl.DateTimeFormat(INTL[locale], { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** A local date as "Tuesday 8 December 2026" (`long`) or "Tue 8 Dec" (`short`). */
export function formatDate(date: string, locale: Locale, style: 'long' | 'short' = 'long'): string {
  const options: Intl.DateTimeFormatOptions = style === 'long'
    ? { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }
    : { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' };
  return new Intl.DateTimeFormat(INTL[locale], options).format(new Date(`${date}T12:00:00Z`));
}

/** A date and time in `zone`, as "Tue 8 Dec, 09:30". */
export function formatDateTime(iso: string, locale: Locale, zone: string): string {
  return new Intl.DateTimeFormat(INTL[locale], { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}
