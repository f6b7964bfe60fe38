import { createHmac } from 'node:crypto';
import type { RateLimitSettings } from '../../sdk/schemas/organization.ts';
import { parseNationalId } from '../../sdk/validation/national-id.ts';
import { DomainError } from '../domain/domain-error.ts';
import type { Limit, RateLimiter } from './rate-limiter.ts';

const MINUTE = 60;
const HOUR = 3600;

/** What the booking routes need to limit attempts. */
export interface AttemptLimits {
  limiter: RateLimiter;
  /** Keys the hash of national ids and tokens in counter keys; the same in every process. */
  secret: string | (() => Promise<string>);
}

/** Who is attempting: the client IP, and the national id or manage token if the request has one. */
export interface Attempt {
  organizationId: string;
  settings: RateLimitSettings;
  ip: string;
  nationalId?: string | undefined;
  token?: string | undefined;
}

/**
 * Counts one booking attempt (a new booking, a rebook or a cancellation)
 * against the organization's limits: per client IP per minute and per hour,
 * and per national id or per manage link per hour. Throws `rate_limited`
 * with the seconds to wait at the first limit reached, before anything is
 * written. The IP, the national id and the token only reach the counters as
 * keyed hashes, each in a key of its own, so no row links them.
 *
 * @example
 * await limitBookingAttempt(limits, { organizationId: org.id, settings: org.settings.rateLimits, ip, nationalId }, now);
 */
export async function limitBookingAttempt(limits: AttemptLimits, attempt: Attempt, now: Date): Promise<void> {
  const { settings } = attempt;
  const prefix = `org:${attempt.organizationId}:booking`;
  const secret = await keySecret(limits);
  const ip = hashKeyPart(secret, attempt.ip);
  const checks: Array<[string, Limit]> = [
    [`${prefix}:ip:${ip}`, { points: settings.bookingsPerIpPerMinute, windowSeconds: MINUTE }],
    [`${prefix}:ip:${ip}`, { points: settings.bookingsPerIpPerHour, windowSeconds: HOUR }],
  ];
  if (attempt.nationalId !== undefined) {
    const id = parseNationalId(attempt.nationalId)?.value ?? attempt.nationalId.replace(/\s/g, '');
    checks.push([`${prefix}:nid:${hashKeyPart(secret, id)}`, { points: settings.bookingsPerNationalIdPerHour, windowSeconds: HOUR }]);
  }
  if (attempt.token !== undefined) {
    checks.push([`${prefix}:token:${hashKeyPart(secret, attempt.token)}`, { points: settings.changesPerTokenPerHour, windowSeconds: HOUR }]);
  }
  await consumeLimits(limits.limiter, checks, now);
}

/**
 * The secret that keys personal values in counter keys ({@link hashKeyPart}).
 *
 * @example
 * const key = `org:${orgId}:code-send:to:${hashKeyPart(await keySecret(limits), mobile)}`;
 */
export async function keySecret(limits: AttemptLimits): Promise<string> {
  return typeof limits.secret === 'string' ? limits.secret : limits.secret();
}

/**
 * Counts one attempt against each limit in turn; throws `rate_limited` with
 * the seconds to wait at the first one reached (later ones are not counted).
 *
 * @example
 * await consumeLimits(limiter, [[`org:${orgId}:code:ip:${ipHash}`, { points: 20, windowSeconds: 3600 }]], now);
 */
export async function consumeLimits(limiter: RateLimiter, checks: ReadonlyArray<readonly [string, Limit]>, now: Date): Promise<void> {
  for (const [key, limit] of checks) {
    const result = await limiter.consume(key, limit, now);
    if (!result.allowed) throw new DomainError('rate_limited', { retryAfterSeconds: result.retryAfterSeconds });
  }
}

/**
 * A personal value (national id, phone number, token, IP) as it may appear in
 * a counter key: HMAC-SHA256 under the server's secret, 128 bits in hex.
 *
 * @example
 * hashKeyPart(secret, '13097248022'); // '5f0c…' (32 hex digits)
 */
export function hashKeyPart(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('hex').slice(0, 32);
}
