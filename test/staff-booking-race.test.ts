import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { DATABASE_KINDS, createTestDatabase } from './support/test-database.ts';
import { createAdminHarness } from './support/admin-harness.ts';
import { norwegianIds, patient } from './support/fixture.ts';

// Issue 9 "must show": a staff phone booking racing online bookings for one
// time: exactly one appointment exists, and every loser, staff or online,
// got 409 `slot_taken`. Online and staff bookings share one write path
// (server/booking/take-time.ts) under the same exclusion constraint.

const ids = norwegianIds(200);

for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  describe(`a staff booking racing online bookings (${kind})`, { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
    after(() => database?.close());

    test('one staff booking and 20 online bookings for one time, several rounds: one wins each round, every loser is 409 slot_taken', async () => {
      const a = await createAdminHarness(database!, { subdomain: 'race-staff' });
      let next = 0;
      const winners = { staff: 0, online: 0 };
      // Staff book the same start, or a longer time that overlaps it from before.
      const rounds = [
        { online: '2026-12-03T09:00:00+01:00', staff: { start: '2026-12-03T09:00:00+01:00', durationMinutes: 30 } },
        { online: '2026-12-03T10:00:00+01:00', staff: { start: '2026-12-03T09:45:00+01:00', durationMinutes: 60 } },
        { online: '2026-12-04T13:00:00+01:00', staff: { start: '2026-12-04T13:15:00+01:00', durationMinutes: 5 } },
      ];
      for (const round of rounds) {
        const online = Array.from({ length: 20 }, () =>
          a.call('POST', '/bookings', {
            treatmentId: a.fixture.treatments.checkup, clinicId: a.fixture.clinics.a, providerId: a.fixture.providers.p1,
            start: round.online, patient: patient({ nationalId: ids[next++] }),
          }).then((r) => ({ who: 'online' as const, ...r })),
        );
        const staff = a.admin('POST', '/appointments', {
          patient: { firstName: 'Tele', lastName: 'Fon', nationalId: ids[next++] },
          clinicId: a.fixture.clinics.a, providerId: a.fixture.providers.p1, ...round.staff,
        }).then((r) => ({ who: 'staff' as const, ...r }));
        // The staff booking starts in the middle of the crowd.
        const results = await Promise.all([...online.slice(0, 10), staff, ...online.slice(10)]);
        const won = results.filter((r) => r.status === 201);
        assert.equal(won.length, 1, JSON.stringify(results.map((r) => [r.who, r.status, r.body?.code])));
        winners[won[0]!.who]++;
        for (const lost of results.filter((r) => r.status !== 201)) {
          assert.equal(lost.status, 409, `${lost.who}: ${JSON.stringify(lost.body)}`);
          assert.equal(lost.body.code, 'slot_taken');
          assert.equal(lost.type, 'application/problem+json');
        }
      }
      const booked = await database!.db.selectFrom('appointments').select(['id', 'source']).where('organization_id', '=', a.fixture.orgId).where('status', '=', 'booked').execute();
      assert.equal(booked.length, rounds.length, 'one appointment per round');
      assert.equal(booked.filter((b) => b.source === 'api').length, winners.staff);
      const { rows } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM appointments x JOIN appointments y
          ON x.provider_id = y.provider_id AND x.id < y.id AND tstzrange(x.starts_at, x.ends_at) && tstzrange(y.starts_at, y.ends_at)
        WHERE x.status = 'booked' AND y.status = 'booked'`.execute(database!.db);
      assert.equal(rows[0]!.n, 0, 'no overlap');
    });

    test('the staff booking alone over a held time is refused; over an expired hold it wins', async () => {
      const a = await createAdminHarness(database!, { subdomain: 'race-hold' });
      const hold = await a.call('POST', '/holds', { treatmentId: a.fixture.treatments.checkup, clinicId: a.fixture.clinics.a, providerId: a.fixture.providers.p1, start: '2026-12-03T11:00:00+01:00' });
      assert.equal(hold.status, 201, JSON.stringify(hold.body));
      const body = { patient: { firstName: 'Tele', lastName: 'Fon', nationalId: ids[190] }, clinicId: a.fixture.clinics.a, providerId: a.fixture.providers.p1, start: '2026-12-03T11:10:00+01:00', durationMinutes: 10 };
      const refused = await a.admin('POST', '/appointments', body);
      assert.equal(refused.status, 409);
      assert.equal(refused.body.code, 'slot_taken');
      a.clock.now = new Date(a.clock.now.getTime() + 24 * 3_600_000);
      assert.equal((await a.admin('POST', '/appointments', body)).status, 201, 'an expired hold never blocks');
    });
  });
}
