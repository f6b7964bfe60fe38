import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DATABASE_KINDS, createTestDatabase } from '../../test/support/test-database.ts';
import { DatabaseRateLimiter } from './database/database-rate-limiter.ts';
import { MemoryRateLimiter } from './memory/memory-rate-limiter.ts';
import type { RateLimiter } from './rate-limiter.ts';

const T0 = new Date('2026-12-01T07:00:10Z');
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const perMinute = (points: number) => ({ points, windowSeconds: 60 });

function behaves(name: string, make: () => Promise<RateLimiter | undefined>) {
  test(`${name}: allows the limit, then refuses with the seconds until the window ends`, async () => {
    const limiter = (await make())!;
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await limiter.consume('a', perMinute(3), T0));
    assert.deepEqual(answers.map((a) => [a.allowed, a.remaining]), [[true, 2], [true, 1], [true, 0], [false, 0]]);
    assert.equal(answers[3]!.retryAfterSeconds, 50);
  });

  test(`${name}: keys and window sizes count apart; the next window allows again`, async () => {
    const limiter = (await make())!;
    assert.equal((await limiter.consume('b', perMinute(1), T0)).allowed, true);
    assert.equal((await limiter.consume('b', perMinute(1), T0)).allowed, false);
    assert.equal((await limiter.consume('c', perMinute(1), T0)).allowed, true);
    assert.equal((await limiter.consume('b', { points: 1, windowSeconds: 3600 }, T0)).allowed, true);
    assert.equal((await limiter.consume('b', perMinute(1), later(49))).allowed, false);
    assert.equal((await limiter.consume('b', perMinute(1), later(50))).allowed, true);
  });

  test(`${name}: a limit of 0 refuses every attempt`, async () => {
    const limiter = (await make())!;
    assert.equal((await limiter.consume('z', perMinute(0), T0)).allowed, false);
  });
}

behaves('memory', async () => new MemoryRateLimiter());

for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  describe(`database rate limiter on ${kind}`, { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
    after(() => database?.close());
    behaves(kind, async () => new DatabaseRateLimiter(database!.db));

    test('N concurrent attempts allow exactly the limit', async () => {
      const limiter = new DatabaseRateLimiter(database!.db);
      const answers = await Promise.all(Array.from({ length: 60 }, () => limiter.consume('race', perMinute(7), T0)));
      assert.equal(answers.filter((a) => a.allowed).length, 7);
      assert.deepEqual(answers.filter((a) => a.allowed).map((a) => a.remaining).sort(), [0, 1, 2, 3, 4, 5, 6]);
    });

    test('ended windows are swept as attempts go on', async () => {
      const limiter = new DatabaseRateLimiter(database!.db, { sweepEvery: 1 });
      await limiter.consume('old', perMinute(5), T0);
      await limiter.consume('new', perMinute(5), later(3600));
      const keys = await database!.db.selectFrom('rate_limit_counters').select('key').execute();
      assert.deepEqual(keys.map((k) => k.key), ['new|60']);
    });
  });
}
