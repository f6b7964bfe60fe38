import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { CompiledQuery, sql, type KyselyPlugin, type RootOperationNode } from 'kysely';
import type { Db } from '../server/db/database.ts';
import { isPreparedStatement } from '../server/db/prepared.ts';
import { listBook } from '../server/booking/appointment-book.ts';
import { loadAppointment } from '../server/booking/booking-view.ts';
import { reminderStatuses, todaysAppointments } from '../server/messaging/message-queries.ts';
import { beginAttempts, claimDue, recordOutcomes, sweep } from '../server/messaging/outbox-repository.ts';
import { setAppointmentReminders } from '../server/messaging/appointment-reminders.ts';
import { findOrganization } from '../server/organizations/organization-repository.ts';
import type { Organization } from '../server/organizations/organization.ts';
import { bookedAhead } from '../server/schedules/stranded.ts';
import { searchSlots, searchSlotsAt } from '../server/slots/slot-search.ts';
import { loadEveryTime } from '../server/cache/config-cache.ts';
import { clearExpiredHolds, lockLiveHold, releaseHold, sweepHolds } from '../server/verification/holds.ts';
import { hashSecretToken } from '../server/domain/secret-token.ts';
import { minuteOf } from '../server/time/minutes.ts';
import { DATABASE_KINDS, createTestDatabase } from './support/test-database.ts';
import { seedFixture, type Fixture } from './support/fixture.ts';
import { fillHistory } from './support/history.ts';

// Issue 11.2: a clinic with years of history pays nothing for it. Each hot
// query runs as the server runs it (the SQL Kysely compiled for the real
// function, with its parameters), over five years of appointments and their
// messages, and its plan must reach appointments, messages and holds
// through an index: a sequential scan there reads all of history.

const HOT_TABLES = new Set(['appointments', 'messages', 'online_slots']);
const NOW = new Date('2026-12-01T09:00:00Z');

interface PlanNode { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; 'Index Cond'?: string; Plans?: PlanNode[] }

/** Every query a piece of code runs on `db`, compiled exactly as it was sent. */
function recording(db: Db): { db: Db; take(): CompiledQuery[] } {
  const seen: Array<{ node: RootOperationNode; queryId: Parameters<KyselyPlugin['transformQuery']>[0]['queryId'] }> = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => { seen.push({ node: args.node, queryId: args.queryId }); return args.node; },
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(plugin), take: () => seen.splice(0).map(({ node, queryId }) => db.getExecutor().compileQuery(node, queryId)) };
}

