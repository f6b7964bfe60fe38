import type { StepId } from '../internal/flow.ts';

/**
 * Fired when a step is shown, so the host page can follow the flow (W12).
 * Bubbles and crosses the shadow boundary.
 *
 * @example
 * el.addEventListener('opus-step', (e) => analytics.track('booking_step', { step: e.step, index: e.index }));
 */
export class OpusStepEvent extends Event {
  static readonly eventName = 'opus-step';
  constructor(
    /** The step shown: clinic, treatment, provider, service, time, login, details, confirm, code, done, manage, rebook, account (login, my bookings). */
    readonly step: StepId | 'manage' | 'rebook' | 'account',
    /** 1-based position in the flow (0 outside the booking flow). */
    readonly index: number,
    readonly total: number,
  ) {
    super(OpusStepEvent.eventName, { bubbles: true, composed: true });
  }
}
