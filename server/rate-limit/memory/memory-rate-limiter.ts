import { secondsUntil, windowOf, type Consumed, type Limit, type RateLimiter } from '../rate-limiter.ts';

/**
 * Counters in this process's memory: for unit tests and single-process
 * tools. Ended windows are dropped as new attempts arrive.
 *
 * @example
 * const limiter = new MemoryRateLimiter();
 * await limiter.consume('k', { points: 1, windowSeconds: 60 }, new Date()); // { allowed: true, … }
 */
export class MemoryRateLimiter implements RateLimiter {
  readonly #counters = new Map<string, { end: number; count: number }>();

  async consume(key: string, limit: Limit, now: Date): Promise<Consumed> {
    const { start, end } = windowOf(limit, now);
    for (const [k, counter] of this.#counters) if (counter.end <= now.getTime()) this.#counters.delete(k);
    const id = `${key}\u0000${limit.windowSeconds}\u0000${start}`;
    const counter = this.#counters.get(id) ?? { end, count: 0 };
    const allowed = counter.count < limit.points;
    if (allowed) counter.count += 1;
    this.#counters.set(id, counter);
    return { allowed, retryAfterSeconds: secondsUntil(end, now), remaining: Math.max(0, limit.points - counter.count) };
  }
}
