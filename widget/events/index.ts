export { OpusStepEvent } from './opus-step-event.ts';
export { OpusBookedEvent } from './opus-booked-event.ts';
export { OpusRebookedEvent } from './opus-rebooked-event.ts';
export { OpusCancelledEvent } from './opus-cancelled-event.ts';
export { OpusErrorEvent } from './opus-error-event.ts';

import type { OpusStepEvent } from './opus-step-event.ts';
import type { OpusBookedEvent } from './opus-booked-event.ts';
import type { OpusRebookedEvent } from './opus-rebooked-event.ts';
import type { OpusCancelledEvent } from './opus-cancelled-event.ts';
import type { OpusErrorEvent } from './opus-error-event.ts';

declare global {
  interface HTMLElementEventMap {
    'opus-step': OpusStepEvent;
    'opus-booked': OpusBookedEvent;
    'opus-rebooked': OpusRebookedEvent;
    'opus-cancelled': OpusCancelledEvent;
    'opus-error': OpusErrorEvent;
  }
}
