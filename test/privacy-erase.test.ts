import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { DATABASE_KINDS, createTestDatabase } from './support/test-database.ts';
import { createAdminHarness, type AdminHarness } from './support/admin-harness.ts';
import { norwegianIds } from './support/fixture.ts';
import { createEndpoint } from '../server/webhooks/endpoint-repository.ts';
import type { Database, Db } from '../server/db/database.ts';
import { PatientExport } from '../sdk/schemas/privacy.ts';
import { purgeExpired } from '../server/privacy/retention-purge.ts';
import * as patientErasedAt from '../server/db/migrations/0022_patient_erased_at.ts';

// Issue 11.5, "must show": export and erase. The export holds the patient's
// data and nothing of anyone else's; erasing leaves no trace of their name,
// mobile, e-mail or national id in any text column of any table, keeps
// their appointments as anonymized rows, cancels the future ones and every
// queued message (none goes out afterwards), and a failure half-way leaves
// everything as it was. Owners and admins only.

const [GUNNHILD_ID, OTHER_ID] = norwegianIds(2) as [string, string];
const GUNNHILD = { firstName: 'Gunnhild', lastName: 'Spjelkavik', nationalId: GUNNHILD_ID, mobile: '+4791112223', email: 'gunnhild.spjelkavik@example.no' };
const OTHER = { firstName: 'Torvald', lastName: 'Brekkestø', nationalId: OTHER_ID, mobile: '+4793334445', email: 'torvald@example.no' };
/** What must be gone from the database after the erasure (the second mobile is one an online booking typed). */
const TRACES = [GUNNHILD.firstName, GUNNHILD.lastName, GUNNHILD.nationalId, GUNNHILD.mobile, '91112223', GUNNHILD.email, '+4795556667', '95556667'];

/** Rows per table (of every text, varchar and JSON column) whose text contains any of `values`, ignoring case. */
async function tracesIn(db: Db, values: readonly string[]): Promise<Record<string, number>> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    SELECT c.table_name, c.column_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = current_schema() AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`.execute(db);
  const found: Record<string, number> = {};
  for (const { table_name, column_name } of columns.rows) {
    const patterns = values.map((v) => `%${v}%`);
    const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table_name)} WHERE ${sql.ref(column_name)}::text ILIKE ANY (${sql.val(patterns)}::text[])`.execute(db);
    if (Number(rows[0]!.n) > 0) found[`${table_name}.${column_name}`] = Number(rows[0]!.n);
  }
  return found;
}

/** A patient with everything a clinic gathers about one: bookings online and by staff, messages both ways, a code, a login, a pending change, journal, audit, a webhook. */
async function gather(h: AdminHarness, db: Db) {
  await createEndpoint(db, h.fixture.orgId, { url: 'https://pms.example/hooks', events: ['booking.created', 'booking.cancelled', 'patient.change_requested'] }, h.clock.now);
  const online = await h.app.request(`/api/v1/organizations/${h.fixture.subdomain}/bookings`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `gdpr-${crypto.randomUUID()}`, 'x-test-client-ip': '192.0.2.77' },
    body: JSON.stringify({ treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1, start: '2026-12-03T09:00:00+01:00', patient: GUNNHILD }),
  });
  assert.equal(online.status, 201);
  const future = ((await online.json()) as { booking: { id: string } }).booking.id;
  const patientId = (await db.selectFrom('appointments').select('patient_id').where('id', '=', future).executeTakeFirstOrThrow()).patient_id!;
  // The same national id with another mobile: a pending change (B18) that names both numbers.
  const second = (await h.book('2026-12-04T10:00:00+01:00', { ...GUNNHILD, mobile: '+4795556667' })).appointmentId;
  const past = (await h.admin('POST', '/appointments', {
    patientId, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1, treatmentId: h.fixture.treatments.checkup,
    start: '2026-11-20T10:00:00+01:00', durationMinutes: 30, text: `Gunnhild Spjelkavik: ringer fra ${GUNNHILD.mobile}`,
  })).body.appointment.id as string;
  await h.admin('PUT', `/appointments/${future}/reminders`, { enabled: true, texts: { reminder1: 'Hei Gunnhild Spjelkavik, husk [time]' } });
  await h.admin('PATCH', `/patients/${patientId}`, { city: 'Bergen' });
  await h.worker.runOnce(); // the confirmations go out; reminders wait
  await db.insertInto('inbound_sms').values({ id: crypto.randomUUID(), organization_id: h.fixture.orgId, from_number: GUNNHILD.mobile, body: 'Hei, dette er Gunnhild Spjelkavik', message_id: null, patient_id: patientId, gateway: 'memory', gateway_id: crypto.randomUUID() }).execute();
  await db.insertInto('verification_codes').values({
    id: crypto.randomUUID(), organization_id: h.fixture.orgId, handle_hash: crypto.randomUUID(), purpose: 'login', channel: 'sms', recipient: GUNNHILD.mobile, code_hash: 'x', hold_id: null, expires_at: new Date(h.clock.now.getTime() + 600_000),
  }).execute();
  await db.insertInto('patient_sessions').values({ id: crypto.randomUUID(), organization_id: h.fixture.orgId, token_hash: crypto.randomUUID(), method: 'sms', mobile: GUNNHILD.mobile, national_id: null, expires_at: new Date(h.clock.now.getTime() + 3_600_000) }).execute();
  await db.insertInto('journal_entries').values({ id: crypto.randomUUID(), organization_id: h.fixture.orgId, patient_id: patientId, appointment_id: past, kind: 'note', text: 'Gunnhild Spjelkavik ringte' }).execute();
  return { patientId, future, second, past };
}

