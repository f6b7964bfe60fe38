import type { SlotView } from '../../sdk/schemas/slots.ts';

/** A local calendar date `YYYY-MM-DD`; arithmetic is done at UTC noon so no zone or DST can shift it. */
export type LocalDate = string;

const DAY_MS = 86_400_000;
const atNoon = (date: LocalDate) => Date.parse(`${date}T12:00:00Z`);
const fromMs = (ms: number): LocalDate => new Date(ms).toISOString().slice(0, 10);

/**
 * The local date of an instant in an IANA zone.
 *
 * @example
 * localDateIn(new Date('2026-12-01T23:30:00Z'), 'Europe/Oslo'); // '2026-12-02'
 */
export function localDateIn(instant: Date, timeZone: string): LocalDate {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** `date` plus `days` calendar days. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return fromMs(atNoon(date) + days * DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  return ((new Date(atNoon(date)).getUTCDay() + 6) % 7) + 1;
}

/** The Monday of the week `date` is in. */
export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** The days of the week starting `monday`: Monday–Friday, or all seven when weekend booking is on (B6). */
export function weekDays(monday: LocalDate, weekend: boolean): LocalDate[] {
  return Array.from({ length: weekend ? 7 : 5 }, (_, i) => addDays(monday, i));
}

/**
 * Free times per local date in the clinic's zone, each day's sorted by start,
 * without weekend days unless allowed.
 */
export function slotsByDay(slots: readonly SlotView[], timeZone: string, weekend: boolean): Map<LocalDate, SlotView[]> {
  const days = new Map<LocalDate, SlotView[]>();
  for (const slot of [...slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start))) {
    const date = localDateIn(new Date(slot.start), timeZone);
    if (!weekend && isoWeekday(date) > 5) continue;
    const list = days.get(date) ?? [];
    list.push(slot);
    days.set(date, list);
  }
  return days;
}

/** Number of whole weeks from the week of `a` to the week of `b`. */
export function weeksBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((atNoon(mondayOf(b)) - atNoon(mondayOf(a))) / (7 * DAY_MS));
}
