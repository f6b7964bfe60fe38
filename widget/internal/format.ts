import type { Locale } from '../../sdk/schemas/common.ts';
import { INTL_TAG } from './locale.ts';
import type { LocalDate } from './calendar.ts';

/**
 * Dates and times for the patient, in the clinic's zone (never the
 * computer's) and the widget's language.
 *
 * @example
 * formatTime('2026-12-01T08:00:00+01:00', 'nb', 'Europe/Oslo'); // '08:00'
 */
export function formatTime(iso: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(INTL_TAG[locale], { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** A full date and time, e.g. "tirsdag 1. desember 2026 kl. 08:00". */
export function formatDateTime(iso: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(INTL_TAG[locale], { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
}

/** A local date (no zone involved), short or long. */
export function formatDay(date: LocalDate, locale: Locale, style: 'short' | 'long' = 'long'): string {
  const options: Intl.DateTimeFormatOptions =
    style === 'long' ? { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' } : { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' };
  return new Intl.DateTimeFormat(INTL_TAG[locale], options).format(new Date(`${date}T12:00:00Z`));
}

/** A date range such as "1.–7. des." for the week heading. */
export function formatRange(from: LocalDate, to: LocalDate, locale: Locale): string {
  const format = new Intl.DateTimeFormat(INTL_TAG[locale], { timeZone: 'UTC', day: 'numeric', month: 'short' });
  return format.formatRange(new Date(`${from}T12:00:00Z`), new Date(`${to}T12:00:00Z`));
}
