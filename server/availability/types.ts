/**
 * Plain data the availability engine works on. Every instant is an integer
 * count of minutes since the Unix epoch (UTC); every wall-clock time of day is
 * an integer count of minutes since local midnight in the clinic's time zone.
 * Local dates are `YYYY-MM-DD` strings. Nothing here knows about the database.
 */

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A recurring weekly span of wall-clock time, `[startMinute, endMinute)`. */
export interface WeeklySpan {
  weekday: IsoWeekday;
  startMinute: number;
  endMinute: number;
}

/**
 * A dated exception in local time. `closed` removes time (the whole day when
 * no minutes are given), `open` adds extra hours on that date.
 */
export interface DatedException {
  date: string;
  kind: 'closed' | 'open';
  startMinute?: number | undefined;
  endMinute?: number | undefined;
}

/** A half-open range of instants `[start, end)` in epoch minutes. */
export interface InstantRange {
  start: number;
  end: number;
}

/**
 * One provider at one clinic. With `mode: 'working_hours'` the bookable time
 * is working hours minus breaks, adjusted by exceptions; with
 * `mode: 'published_slots'` only the explicitly published online slots
 * (the seed's "e-tider") are bookable, still minus breaks and closed days.
 */
export interface ProviderSchedule {
  providerId: string;
  clinicId: string;
  /** IANA zone of the clinic, e.g. `Europe/Oslo`. */
  timeZone: string;
  mode: 'working_hours' | 'published_slots';
  workingHours: readonly WeeklySpan[];
  breaks: readonly WeeklySpan[];
  exceptions: readonly DatedException[];
  publishedSlots: readonly InstantRange[];
  /** Appointments and holds that block time, in any order. */
  busy: readonly InstantRange[];
}

export interface AvailabilityQuery {
  /** The current instant, epoch minutes. */
  now: number;
  /** First and last local date searched, inclusive. */
  from: string;
  to: string;
  durationMinutes: number;
  /** Distance between candidate starts on the wall-clock grid. */
  stepMinutes: number;
  /** No start earlier than `now + minNoticeMinutes`. */
  minNoticeMinutes: number;
  /** No start at or after `now + horizonDays` days. */
  horizonDays: number;
  /** Saturday and Sunday are offered only when true (B6). */
  allowWeekends: boolean;
}

/** A free start time for one provider at one clinic. */
export interface Slot {
  start: number;
  end: number;
  providerId: string;
  clinicId: string;
}
