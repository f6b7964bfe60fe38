import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase, type Database } from '../server/db/database.ts';
import { createHarness } from './support/api-harness.ts';
import { createPostgresDatabase } from './support/postgres-server.ts';

// Issue 11 (faults survived): when every connection of the PostgreSQL pool is
// busy, a request waits at most DATABASE_POOL_TIMEOUT_MS for one, then is
// answered 503 with Retry-After (try again), never 500 and never a request
// hanging until the client gives up; once a connection is free, requests
// are served again. PostgreSQL only: PGlite has no pool.

const server = await createPostgresDatabase();

describe('an exhausted PostgreSQL pool', { skip: server ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)', timeout: 120_000 }, () => {
  let database: Database | undefined;
  after(async () => {
    await database?.close();
    await server?.drop();
  });

  test('a pool of one held by a long transaction: a request is answered 503 problem+json with Retry-After; afterwards requests succeed', async () => {
    database = await openDatabase({ url: server!.url, poolSize: 1, poolTimeoutMs: 1_000 });
    const h = await createHarness(database);
    const week = `/slots?${new URLSearchParams({ treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, from: '2026-12-07', to: '2026-12-13' })}`;
    assert.equal((await h.call('GET', week)).status, 200, 'served while the pool is free');

    let release!: () => void;
    const released = new Promise<void>((resolve) => { release = resolve; });
    let holding!: () => void;
    const held = new Promise<void>((resolve) => { holding = resolve; });
    // Someone else's long transaction holds the only connection.
    const transaction = database.db.transaction().execute(async (trx) => {
      await trx.selectFrom('organizations').select('id').execute();
      holding();
      await released;
    });
    await held;
    try {
      const refused = await h.call('GET', week);
      assert.equal(refused.status, 503, JSON.stringify(refused.body));
      assert.equal(refused.type, 'application/problem+json');
      assert.equal(refused.body.code, 'unavailable');
      assert.ok(Number(refused.headers.get('retry-after')) > 0, 'with Retry-After');
    } finally {
      release();
      await transaction;
    }
    const served = await h.call('GET', week);
    assert.equal(served.status, 200, 'served again once the connection is free');
    assert.ok(served.body.slots.length > 0);
  });
});
