import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openDatabase, type Database, type Db } from '../server/db/database.ts';
import { DATABASE_KINDS, createTestDatabase } from './support/test-database.ts';
import { createAdminHarness, type AdminHarness } from './support/admin-harness.ts';
import { norwegianIds } from './support/fixture.ts';
import { createPostgresDatabase } from './support/postgres-server.ts';
import { lockTable } from './support/table-lock.ts';
import { until } from './support/traffic.ts';

// Issue 11.5: erasing a patient while the same patient books. Whatever the
// order, the booking answers a clear status (never 500), no appointment
// hangs on the erased record, and an appointment booked before the erasure
// committed is anonymized with the rest.

const ids = norwegianIds(8);
const person = (nationalId: string) => ({ firstName: 'Ragnfrid', lastName: 'Østby', nationalId, mobile: '+4791234001', email: 'ragnfrid@example.no' });

/** Books the person online; answers the status and the appointment's patient id. */
async function bookOnline(h: AdminHarness, db: Db, start: string, nationalId: string) {
  const response = await h.call('POST', '/bookings', {
    treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1, start, patient: person(nationalId),
  });
  const id = response.body?.booking?.id as string | undefined;
  const patientId = id ? (await db.selectFrom('appointments').select('patient_id').where('id', '=', id).executeTakeFirstOrThrow()).patient_id : undefined;
  return { ...response, appointmentId: id, patientId };
}

/** The one live record with this national id. */
async function liveRecord(db: Db, orgId: string, nationalId: string) {
  return db.selectFrom('patients').select(['id', 'erased_at']).where('organization_id', '=', orgId).where('national_id', '=', nationalId).executeTakeFirstOrThrow();
}

for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  describe(`erasure racing a booking's patient upsert (${kind})`, { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
    after(() => database?.close());

    test('the record the booking met is erased before the booking locks it: the booking makes a new record and answers 201', async () => {
      const db = database!.db;
      const h = await createAdminHarness(database!, { subdomain: `erase-race-${kind}` });
      const nationalId = ids[0]!;
      const first = await bookOnline(h, db, '2026-12-03T09:00:00+01:00', nationalId);
      assert.equal(first.status, 201);
      // Once, right after the booking's insert met the existing record (and inserted nothing),
      // the record is erased, as an erasure committed between the insert and the lock would leave it.
      await sql`CREATE FUNCTION erase_meanwhile() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF current_setting('opus_test.erased', true) IS DISTINCT FROM 'yes' THEN
          PERFORM set_config('opus_test.erased', 'yes', true);
          UPDATE patients SET first_name = '', last_name = '', national_id = NULL, mobile = NULL, email = NULL, wants_sms = false, mobile_verified = false, erased_at = now()
            WHERE national_id = ${sql.lit(nationalId)};
        END IF;
        RETURN NULL;
      END $$`.execute(db);
      await sql`CREATE TRIGGER erase_meanwhile AFTER INSERT ON patients FOR EACH STATEMENT EXECUTE FUNCTION erase_meanwhile()`.execute(db);
      let second: Awaited<ReturnType<typeof bookOnline>>;
      try {
        second = await bookOnline(h, db, '2026-12-04T10:00:00+01:00', nationalId);
      } finally {
        await sql`DROP TRIGGER erase_meanwhile ON patients`.execute(db);
        await sql`DROP FUNCTION erase_meanwhile()`.execute(db);
      }
      assert.equal(second.status, 201, JSON.stringify(second.body));
      const erased = await db.selectFrom('patients').select(['national_id', 'erased_at']).where('id', '=', first.patientId!).executeTakeFirstOrThrow();
      assert.ok(erased.erased_at !== null && erased.national_id === null, 'the first record was erased meanwhile');
      assert.notEqual(second.patientId, first.patientId, 'the booking is not on the erased record');
      assert.equal((await liveRecord(db, h.fixture.orgId, nationalId)).id, second.patientId, 'but on a new record with the national id');
    });
  });
}

