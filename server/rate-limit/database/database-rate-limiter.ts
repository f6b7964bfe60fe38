import type { Db } from '../../db/database.ts';
import { secondsUntil, windowOf, type Consumed, type Limit, type RateLimiter } from '../rate-limiter.ts';

/**
 * Counters in the `rate_limit_counters` table, so every API process shares
 * them; works on PGlite and PostgreSQL alike. One attempt is one atomic
 * upsert of the key's row for the current fixed window: the row lock
 * serializes concurrent attempts, so exactly `points` of them are allowed.
 * A refused attempt leaves the count at the limit, and writes nothing new.
 *
 * Every `sweepEvery`-th attempt (default 100) also deletes the rows of ended
 * windows, so the table holds only live windows plus a little slack.
 *
 * @example
 * const limiter = new DatabaseRateLimiter(db);
 * const { allowed, retryAfterSeconds } = await limiter.consume('org:1:booking:ip:192.0.2.1', { points: 10, windowSeconds: 60 }, new Date());
 */
export class DatabaseRateLimiter implements RateLimiter {
  readonly #db: Db;
  readonly #sweepEvery: number;
  #attempts = 0;

  constructor(db: Db, options: { sweepEvery?: number } = {}) {
    this.#db = db;
    this.#sweepEvery = Math.max(1, options.sweepEvery ?? 100);
  }

  async consume(key: string, limit: Limit, now: Date): Promise<Consumed> {
    if (this.#attempts++ % this.#sweepEvery === 0) await sweepRateLimitCounters(this.#db, now);
    const { start, end } = windowOf(limit, now);
    const retryAfterSeconds = secondsUntil(end, now);
    if (limit.points <= 0) return { allowed: false, retryAfterSeconds, remaining: 0 };
    const row = await this.#db
      .insertInto('rate_limit_counters')
      .values({ key: `${key}|${limit.windowSeconds}`, window_start: new Date(start), expires_at: new Date(end), count: 1 })
      .onConflict((oc) =>
        oc
          .columns(['key', 'window_start'])
          .doUpdateSet((eb) => ({ count: eb('rate_limit_counters.count', '+', 1) }))
          .where('rate_limit_counters.count', '<', limit.points),
      )
      .returning('count')
      .executeTakeFirst();
    // No row: the conflict's update was skipped, the window is full.
    if (!row) return { allowed: false, retryAfterSeconds, remaining: 0 };
    return { allowed: true, retryAfterSeconds, remaining: limit.points - row.count };
  }
}

/**
 * Deletes the counters of windows that have ended; answers how many.
 *
 * @example
 * await sweepRateLimitCounters(db, new Date()); // 42
 */
export async function sweepRateLimitCounters(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('rate_limit_counters').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
