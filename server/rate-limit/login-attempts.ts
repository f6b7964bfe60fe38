import type { RateLimitSettings } from '../../sdk/schemas/organization.ts';
import { consumeLimits, hashKeyPart, keySecret, type AttemptLimits } from './booking-attempts.ts';

/**
 * Which step of a login a request is: each counts against
 * `loginsPerIpPerHour` on its own, so one whole login costs one of each
 * (SMS: the code, then the session; e-ID: the start, then the callback).
 */
export type LoginStep = 'sms-code' | 'sms-session' | 'eid-start' | 'eid-callback';

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
  const key = `org:${attempt.organizationId}:login:${step}:ip:${hashKeyPart(await keySecret(limits), attempt.ip)}`;
  await consumeLimits(limits.limiter, [[key, { points: attempt.settings.loginsPerIpPerHour, windowSeconds: 3600 }]], now);
}
