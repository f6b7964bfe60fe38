/** How many attempts a key may make in a fixed window. */
export interface Limit {
  /** Attempts allowed per window (0 refuses every attempt). */
  points: number;
  windowSeconds: number;
}

/** The answer to one attempt. */
export interface Consumed {
  allowed: boolean;
  /** Seconds until the window that refused (or counted) this attempt ends; at least 1. */
  retryAfterSeconds: number;
  /** Attempts left in the window after this one. */
  remaining: number;
}

/**
 * Counts attempts per key in fixed windows and says whether one more is
 * allowed. The database implementation keeps the counters in a table so all
 * API processes share them; the in-memory one is for unit tests.
 *
 * Keys are opaque strings the caller builds; never put personal data (a
 * national id, a phone number, a token) in one as it is: hash it first
 * (`hashKeyPart`).
 *
 * @example
 * const result = await limiter.consume('org:1:booking:ip:192.0.2.1', { points: 10, windowSeconds: 60 }, now);
 * if (!result.allowed) throw new DomainError('rate_limited', { retryAfterSeconds: result.retryAfterSeconds });
 */
export interface RateLimiter {
  consume(key: string, limit: Limit, now: Date): Promise<Consumed>;
}

/** The start of the fixed window `now` falls in, and the instant it ends (ms since the epoch). */
export function windowOf(limit: Limit, now: Date): { start: number; end: number } {
  const size = limit.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / size) * size;
  return { start, end: start + size };
}

/** Whole seconds from `now` until `end`, at least 1 (a `Retry-After` of 0 invites a busy loop). */
export function secondsUntil(end: number, now: Date): number {
  return Math.max(1, Math.ceil((end - now.getTime()) / 1000));
}
