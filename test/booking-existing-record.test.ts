import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, DATABASE_KINDS } from './support/test-database.ts';
import { createMessagingHarness, type MessagingHarness } from './support/messaging-harness.ts';
import { createAdminClient } from '../sdk/admin-client.ts';
import { createApiKey } from '../server/admin/api-keys.ts';

// Issue 8, item 4: a typed national id alone never reveals, changes or
// messages an existing patient's record. Every online booking is unverified
// today, so it shows and messages only what was typed in it.
const NATIONAL_ID = '13097248022';
const RECORD = { first_name: 'Demo', last_name: 'Pasient', mobile: '+4791234567', email: 'demo.pasient@example.no' };
/** Everything of the record that must never leak, also the mobile as typed nationally. */
const SECRETS = ['Demo', 'Pasient', '+4791234567', '91234567', '912 34 567', 'demo.pasient'];
const TYPED = { firstName: 'Mallory', lastName: 'Attacker', nationalId: NATIONAL_ID, mobile: '+4798765432', email: 'mallory@example.test' };
const SAME = { firstName: 'Demo', lastName: 'Pasient', nationalId: NATIONAL_ID, mobile: '+4791234567', email: 'demo.pasient@example.no' };
const START = '2026-12-07T10:00:00+01:00';

function assertNothingOf(text: string, where: string): void {
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `${where} reveals "${secret}" of the existing record: ${text}`);
}

/** Key paths and value types of a JSON value: what a client can tell apart. */
function shape(value: unknown, path = ''): string[] {
  if (value === null || typeof value !== 'object') return [`${path}:${value === null ? 'null' : typeof value}`];
  if (Array.isArray(value)) return [`${path}:array`, ...value.flatMap((v, i) => shape(v, `${path}[${i}]`))];
  return Object.keys(value).sort().flatMap((k) => shape((value as Record<string, unknown>)[k], `${path}.${k}`));
}

