import type { Context } from 'hono';
import type { Problem } from '../../sdk/schemas/problem.ts';
import type { ErrorCode } from '../../sdk/schemas/problem.ts';
import { DomainError } from '../domain/domain-error.ts';
import { describeError } from '../logging/describe-error.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';

/** The HTTP status each domain error code answers with. */
export const STATUS: Record<ErrorCode, number> = {
  validation_failed: 422,
  not_found: 404,
  slot_taken: 409,
  slot_unavailable: 409,
  booking_off: 403,
  rebooking_disabled: 403,
  cancellation_disabled: 403,
  cutoff_passed: 403,
  already_cancelled: 409,
  already_decided: 409,
  idempotency_key_reused: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthorized: 401,
  forbidden: 403,
  rate_limited: 429,
  verification_required: 403,
  verification_failed: 422,
  verification_expired: 410,
  hold_expired: 410,
  login_required: 401,
  subdomain_taken: 409,
  totp_required: 401,
  last_owner: 409,
  unavailable: 503,
  internal: 500,
};

const TITLES: Record<ErrorCode, string> = {
  validation_failed: 'The request has invalid fields',
  not_found: 'Not found',
  slot_taken: 'The time was just taken by someone else',
  slot_unavailable: 'The time is not available',
  booking_off: 'Online booking is not available',
  rebooking_disabled: 'Rebooking online is not allowed',
  cancellation_disabled: 'Cancelling online is not allowed',
  cutoff_passed: 'It is too late to change this appointment online',
  already_cancelled: 'The appointment is already cancelled',
  already_decided: 'This was already accepted or rejected',
  idempotency_key_reused: 'The Idempotency-Key was used for a different request',
  payload_too_large: 'The request body is too large',
  unsupported_media_type: 'The request body must be application/json',
  unauthorized: 'Not authorized',
  forbidden: 'You may not do that here',
  rate_limited: 'Too many attempts; try again later',
  verification_required: 'The booking must be verified first',
  verification_failed: 'The code is not right',
  verification_expired: 'The code has expired or is used up; ask for a new one',
  hold_expired: 'The time is no longer held for you',
  login_required: 'Log in first',
  subdomain_taken: 'Another organization has this subdomain',
  totp_required: 'Give the six-digit code of your authenticator app',
  last_owner: 'The organization must keep at least one active owner',
  unavailable: 'The service is unavailable for a moment; try again shortly',
  internal: 'Something went wrong on our side',
};

/** How long a client is asked to wait when the database is unreachable (a 503, `/readyz` too). */
export const UNAVAILABLE_RETRY_SECONDS = 5;

/** Where the problem handler reports errors the client cannot fix: a message and fields without request data. */
export type ProblemLog = (message: string, fields?: { requestId?: string; method: string; route: string; code: 'internal' | 'unavailable' }) => void;

/**
 * Turns any thrown error into an RFC 9457 `application/problem+json` answer.
 * An unreachable database (down, restarting: `isDatabaseUnavailable`) is a
 * 503 with `Retry-After`; other unknown errors become a 500 whose body says
 * nothing about the cause. Both are logged with the route's pattern and the
 * request id, without request data (no national ids, numbers or texts).
 *
 * @example
 * app.onError(problemHandler());
 */
export function problemHandler(log: ProblemLog = (m) => console.error(m)) {
  return function onError(error: Error, c: Context): Response {
    const domain = toDomainError(error);
    const requestId = c.get('requestId') as string | undefined;
    if (domain !== error && (domain.code === 'internal' || domain.code === 'unavailable')) {
      log(`[opus] ${c.req.method} ${c.req.routePath}: ${describeError(error)}`, { ...(requestId ? { requestId } : {}), method: c.req.method, route: c.req.routePath, code: domain.code });
    }
    const body: Problem = {
      type: `https://opus-booking.dev/problems/${domain.code.replaceAll('_', '-')}`,
      title: TITLES[domain.code],
      status: STATUS[domain.code],
      code: domain.code,
      ...(domain.detail !== undefined ? { detail: domain.detail } : {}),
      ...(domain.issues ? { issues: [...domain.issues] } : {}),
      ...domain.extra,
    };
    const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
    // The refused body may still be arriving: say the connection ends here, so a
    // keep-alive client opens a new one instead of losing its next request.
    if (domain.code === 'payload_too_large') headers.connection = 'close';
    if (domain.retryAfterSeconds !== undefined) headers['retry-after'] = String(domain.retryAfterSeconds);
    // The request id (the `requestId` middleware's) on the answer too: what a user quotes to support.
    if (requestId) headers['x-request-id'] = requestId;
    return new Response(JSON.stringify(body), { status: STATUS[domain.code], headers });
  };
}

function toDomainError(error: Error): DomainError {
  if (error instanceof DomainError) return error;
  if (isDatabaseUnavailable(error)) return new DomainError('unavailable', { retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS });
  // Hono's own errors (e.g. a body that is not JSON) carry a 4xx status.
  const status = (error as { status?: number }).status;
  if (status === 413) return new DomainError('payload_too_large');
  if (status !== undefined && status >= 400 && status < 500) {
    return new DomainError('validation_failed', { detail: error.message, issues: [{ path: '', message: error.message, code: 'malformed' }] });
  }
  return new DomainError('internal');
}
