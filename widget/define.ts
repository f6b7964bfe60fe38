import { OpusBooking } from './opus-booking.ts';

/**
 * Registers `<opus-booking>` once: a page that loads the script twice (two
 * embeds, a CMS plugin and a snippet) keeps the first definition instead of
 * throwing.
 *
 * @example
 * import { defineOpusBooking } from 'opus-booking/widget';
 * defineOpusBooking();
 */
export function defineOpusBooking(tagName = 'opus-booking'): void {
  if (!customElements.get(tagName)) customElements.define(tagName, tagName === 'opus-booking' ? OpusBooking : class extends OpusBooking {});
}

declare global {
  interface HTMLElementTagNameMap {
    'opus-booking': OpusBooking;
  }
}
