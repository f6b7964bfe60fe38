import type { PauseSettings } from '../../sdk/schemas/messaging.ts';
import { toInstant, toLocal } from '../availability/time-zone.ts';
import { formatLocalDate, parseLocalDate } from '../availability/local-date.ts';
import { clockMinute, DAY } from '../time/minutes.ts';

/**
 * When messages go out (S5, S6), over epoch minutes with the zone passed in.
 * Pure: no clock, no database.
 */


/**
 * The instant a reminder is due: `hoursBefore` the appointment, moved a whole
 * local day earlier (same wall-clock time) while it falls on a no-send
 * weekday. Null when every weekday is marked.
 *
 * @example
 * // Appointment Monday 2026-12-07 10:00 Oslo, 22 h before = Sunday 12:00; Sunday is a no-send day → Saturday 12:00.
 * reminderSendAt(toInstant('2026-12-07', 600, 'Europe/Oslo')!, 22, [7], 'Europe/Oslo'); // Saturday 2026-12-05 12:00 Oslo
 */
export function reminderSendAt(appointmentStart: number, hoursBefore: number, noSendWeekdays: readonly number[], zone: string): number | null {
  return skipWeekdays(appointmentStart - hoursBefore * 60, noSendWeekdays, zone, -1);
}

/**
 * When the thanks message is due: `hoursAfter` the appointment ends, moved a
 * day later while on a no-send weekday (never before the visit).
 */
export function thanksSendAt(appointmentEnd: number, hoursAfter: number, noSendWeekdays: readonly number[], zone: string): number | null {
  return skipWeekdays(appointmentEnd + hoursAfter * 60, noSendWeekdays, zone, 1);
}

function skipWeekdays(instant: number, noSend: readonly number[], zone: string, direction: -1 | 1): number | null {
  if (noSend.length === 0) return instant;
  const blocked = new Set(noSend);
  if (blocked.size >= 7) return null;
  let at = instant;
  for (let guard = 0; guard < 7; guard++) {
    const local = toLocal(at, zone);
    if (!blocked.has(local.weekday)) return at;
    const date = formatLocalDate(parseLocalDate(local.date) + direction);
    // Same clock time on the neighbouring day; if the clock skips it (DST), a plain day.
    at = toInstant(date, local.minute, zone) ?? at + direction * DAY;
  }
  return null;
}

/**
 * Whether SMS sending is paused at an instant (S6, S15): at night between
 * `nightFrom` and `nightTo` local time (across midnight when from > to), and
 * all of Saturday or Sunday when those are marked.
 *
 * @example
 * isPaused(toInstant('2026-12-01', 23 * 60, 'Europe/Oslo')!, { night: true, nightFrom: '22:00', nightTo: '07:00', saturdays: false, sundays: false }, 'Europe/Oslo'); // true
 */
export function isPaused(instant: number, pause: PauseSettings, zone: string): boolean {
  const local = toLocal(instant, zone);
  if (pause.saturdays && local.weekday === 6) return true;
  if (pause.sundays && local.weekday === 7) return true;
  if (!pause.night) return false;
  const from = clockMinute(pause.nightFrom);
  const to = clockMinute(pause.nightTo);
  if (from === to) return false;
  return from < to ? local.minute >= from && local.minute < to : local.minute >= from || local.minute < to;
}

/**
 * The first instant at or after `instant` when sending is not paused, found
 * minute-exactly by walking pause boundaries (at most a few days ahead).
 * Null when the settings pause every minute of the week.
 *
 * @example
 * resumesAt(toInstant('2026-12-01', 23 * 60, 'Europe/Oslo')!, pause, 'Europe/Oslo'); // 2026-12-02 07:00 Oslo
 */
export function resumesAt(instant: number, pause: PauseSettings, zone: string): number | null {
  let at = instant;
  for (let step = 0; step < 8 * 96; step++) {
    if (!isPaused(at, pause, zone)) return at;
    // Walk in 15-minute steps, then back up to the exact minute it opened.
    const next = at + 15;
    if (!isPaused(next, pause, zone)) {
      for (let m = at + 1; m <= next; m++) if (!isPaused(m, pause, zone)) return m;
    }
    at = next;
  }
  return null;
}

/**
 * How long to wait before retry number `attempt` (1-based) after a transient
 * failure: exponential from 30 s, capped at one hour, with full jitter in
 * the upper half so many failing messages don't retry in step.
 *
 * @example
 * retryDelayMs(1, () => 0.5); // 22_500
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(base / 2 + (base / 2) * random());
}
