import { OpusApiError } from '../sdk/errors.ts';
import type { Messages } from './i18n/messages.ts';
import type { FlowHost } from './flow-host.ts';

/**
 * The patient's message for a failure: translated, saying what to do, never
 * the server's developer text.
 *
 * @example
 * errorText(new OpusApiError(0, 'network', 'Failed to fetch'), t); // t.problem.network
 */
export function errorText(error: unknown, t: Messages): string {
  if (error instanceof OpusApiError) {
    // Timeouts are network failures too: the API did not answer in time.
    if (error.code === 'network') return t.problem.network;
    if (error.code === 'rate_limited') return t.problem.rateLimited;
    if (error.status === 404) return t.problem.notFound;
    if (error.code === 'cutoff_passed') return t.manage.tooLate;
    if (error.code === 'rebooking_disabled' || error.code === 'cancellation_disabled') return t.manage.notOnline;
  }
  return t.problem.server;
}

/** The API error code of a failure, if it is one. */
export function codeOf(error: unknown): string | undefined {
  return error instanceof OpusApiError ? error.code : undefined;
}

/** Whether a failure means the chosen time is gone (409): the patient picks another. */
export function isSlotGone(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'slot_taken' || code === 'slot_unavailable' || code === 'hold_expired';
}

/** Tells the page about a failure through `opus-error`. */
export function reportError(host: Pick<FlowHost, 'failed'>, error: unknown): void {
  if (error instanceof OpusApiError) host.failed(error.code, error.message, error.status);
  else host.failed('internal', String(error), 0);
}
