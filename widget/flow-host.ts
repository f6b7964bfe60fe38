import type { BookingApi } from './api/booking-api.ts';
import type { SessionController } from './controllers/session-controller.ts';
import type { SlotsController } from './controllers/slots-controller.ts';
import type { Me } from '../sdk/schemas/verification.ts';
import type { StepId } from './internal/flow.ts';

/** A view of the widget: a booking step, the manage link's views (B16), or the login and "my bookings" (issue 8). */
export type ViewId = StepId | 'manage' | 'rebook' | 'account';

/** The logged-in patient (issue 8): in memory only, never in web storage or a script-set cookie. */
export interface PatientState {
  /** The session token, sent as `Authorization: Bearer` (undefined with the hosted page's HttpOnly cookie). */
  token?: string | undefined;
  me?: Me | undefined;
}

/**
 * What the booking and manage flows need from their element. The flows hold
 * the state and say what happened; the element renders, focuses, announces
 * and tells the page.
 */
export interface FlowHost {
  readonly session: SessionController;
  /** Free times per search, once a week browser made it (time step). */
  slots: SlotsController | undefined;
  readonly client: BookingApi | undefined;
  readonly manage: string | null;
  readonly api: string | null;
  readonly organization: string | null;
  readonly patient: PatientState;
  /** Whether the element is in the page (timers stop when it is not). */
  readonly isConnected: boolean;
  requestUpdate(): void;
  dispatchEvent(event: Event): boolean;
  /** A view is shown: announced, reported to the page, its heading focused (unless it is the first view). */
  stepShown(view: ViewId, index: number, total: number, announcement: string): void;
  /** Tells screen-reader users something without changing the view. */
  announce(text: string): void;
  /** Moves focus to the element matching `selector` once the coming render is done. */
  focusAfterRender(selector: string): void;
  /** Reports a failure to the page (the patient sees a translated message). */
  failed(code: string, message: string, status: number): void;
  /** A console warning and an `opus-error` for a problem with the element's attributes. */
  warn(message: string): void;
}
