import type { BookingSettings } from '../../sdk/schemas/organization.ts';
import type { ErrorCode } from '../../sdk/schemas/problem.ts';

/** What the change rules need to know about an appointment. */
export interface ChangeableAppointment {
  status: 'booked' | 'cancelled';
  startMinute: number;
  fromTemplate: boolean;
}

export interface ChangeDecision {
  allowed: boolean;
  /** Why not, as an API error code. */
  code?: ErrorCode;
}

/**
 * The first minute (epoch minutes) a patient may no longer rebook or cancel
 * online (B16): the manage view's "until" this instant.
 */
export function changeDeadline(startMinute: number, settings: BookingSettings): number {
  return startMinute - settings.cutoffHours * 60;
}

/**
 * Whether a patient may rebook or cancel this appointment online now (B16):
 * the switch for the action, the switch for appointments booked without a
 * booking template, and the cutoff in hours before the appointment.
 *
 * @example
 * decideChange('cancel', { status: 'booked', startMinute, fromTemplate: true }, settings, now);
 * // { allowed: false, code: 'cutoff_passed' } within cutoffHours of the start
 */
export function decideChange(action: 'rebook' | 'cancel', appointment: ChangeableAppointment, settings: BookingSettings, now: number): ChangeDecision {
  if (appointment.status === 'cancelled') return { allowed: false, code: 'already_cancelled' };
  const disabled: ErrorCode = action === 'rebook' ? 'rebooking_disabled' : 'cancellation_disabled';
  if (!(action === 'rebook' ? settings.rebooking : settings.cancellation)) return { allowed: false, code: disabled };
  if (!appointment.fromTemplate && !(action === 'rebook' ? settings.rebookWithoutTemplate : settings.cancelWithoutTemplate)) {
    return { allowed: false, code: disabled };
  }
  if (now >= changeDeadline(appointment.startMinute, settings)) return { allowed: false, code: 'cutoff_passed' };
  return { allowed: true };
}
