/**
 * Time inside the server is counted in whole epoch minutes (UTC): the
 * availability engine, the booking rules and the outbox all work on these
 * integers, and convert at the edges with the helpers here.
 */

/** Minutes in a calendar day of UTC (a local day can have 1380 or 1500). */
export const DAY = 1440;

/** Milliseconds in a minute. */
export const MINUTE_MS = 60_000;

/**
 * Epoch minutes of an instant (a Date from the driver, JSON text or
 * milliseconds), rounded down to the minute.
 *
 * @example
 * minuteOf(new Date('2026-12-01T08:00:30Z')); // 29_935_200
 */
export function minuteOf(value: Date | string | number): number {
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : value.getTime();
  return Math.floor(ms / MINUTE_MS);
}

/**
 * The instant at an epoch minute, as a Date for the database driver.
 *
 * @example
 * dateAt(29_935_200).toISOString(); // '2026-12-01T08:00:00.000Z'
 */
export function dateAt(minute: number): Date {
  return new Date(minute * MINUTE_MS);
}

/**
 * Whole seconds from `from` until `to`, never below 0: what a countdown in an
 * answer says, so a client need not trust its own clock.
 *
 * @example
 * secondsBetween(new Date('2026-12-01T07:00:00Z'), new Date('2026-12-01T07:05:00Z')); // 300
 */
export function secondsBetween(from: Date, to: Date): number {
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
}

/**
 * Minutes since midnight of a wall-clock `HH:MM` (`24:00` is 1440).
 *
 * @example
 * clockMinute('08:30'); // 510
 */
export function clockMinute(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/**
 * The wall-clock `HH:MM` of minutes since midnight (1440 is `24:00`).
 *
 * @example
 * clockText(510); // '08:30'
 */
export function clockText(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/**
 * A timestamp column as an ISO 8601 instant (drivers give a Date or a
 * string), null kept.
 *
 * @example
 * instantText(row.sent_at); // '2026-12-01T08:00:00.000Z' or null
 */
export function instantText<T extends Date | string | null>(value: T): T extends null ? null : string;
export function instantText(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
