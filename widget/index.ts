/**
 * The `<opus-booking>` widget. Loading this module registers the element;
 * `opus-booking/widget/element` exports the same without registering.
 *
 * @example
 * <script type="module" src="https://booking.example.no/widget/opus-booking.js"></script>
 * <opus-booking api="https://booking.example.no" organization="demo"></opus-booking>
 */
import { defineOpusBooking } from './define.ts';

export * from './element.ts';

defineOpusBooking();
