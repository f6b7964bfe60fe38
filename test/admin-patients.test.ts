import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DATABASE_KINDS, createTestDatabase } from './support/test-database.ts';
import { createAdminHarness } from './support/admin-harness.ts';
import { norwegianIds } from './support/fixture.ts';
import { eachPage } from '../sdk/admin-client.ts';

// Issue 9.5: patients through the admin API and its SDK: search by each
// field (a mobile in any format), paging, the patient view, editing (a mobile
// staff type is not proved), the recall search (S11), and the pending
// changes of B18 accepted or rejected once.

const ids = norwegianIds(30);

for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  describe(`patients (${kind})`, { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
    after(() => database?.close());

    test('search by name, national id, mobile in any format and e-mail; pages without gaps; none of another organization', async () => {
      const a = await createAdminHarness(database!, { subdomain: 'pat-a' });
      const b = await createAdminHarness(database!, { subdomain: 'pat-b' });
      const made: string[] = [];
      for (let i = 0; i < 7; i++) {
        const { body } = await a.admin('POST', '/appointments', {
          patient: { firstName: `Kari${i}`, lastName: i < 5 ? 'Nordmann' : 'Hansen', nationalId: ids[i], mobile: `+47912340${10 + i}`, email: `kari${i}@example.no` },
          clinicId: a.fixture.clinics.a, providerId: a.fixture.providers.p1, start: `2026-12-0${2 + i}T18:00:00+01:00`, durationMinutes: 30,
        });
        made.push(body.appointment.patient.id);
      }
      await b.admin('POST', '/appointments', { patient: { firstName: 'Kari', lastName: 'Nordmann', nationalId: ids[20] }, clinicId: b.fixture.clinics.a, providerId: b.fixture.providers.p1, start: '2026-12-02T18:00:00+01:00', durationMinutes: 30 });

      const byName = await a.client.searchPatients({ q: 'nordmann' });
      assert.equal(byName.patients.length, 5, 'five Nordmann, none of B');
      assert.equal((await a.client.searchPatients({ q: 'Kari3 Nordmann' })).patients[0]!.id, made[3]);
      assert.deepEqual((await a.client.searchPatients({ q: ids[4] })).patients.map((p) => p.id), [made[4]]);
      assert.deepEqual((await a.client.searchPatients({ q: '912 34 012' })).patients.map((p) => p.id), [made[2]], 'a national-format mobile');
      assert.deepEqual((await a.client.searchPatients({ q: '+47 912 34 015' })).patients.map((p) => p.id), [made[5]]);
      assert.deepEqual((await a.client.searchPatients({ q: 'KARI6@example.no' })).patients.map((p) => p.id), [made[6]]);
      assert.deepEqual((await a.client.searchPatients({ q: '100%_' })).patients, [], 'LIKE characters are literal');

      const seen: string[] = [];
      for await (const p of eachPage((cursor) => a.client.searchPatients({ limit: '2', cursor }), (page) => page.patients)) seen.push(p.id);
      assert.deepEqual([...seen].sort(), [...made].sort(), 'every patient once across pages');
      assert.deepEqual(seen.slice(0, 2).length, 2);
      const forged = await a.admin('GET', '/patients?cursor=bm9wZQ');
      assert.equal(forged.status, 422);
      assert.equal(forged.body.issues[0].path, 'cursor');
    });

    test('view, edit (a changed mobile is not proved), recall search; another organization\'s patient is 404 and unchanged', async () => {
      const a = await createAdminHarness(database!, { subdomain: 'pat-c' });
      const b = await createAdminHarness(database!, { subdomain: 'pat-d' });
      const { appointmentId } = await a.book('2026-12-03T09:00:00+01:00');
      const patientId = (await database!.db.selectFrom('appointments').select('patient_id').where('id', '=', appointmentId).executeTakeFirstOrThrow()).patient_id!;
      await a.client.cancelAppointment(appointmentId, { notifyPatient: true });

      const view = await a.client.getPatient(patientId);
      assert.equal(view.patient.id, patientId);
      assert.deepEqual(view.appointments.map((x) => x.id), [appointmentId]);
      assert.ok(view.messages.some((m) => m.kind === 'booked') && view.messages.some((m) => m.kind === 'cancelled'), 'the messages');
      assert.ok(view.journal.some((j) => j.kind === 'cancelled_staff'), 'the journal');
      // The confirmation carries the patient's manage link: a reader of the patient's page must not get a live one.
      const stored = await database!.db.selectFrom('messages').select('body').where('patient_id', '=', patientId).where('kind', '=', 'booked').execute();
      assert.ok(stored.some((m) => /\/manage\/[A-Za-z0-9_%-]{10,}/.test(m.body)), 'the stored confirmation has its manage link');
      for (const m of view.messages) assert.doesNotMatch(m.body, /\/manage\/(?!••••••)/, `no live manage token in the ${m.kind} message`);

      await database!.db.updateTable('patients').set({ mobile_verified: true }).where('id', '=', patientId).execute();
      const edited = await a.client.updatePatient(patientId, { mobile: '987 65 432', wantsSms: false, nextRecallDate: '2027-03-15', city: 'Bergen' });
      assert.equal(edited.mobile, '+4798765432');
      assert.equal(edited.mobileVerified, false, 'staff typing a mobile proves nothing');
      assert.equal(edited.wantsSms, false);
      assert.equal(edited.nextRecallDate, '2027-03-15');
      assert.equal(edited.city, 'Bergen');
      const wrong = await a.admin('PATCH', `/patients/${patientId}`, { mobile: '0047 987 65 432' });
      assert.equal(wrong.status, 422);
      assert.equal(wrong.body.issues[0].path, 'mobile');
      assert.equal((await a.admin('PATCH', `/patients/${patientId}`, { wantsSms: 'yes' })).body.issues[0].path, 'wantsSms');
      const audit = (await a.audit()).find((e) => e.action === 'patient.update');
      assert.deepEqual(audit?.after, { fields: ['mobile', 'city', 'wantsSms', 'nextRecallDate'] });

      // Recall search (S11).
      const others: string[] = [];
      for (const [i, date] of ['2027-03-01', '2027-03-31', '2027-04-01'].entries()) {
        const { body } = await a.admin('POST', '/appointments', { patient: { firstName: 'R', lastName: `Recall${i}`, nationalId: ids[10 + i] }, clinicId: a.fixture.clinics.a, providerId: a.fixture.providers.p2, start: `2026-12-1${i}T18:00:00+01:00`, durationMinutes: 30 });
        await a.client.updatePatient(body.appointment.patient.id, { nextRecallDate: date });
        others.push(body.appointment.patient.id);
      }
      const march = await a.client.recallDue({ from: '2027-03-01', to: '2027-03-31' });
      assert.deepEqual(march.patients.map((p) => p.nextRecallDate), ['2027-03-01', '2027-03-15', '2027-03-31']);
      const paged: string[] = [];
      for await (const p of eachPage((cursor) => a.client.recallDue({ from: '2027-01-01', to: '2027-12-31', limit: '1', cursor }), (page) => page.patients)) paged.push(p.id);
      assert.equal(paged.length, 4);
      assert.equal((await a.admin('GET', '/patients/recall?from=2027-04-01&to=2027-03-01')).status, 422);

      const foreign = await b.admin('GET', `/patients/${patientId}`);
      assert.equal(foreign.status, 404);
      const foreignEdit = await b.admin('PATCH', `/patients/${patientId}`, { firstName: 'Mallory' });
      assert.equal(foreignEdit.status, 404);
      assert.equal((await a.client.getPatient(patientId)).patient.firstName, 'Nora');
      assert.equal((await b.client.recallDue({ from: '2027-01-01', to: '2027-12-31' })).patients.length, 0);
    });

    test('pending changes (B18): listed with old and new, accepted onto the record (not proved) or rejected, journaled, decided once', async () => {
      const a = await createAdminHarness(database!, { subdomain: 'pat-e' });
      const b = await createAdminHarness(database!, { subdomain: 'pat-f' });
      await a.book('2026-12-03T09:00:00+01:00');
      await a.book('2026-12-04T09:00:00+01:00', { mobile: '+4798765432', email: 'nora.ny@example.no' });
      await a.book('2026-12-05T09:00:00+01:00', { email: 'other@example.no' });
      const { changes, nextCursor } = await a.client.listPendingChanges();
      assert.equal(changes.length, 2);
      assert.equal(nextCursor, null);
      const paged: string[] = [];
      for await (const c of eachPage((cursor) => a.client.listPendingChanges({ limit: '1', cursor }), (page) => page.changes)) paged.push(c.id);
      assert.deepEqual(paged, changes.map((c) => c.id), 'newest first, one page each');
      const mobileChange = changes.find((c) => c.changes.some((f) => f.field === 'mobile'))!;
      assert.deepEqual(mobileChange.changes.find((f) => f.field === 'mobile'), { field: 'mobile', old: '+4791234567', new: '+4798765432' });
      const otherChange = changes.find((c) => c !== mobileChange)!;

      // Another organization cannot decide it.
      assert.equal((await b.admin('POST', `/pending-changes/${mobileChange.id}/accept`)).status, 404);
      assert.equal((await b.client.listPendingChanges()).changes.length, 0);

      const accepted = await a.client.acceptPendingChange(mobileChange.id);
      assert.equal(accepted.status, 'accepted');
      const record = await database!.db.selectFrom('patients').selectAll().where('id', '=', mobileChange.patient.id).executeTakeFirstOrThrow();
      assert.equal(record.mobile, '+4798765432');
      assert.equal(record.email, 'nora.ny@example.no');
      assert.equal(record.mobile_verified, false, 'a mobile accepted from a typed booking is not proved');
      const twice = await a.admin('POST', `/pending-changes/${mobileChange.id}/accept`);
      assert.equal(twice.status, 409);
      assert.equal(twice.body.code, 'already_decided');

      const rejected = await a.client.rejectPendingChange(otherChange.id);
      assert.equal(rejected.status, 'rejected');
      assert.equal((await database!.db.selectFrom('patients').select('email').where('id', '=', otherChange.patient.id).executeTakeFirstOrThrow()).email, 'nora.ny@example.no', 'rejecting changes nothing');
      assert.equal((await a.admin('POST', `/pending-changes/${otherChange.id}/accept`)).status, 409);

      const journal = (await a.client.getPatient(mobileChange.patient.id)).journal.map((j) => j.kind).sort();
      assert.deepEqual(journal, ['patient_change_accepted', 'patient_change_rejected']);
      assert.equal((await a.client.listPendingChanges()).changes.length, 0);
      assert.equal((await a.client.listPendingChanges({ status: 'accepted' })).changes.length, 1);
      const actions = (await a.audit()).map((e) => e.action);
      assert.ok(actions.includes('pending_change.accept') && actions.includes('pending_change.reject'));
    });
  });
}
