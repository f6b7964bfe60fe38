import type { Locale } from '../../../../sdk/schemas/common.ts';
import { INTL } from '../../i18n.ts';

/**
 * Times on the SMS pages are the clinic's: the organization's zone, never
 * the browser's. The pure helpers take the zone (and the clock) as input.
 */

/**
 * A date and time in the organization's zone, in the staff member's language.
 *
 * @example
 * formatTime('2026-12-08T08:30:00Z', 'Europe/Oslo', 'nb'); // '08.12.2026, 09:30'
 */
export function formatTime(iso: string | null | undefined, timeZone: string, locale: Locale): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(INTL[locale], { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(date);
}

/**
 * Today's date (YYYY-MM-DD) in a zone.
 *
 * @example
 * todayIn('Europe/Oslo', new Date('2026-11-30T23:30:00Z')); // '2026-12-01'
 */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The zone's offset from UTC at an instant, in minutes (Oslo in winter: 60). */
function offsetMinutes(at: number, timeZone: string): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    .formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((wall - at) / 60_000);
}

/**
 * A wall time (`YYYY-MM-DDTHH:MM`, a datetime-local input's value) in a zone
 * as an instant with that zone's offset then, for the API's `sendAt`.
 *
 * @example
 * wallTimeToInstant('2026-12-08T09:30', 'Europe/Oslo'); // '2026-12-08T09:30:00+01:00'
 * wallTimeToInstant('2026-07-01T09:30', 'Europe/Oslo'); // '2026-07-01T09:30:00+02:00'
 */
export function wallTimeToInstant(local: string, timeZone: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return undefined;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  let offset = offsetMinutes(wall, timeZone);
  offset = offsetMinutes(wall - offset * 60_000, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * A local date `days` after (or before) another.
 *
 * @example
 * addDays('2026-12-31', 1); // '2027-01-01'
 */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
