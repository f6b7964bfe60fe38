import type { BookingSettings } from '../../sdk/schemas/organization.ts';

/**
 * What a patient about to book will be able to change online afterwards
 * (B16): until when they can move or cancel it, that the cutoff has already
 * passed, or that the organization allows neither online.
 */
export type ChangeWindow =
  | { kind: 'until'; deadline: string; rebook: boolean; cancel: boolean }
  | { kind: 'passed'; cutoffHours: number }
  | { kind: 'off' };

const HOUR_MS = 3_600_000;

/**
 * The change window of a new booking at `start`, from the organization's
 * public settings (the switches and `cutoffHours`) at `now` (epoch ms). The
 * server's `decideChange` (server/booking/change-rules.ts) is what allows or
 * refuses a change; this tells the patient beforehand what it will say about
 * an online booking.
 *
 * @example
 * changeWindowFor('2026-12-02T07:30:00Z', { rebooking: true, cancellation: true, cutoffHours: 24 }, Date.parse('2026-12-01T20:00:00Z'));
 * // { kind: 'passed', cutoffHours: 24 }
 */
export function changeWindowFor(start: string, settings: Pick<BookingSettings, 'rebooking' | 'cancellation' | 'cutoffHours'>, now: number): ChangeWindow {
  if (!settings.rebooking && !settings.cancellation) return { kind: 'off' };
  const deadline = Date.parse(start) - settings.cutoffHours * HOUR_MS;
  if (now >= deadline) return { kind: 'passed', cutoffHours: settings.cutoffHours };
  return { kind: 'until', deadline: new Date(deadline).toISOString(), rebook: settings.rebooking, cancel: settings.cancellation };
}
