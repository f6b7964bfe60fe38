import type { BookingView } from '../../sdk/schemas/booking.ts';

/**
 * Fired when a patient moved a booking from its manage link (B16).
 *
 * @example
 * el.addEventListener('opus-rebooked', (e) => console.log(e.booking.start));
 */
export class OpusRebookedEvent extends Event {
  static readonly eventName = 'opus-rebooked';
  constructor(readonly booking: BookingView) {
    super(OpusRebookedEvent.eventName, { bubbles: true, composed: true });
  }
}