for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  describe(`a booking with an existing patient's national id on ${kind} (issue 8.4)`, { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
    let n = 0;
    after(() => database?.close());

    async function withRecord(record: Partial<typeof RECORD> = {}) {
      const m = await createMessagingHarness(database!, { subdomain: `rec-${kind}-${++n}` });
      const patientId = randomUUID();
      await database!.db.insertInto('patients').values({ id: patientId, organization_id: m.fixture.orgId, national_id: NATIONAL_ID, address1: null, address2: null, postal_code: null, city: null, ...RECORD, ...record }).execute();
      return { m, patientId };
    }

    async function book(m: MessagingHarness, details: Record<string, unknown>, start = START) {
      return m.call('POST', '/bookings', { treatmentId: m.fixture.treatments.checkup, clinicId: m.fixture.clinics.a, providerId: m.fixture.providers.p1, start, patient: details });
    }

    test('answers, manage view, manage page and every message show only what was typed', async () => {
      const { m, patientId } = await withRecord();
      const created = await book(m, TYPED);
      assert.equal(created.status, 201);
      assert.ok(!('pendingPatientChange' in created.body), 'no pendingPatientChange in the answer');
      assertNothingOf(JSON.stringify(created.body), 'the 201 answer');
      assert.deepEqual(created.body.booking.patient, { firstName: 'Mallory', lastName: 'Attacker' });
      const token = created.body.manageToken as string;

      const view = await m.call('GET', `/bookings/${token}`);
      assert.equal(view.status, 200);
      assertNothingOf(JSON.stringify(view.body), 'GET /bookings/{token}');
      assert.deepEqual(view.body.patient, { firstName: 'Mallory', lastName: 'Attacker' });

      const page = await m.app.request(`/o/${m.fixture.subdomain}/manage/${token}`);
      assert.equal(page.status, 200);
      assertNothingOf(await page.text(), 'the manage page');

      // The appointment is on the record; the record is unchanged; staff get a pending change.
      const appointment = await database!.db.selectFrom('appointments').selectAll().where('id', '=', created.body.booking.id).executeTakeFirstOrThrow();
      assert.equal(appointment.patient_id, patientId);
      assert.equal(await m.count('patients'), 1);
      const record = await database!.db.selectFrom('patients').selectAll().where('id', '=', patientId).executeTakeFirstOrThrow();
      assert.deepEqual({ first_name: record.first_name, last_name: record.last_name, mobile: record.mobile, email: record.email }, RECORD);
      const change = await database!.db.selectFrom('pending_patient_changes').selectAll().where('patient_id', '=', patientId).executeTakeFirstOrThrow();
      const changes = typeof change.changes === 'string' ? JSON.parse(change.changes) : change.changes;
      assert.deepEqual(changes, [
        { field: 'mobile', old: RECORD.mobile, new: TYPED.mobile },
        { field: 'email', old: RECORD.email, new: TYPED.email },
      ]);

      await m.at('2026-12-01T09:00:00Z');

      // Staff sends and per-appointment reminders go to the typed mobile too.
      const { key } = await createApiKey(database!.db, m.fixture.orgId, 'test');
      const admin = createAdminClient({ baseUrl: 'http://localhost', apiKey: key, fetch: async (input, init) => m.app.request(input instanceof Request ? input : String(input), init) });
      const today = await admin.todaysAppointments('2026-12-07');
      assert.equal(today.appointments[0]!.mobile, TYPED.mobile);
      assert.deepEqual([today.appointments[0]!.patient?.firstName, today.appointments[0]!.patient?.lastName], ['Mallory', 'Attacker']);
      await admin.setAppointmentReminders(created.body.booking.id, { enabled: true, texts: { reminder2: 'Hei [firstName] [lastName], husk [time]!' } });
      assert.equal((await admin.sendToAppointments({ appointmentIds: [created.body.booking.id], kind: 'reminder3' })).queued.length, 1);
      await m.at('2026-12-01T09:01:00Z');

      // Rebook, a reminder, cancel: each sent by the worker.
      assert.equal((await m.call('POST', `/bookings/${token}/rebook`, { start: '2026-12-08T11:00:00+01:00' })).status, 200);
      await m.at('2026-12-01T09:02:00Z');
      await m.at('2026-12-05T12:00:00Z');
      const cancelled = await m.call('POST', `/bookings/${token}/cancel`);
      assert.equal(cancelled.status, 200);
      assertNothingOf(JSON.stringify(cancelled.body), 'the cancel answer');
      await m.at('2026-12-05T12:01:00Z');

      const rows = await m.messages();
      assert.ok(rows.some((r) => r.channel === 'sms' && r.kind === 'booked'));
      assert.ok(rows.some((r) => r.channel === 'email' && r.kind === 'booked'));
      assert.ok(rows.some((r) => r.kind === 'reminder2' && r.body.includes('Mallory Attacker')), 'merge fields are the typed name');
      for (const r of rows) {
        assert.ok(r.recipient === TYPED.mobile || r.recipient === TYPED.email, `${r.channel}:${r.kind} goes to ${r.recipient}`);
        assertNothingOf(`${r.subject ?? ''}\n${r.body}\n${r.ics ?? ''}`, `the ${r.channel}:${r.kind} message`);
      }
      assert.ok(rows.some((r) => r.body.includes('Mallory')), 'the typed name appears in the messages');
      // booked, reminder3 (staff), rebooked, reminder1, cancelled; and booked, rebooked, cancelled by e-mail.
      assert.equal(m.gateway.delivered.length, 5);
      assert.equal(m.email.sent.length, 3);
      for (const sms of m.gateway.delivered) {
        assert.equal(sms.to, TYPED.mobile);
        assertNothingOf(sms.body, 'a delivered SMS');
      }
      for (const mail of m.email.sent) {
        assert.equal(mail.to, TYPED.email);
        assertNothingOf(`${mail.subject}\n${mail.text}\n${mail.html}\n${mail.calendar?.content ?? ''}`, 'a delivered e-mail');
      }
    });

    test('a field the record lacks becomes a pending change, not an edit of the record', async () => {
      const { m, patientId } = await withRecord({ email: null as unknown as string });
      assert.equal((await book(m, TYPED)).status, 201);
      const record = await database!.db.selectFrom('patients').select(['email', 'mobile']).where('id', '=', patientId).executeTakeFirstOrThrow();
      assert.deepEqual(record, { email: null, mobile: RECORD.mobile });
      const change = await database!.db.selectFrom('pending_patient_changes').selectAll().where('patient_id', '=', patientId).executeTakeFirstOrThrow();
      const changes = typeof change.changes === 'string' ? JSON.parse(change.changes) : change.changes;
      assert.deepEqual(changes, [
        { field: 'mobile', old: RECORD.mobile, new: TYPED.mobile },
        { field: 'email', old: null, new: TYPED.email },
      ]);
    });

    test('matching details, other details and a new patient get answers of exactly the same shape', async () => {
      const same = await withRecord();
      const other = await withRecord();
      const fresh = await createMessagingHarness(database!, { subdomain: `rec-${kind}-${++n}` });
      const answers = [await book(same.m, SAME), await book(other.m, TYPED), await book(fresh, TYPED)];
      for (const a of answers) {
        assert.equal(a.status, 201);
        assert.ok(!('pendingPatientChange' in a.body));
      }
      assert.deepEqual(shape(answers[0]!.body), shape(answers[1]!.body));
      assert.deepEqual(shape(answers[1]!.body), shape(answers[2]!.body));
      const views = await Promise.all([[same.m, answers[0]!], [other.m, answers[1]!], [fresh, answers[2]!]].map(([h, a]) => (h as MessagingHarness).call('GET', `/bookings/${(a as { body: { manageToken: string } }).body.manageToken}`)));
      assert.deepEqual(shape(views[0]!.body), shape(views[1]!.body));
      assert.deepEqual(shape(views[1]!.body), shape(views[2]!.body));
      assert.equal(await same.m.count('pending_patient_changes'), 0);
      assert.equal(await other.m.count('pending_patient_changes'), 1);
      // The same messages are written either way, to the typed contacts.
      const kinds = async (h: MessagingHarness) => (await h.messages()).map((r) => `${r.channel}:${r.kind}`).sort();
      assert.deepEqual(await kinds(same.m), await kinds(other.m));
      assert.deepEqual(await kinds(other.m), await kinds(fresh));
    });
  });
}
