import type { RateLimitSettings } from '../../sdk/schemas/organization.ts';
import { DomainError } from '../domain/domain-error.ts';
import { hashKeyPart, type AttemptLimits } from './booking-attempts.ts';

/** Which step of a login a request is: each counts against `loginsPerIpPerHour` on its own, so one whole login costs one of each. */
export type LoginStep = 'eid-start' | 'eid-callback';

/**
 * Counts one login step from a client IP against the organization's
 * `loginsPerIpPerHour`, or throws `rate_limited` (429 with `Retry-After`)
 * before anything is written. The IP reaches the counter only as a keyed
 * hash.
 *
 * @example
 * await limitLoginAttempt(limits, { organizationId: org.id, settings: org.settings.rateLimits, ip }, 'eid-start', now);
 */
export async function limitLoginAttempt(limits: AttemptLimits, attempt: { organizationId: string; settings: RateLimitSettings; ip: string }, step: LoginStep, now: Date): Promise<void> {
  const secret = typeof limits.secret === 'string' ? limits.secret : await limits.secret();
  const key = `org:${attempt.organizationId}:login:${step}:ip:${hashKeyPart(secret, attempt.ip)}`;
  const result = await limits.limiter.consume(key, { points: attempt.settings.loginsPerIpPerHour, windowSeconds: 3600 }, now);
  if (!result.allowed) throw new DomainError('rate_limited', { retryAfterSeconds: result.retryAfterSeconds });
}
