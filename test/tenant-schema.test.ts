import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../server/db/database.ts';
import * as tenantKeys from '../server/db/migrations/0020_tenant_keys.ts';
import { DATABASE_KINDS, createTestDatabase } from './support/test-database.ts';
import { seedFixture } from './support/fixture.ts';

// Issue 11.7: the schema can be distributed by organization (Citus). Every
// tenant table carries organization_id, every key and unique or exclusion
// constraint on one includes it, and foreign keys between tenant tables
// carry it on both sides. Read from the catalog, so a new table must choose.

/** Tables that are not one organization's data, and why (docs/operations.md, "The Citus path"). */
const GLOBAL_TABLES: Record<string, string> = {
  organizations: 'the tenant root: its id is the organization id; a Citus reference table (subdomain is unique service-wide, read by Host before the organization is known)',
  kysely_migration: "Kysely's record of applied migrations, one per database",
  kysely_migration_lock: "Kysely's migration lock, one per database",
  server_secrets: 'secrets shared by every process (e.g. the rate limiter key), no organization',
  rate_limit_counters: 'counters keyed by client (address, handle hash) across organizations',
  worker_heartbeats: 'worker processes, each serving every organization',
  spent_challenges: 'bot-check solutions, spent once service-wide; a challenge names no organization',
};

async function rows<T>(db: Kysely<unknown>, query: ReturnType<typeof sql<T>>): Promise<T[]> {
  return (await query.execute(db)).rows;
}

/** Unique and exclusion indexes (primary keys, unique constraints and indexes, EXCLUDE) with their columns. */
function uniqueIndexes(db: Kysely<unknown>) {
  return rows<{ table: string; name: string; columns: string; definition: string }>(db, sql`
    SELECT t.relname AS table, i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition,
      coalesce((SELECT string_agg(a.attname::text, ',') FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attnum = ANY (x.indkey)), '') AS columns
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace s ON s.oid = t.relnamespace
    WHERE s.nspname = current_schema() AND (x.indisunique OR x.indisexclusion)
    ORDER BY 1, 2`);
}

