import type { BookingResult } from '../../sdk/schemas/booking.ts';

/**
 * Fired when a booking is made. `result.manageUrl` is the patient's secret
 * link: do not send it to analytics.
 *
 * @example
 * el.addEventListener('opus-booked', (e) => analytics.track('booked', { treatment: e.result.booking.treatment?.name }));
 */
export class OpusBookedEvent extends Event {
  static readonly eventName = 'opus-booked';
  constructor(readonly result: BookingResult) {
    super(OpusBookedEvent.eventName, { bubbles: true, composed: true });
  }
}