/** The scans of the hot tables in a query's plan: `Seq Scan on appointments`, `Bitmap Index Scan on appointments_no_overlap`… */
async function hotScans(db: Db, query: CompiledQuery): Promise<string[]> {
  const result = await db.executeQuery<{ 'QUERY PLAN': unknown }>(CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${query.sql}`, [...query.parameters]));
  const raw = result.rows[0]!['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan: PlanNode }>;
  const scans: string[] = [];
  const walk = (node: PlanNode) => {
    if (node['Relation Name'] && HOT_TABLES.has(node['Relation Name'])) scans.push(`${node['Node Type']} on ${node['Relation Name']}${node['Index Name'] ? ` (${node['Index Name']}${node['Index Cond'] ? `: ${node['Index Cond']}` : ''})` : ''}`);
    // A bitmap heap scan names the table; its child names the index.
    if (node['Node Type'] === 'Bitmap Index Scan') scans.push(`Bitmap Index Scan (${node['Index Name']})`);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan[0]!.Plan);
  return scans;
}

/**
 * The scans of a statement marked `preparedStatement()` in its generic plan: the one PostgreSQL settles on for a
 * statement prepared once per connection, planned without the values.
 */
async function genericPlanScans(db: Db, query: CompiledQuery): Promise<string[]> {
  const text = (value: unknown): string => value instanceof Date ? value.toISOString()
    : Array.isArray(value) ? `{${value.map((v) => v === null ? 'NULL' : `"${text(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`
      : String(value);
  const literal = (value: unknown) => value === null ? 'NULL' : `'${text(value).replaceAll("'", "''")}'`;
  return db.connection().execute(async (connection) => {
    await sql`SET plan_cache_mode = force_generic_plan`.execute(connection);
    await sql.raw(`PREPARE plans_generic AS ${query.sql}`).execute(connection);
    try {
      return await hotScans(connection, CompiledQuery.raw(`EXECUTE plans_generic(${query.parameters.map(literal).join(', ')})`, []));
    } finally {
      await sql`DEALLOCATE plans_generic`.execute(connection);
      await sql`RESET plan_cache_mode`.execute(connection);
    }
  });
}

/** Runs `work` and asserts that each query it made on a hot table reads it through an index; answers every scan of them. */
async function assertIndexed(db: Db, what: string, work: (db: Db) => Promise<unknown>): Promise<string[]> {
  const recorder = recording(db);
  await work(recorder.db);
  const queries = recorder.take().filter((q) => [...HOT_TABLES].some((table) => q.sql.includes(`"${table}"`) || q.sql.includes(` ${table} `)));
  assert.ok(queries.length > 0, `${what}: no query on appointments or messages was made`);
  const all: string[] = [];
  for (const query of queries) {
    const scans = await hotScans(db, query);
    const seq = scans.filter((s) => s.startsWith('Seq Scan'));
    assert.deepEqual(seq, [], `${what} reads a whole table: ${scans.join(', ')}\n${query.sql}`);
    all.push(...scans);
    if (isPreparedStatement(query.sql)) {
      const generic = await genericPlanScans(db, query);
      assert.deepEqual(generic.filter((s) => s.startsWith('Seq Scan')), [], `${what}, prepared, reads a whole table in its generic plan: ${generic.join(', ')}\n${query.sql}`);
      all.push(...generic.map((scan) => `generic plan: ${scan}`));
    }
  }
  return all;
}

// Both databases are made before either suite starts: PGlite building its history holds the event
// loop for long stretches, and a PostgreSQL connection begun meanwhile timed out on a busy machine.
const databases = await Promise.all(DATABASE_KINDS.map(async (kind) => [kind, await createTestDatabase(kind)] as const));
for (const [kind, database] of databases) {
  describe(`hot queries are answered from indexes over five years of history (${kind})`, { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)', timeout: 600_000 }, () => {
    let db: Db;
    let f: Fixture;
    let org: Organization;
    const holdId = 'query-plans-hold';
    const token = 'query-plans-token';
    let bookedId: string;

    before(async () => {
      db = database!.db;
      f = await seedFixture(db, { subdomain: 'plans' });
      org = await findOrganization(db, 'plans');
      const rows = await fillHistory(db, { organizationId: f.orgId, clinicId: f.clinics.a, providerIds: [f.providers.p1, f.providers.p2], until: NOW, days: 5 * 365, perDay: 6 });
      assert.ok(rows > 20_000);
      // Today's life on top: an appointment with a manage link and waiting reminders, a live hold, an expired one.
      bookedId = randomUUID();
      const at = (iso: string) => new Date(iso);
      await db.insertInto('appointments').values([
        { id: bookedId, organization_id: f.orgId, clinic_id: f.clinics.a, provider_id: f.providers.p1, starts_at: at('2026-12-03T09:00:00Z'), ends_at: at('2026-12-03T09:30:00Z'), status: 'booked', source: 'online', manage_token_hash: hashSecretToken(token) },
        { id: randomUUID(), organization_id: f.orgId, clinic_id: f.clinics.a, provider_id: f.providers.p2, starts_at: at('2026-12-03T10:00:00Z'), ends_at: at('2026-12-03T10:30:00Z'), status: 'held', source: 'online', hold_expires_at: at('2026-12-01T09:05:00Z'), hold_token_hash: hashSecretToken(holdId) },
        { id: randomUUID(), organization_id: f.orgId, clinic_id: f.clinics.a, provider_id: f.providers.p2, starts_at: at('2026-12-03T11:00:00Z'), ends_at: at('2026-12-03T11:30:00Z'), status: 'held', source: 'online', hold_expires_at: at('2026-12-01T08:55:00Z'), hold_token_hash: hashSecretToken('expired-hold') },
      ]).execute();
      await db.insertInto('messages').values(['reminder1', 'reminder2'].map((kind) => ({
        id: randomUUID(), organization_id: f.orgId, channel: 'sms' as const, kind: kind as 'reminder1', recipient: '+4791234567', body: 'Reminder', send_at: at('2026-12-02T09:00:00Z'), appointment_id: bookedId,
      }))).execute();
      // Published times (the seed's e-tider) for years too: four a day for P3 at C.
      await sql`
        INSERT INTO online_slots (id, organization_id, provider_id, clinic_id, starts_at, ends_at)
        SELECT gen_random_uuid(), ${f.orgId}::uuid, ${f.providers.p3}::uuid, ${f.clinics.c}::uuid, t, t + interval '30 minutes'
        FROM generate_series(${NOW}::timestamptz - interval '5 years', ${NOW}::timestamptz + interval '60 days', interval '6 hours') AS t
      `.execute(db);
      await sql`ANALYZE`.execute(db);
    });

    after(() => database?.close());

    test('busy times of a week\'s slot search (the exclusion constraint\'s GiST index), for one provider and for any', async () => {
      for (const providerId of [f.providers.p1, undefined]) {
        const scans = await assertIndexed(db, 'slot search', (d) => searchSlots(d, org, { treatmentId: f.treatments.checkup, clinicId: f.clinics.a, providerId, from: '2026-12-07', to: '2026-12-13' }, NOW));
        assert.ok(scans.some((s) => s.includes('appointments_no_overlap')), scans.join(', '));
        assert.ok(scans.some((s) => s.includes('online_slots_overlap')), scans.join(', '));
      }
      // From the config cache: the version and the busy times in one statement, through the same index.
      const { config_version: version } = await db.selectFrom('organizations').select('config_version').where('id', '=', org.id).executeTakeFirstOrThrow();
      const scans = await assertIndexed(db, 'cached slot search', async (d) => {
        assert.ok(await searchSlotsAt(d, org, version, { treatmentId: f.treatments.checkup, clinicId: f.clinics.a, from: '2026-12-07', to: '2026-12-13' }, NOW, loadEveryTime), 'the version is current');
      });
      assert.ok(scans.some((s) => s.includes('appointments_no_overlap')), scans.join(', '));
      // Prepared once per connection on PostgreSQL, and its generic plan (made without the values) takes the index too.
      assert.ok(scans.some((s) => s.startsWith('generic plan: ') && s.includes('appointments_no_overlap')), scans.join(', '));
      if (kind === 'postgres') {
        // The connection that ran it keeps it prepared under its name.
        const prepared = await db.connection().execute(async (connection) => {
          await searchSlotsAt(connection, org, version, { treatmentId: f.treatments.checkup, clinicId: f.clinics.a, from: '2026-12-07', to: '2026-12-13' }, NOW, loadEveryTime);
          return (await sql<{ name: string }>`SELECT name FROM pg_prepared_statements`.execute(connection)).rows.map((row) => row.name);
        });
        assert.ok(prepared.some((name) => name.startsWith('opus_')), `prepared on the connection: ${prepared.join(', ')}`);
      }
      // And the search answers: history does not leak into next week.
      const result = await searchSlots(db, org, { treatmentId: f.treatments.checkup, clinicId: f.clinics.a, from: '2026-12-07', to: '2026-12-07' }, NOW);
      assert.ok(result.slots.length > 0);
    });

    test('the day\'s and the week\'s book, with and without cancelled, and today\'s patients with their reminders', async () => {
      await assertIndexed(db, 'day book', (d) => listBook(d, org, { from: '2026-12-03' }));
      await assertIndexed(db, 'week book with cancelled', (d) => listBook(d, org, { from: '2026-11-23', to: '2026-11-29', includeCancelled: 'true', providerId: f.providers.p1 }));
      await assertIndexed(db, 'today', (d) => todaysAppointments(d, org, NOW, '2026-12-03'));
      await assertIndexed(db, 'reminder statuses', (d) => reminderStatuses(d, org.id, [bookedId]));
    });

    test('the worker: its sweep of expired and cancelled messages, and its pick of due ones', async () => {
      await assertIndexed(db, 'outbox sweep', (d) => sweep(d, NOW));
      const claimedAt = new Date('2026-12-02T10:00:00Z');
      let ids: string[] = [];
      const claimScans = await assertIndexed(db, 'claim of due messages', async (d) => {
        ids = (await claimDue(d, { now: claimedAt, workerId: 'plans', limit: 200, leaseMs: 60_000, pausedSmsOrganizations: [] })).map((m) => m.id);
      });
      assert.ok(ids.length > 0, 'the waiting reminders are claimed');
      // In another organization's quiet hours: the same statement, and no reminder of this one is held back.
      await assertIndexed(db, 'claim with paused organizations', async (d) => {
        await claimDue(d, { now: claimedAt, workerId: 'plans-paused', limit: 200, leaseMs: 60_000, pausedSmsOrganizations: [randomUUID(), randomUUID()] });
      });
      // The claim, the begin and the record are prepared (PGlite and PostgreSQL alike): their generic plans must hold.
      assert.ok(claimScans.some((s) => s.startsWith('generic plan: ')), claimScans.join(', '));
      const beginScans = await assertIndexed(db, 'beginning attempts', async (d) => {
        assert.equal((await beginAttempts(d, { ids, workerId: 'plans', now: claimedAt, leaseMs: 60_000 })).size, ids.length);
      });
      assert.ok(beginScans.some((s) => s.startsWith('generic plan: ')), beginScans.join(', '));
      // Handed back to retry at the same time, so the reminders stay waiting for the tests after this one.
      const recordScans = await assertIndexed(db, 'recording outcomes', async (d) => {
        const recorded = await recordOutcomes(d, 'plans', ids.map((id) => ({ id, status: 'retrying' as const, error: 'plans', retryAt: new Date('2026-12-02T09:00:00Z') })));
        assert.deepEqual(recorded.map((m) => m.status), ids.map(() => 'retrying'));
      });
      assert.ok(recordScans.some((s) => s.startsWith('generic plan: ')), recordScans.join(', '));
    });

    test('holds: the lookup by hold id, its release, clearing expired ones under a booking, the sweep', async () => {
      await assertIndexed(db, 'hold lookup', (d) => d.transaction().execute((trx) => lockLiveHold(trx, org, holdId, NOW)));
      await assertIndexed(db, 'clearing expired holds', (d) => clearExpiredHolds(d, f.providers.p2, minuteOf(new Date('2026-12-03T11:00:00Z')), minuteOf(new Date('2026-12-03T11:30:00Z')), NOW));
      await assertIndexed(db, 'hold sweep', (d) => sweepHolds(d, NOW));
      await assertIndexed(db, 'hold release', (d) => releaseHold(d, org, holdId));
    });

    test('a manage link\'s booking, and the appointments a schedule change could strand', async () => {
      const row = await loadAppointment(db, org, { tokenHash: hashSecretToken(token) });
      assert.equal(row.id, bookedId);
      await assertIndexed(db, 'manage link', (d) => loadAppointment(d, org, { tokenHash: hashSecretToken(token) }));
      await assertIndexed(db, 'appointments ahead', (d) => bookedAhead(d, org, f.providers.p1, [f.clinics.a], NOW));
    });

    test('scheduling an appointment\'s reminders again (its messages, the sent list)', async () => {
      await assertIndexed(db, 'reminders', (d) => setAppointmentReminders(d, org, bookedId, { enabled: false }, NOW));
    });
  });
}
