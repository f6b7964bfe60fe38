import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DATABASE_KINDS, createTestDatabase } from './support/test-database.ts';
import { createAdminHarness, type AdminHarness } from './support/admin-harness.ts';
import { norwegianIds, patient } from './support/fixture.ts';

// Issue 9.4 and 9.6: the appointment book through the admin API and its SDK.
// Staff book by phone outside the online rules, but never over another
// booking; moves, cancellations and attendance; the practice system's sync by
// external id is idempotent; another organization's ids are 404 and change nothing.

const ids = norwegianIds(20);

for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  describe(`appointment book (${kind})`, { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
    after(() => database?.close());

    /** The patient record of an online booking, by booking it. */
    async function onlinePatient(a: AdminHarness, start = '2026-12-03T09:00:00+01:00') {
      const { appointmentId } = await a.book(start);
      const row = await database!.db.selectFrom('appointments').select('patient_id').where('id', '=', appointmentId).executeTakeFirstOrThrow();
      return { appointmentId, patientId: row.patient_id! };
    }

    const at = (a: AdminHarness, start: string, extra: Record<string, unknown> = {}) => ({ clinicId: a.fixture.clinics.a, providerId: a.fixture.providers.p1, start, ...extra });

    test('a phone booking outside opening hours, any length, for an existing and a new patient; an overlap is 409 both ways', async () => {
      const a = await createAdminHarness(database!, { subdomain: 'book-a' });
      const { patientId } = await onlinePatient(a);
      // 18:00–19:30 is after hours (08–16) and 90 minutes long: no online rule applies.
      const made = await a.client.createAppointment({ patientId, ...at(a, '2026-12-03T18:00:00+01:00', { durationMinutes: 90, text: 'Rotfylling (telefon)' }) });
      assert.equal(made.patientCreated, false);
      assert.deepEqual(made.warnings, []);
      assert.equal(made.appointment.start, '2026-12-03T18:00:00+01:00');
      assert.equal(made.appointment.end, '2026-12-03T19:30:00+01:00');
      assert.equal(made.appointment.source, 'api', 'an API key made it');
      assert.equal(made.appointment.text, 'Rotfylling (telefon)');
      assert.equal(made.appointment.patient?.id, patientId);

      const fresh = await a.admin('POST', '/appointments', { patient: { firstName: 'Per', lastName: 'Olsen', nationalId: ids[0], mobile: '912 34 599' }, ...at(a, '2026-12-03T07:00:00+01:00', { treatmentId: a.fixture.treatments.cleaning }) });
      assert.equal(fresh.status, 201, JSON.stringify(fresh.body));
      assert.equal(fresh.body.patientCreated, true);
      assert.equal(fresh.body.appointment.end, '2026-12-03T07:45:00+01:00', "the treatment's length");
      assert.equal(fresh.body.appointment.patient.mobile, '+4791234599', 'the mobile read as the public API reads it');
      const record = await database!.db.selectFrom('patients').select(['mobile_verified']).where('id', '=', fresh.body.appointment.patient.id).executeTakeFirstOrThrow();
      assert.equal(record.mobile_verified, false, 'staff typed the mobile: not proved');

      const overlapping = await a.admin('POST', '/appointments', { patientId, ...at(a, '2026-12-03T19:00:00+01:00', { durationMinutes: 15 }) });
      assert.equal(overlapping.status, 409);
      assert.equal(overlapping.body.code, 'slot_taken');
      const overOnline = await a.admin('POST', '/appointments', { patientId, ...at(a, '2026-12-03T08:45:00+01:00', { durationMinutes: 30 }) });
      assert.equal(overOnline.body.code, 'slot_taken', 'the online booking at 09:00 blocks staff too');
      const online = await a.call('POST', '/bookings', { treatmentId: a.fixture.treatments.checkup, ...at(a, '2026-12-03T07:30:00+01:00'), patient: patient({ nationalId: ids[1] }) });
      assert.notEqual(online.status, 201, 'outside hours online anyway');
      // Another provider at the same time is free.
      assert.equal((await a.admin('POST', '/appointments', { patientId, ...at(a, '2026-12-03T18:00:00+01:00', { providerId: a.fixture.providers.p2, durationMinutes: 30 }) })).status, 201);

      const bad = await a.admin('POST', '/appointments', { patient: { firstName: 'X', lastName: 'Y', nationalId: '12345678901' }, ...at(a, '2026-12-04T18:00:00+01:00', { durationMinutes: 30 }) });
      assert.equal(bad.status, 422);
      assert.equal(bad.body.issues[0].path, 'patient.nationalId');
      const both = await a.admin('POST', '/appointments', { ...at(a, '2026-12-04T18:00:00+01:00', { durationMinutes: 30 }) });
      assert.equal(both.body.issues[0].path, 'patientId');
      const noLength = await a.admin('POST', '/appointments', { patientId, ...at(a, '2026-12-04T18:00:00+01:00') });
      assert.equal(noLength.body.issues[0].path, 'durationMinutes');

      const past = await a.client.createAppointment({ patientId, ...at(a, '2026-11-20T10:00:00+01:00', { durationMinutes: 30 }) });
      assert.deepEqual(past.warnings, ['in_the_past'], 'back-registration is allowed, and said');

      const audit = await a.audit();
      assert.equal(audit.filter((e) => e.action === 'appointment.create').length, 4);
    });

    test('notifyPatient queues the confirmation an online booking gets; without it none, reminders either way', async () => {
      const a = await createAdminHarness(database!, { subdomain: 'book-b' });
      const { patientId } = await onlinePatient(a);
      const quiet = await a.client.createAppointment({ patientId, ...at(a, '2026-12-08T18:00:00+01:00', { durationMinutes: 30 }) });
      const told = await a.client.createAppointment({ patientId, ...at(a, '2026-12-09T18:00:00+01:00', { durationMinutes: 30 }), notifyPatient: true });
      const messages = await a.messages();
      const of = (id: string) => messages.filter((m) => m.appointment_id === id);
      assert.deepEqual(of(quiet.appointment.id).filter((m) => m.kind === 'booked'), [], 'no confirmation');
      assert.deepEqual(of(told.appointment.id).filter((m) => m.kind === 'booked').map((m) => m.channel).sort(), ['email', 'sms']);
      // Its link manages the booking, as an online booking's does.
      const sms = of(told.appointment.id).find((m) => m.kind === 'booked' && m.channel === 'sms')!;
      const token = decodeURIComponent(/\/o\/book-b\/manage\/(\S+)/.exec(sms.body)?.[1] ?? '');
      assert.ok(token, sms.body);
      const managed = await a.call('GET', `/bookings/${encodeURIComponent(token)}`);
      assert.equal(managed.status, 200);
      assert.equal(managed.body.id, told.appointment.id);
      for (const id of [quiet.appointment.id, told.appointment.id]) {
        assert.ok(of(id).some((m) => m.kind === 'reminder1' && m.status === 'waiting'), 'reminders scheduled as for online bookings');
      }

      // The book shows the day with the reminder statuses (SMS 1/2/3/thanks).
      const day = await a.client.listAppointments({ from: '2026-12-09' });
      assert.deepEqual(day.appointments.map((x) => x.id), [told.appointment.id]);
      assert.equal(day.appointments[0]!.reminders.reminder1, 'waiting');
      assert.equal(day.appointments[0]!.source, 'api');
      const week = await a.client.listAppointments({ from: '2026-12-07', to: '2026-12-13', providerId: a.fixture.providers.p1 });
      assert.deepEqual(week.appointments.map((x) => x.start), ['2026-12-08T18:00:00+01:00', '2026-12-09T18:00:00+01:00']);
      assert.equal((await a.client.listAppointments({ from: '2026-12-07', to: '2026-12-13', providerId: a.fixture.providers.p2 })).appointments.length, 0);
      const tooLong = await a.admin('GET', '/appointments?from=2026-12-01&to=2027-02-01');
      assert.equal(tooLong.status, 422);
      assert.equal(tooLong.body.issues[0].path, 'to');
      // The sent reminder shows as sent.
      await a.at('2026-12-06T20:00:00Z');
      const later = await a.client.getAppointment(told.appointment.id);
      assert.equal(later.reminders.reminder1, 'sent');
      // The messaging area's own routes still answer.
      const today = await a.client.todaysAppointments('2026-12-09');
      assert.equal(today.appointments.length, 1);
      assert.deepEqual(today.appointments[0]!.reminders, later.reminders, "today's list shows the same statuses");
    });

    test('move, cancel and attendance: reminders follow, journal and audit note them, a cancelled one refuses', async () => {
      const a = await createAdminHarness(database!, { subdomain: 'book-c' });
      const { patientId } = await onlinePatient(a);
      const { appointment } = await a.client.createAppointment({ patientId, ...at(a, '2026-12-08T18:00:00+01:00', { durationMinutes: 40 }) });
      await a.client.createAppointment({ patientId, ...at(a, '2026-12-10T10:00:00+01:00', { durationMinutes: 30 }) });
      const clash = await a.admin('POST', `/appointments/${appointment.id}/move`, { start: '2026-12-10T09:45:00+01:00' });
      assert.equal(clash.body.code, 'slot_taken');
      const moved = await a.client.moveAppointment(appointment.id, { start: '2026-12-11T19:00:00+01:00', notifyPatient: true });
      assert.equal(moved.start, '2026-12-11T19:00:00+01:00');
      assert.equal(moved.end, '2026-12-11T19:40:00+01:00', 'the length is kept');
      const reminder = (await a.messages()).find((m) => m.appointment_id === appointment.id && m.kind === 'reminder1' && m.status === 'waiting');
      assert.ok(reminder && reminder.body.includes('19:00'), 'the waiting reminder moved with it');
      assert.ok((await a.messages()).some((m) => m.appointment_id === appointment.id && m.kind === 'rebooked'));

      const attended = await a.client.setAttendance(appointment.id, { attendance: 'no_show' });
      assert.equal(attended.attendance, 'no_show');
      assert.equal(attended.status, 'booked', 'it keeps its time');

      const cancelled = await a.client.cancelAppointment(appointment.id, { reason: 'Ill' });
      assert.equal(cancelled.status, 'cancelled');
      assert.ok((await a.messages()).filter((m) => m.appointment_id === appointment.id && m.kind === 'reminder1').every((m) => m.status === 'cancelled'));
      assert.ok(!(await a.messages()).some((m) => m.appointment_id === appointment.id && m.kind === 'cancelled'), 'no notice without notifyPatient');
      const again = await a.admin('POST', `/appointments/${appointment.id}/cancel`, {});
      assert.equal(again.status, 409);
      assert.equal(again.body.code, 'already_cancelled');
      assert.equal((await a.admin('POST', `/appointments/${appointment.id}/attendance`, { attendance: 'attended' })).status, 409);
      // The time is free again.
      assert.equal((await a.admin('POST', '/appointments', { patientId, ...at(a, '2026-12-11T19:00:00+01:00', { durationMinutes: 40 }) })).status, 201);
      const withCancelled = await a.client.listAppointments({ from: '2026-12-11', includeCancelled: 'true' });
      assert.equal(withCancelled.appointments.length, 2);

      const journal = await database!.db.selectFrom('journal_entries').select('kind').where('patient_id', '=', patientId).execute();
      assert.deepEqual(journal.map((j) => j.kind).sort(), ['cancelled_staff', 'rebooked_staff']);
      const actions = (await a.audit()).map((e) => e.action);
      for (const action of ['appointment.move', 'appointment.attendance', 'appointment.cancel']) assert.ok(actions.includes(action), action);
    });

    test('the practice system syncs by external id: the same create twice is one appointment, a move, a cancel twice is fine', async () => {
      const a = await createAdminHarness(database!, { subdomain: 'book-d' });
      const write = await a.keyWith(['write']);
      const auth = { authorization: `Bearer ${write}` };
      const body = { patient: { firstName: 'Ola', lastName: 'Berg', nationalId: ids[2] }, ...at(a, '2026-12-08T18:00:00+01:00', { durationMinutes: 30 }) };
      const first = await a.admin('PUT', '/appointments/external/pms-4711', body, auth);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.equal(first.body.appointment.externalId, 'pms-4711');
      const second = await a.admin('PUT', '/appointments/external/pms-4711', body, auth);
      assert.equal(second.status, 200);
      assert.equal(second.body.appointment.id, first.body.appointment.id);
      assert.equal(await a.count('appointments'), 1);
      assert.equal(await a.count('patients'), 1);

      const moved = await a.admin('PUT', '/appointments/external/pms-4711', { ...body, start: '2026-12-09T18:00:00+01:00' }, auth);
      assert.equal(moved.status, 200);
      assert.equal(moved.body.appointment.start, '2026-12-09T18:00:00+01:00');
      assert.equal(await a.count('appointments'), 1);

      const taken = await a.admin('POST', '/appointments', { ...body, start: '2026-12-20T18:00:00+01:00', externalId: 'pms-4711' }, auth);
      assert.equal(taken.status, 422);
      assert.equal(taken.body.issues[0].path, 'externalId');

      const gone = await a.admin('DELETE', '/appointments/external/pms-4711', undefined, auth);
      assert.equal(gone.status, 200);
      assert.equal(gone.body.status, 'cancelled');
      const goneAgain = await a.admin('DELETE', '/appointments/external/pms-4711', undefined, auth);
      assert.equal(goneAgain.status, 200);
      assert.equal(goneAgain.body.status, 'cancelled');
      assert.equal((await a.admin('DELETE', '/appointments/external/pms-unknown', undefined, auth)).status, 404);
      assert.equal((await a.audit()).filter((e) => e.action === 'appointment.cancel').length, 1, 'cancelled once');

      const readOnly = await a.admin('PUT', '/appointments/external/pms-1', body, { authorization: `Bearer ${await a.keyWith(['read'])}` });
      assert.equal(readOnly.status, 403);
    });

    test('bad input to every book endpoint is 422 naming the field; unknown ids are 404', async () => {
      const a = await createAdminHarness(database!, { subdomain: 'book-g' });
      const { appointmentId, patientId } = await onlinePatient(a);
      const unknown = '00000000-0000-4000-8000-000000000000';
      const cases: Array<[string, string, unknown, string]> = [
        ['GET', '/appointments?from=2026-13-01', undefined, 'from'],
        ['GET', '/appointments?from=2026-12-01&clinicId=x', undefined, 'clinicId'],
        ['GET', '/appointments/nope', undefined, 'id'],
        ['POST', '/appointments', { patientId, ...at(a, 'tomorrow', { durationMinutes: 30 }) }, 'start'],
        ['POST', '/appointments', { patientId, ...at(a, '2026-12-08T18:00:30+01:00', { durationMinutes: 30 }) }, 'start'],
        ['POST', '/appointments', { patientId, ...at(a, '2026-12-08T18:00:00+01:00', { durationMinutes: '30' }) }, 'durationMinutes'],
        ['POST', '/appointments', { patientId, ...at(a, '2026-12-08T18:00:00+01:00', { end: '2026-12-08T17:00:00+01:00' }) }, 'end'],
        ['POST', '/appointments', { patientId: unknown, ...at(a, '2026-12-08T18:00:00+01:00', { durationMinutes: 30 }) }, 'patientId'],
        ['POST', '/appointments', { patientId, ...at(a, '2026-12-08T18:00:00+01:00', { durationMinutes: 30, treatmentId: unknown }) }, 'treatmentId'],
        ['POST', '/appointments', { patientId, ...at(a, '2026-12-08T18:00:00+01:00', { durationMinutes: 30, clinicId: unknown }) }, 'clinicId'],
        ['POST', '/appointments', { patient: { firstName: 'A', lastName: 'B', nationalId: ids[9], mobile: '0047 912 34 567' }, ...at(a, '2026-12-08T18:00:00+01:00', { durationMinutes: 30 }) }, 'patient.mobile'],
        ['POST', '/appointments', { patientId, ...at(a, '2026-12-08T18:00:00+01:00', { durationMinutes: 30, externalId: 'has space' }) }, 'externalId'],
        ['POST', `/appointments/${appointmentId}/move`, { start: 42 }, 'start'],
        ['POST', `/appointments/${appointmentId}/move`, { start: '2026-12-08T18:00:00+01:00', providerId: unknown }, 'providerId'],
        ['POST', `/appointments/${appointmentId}/cancel`, { notifyPatient: 'yes' }, 'notifyPatient'],
        ['POST', `/appointments/${appointmentId}/attendance`, { attendance: 'late' }, 'attendance'],
        ['PUT', '/appointments/external/has%20space', { patientId, ...at(a, '2026-12-08T18:00:00+01:00', { durationMinutes: 30 }) }, 'externalId'],
        ['PUT', '/appointments/external/pms-1', { patientId, ...at(a, '2026-12-08T18:00:00+01:00', { durationMinutes: 0 }) }, 'durationMinutes'],
      ];
      for (const [method, path, body, field] of cases) {
        const answer = await a.admin(method, path, body);
        assert.equal(answer.status, 422, `${method} ${path} ${JSON.stringify(answer.body)}`);
        assert.equal(answer.type, 'application/problem+json');
        assert.ok(answer.body.issues.some((i: { path: string }) => i.path === field), `${method} ${path}: ${JSON.stringify(answer.body.issues)} names ${field}`);
      }
      for (const [method, path] of [['GET', `/appointments/${unknown}`], ['POST', `/appointments/${unknown}/move`], ['POST', `/appointments/${unknown}/cancel`], ['POST', `/appointments/${unknown}/attendance`]] as const) {
        const answer = await a.admin(method, path, method === 'GET' ? undefined : { start: '2026-12-08T18:00:00+01:00', attendance: null });
        assert.equal(answer.status, 404, `${method} ${path}`);
      }
      assert.equal(await a.count('appointments'), 1, 'nothing written');
    });

    test("another organization's appointments, and ids in bodies, are not found; nothing changes", async () => {
      const a = await createAdminHarness(database!, { subdomain: 'book-e' });
      const b = await createAdminHarness(database!, { subdomain: 'book-f' });
      const { appointmentId, patientId } = await onlinePatient(b);
      await b.client.createAppointment({ patientId, ...at(b, '2026-12-08T18:00:00+01:00', { durationMinutes: 30, externalId: 'b-1' }) });
      const before = await database!.db.selectFrom('appointments').selectAll().where('organization_id', '=', b.fixture.orgId).orderBy('id').execute();
      for (const [method, path, body] of [
        ['GET', `/appointments/${appointmentId}`, undefined],
        ['POST', `/appointments/${appointmentId}/move`, { start: '2026-12-12T10:00:00+01:00' }],
        ['POST', `/appointments/${appointmentId}/cancel`, {}],
        ['POST', `/appointments/${appointmentId}/attendance`, { attendance: 'attended' }],
        ['DELETE', '/appointments/external/b-1', undefined],
      ] as const) {
        const answer = await a.admin(method, path, body);
        assert.equal(answer.status, 404, `${method} ${path}`);
        assert.equal(answer.body.code, 'not_found');
      }
      const foreignPatient = await a.admin('POST', '/appointments', { patientId, ...at(a, '2026-12-08T18:00:00+01:00', { durationMinutes: 30 }) });
      assert.equal(foreignPatient.status, 422);
      assert.equal(foreignPatient.body.issues[0].path, 'patientId');
      const foreignProvider = await a.admin('POST', '/appointments', { patientId, ...at(a, '2026-12-08T18:00:00+01:00', { durationMinutes: 30, providerId: b.fixture.providers.p1 }) });
      assert.equal(foreignProvider.body.issues[0].path, 'providerId');
      // The same external id in A is A's own: B's is untouched.
      assert.equal((await a.admin('PUT', '/appointments/external/b-1', { patient: { firstName: 'A', lastName: 'A', nationalId: ids[3] }, ...at(a, '2026-12-08T18:00:00+01:00', { durationMinutes: 30 }) })).status, 201);
      assert.equal((await a.client.listAppointments({ from: '2026-12-03', to: '2026-12-09' })).appointments.length, 1, "none of B's");
      const after = await database!.db.selectFrom('appointments').selectAll().where('organization_id', '=', b.fixture.orgId).orderBy('id').execute();
      assert.deepEqual(after, before);
      assert.equal((await b.audit()).filter((e) => e.actor_label.startsWith('test harness') === false).length, 0);
    });
  });
}
