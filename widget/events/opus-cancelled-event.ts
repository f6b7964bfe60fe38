import type { BookingView } from '../../sdk/schemas/booking.ts';

/**
 * Fired when a patient cancelled a booking from its manage link (B16).
 *
 * @example
 * el.addEventListener('opus-cancelled', (e) => console.log(e.booking.id));
 */
export class OpusCancelledEvent extends Event {
  static readonly eventName = 'opus-cancelled';
  constructor(readonly booking: BookingView) {
    super(OpusCancelledEvent.eventName, { bubbles: true, composed: true });
  }
}
