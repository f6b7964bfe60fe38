import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createPostgresTestDatabase } from './support/test-database.ts';
import { createHarness } from './support/api-harness.ts';
import { norwegianIds, patient } from './support/fixture.ts';

// Real contention needs a real server: PGlite runs one statement at a time.
const database = await createPostgresTestDatabase(50);

/** Overlapping live appointments for one provider; must always be 0. */
async function overlaps(): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM appointments a JOIN appointments b
      ON a.provider_id = b.provider_id AND a.id < b.id
     AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
    WHERE a.status = 'booked' AND b.status = 'booked'`.execute(database!.db);
  return rows[0]!.n;
}

describe('no double booking under contention (PostgreSQL)', { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
  after(() => database?.close());

  test('1,000 simultaneous attempts at one slot: exactly 1 booked, 999 answered 409', async () => {
    const h = await createHarness(database!, { subdomain: 'race' });
    const ids = norwegianIds(1000);
    assert.equal(ids.length, 1000);
    const attempts = ids.map((nationalId) =>
      h.call('POST', '/bookings', {
        treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1,
        start: '2026-12-02T09:00:00+01:00', patient: patient({ nationalId }),
      }),
    );
    const results = await Promise.all(attempts);
    const byStatus = new Map<number, number>();
    for (const r of results) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(byStatus), { 201: 1, 409: 999 });
    assert.ok(results.filter((r) => r.status === 409).every((r) => r.body.code === 'slot_taken'));
    const rows = await database!.db.selectFrom('appointments').select('id').where('organization_id', '=', h.fixture.orgId).execute();
    assert.equal(rows.length, 1);
    const patients = await database!.db.selectFrom('patients').select('id').where('organization_id', '=', h.fixture.orgId).execute();
    assert.equal(patients.length, 1, 'the losers left no patient behind');
    assert.equal(await overlaps(), 0);
  });

  test('10,000 random attempts at overlapping ranges across providers, with moves and cancellations: 0 overlaps', async () => {
    const h = await createHarness(database!, { subdomain: 'random' });
    const providers = [[h.fixture.providers.p1, h.fixture.clinics.a], [h.fixture.providers.p2, h.fixture.clinics.b], [h.fixture.providers.p3, h.fixture.clinics.c]] as const;
    const base = Date.parse('2026-12-02T07:00:00Z');
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const booked: string[] = [];
    const outcome = { inserted: 0, moved: 0, cancelled: 0, refused: 0 };

    async function attempt(): Promise<void> {
      const [provider, clinic] = pick(providers);
      const start = new Date(base + Math.floor(random() * 288) * 5 * 60_000); // a 24-hour window
      const end = new Date(start.getTime() + (5 + Math.floor(random() * 18) * 5) * 60_000);
      const roll = random();
      try {
        if (roll < 0.1 && booked.length > 0) {
          const id = pick(booked);
          await database!.db.updateTable('appointments').set({ starts_at: start, ends_at: end }).where('id', '=', id).where('status', '=', 'booked').execute();
          outcome.moved++;
        } else if (roll < 0.15 && booked.length > 0) {
          await database!.db.updateTable('appointments').set({ status: 'cancelled' }).where('id', '=', pick(booked)).execute();
          outcome.cancelled++;
        } else {
          const id = randomUUID();
          await database!.db.insertInto('appointments').values({
            id, organization_id: h.fixture.orgId, clinic_id: clinic, provider_id: provider, treatment_id: null,
            starts_at: start, ends_at: end, status: 'booked', source: 'api',
          }).execute();
          booked.push(id);
          outcome.inserted++;
        }
      } catch (error) {
        // The database refuses an overlap either by the constraint (23P01) or,
        // when two conflicting writers wait on each other, by aborting one
        // (40P01); both roll the statement back, which is what this test is about.
        assert.ok(['23P01', '40P01'].includes((error as { code?: string }).code ?? ''), String(error));
        outcome.refused++;
      }
    }

    let next = 0;
    const worker = async () => { while (next++ < 10_000) await attempt(); };
    await Promise.all(Array.from({ length: 50 }, worker));
    assert.equal(outcome.inserted + outcome.moved + outcome.cancelled + outcome.refused, 10_000);
    assert.ok(outcome.refused > 1000, `contention happened: ${JSON.stringify(outcome)}`);
    assert.ok(outcome.inserted > 100, JSON.stringify(outcome));
    assert.equal(await overlaps(), 0);
  });
});
