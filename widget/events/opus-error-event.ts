/**
 * Fired when something failed: the API could not be reached, answered an
 * error, or an attribute was invalid. The widget shows the patient a
 * translated message itself; this is for the host page's logs.
 *
 * @example
 * el.addEventListener('opus-error', (e) => console.warn(e.code, e.message));
 */
export class OpusErrorEvent extends Event {
  static readonly eventName = 'opus-error';
  constructor(
    /** An API error code (`slot_taken`, `booking_off`, `network`, …) or `invalid_attribute`. */
    readonly code: string,
    readonly message: string,
    /** HTTP status, 0 for network failures and attribute problems. */
    readonly status = 0,
  ) {
    super(OpusErrorEvent.eventName, { bubbles: true, composed: true });
  }
}
