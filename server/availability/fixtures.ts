import { formatInstant, toInstant } from './time-zone.ts';
import type { AvailabilityQuery, IsoWeekday, ProviderSchedule, Slot, WeeklySpan } from './types.ts';

/**
 * Builders for the engine's tests and benchmarks (not used by the app):
 * readable wall-clock times in, plain engine data out.
 */

/**
 * Minutes since midnight of an `HH:MM` time.
 *
 * @example
 * hm('11:30'); // 690
 */
export function hm(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours! * 60 + minutes!;
}

/**
 * The same span on several weekdays.
 *
 * @example
 * weekly([1, 2, 3, 4, 5], '08:00', '16:00');
 */
export function weekly(days: readonly IsoWeekday[], start: string, end: string): WeeklySpan[] {
  return days.map((weekday) => ({ weekday, startMinute: hm(start), endMinute: hm(end) }));
}

/**
 * The instant of a local date and `HH:MM` in a zone; throws for a time the
 * clock skips, so a typo in a test cannot pass silently.
 *
 * @example
 * at('2026-12-01', '08:00'); // 29_935_140
 */
export function at(date: string, time: string, zone = 'Europe/Oslo'): number {
  const instant = toInstant(date, hm(time), zone);
  if (instant === null) throw new RangeError(`${date} ${time} does not exist in ${zone}`);
  return instant;
}

/**
 * Kari at Sentrum in Oslo: Monday to Friday 08:00–16:00, lunch 11:30–12:00,
 * nothing booked; override what a test is about.
 *
 * @example
 * schedule({ busy: [{ start: at('2026-12-01', '09:00'), end: at('2026-12-01', '09:30') }] });
 */
export function schedule(overrides: Partial<ProviderSchedule> = {}): ProviderSchedule {
  return {
    providerId: 'kari',
    clinicId: 'sentrum',
    timeZone: 'Europe/Oslo',
    mode: 'working_hours',
    workingHours: weekly([1, 2, 3, 4, 5], '08:00', '16:00'),
    breaks: weekly([1, 2, 3, 4, 5], '11:30', '12:00'),
    exceptions: [],
    publishedSlots: [],
    busy: [],
    ...overrides,
  };
}

/**
 * Tuesday 2026-12-01 only, 30-minute treatment on a 30-minute grid, asked
 * well before, no notice, weekends off.
 *
 * @example
 * query({ stepMinutes: 15 });
 */
export function query(overrides: Partial<AvailabilityQuery> = {}): AvailabilityQuery {
  return {
    now: at('2026-11-01', '00:00'),
    from: '2026-12-01',
    to: '2026-12-01',
    durationMinutes: 30,
    stepMinutes: 30,
    minNoticeMinutes: 0,
    horizonDays: 365,
    allowWeekends: false,
    ...overrides,
  };
}

/**
 * Slots as `YYYY-MM-DD HH:MM` local times, for assertions that read like
 * a timetable.
 *
 * @example
 * times(findSlots([schedule()], query())); // ['2026-12-01 08:00', …]
 */
export function times(slots: readonly Slot[], zone = 'Europe/Oslo'): string[] {
  return slots.map((slot) => formatInstant(slot.start, zone).slice(0, 16).replace('T', ' '));
}

/**
 * `HH:MM` of each slot on one day, the shortest readable form.
 *
 * @example
 * clock(findSlots([schedule()], query())); // ['08:00', '08:30', …]
 */
export function clock(slots: readonly Slot[], zone = 'Europe/Oslo'): string[] {
  return times(slots, zone).map((time) => time.slice(11));
}
