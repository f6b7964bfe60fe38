import type { Locale } from '../../../../sdk/schemas/common.ts';
import { INTL } from '../../i18n.ts';

/**
 * Dates and times of the patients pages, always in the clinic's zone (never
 * the staff computer's), and what must stay out of the address bar.
 */

/** An instant as date and time in `timeZone`. */
export function formatDateTime(iso: string, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(INTL[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** A local date (`2026-12-07`) as the staff member's language writes it. */
export function formatLocalDate(date: string, locale: Locale): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(INTL[locale], { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/**
 * The local date (`YYYY-MM-DD`) of an instant in `timeZone`: the book's day of an appointment.
 *
 * @example
 * localDateIn('2026-12-06T23:30:00Z', 'Europe/Oslo'); // '2026-12-07'
 */
export function localDateIn(iso: string | Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A local date `days` later. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * Whether a search text could be a national id, a phone number or an e-mail
 * address: such a search is not put in the address (it would stay in the
 * history, bookmarks and server-side referrers), only a name is.
 *
 * @example
 * isPersonalQuery('Nilsen'); // false
 * isPersonalQuery('912 34 567'); // true
 */
export function isPersonalQuery(q: string): boolean {
  return /\d/.test(q) || q.includes('@');
}
