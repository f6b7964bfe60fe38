/**
 * The `<opus-booking>` element's class and events, registering nothing
 * (`opus-booking/widget/element`): for an app that registers it itself, under
 * its own name or as a subclass. `opus-booking/widget` registers it.
 *
 * @example
 * import { OpusBooking, defineOpusBooking } from 'opus-booking/widget/element';
 * defineOpusBooking('clinic-booking'); // or: customElements.define('clinic-booking', class extends OpusBooking {});
 */
export { OpusBooking } from './opus-booking.ts';
export { defineOpusBooking } from './define.ts';
export * from './events/index.ts';