for (const kind of DATABASE_KINDS) {
  describe(`tenant keys (${kind})`, async () => {
    const database: Database | undefined = await createTestDatabase(kind);
    const skip = database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)';
    const db = database?.db as unknown as Kysely<unknown>;
    after(() => database?.close());

    test('every table but the global ones has organization_id NOT NULL', { skip }, async () => {
      const tables = await rows<{ table_name: string; is_nullable: string | null }>(db, sql`
        SELECT t.table_name, c.is_nullable FROM information_schema.tables t
          LEFT JOIN information_schema.columns c ON c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'organization_id'
        WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE' ORDER BY 1`);
      const missing = tables.filter((t) => !(t.table_name in GLOBAL_TABLES) && t.is_nullable !== 'NO').map((t) => t.table_name);
      assert.deepEqual(missing, [], 'tenant tables without organization_id NOT NULL (add it, or list the table in GLOBAL_TABLES with a reason)');
      const gone = Object.keys(GLOBAL_TABLES).filter((name) => !tables.some((t) => t.table_name === name));
      assert.deepEqual(gone, [], 'allow-listed tables that no longer exist');
      assert.ok(tables.length > 30, `read the catalog (${tables.length} tables)`);
    });

    test('every key, unique and exclusion constraint of a tenant table includes organization_id', { skip }, async () => {
      const indexes = (await uniqueIndexes(db)).filter((i) => !(i.table in GLOBAL_TABLES));
      assert.ok(indexes.length > 30, `read the catalog (${indexes.length} unique indexes)`);
      const without = indexes.filter((i) => !i.columns.split(',').includes('organization_id')).map((i) => i.definition);
      assert.deepEqual(without, []);
      const overlap = await rows<{ definition: string }>(db, sql`
        SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conname = 'appointments_no_overlap'`);
      assert.match(overlap[0]!.definition, /EXCLUDE USING gist \(provider_id WITH =, organization_id WITH =, tstzrange\(starts_at, ends_at, '\[\)'::text\) WITH &&\)/);
    });

    test('foreign keys between tenant tables carry organization_id on both sides', { skip }, async () => {
      const foreignKeys = await rows<{ table: string; parent: string; definition: string }>(db, sql`
        SELECT c.conrelid::regclass::text AS table, c.confrelid::regclass::text AS parent, pg_get_constraintdef(c.oid) AS definition
        FROM pg_constraint c JOIN pg_namespace s ON s.oid = c.connamespace
        WHERE c.contype = 'f' AND s.nspname = current_schema()`);
      const between = foreignKeys.filter((fk) => !(fk.parent in GLOBAL_TABLES));
      assert.ok(between.length >= 30, `read the catalog (${between.length} foreign keys between tenant tables)`);
      const local = between.filter((fk) => !/^FOREIGN KEY \(.*organization_id\) REFERENCES \w+\(.*organization_id\)/.test(fk.definition));
      assert.deepEqual(local.map((fk) => `${fk.table}: ${fk.definition}`), []);
    });

    describe('what the keys guarantee', { skip }, () => {
      let mine: Awaited<ReturnType<typeof seedFixture>>;
      let theirs: Awaited<ReturnType<typeof seedFixture>>;
      before(async () => {
        mine = await seedFixture(database!.db, { subdomain: `keys-a-${kind}` });
        theirs = await seedFixture(database!.db, { subdomain: `keys-b-${kind}` });
      });

      test("a schedule or booking cannot point at another organization's provider", async () => {
        const foreignHours = database!.db.insertInto('working_hours').values({
          id: randomUUID(), organization_id: mine.orgId, provider_id: theirs.providers.p1, clinic_id: mine.clinics.a, weekday: 1, start_minute: 480, end_minute: 960,
        }).execute();
        await assert.rejects(foreignHours, { code: '23503' });
        const foreignBooking = database!.db.insertInto('appointments').values({
          id: randomUUID(), organization_id: mine.orgId, clinic_id: mine.clinics.a, provider_id: theirs.providers.p1,
          starts_at: new Date('2026-12-07T09:00:00Z'), ends_at: new Date('2026-12-07T09:30:00Z'), status: 'booked', source: 'staff',
        }).execute();
        await assert.rejects(foreignBooking, { code: '23503' });
      });

      test('one provider still cannot be booked twice at one time', async () => {
        const booking = () => ({
          id: randomUUID(), organization_id: mine.orgId, clinic_id: mine.clinics.a, provider_id: mine.providers.p1,
          starts_at: new Date('2026-12-08T09:00:00Z'), ends_at: new Date('2026-12-08T09:30:00Z'), status: 'booked' as const, source: 'staff' as const,
        });
        await database!.db.insertInto('appointments').values(booking()).execute();
        await assert.rejects(database!.db.insertInto('appointments').values(booking()).execute(), { code: '23P01' });
      });

      test('deleting a patient keeps their appointment, without the patient', async () => {
        const patientId = randomUUID();
        await database!.db.insertInto('patients').values({ id: patientId, organization_id: mine.orgId, first_name: 'Kari', last_name: 'Keys', national_id: randomUUID() }).execute();
        const id = randomUUID();
        await database!.db.insertInto('appointments').values({
          id, organization_id: mine.orgId, patient_id: patientId, clinic_id: mine.clinics.a, provider_id: mine.providers.p2,
          starts_at: new Date('2026-12-09T09:00:00Z'), ends_at: new Date('2026-12-09T09:30:00Z'), status: 'booked', source: 'staff',
        }).execute();
        await database!.db.deleteFrom('patients').where('id', '=', patientId).execute();
        const row = await database!.db.selectFrom('appointments').select(['patient_id', 'organization_id']).where('id', '=', id).executeTakeFirstOrThrow();
        assert.deepEqual(row, { patient_id: null, organization_id: mine.orgId });
      });

      test('migration 0020 copies each schedule row its organization, and back', async () => {
        await tenantKeys.down(db);
        const [column] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'working_hours' AND column_name = 'organization_id'`);
        assert.equal(column!.n, 0);
        await tenantKeys.up(db);
        for (const table of ['provider_clinics', 'treatment_providers', 'treatment_clinics', 'working_hours', 'breaks'] as const) {
          const byOrganization = await database!.db.selectFrom(table).select('organization_id').select((eb) => eb.fn.countAll<number>().as('n'))
            .where('organization_id', 'in', [mine.orgId, theirs.orgId]).groupBy('organization_id').execute();
          assert.equal(byOrganization.length, 2, table);
          assert.equal(byOrganization[0]!.n, byOrganization[1]!.n, `${table}: both organizations' rows back`);
        }
        const [hours] = await rows<{ n: number }>(db, sql`
          SELECT count(*)::int AS n FROM working_hours w JOIN providers p ON p.id = w.provider_id WHERE w.organization_id <> p.organization_id`);
        assert.equal(hours!.n, 0);
      });
    });
  });
}