for (const kind of DATABASE_KINDS) {
  const probe = await createTestDatabase(kind);
  await probe?.close();
  describe(`patient export and erasure (${kind})`, { skip: probe ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
    // A database per test: the memory gateways of two harnesses would hand out the same gateway ids.
    let database: Database | undefined;
    beforeEach(async () => { database = await createTestDatabase(kind); });
    afterEach(() => database?.close());

    test("the export holds the patient's record, appointments, messages, codes, logins, journal, changes, audit and webhooks, and nothing of another patient", async () => {
      const db = database!.db;
      const h = await createAdminHarness(database!, { subdomain: `gdpr-x-${kind}` });
      const b = await createAdminHarness(database!, { subdomain: `gdpr-xb-${kind}` });
      const other = (await h.book('2026-12-07T10:00:00+01:00', OTHER)).appointmentId;
      await b.book('2026-12-07T10:00:00+01:00', { ...OTHER, nationalId: GUNNHILD_ID, firstName: 'Bodil' });
      const { patientId, future, second, past } = await gather(h, db);
      const owner = (await h.staffHeaders('owner')).headers;

      const response = await h.app.request(`/api/v1/admin/patients/${patientId}/export`, { headers: owner });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-disposition') ?? '', /^attachment; filename="patient-[0-9a-f-]+\.json"$/);
      const text = await response.text();
      const data = PatientExport.parse(JSON.parse(text));
      assert.equal(data.patient.nationalId, GUNNHILD_ID);
      assert.equal(data.patient.city, 'Bergen');
      assert.deepEqual(data.appointments.map((a) => a.id).sort(), [future, second, past].sort());
      assert.equal(data.appointments.find((a) => a.id === future)!.provider.name.length > 0, true, 'with the provider by name');
      assert.equal(data.appointments.find((a) => a.id === second)!.contact?.mobile, '+4795556667', 'what the booking typed');
      assert.ok(data.messages.some((m) => m.kind === 'booked' && m.body.length > 0 && m.recipient === GUNNHILD.mobile), 'the confirmation, with its body');
      assert.ok(data.messages.some((m) => m.recipient === GUNNHILD.email), 'the e-mail too');
      const token = (await db.selectFrom('messages').select('body').where('appointment_id', '=', future).where('kind', '=', 'booked').where('channel', '=', 'sms').executeTakeFirstOrThrow()).body.match(/\/manage\/([A-Za-z0-9_%-]+)/)?.[1];
      if (token) assert.ok(!text.includes(token), 'the manage token is blanked as the console blanks it');
      assert.equal(data.inboundSms.length, 1);
      assert.equal(data.verificationCodes.length, 1);
      assert.ok(!('code_hash' in data.verificationCodes[0]!), 'never a hash');
      assert.equal(data.sessions.length, 1);
      assert.equal(data.journal.length, 1);
      assert.equal(data.pendingChanges.length, 1);
      assert.ok(data.audit.some((e) => e.action === 'patient.update'), 'the audit entries about them');
      assert.ok(data.audit.some((e) => e.action === 'appointment.reminders' && e.target.id === future));
      assert.ok(data.webhookDeliveries.some((d) => d.event === 'booking.created'), 'webhook deliveries naming their bookings');
      assert.ok(data.webhookDeliveries.some((d) => d.event === 'patient.change_requested'));
      for (const value of [OTHER.firstName, OTHER.lastName, OTHER.nationalId, OTHER.mobile, OTHER.email, other, 'Bodil']) {
        assert.ok(!text.includes(value), `nothing of another patient: ${value}`);
      }
      const audit = (await h.audit()).filter((e) => e.action === 'patient.export');
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.target_id, patientId);
      assert.equal(audit[0]!.after, null, 'audited without the data');

      for (const headers of [(await h.staffHeaders('reception')).headers, { authorization: `Bearer ${h.key}` }]) {
        assert.equal((await h.app.request(`/api/v1/admin/patients/${patientId}/export`, { headers })).status, 403, 'reception and API keys may not');
      }
      assert.equal((await h.app.request(`/api/v1/admin/patients/${patientId}/export`, { headers: (await h.staffHeaders('admin')).headers })).status, 200, 'an admin may');
      assert.equal((await b.app.request(`/api/v1/admin/patients/${patientId}/export`, { headers: (await b.staffHeaders('owner')).headers })).status, 404, "another organization's owner gets 404");
    });

    test('erasing leaves no trace of name, mobile, e-mail or national id anywhere; appointments stay anonymized; queued messages never go; twice is fine', async () => {
      const db = database!.db;
      const h = await createAdminHarness(database!, { subdomain: `gdpr-e-${kind}` });
      const other = (await h.book('2026-12-07T10:00:00+01:00', OTHER)).appointmentId;
      const { patientId, future, second, past } = await gather(h, db);
      const owner = (await h.staffHeaders('owner')).headers;
      assert.ok(Object.keys(await tracesIn(db, TRACES)).length > 5, 'the scan finds the patient before');
      const before = await db.selectFrom('appointments').select(['id', 'starts_at', 'ends_at', 'provider_id', 'clinic_id', 'treatment_id', 'status']).where('id', 'in', [future, second, past]).orderBy('id').execute();
      const queued = await db.selectFrom('messages').select('id').where('appointment_id', 'in', [future, second]).where('status', '=', 'waiting').execute();
      assert.ok(queued.length > 0, 'reminders are queued before');

      const unconfirmed = await h.admin('POST', `/patients/${patientId}/erase`, {}, owner);
      assert.equal(unconfirmed.status, 422);
      assert.equal(unconfirmed.body.issues[0].path, 'confirm');
      assert.equal((await h.admin('POST', `/patients/${patientId}/erase`, { confirm: true }, (await h.staffHeaders('reception')).headers)).status, 403);
      assert.equal((await h.admin('POST', `/patients/${patientId}/erase`, { confirm: true })).status, 403, 'no API key may erase');

      const erasedAt = h.clock.now.toISOString();
      const erased = await h.admin('POST', `/patients/${patientId}/erase`, { confirm: true }, owner);
      assert.equal(erased.status, 200, JSON.stringify(erased.body));
      assert.deepEqual(erased.body, { patientId, alreadyErased: false, appointmentsAnonymized: 3, appointmentsCancelled: 2, messagesCancelled: erased.body.messagesCancelled });
      assert.ok(erased.body.messagesCancelled >= queued.length);

      assert.deepEqual(await tracesIn(db, TRACES), {}, 'no trace in any text column of any table');
      const after = await db.selectFrom('appointments').selectAll().where('id', 'in', [future, second, past]).orderBy('id').execute();
      assert.deepEqual(after.map((a) => ({ id: a.id, starts_at: a.starts_at, ends_at: a.ends_at, provider_id: a.provider_id, clinic_id: a.clinic_id, treatment_id: a.treatment_id })),
        before.map(({ status: _s, ...a }) => a), 'times, clinic, provider and treatment kept');
      assert.ok(after.every((a) => a.patient_id === null && a.contact_first_name === null && a.manage_token_hash === null && a.text === ''));
      assert.deepEqual(after.map((a) => [a.id, a.status]).sort(), [[future, 'cancelled'], [second, 'cancelled'], [past, 'booked']].sort(), 'future ones cancelled, the past one kept');
      const book = await h.admin('GET', '/appointments?from=2026-11-20');
      assert.deepEqual(book.body.appointments.map((a: { id: string; patient: unknown }) => [a.id, a.patient]), [[past, null]], 'the book still shows the past visit, without a patient');
      assert.equal((await db.selectFrom('messages').select('id').where('appointment_id', 'in', [future, second]).where('status', 'in', ['waiting', 'retrying']).execute()).length, 0);
      assert.equal((await h.admin('GET', `/patients/${patientId}`)).status, 404);

      // The reminders' times come and go: nothing reaches the erased patient; the other patient's still do.
      const sentBefore = h.gateway.delivered.length;
      const mailedBefore = h.email.sent.length;
      for (const at of ['2026-12-02T07:00:00Z', '2026-12-03T07:30:00Z', '2026-12-04T08:30:00Z', '2026-12-07T08:30:00Z']) await h.at(at);
      assert.ok(!h.gateway.delivered.slice(sentBefore).some((s) => s.to === GUNNHILD.mobile || s.to === '+4795556667'), 'no SMS to the erased patient');
      assert.ok(!h.email.sent.slice(mailedBefore).some((e) => JSON.stringify(e).includes(GUNNHILD.email)), 'no e-mail either');
      assert.ok(h.gateway.delivered.slice(sentBefore).some((s) => s.to === OTHER.mobile), "the other patient's reminders still go");
      const others = await db.selectFrom('appointments').select(['patient_id', 'contact_first_name']).where('id', '=', other).executeTakeFirstOrThrow();
      assert.equal(others.contact_first_name, OTHER.firstName, "the other patient's appointment untouched");
      assert.ok(others.patient_id);
      assert.equal((await db.selectFrom('patients').select('id').where('id', '=', others.patient_id).execute()).length, 1);

      const audit = (await h.audit()).filter((e) => e.action === 'patient.erase');
      assert.equal(audit.length, 1);
      assert.deepEqual([audit[0]!.target_id, audit[0]!.before, audit[0]!.after, audit[0]!.actor_kind], [patientId, null, null, 'staff'], 'that it happened and by whom, never what');
      const cancelledHooks = await db.selectFrom('webhook_deliveries').select('payload').where('organization_id', '=', h.fixture.orgId).where('event', '=', 'booking.cancelled').execute();
      assert.deepEqual(cancelledHooks.map((d) => JSON.parse(d.payload).data.appointmentId).sort(), [future, second].sort(), 'the practice system hears of the cancellations');
      assert.ok(cancelledHooks.every((d) => JSON.parse(d.payload).data.patientId === null));

      const later = (await h.staffHeaders('owner')).headers; // days later: a fresh login
      const again = await h.admin('POST', `/patients/${patientId}/erase`, { confirm: true }, later);
      assert.equal(again.status, 200);
      assert.equal(again.body.alreadyErased, true);
      assert.equal((await h.admin('POST', `/patients/${crypto.randomUUID()}/erase`, { confirm: true }, later)).status, 404, 'an id never known is 404');

      // The record stays, blank, and says when it was erased.
      const record = await db.selectFrom('patients').selectAll().where('id', '=', patientId).executeTakeFirstOrThrow();
      assert.deepEqual([record.first_name, record.last_name, record.national_id, record.mobile, record.email, record.city], ['', '', null, null, null, null]);
      assert.equal(record.erased_at?.toISOString(), erasedAt);
      const search = await h.admin('GET', '/patients');
      assert.ok(!search.body.patients.some((p: { id: string }) => p.id === patientId), 'an erased record is not listed');
      const exported = await h.app.request(`/api/v1/admin/patients/${patientId}/export`, { headers: later });
      assert.equal(exported.status, 404);
      assert.equal(exported.headers.get('content-type'), 'application/problem+json');
      const gone = await exported.json() as { reason: string; detail: string };
      assert.equal(gone.reason, 'erased', 'the export says the patient was erased');
      assert.match(gone.detail, /erased on 2026-/);

      // Two years on, the audit log's retention has purged the erasure's entry: a second erasure still knows.
      const purged = await purgeExpired(db, { now: new Date(h.clock.now.getTime() + 731 * 86_400_000) });
      assert.ok(purged.auditLog > 0);
      assert.equal((await h.audit()).filter((e) => e.action === 'patient.erase').length, 0, 'the audit entry is gone');
      const afterRetention = await h.admin('POST', `/patients/${patientId}/erase`, { confirm: true }, later);
      assert.deepEqual([afterRetention.status, afterRetention.body.alreadyErased], [200, true], 'still erased, not 404');

      // The same person booking again is a new patient, not the erased record.
      const back = (await h.book('2026-12-09T10:00:00+01:00', GUNNHILD)).appointmentId;
      const backPatient = (await db.selectFrom('appointments').select('patient_id').where('id', '=', back).executeTakeFirstOrThrow()).patient_id;
      assert.ok(backPatient && backPatient !== patientId);
      assert.equal((await db.selectFrom('patients').select('national_id').where('id', '=', backPatient).executeTakeFirstOrThrow()).national_id, GUNNHILD_ID);
    });

    test('migration 0022 gives a patient erased before it (the record deleted, the audit entry kept) a blank record again', async () => {
      const db = database!.db;
      const h = await createAdminHarness(database!, { subdomain: `gdpr-m-${kind}` });
      const patientId = (await db.selectFrom('appointments').select('patient_id').where('id', '=', (await h.book('2026-12-03T09:00:00+01:00', GUNNHILD)).appointmentId).executeTakeFirstOrThrow()).patient_id!;
      const owner = (await h.staffHeaders('owner')).headers;
      assert.equal((await h.admin('POST', `/patients/${patientId}/erase`, { confirm: true }, owner)).status, 200);
      const schema = db as unknown as Kysely<unknown>;
      await patientErasedAt.down(schema); // as an erasure before the migration left it: no record
      assert.equal((await db.selectFrom('patients').select('id').where('id', '=', patientId).execute()).length, 0);
      await patientErasedAt.up(schema);
      const record = await db.selectFrom('patients').selectAll().where('id', '=', patientId).executeTakeFirstOrThrow();
      assert.equal(record.erased_at?.toISOString(), h.clock.now.toISOString(), 'erased when the audit log says');
      assert.equal(record.national_id, null);
      const again = await h.admin('POST', `/patients/${patientId}/erase`, { confirm: true }, owner);
      assert.deepEqual([again.status, again.body.alreadyErased], [200, true]);
    });

    test('a failure half-way leaves nothing half-erased', async () => {
      const db = database!.db;
      const h = await createAdminHarness(database!, { subdomain: `gdpr-r-${kind}` });
      const { patientId, future } = await gather(h, db);
      const owner = (await h.staffHeaders('owner')).headers;
      const snapshot = async () => JSON.stringify(await Promise.all([
        db.selectFrom('patients').selectAll().where('id', '=', patientId).execute(),
        db.selectFrom('appointments').selectAll().where('organization_id', '=', h.fixture.orgId).orderBy('id').execute(),
        db.selectFrom('messages').selectAll().where('organization_id', '=', h.fixture.orgId).orderBy('id').execute(),
        db.selectFrom('verification_codes').selectAll().where('organization_id', '=', h.fixture.orgId).orderBy('id').execute(),
        db.selectFrom('inbound_sms').selectAll().where('organization_id', '=', h.fixture.orgId).orderBy('id').execute(),
        db.selectFrom('audit_log').selectAll().where('organization_id', '=', h.fixture.orgId).orderBy('id').execute(),
      ]));
      const before = await snapshot();
      // The last step (blanking the record) fails, after every other step ran in the transaction.
      await sql`CREATE FUNCTION gdpr_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused for the test'; END $$`.execute(db);
      await sql`CREATE TRIGGER gdpr_refuse BEFORE UPDATE ON patients FOR EACH ROW EXECUTE FUNCTION gdpr_refuse()`.execute(db);
      try {
        const failed = await h.admin('POST', `/patients/${patientId}/erase`, { confirm: true }, owner);
        assert.equal(failed.status, 500);
      } finally {
        await sql`DROP TRIGGER gdpr_refuse ON patients`.execute(db);
        await sql`DROP FUNCTION gdpr_refuse()`.execute(db);
      }
      assert.equal(await snapshot(), before, 'every row as it was');
      assert.ok((await db.selectFrom('messages').select('id').where('appointment_id', '=', future).where('status', '=', 'waiting').execute()).length > 0, 'reminders still queued');
      assert.equal((await h.admin('POST', `/patients/${patientId}/erase`, { confirm: true }, owner)).status, 200, 'and the erasure works once the fault is gone');
    });
  });
}
