import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from '../../server/db/database.ts';
import { bookingRequest, freeTimes, halfWrittenBookings, seedLoadOrganization } from '../support/load-org.ts';
import { createPostgresDatabase } from '../support/postgres-server.ts';
import { startApi, type ApiProcess } from '../support/processes.ts';
import { backends, lockTable } from '../support/table-lock.ts';
import { startTraffic, until } from '../support/traffic.ts';

// One of two API processes killed with SIGKILL in the middle of a booking
// (its transaction has written the appointment and waits to write the
// confirmation, held by a lock on the outbox): the other process keeps
// serving, and the booking either fully exists or not at all.
const server = await createPostgresDatabase();

test('an API process killed mid-booking: the other serves on, no booking half written', { skip: server ? false : 'no PostgreSQL (set TEST_DATABASE_URL)', timeout: 120_000 }, async () => {
  const database = await openDatabase({ url: server!.url, poolSize: 2 });
  const apis: ApiProcess[] = [];
  try {
    const org = await seedLoadOrganization(database.db, 'killed');
    apis.push(...await Promise.all([startApi({ databaseUrl: `${server!.url}?application_name=doomed` }), startApi({ databaseUrl: server!.url })]));
    const [doomed, survivor] = apis as [ApiProcess, ApiProcess];
    // The survivor books one provider's times; the cut booking is the other's: the survivor's bookings,
    // waiting for the outbox too, must not hold the cut booking's provider.
    const [cutTimes, otherTimes] = await Promise.all([freeTimes(survivor.url, org, 30, org.providers.p1), freeTimes(survivor.url, org, 30, org.providers.p2)]);
    const cutTime = cutTimes[0]!;
    const traffic = startTraffic({ urls: [survivor.url], fixture: org, times: otherTimes, loops: 2 });

    const lock = await lockTable(server!.url, 'messages');
    const cutOff = fetch(`${doomed.url}/api/v1/organizations/${org.subdomain}/bookings`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bookingRequest(org, cutTime, 499)),
    }).then((response) => response.status, (error: Error) => error.message);
    // The booking waits for the lock only once it is inside its transaction, after writing the appointment.
    await until('the booking waits inside its transaction', async () => (await backends(server!.url, { applicationName: 'doomed', waitingOnLock: true })).length === 1);
    doomed.process.kill('SIGKILL');
    assert.equal((await doomed.exited).signal, 'SIGKILL');
    assert.equal(typeof await cutOff, 'string', 'the killed process never answered');
    await lock.release();

    const exchanges = await new Promise<Awaited<ReturnType<typeof traffic.stop>>>((resolve) => setTimeout(() => resolve(traffic.stop()), 3_000));
    const afterwards = await fetch(`${survivor.url}/api/v1/organizations/${org.subdomain}/bookings`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bookingRequest(org, cutTimes.at(-1)!, 498)),
    });
    assert.equal(afterwards.status, 201, 'the other process books');
    assert.deepEqual(exchanges.filter((e) => e.status !== 200 && e.status !== 201 && e.status !== 409).map((e) => `${e.kind} ${e.status ?? e.error}`), [], 'the other process answered everything it was asked');
    assert.ok(exchanges.some((e) => e.kind === 'search' && e.status === 200));

    // The killed transaction ends (rolled back) once PostgreSQL notices its client is gone.
    await until('the killed booking\'s transaction is over', async () => (await backends(server!.url, { applicationName: 'doomed' })).length === 0);
    const cut = await database.db.selectFrom('appointments').select('id')
      .where('organization_id', '=', org.orgId).where('provider_id', '=', cutTime.providerId).where('starts_at', '=', new Date(cutTime.start)).where('status', '=', 'booked').execute();
    assert.equal(cut.length, 0, 'the killed transaction never committed: nothing of it remains');
    assert.deepEqual(await halfWrittenBookings(database.db, org.orgId), [], 'every booking has its patient, contacts and confirmation');
  } finally {
    await Promise.all(apis.map((api) => api.stop()));
    await database.close();
    await server!.drop();
  }
});
