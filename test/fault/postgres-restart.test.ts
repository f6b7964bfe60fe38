import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../server/db/database.ts';
import type { Fixture } from '../support/fixture.ts';
import { freeTimes, halfWrittenBookings, seedLoadOrganization } from '../support/load-org.ts';
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres.ts';
import { startApi, startWorker, type ApiProcess, type ServerProcess } from '../support/processes.ts';
import { startTraffic, until, type Exchange } from '../support/traffic.ts';

// PostgreSQL stopped (pg_ctl stop -m fast) and started again while patients
// search and book through an API process and a worker sends: meanwhile the
// API answers 503 with Retry-After; afterwards the same processes serve and
// send again by themselves; no booking is half written, no message lost.
// The server is this file's own: stopping the suite's shared one would
// break the other test files.

let pg: OwnPostgres;
let database: Database;
let org: Fixture;
let api: ApiProcess;
let worker: ServerProcess;
let dir: string;
/** Exchanges sent before the stop, while stopped (until a search answered again), and after. */
const phases: Record<'before' | 'down' | 'after', Exchange[]> = { before: [], down: [], after: [] };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'opus-fault-pg-'));
  pg = await startOwnPostgres('fault-restart');
  database = await openDatabase({ url: pg.url, poolSize: 2 });
  org = await seedLoadOrganization(database.db, 'fault');
  [api, worker] = await Promise.all([
    startApi({ databaseUrl: pg.url }),
    startWorker({ databaseUrl: pg.url, env: { SMS_GATEWAY: 'console', SMS_SINK_FILE: join(dir, 'sms.jsonl'), MESSAGING_WORKER_INTERVAL_MS: '500', MESSAGING_WORKER_LEASE_MS: '3000' } }),
  ]);
  const times = await freeTimes(api.url, org, 30);
  const traffic = startTraffic({ urls: [api.url], fixture: org, times });
  let stoppedAt = Infinity;
  let backAt = Infinity;
  try {
    await until('some bookings before the stop', () => traffic.exchanges.filter((e) => e.status === 201).length >= 5);
    stoppedAt = Date.now();
    await pg.halt();
    // Patients keep trying while the database is down.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await pg.resume();
    await until('a search answers 200 again', () => traffic.exchanges.some((e) => e.kind === 'search' && e.sentAt > stoppedAt && e.status === 200));
    backAt = Date.now();
    await until('some bookings after the restart', () => traffic.exchanges.filter((e) => e.status === 201 && e.sentAt > backAt).length >= 3);
  } finally {
    for (const exchange of await traffic.stop()) {
      phases[exchange.endedAt < stoppedAt ? 'before' : exchange.sentAt > backAt ? 'after' : 'down'].push(exchange);
    }
    const summary = (list: Exchange[]) => JSON.stringify(list.reduce<Record<string, number>>((counts, e) => { const key = `${e.kind} ${e.status ?? e.error}`; counts[key] = (counts[key] ?? 0) + 1; return counts; }, {}));
    console.error(`[fault] before: ${summary(phases.before)} down: ${summary(phases.down)} after: ${summary(phases.after)}`);
  }
}, { timeout: 180_000 });

after(async () => {
  await Promise.all([api?.stop(), worker?.stop()]);
  await database?.close();
  await pg?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

// Needs the `ops` branch (database outages mapped to 503 with Retry-After): today they answer 500.
test('while PostgreSQL is down, the API answers 503 with Retry-After', () => {
  const answered = phases.down.filter((e) => e.status !== undefined && e.status !== 200 && e.status !== 201 && e.status !== 409);
  assert.ok(answered.length > 0, 'some requests were answered while the database was down');
  assert.deepEqual(phases.down.filter((e) => e.error !== undefined).map((e) => e.error), [], 'every request got an HTTP answer');
  assert.deepEqual(answered.filter((e) => e.status !== 503 || !/^\d+$/.test(e.retryAfter ?? '')).map((e) => `${e.kind} ${e.status} Retry-After: ${e.retryAfter}`), []);
});

test('after the restart the same API process answers again: searches 200, bookings 201 or 409', () => {
  assert.ok(api.process.exitCode === null, 'the API process was not restarted');
  const unexpected = phases.after.filter((e) => e.status !== 200 && e.status !== 201 && e.status !== 409);
  assert.deepEqual(unexpected.map((e) => `${e.kind} ${e.status ?? e.error}`), []);
  assert.ok(phases.after.some((e) => e.status === 201), 'bookings succeed again');
});

test('no booking is half written, and every booking answered 201 is there', async () => {
  assert.deepEqual(await halfWrittenBookings(database.db, org.orgId), []);
  const answered = Object.values(phases).flat().flatMap((e) => e.bookingId ? [e.bookingId] : []);
  const stored = await database.db.selectFrom('appointments').select('id').where('organization_id', '=', org.orgId).where('id', 'in', answered).execute();
  assert.equal(stored.length, answered.length);
});

test('the same worker sends every confirmation once PostgreSQL is back: none lost', async () => {
  assert.ok(worker.process.exitCode === null, 'the worker was not restarted');
  const unsent = () => database.db.selectFrom('messages').select(['id', 'status', 'last_error'])
    .where('organization_id', '=', org.orgId).where('kind', '=', 'booked').where('status', '!=', 'sent').execute();
  await until('every confirmation is sent', async () => (await unsent()).length === 0, 60_000).catch(() => {});
  assert.deepEqual(await unsent(), []);
  const confirmations = await database.db.selectFrom('messages').select('id').where('organization_id', '=', org.orgId).where('kind', '=', 'booked').execute();
  const booked = await database.db.selectFrom('appointments').select('id').where('organization_id', '=', org.orgId).where('source', '=', 'online').execute();
  assert.equal(confirmations.length, booked.length * 2, 'an SMS and an e-mail confirmation per booking');
});
