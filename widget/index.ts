/**
 * The `<opus-booking>` widget. Loading this module registers the element.
 *
 * @example
 * <script type="module" src="https://booking.example.no/widget/opus-booking.js"></script>
 * <opus-booking api="https://booking.example.no" organization="demo"></opus-booking>
 */
import { defineOpusBooking } from './define.ts';

export { OpusBooking } from './opus-booking.ts';
export { defineOpusBooking } from './define.ts';
export * from './events/index.ts';

defineOpusBooking();
