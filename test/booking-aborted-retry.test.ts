import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createPgliteTestDatabase } from './support/test-database.ts';
import { createHarness } from './support/api-harness.ts';
import { patient } from './support/fixture.ts';

/**
 * PostgreSQL may abort a booking's transaction to break a deadlock (40P01)
 * or a serialization conflict (40001). The whole transaction rolled back, so
 * the service runs it again: the patient gets the booking, not a 500.
 * A trigger stands in for the server here; a sequence, which no rollback
 * undoes, makes it abort only the first attempt.
 */
for (const code of ['40P01', '40001']) {
  test(`a booking whose transaction the database aborts once (${code}) is run again and booked once`, async () => {
    const database = await createPgliteTestDatabase();
    try {
      const h = await createHarness(database, { subdomain: `aborted-${code.toLowerCase()}` });
      for (const statement of [
        'CREATE SEQUENCE abort_once',
        `CREATE FUNCTION abort_first_insert() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF nextval('abort_once') = 1 THEN RAISE EXCEPTION 'aborted by the test' USING ERRCODE = '${code}'; END IF;
           RETURN NEW;
         END $$`,
        'CREATE TRIGGER abort_first_insert BEFORE INSERT ON appointments FOR EACH ROW EXECUTE FUNCTION abort_first_insert()',
      ]) await sql.raw(statement).execute(database.db);
      const { status, body } = await h.call('POST', '/bookings', {
        treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1,
        start: '2026-12-02T09:00:00+01:00', patient: patient(),
      });
      assert.equal(status, 201, JSON.stringify(body));
      const rows = await database.db.selectFrom('appointments').select('id').where('organization_id', '=', h.fixture.orgId).execute();
      assert.deepEqual(rows.map((r) => r.id), [body.booking.id]);
      const patients = await database.db.selectFrom('patients').select('id').where('organization_id', '=', h.fixture.orgId).execute();
      assert.equal(patients.length, 1, 'the aborted attempt left no patient behind');
    } finally {
      await database.close();
    }
  });
}
