import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from '../../server/db/database.ts';
import { bookingRequest, freeTimes, halfWrittenBookings, seedLoadOrganization } from '../support/load-org.ts';
import { createPostgresDatabase } from '../support/postgres-server.ts';
import { startApi } from '../support/processes.ts';
import { backends, lockTable } from '../support/table-lock.ts';
import { until } from '../support/traffic.ts';

// SIGTERM to an API process while it serves searches and bookings: every
// request it had received is answered for real, and it exits 0. The
// requests are held in flight by a lock on the organizations table (every
// public request reads its organization first), so the test knows the
// process has them all when the signal comes.
const server = await createPostgresDatabase();
const POOL = 10; // the API's PostgreSQL pool (openDatabase's default): this many requests wait inside PostgreSQL

test('SIGTERM under load: every request in flight is answered, and the process exits 0', { skip: server ? false : 'no PostgreSQL (set TEST_DATABASE_URL)', timeout: 120_000 }, async () => {
  const database = await openDatabase({ url: server!.url, poolSize: 2 });
  const api = await startApi({ databaseUrl: `${server!.url}?application_name=terminated` });
  try {
    const org = await seedLoadOrganization(database.db, 'sigterm');
    const times = await freeTimes(api.url, org, 30);
    const base = `${api.url}/api/v1/organizations/${org.subdomain}`;
    const week = new URLSearchParams({ treatmentId: org.treatments.checkup, clinicId: org.clinics.a, from: times[0]!.start.slice(0, 10), to: times.at(-1)!.start.slice(0, 10) });

    const lock = await lockTable(server!.url, 'organizations');
    const inFlight = Array.from({ length: POOL }, (_, i) => (i % 2 === 0
      ? fetch(`${base}/slots?${week}`)
      : fetch(`${base}/bookings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bookingRequest(org, times[i]!, i)) })
    ).then(async (response) => ({ status: response.status, body: await response.text() }), (error: Error & { cause?: { code?: string } }) => ({ status: 0, body: error.cause?.code ?? error.message })));
    await until('every request waits inside PostgreSQL', async () => (await backends(server!.url, { applicationName: 'terminated', waitingOnLock: true })).length === POOL);

    api.process.kill('SIGTERM');
    // Shutting down, it still holds its requests: they finish once the database lets them.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.equal(api.process.exitCode, null, 'still running while requests are in flight');
    await lock.release();

    const answers = await Promise.all(inFlight);
    assert.deepEqual(answers.map((a) => a.status), Array.from({ length: POOL }, (_, i) => (i % 2 === 0 ? 200 : 201)), JSON.stringify(answers.filter((a) => a.status >= 300)));
    assert.equal((await api.exited).code, 0, 'exits 0');
    assert.deepEqual(await halfWrittenBookings(database.db, org.orgId), []);
  } finally {
    await api.stop();
    await database.close();
    await server!.drop();
  }
});