// Two real transactions on PostgreSQL (PGlite runs one transaction at a time,
// so there the two cannot interleave). The erasure is held half-way by a lock
// on the messages table, after it has locked the patient's record.
const server = await createPostgresDatabase();
describe('erasure and booking in two transactions (postgres)', { skip: server ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)', timeout: 180_000 }, () => {
  let database: Database | undefined;
  after(async () => {
    await database?.close();
    await server?.drop();
  });

  /** Backends of this database waiting for a lock (a table's or a row's). */
  const lockWaiters = async () => Number((await sql<{ n: string }>`
    SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(database!.db)).rows[0]!.n);

  async function setUp(subdomain: string, nationalId: string) {
    database ??= await openDatabase({ url: server!.url });
    const h = await createAdminHarness(database, { subdomain });
    const first = await bookOnline(h, database.db, '2026-12-03T09:00:00+01:00', nationalId);
    assert.equal(first.status, 201);
    return { h, db: database.db, patientId: first.patientId!, owner: (await h.staffHeaders('owner')).headers };
  }

  test('an online booking waiting for the record while it is erased: 201 on a new record', async () => {
    const nationalId = ids[1]!;
    const { h, db, patientId, owner } = await setUp('erase-tx-online', nationalId);
    const lock = await lockTable(server!.url, 'messages');
    let erasing, booking;
    try {
      erasing = h.admin('POST', `/patients/${patientId}/erase`, { confirm: true }, owner);
      await until('the erasure waits for the messages table, the record locked', async () => (await lockWaiters()) === 1);
      booking = bookOnline(h, db, '2026-12-04T10:00:00+01:00', nationalId);
      await until('the booking waits for the record', async () => (await lockWaiters()) === 2);
    } finally {
      await lock.release();
    }
    const [erased, booked] = await Promise.all([erasing!, booking!]);
    assert.deepEqual([erased.status, erased.body.alreadyErased, erased.body.appointmentsAnonymized], [200, false, 1]);
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    assert.notEqual(booked.patientId, patientId);
    assert.equal((await liveRecord(db, h.fixture.orgId, nationalId)).id, booked.patientId);
  });

  test('a staff booking naming the record by id while it is erased: 422 on patientId, nothing booked', async () => {
    const { h, db, patientId, owner } = await setUp('erase-tx-staff', ids[2]!);
    const lock = await lockTable(server!.url, 'messages');
    let erasing, booking;
    try {
      erasing = h.admin('POST', `/patients/${patientId}/erase`, { confirm: true }, owner);
      await until('the erasure waits for the messages table, the record locked', async () => (await lockWaiters()) === 1);
      booking = h.admin('POST', '/appointments', {
        patientId, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1, treatmentId: h.fixture.treatments.checkup, start: '2026-12-04T13:00:00+01:00', durationMinutes: 30,
      });
      await until('the staff booking waits for the record', async () => (await lockWaiters()) === 2);
    } finally {
      await lock.release();
    }
    const [erased, booked] = await Promise.all([erasing!, booking!]);
    assert.equal(erased.status, 200);
    assert.equal(booked.status, 422, JSON.stringify(booked.body));
    assert.equal(booked.type, 'application/problem+json');
    assert.equal(booked.body.issues[0].path, 'patientId');
    assert.equal((await db.selectFrom('appointments').select('id').where('patient_id', '=', patientId).execute()).length, 0, 'nothing hangs on the erased record');
  });

  test('a booking holding the record when the erasure comes: the erasure waits, then anonymizes and cancels that booking too', async () => {
    const nationalId = ids[3]!;
    const { h, db, patientId, owner } = await setUp('erase-tx-first', nationalId);
    const lock = await lockTable(server!.url, 'messages');
    let erasing, booking;
    try {
      booking = bookOnline(h, db, '2026-12-04T10:00:00+01:00', nationalId);
      await until('the booking, the record locked, waits for the messages table', async () => (await lockWaiters()) === 1);
      erasing = h.admin('POST', `/patients/${patientId}/erase`, { confirm: true }, owner);
      await until('the erasure waits for the record', async () => (await lockWaiters()) === 2);
    } finally {
      await lock.release();
    }
    const [booked, erased] = await Promise.all([booking!, erasing!]);
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    assert.equal(booked.patientId, patientId, 'booked on the record it met');
    assert.deepEqual([erased.status, erased.body.appointmentsAnonymized, erased.body.appointmentsCancelled], [200, 2, 2], 'both bookings anonymized and cancelled');
    const row = await db.selectFrom('appointments').select(['patient_id', 'status', 'contact_first_name']).where('id', '=', booked.appointmentId!).executeTakeFirstOrThrow();
    assert.deepEqual(row, { patient_id: null, status: 'cancelled', contact_first_name: null });
  });
});
