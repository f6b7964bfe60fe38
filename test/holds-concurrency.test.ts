import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPostgresTestDatabase } from './support/test-database.ts';
import { createHarness, NOW, type Harness } from './support/api-harness.ts';
import { norwegianIds, patient } from './support/fixture.ts';

const NINE = '2026-12-02T09:00:00+01:00';
const MINUTE = 60_000;

// Slot holds (issue 8.2) under contention: the hold takes the time as a booking does.
// Real contention needs a real server: PGlite runs one statement at a time.
const racing = await createPostgresTestDatabase(50);
describe('racing for one time (PostgreSQL)', { skip: racing ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
  after(() => racing?.close());
  const at = (h: Harness, start: string) => ({ treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1, start });
  const tally = (results: Array<{ status: number }>) => {
    const byStatus: Record<number, number> = {};
    for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    return byStatus;
  };

  test('50 patients holding one time at once: exactly one hold, 49 slot_taken', async () => {
    const h = await createHarness(racing!, { subdomain: 'hold-race' });
    const results = await Promise.all(Array.from({ length: 50 }, () => h.call('POST', '/holds', at(h, NINE))));
    assert.deepEqual(tally(results), { 201: 1, 409: 49 });
    assert.ok(results.filter((r) => r.status === 409).every((r) => r.body.code === 'slot_taken'));
    assert.equal(await h.count('appointments'), 1);
  });

  test('holds and bookings racing over an expired hold: exactly one of them gets the time', async () => {
    const h = await createHarness(racing!, { subdomain: 'hold-book-race' });
    assert.equal((await h.call('POST', '/holds', at(h, NINE))).status, 201);
    h.clock.now = new Date(NOW.getTime() + 5 * MINUTE);
    const ids = norwegianIds(25);
    const results = await Promise.all([
      ...ids.map((nationalId) => h.call('POST', '/bookings', { ...at(h, NINE), patient: patient({ nationalId }) })),
      ...ids.map(() => h.call('POST', '/holds', at(h, '2026-12-02T09:15:00+01:00'))),
    ]);
    const won = results.filter((r) => r.status === 201);
    assert.equal(won.length, 1, JSON.stringify(tally(results)));
    assert.ok(results.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.code === 'slot_taken'));
    const rows = await racing!.db.selectFrom('appointments').select('status').where('organization_id', '=', h.fixture.orgId).execute();
    assert.equal(rows.length, 1, 'the expired hold is gone and only the winner is there');
  });
});
