import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DATABASE_KINDS, createTestDatabase } from './support/test-database.ts';
import { createAdminHarness, type AdminHarness } from './support/admin-harness.ts';
import { norwegianIds } from './support/fixture.ts';

// Issue 9.3: working hours, breaks, dated exceptions, published slots and the
// availability mode per provider and clinic, through the admin API; the
// public slot search follows at once, and a change that leaves booked
// appointments outside the provider's time answers them.

const WEEKDAYS = [1, 2, 3, 4, 5] as const;

/** P1 at clinic A: its schedule path, and its free Checkup times in Oslo wall time (`YYYY-MM-DD HH:MM`). */
function p1AtA(a: AdminHarness) {
  const path = `/schedules/${a.fixture.providers.p1}/${a.fixture.clinics.a}`;
  return {
    path,
    async slots(from: string, to: string): Promise<string[]> {
      const { status, body } = await a.call('GET', `/slots?treatmentId=${a.fixture.treatments.checkup}&clinicId=${a.fixture.clinics.a}&providerId=${a.fixture.providers.p1}&from=${from}&to=${to}`);
      assert.equal(status, 200, JSON.stringify(body));
      return (body.slots as Array<{ start: string }>).map((s) => `${s.start.slice(0, 10)} ${s.start.slice(11, 16)}`);
    },
  };
}

const days = (slots: string[]) => [...new Set(slots.map((s) => s.slice(0, 10)))];
const hoursWeekdays = (start: string, end: string, weekdays: readonly number[] = WEEKDAYS) => ({ workingHours: weekdays.map((weekday) => ({ weekday, start, end })) });

for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  describe(`admin schedules (${kind})`, { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
    after(() => database?.close());

    test('working hours set the public slots; removing Friday removes its slots; the audit log has the week before and after', async () => {
      const a = await createAdminHarness(database!, { subdomain: 'sch-hours' });
      const p = p1AtA(a);
      const set = await a.admin('PUT', `${p.path}/working-hours`, hoursWeekdays('08:00', '16:00'));
      assert.equal(set.status, 200, JSON.stringify(set.body));
      assert.deepEqual(set.body.schedule.workingHours, WEEKDAYS.map((weekday) => ({ weekday, start: '08:00', end: '16:00' })));
      assert.deepEqual(set.body.stranded, []);
      // Monday 7 to Sunday 13 December 2026.
      assert.deepEqual(days(await p.slots('2026-12-07', '2026-12-13')), ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']);
      const monday = (await p.slots('2026-12-07', '2026-12-07'));
      assert.equal(monday[0], '2026-12-07 08:00');
      assert.equal(monday.at(-1), '2026-12-07 15:30');
      assert.ok(!monday.includes('2026-12-07 12:00'), 'the fixture break 12:00–12:30 still applies');

      const fourDays = await a.client.setWorkingHours(a.fixture.providers.p1, a.fixture.clinics.a, hoursWeekdays('08:00', '16:00', [1, 2, 3, 4]));
      assert.equal(fourDays.schedule.workingHours.length, 4);
      assert.deepEqual(days(await p.slots('2026-12-07', '2026-12-13')), ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10']);

      const got = await a.client.getSchedule(a.fixture.providers.p1, a.fixture.clinics.a);
      assert.equal(got.mode, 'working_hours');
      assert.equal(got.timeZone, 'Europe/Oslo');
      assert.deepEqual(got.breaks[0], { weekday: 1, start: '12:00', end: '12:30' });

      const audit = (await a.audit()).filter((row) => row.action === 'schedule.working_hours.replace');
      assert.equal(audit.length, 2);
      assert.equal(audit[0]!.target_id, `${a.fixture.providers.p1}/${a.fixture.clinics.a}`);
      // Both at one clock reading: told apart by their content.
      assert.deepEqual(audit.map((row) => [(row.before as unknown[]).length, (row.after as unknown[]).length]).sort(), [[5, 4], [7, 5]], 'the fixture week had every day');
      assert.equal(audit[0]!.actor_kind, 'api_key');
    });

    test('a break removes its slots; breaks replace the week', async () => {
      const a = await createAdminHarness(database!, { subdomain: 'sch-breaks' });
      const p = p1AtA(a);
      const set = await a.admin('PUT', `${p.path}/breaks`, { breaks: [{ weekday: 1, start: '10:00', end: '11:00' }] });
      assert.equal(set.status, 200, JSON.stringify(set.body));
      assert.deepEqual(set.body.schedule.breaks, [{ weekday: 1, start: '10:00', end: '11:00' }]);
      const monday = await p.slots('2026-12-07', '2026-12-07');
      assert.ok(monday.includes('2026-12-07 09:30'));
      for (const time of ['09:45', '10:00', '10:30', '10:45']) assert.ok(!monday.includes(`2026-12-07 ${time}`), time);
      assert.ok(monday.includes('2026-12-07 11:00'));
      assert.ok(monday.includes('2026-12-07 12:00'), 'the old lunch break is gone');
      const tuesday = await p.slots('2026-12-08', '2026-12-08');
      assert.ok(tuesday.includes('2026-12-08 10:00') && tuesday.includes('2026-12-08 12:00'), 'no breaks on Tuesday now');
      assert.equal((await a.audit()).filter((row) => row.action === 'schedule.breaks.replace').length, 1);
    });

    test('a closed exception removes a day, a partly closed one part of it, an open one adds a Saturday; deleting restores', async () => {
      const a = await createAdminHarness(database!, { subdomain: 'sch-exceptions' });
      const p = p1AtA(a);
      await a.client.setWorkingHours(a.fixture.providers.p1, a.fixture.clinics.a, hoursWeekdays('08:00', '16:00'));
      const closed = await a.admin('POST', `${p.path}/exceptions`, { date: '2026-12-08', kind: 'closed', note: 'Kurs' });
      assert.equal(closed.status, 201, JSON.stringify(closed.body));
      assert.equal(closed.body.created.length, 1);
      assert.deepEqual(closed.body.schedule.exceptions, [{ id: closed.body.created[0], date: '2026-12-08', kind: 'closed', note: 'Kurs' }]);
      const afternoon = await a.client.addScheduleException(a.fixture.providers.p1, a.fixture.clinics.a, { date: '2026-12-09', kind: 'closed', start: '13:00', end: '24:00' });
      const saturday = await a.client.addScheduleException(a.fixture.providers.p1, a.fixture.clinics.a, { date: '2026-12-12', kind: 'open', start: '10:00', end: '12:00', note: 'Lørdagsåpent' });
      const week = await p.slots('2026-12-07', '2026-12-13');
      assert.deepEqual(days(week), ['2026-12-07', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12']);
      assert.equal(week.filter((s) => s.startsWith('2026-12-09')).at(-1), '2026-12-09 12:30', 'Wednesday closes at 13:00');
      assert.deepEqual(week.filter((s) => s.startsWith('2026-12-12')), ['10:00', '10:15', '10:30', '10:45', '11:00', '11:15', '11:30'].map((t) => `2026-12-12 ${t}`), 'Saturday 10–12');
      assert.equal(saturday.schedule.exceptions.length, 3);

      const removed = await a.client.deleteScheduleException(a.fixture.providers.p1, a.fixture.clinics.a, closed.body.created[0]);
      assert.equal(removed.schedule.exceptions.length, 2);
      assert.ok(days(await p.slots('2026-12-08', '2026-12-08')).includes('2026-12-08'));
      assert.equal((await a.admin('DELETE', `${p.path}/exceptions/${closed.body.created[0]}`)).status, 404, 'already gone');
      assert.ok(afternoon.created);

      const missingEnd = await a.admin('POST', `${p.path}/exceptions`, { date: '2026-12-12', kind: 'open' });
      assert.equal(missingEnd.status, 422);
      assert.equal(missingEnd.body.issues[0].path, 'start');
      const backwards = await a.admin('POST', `${p.path}/exceptions`, { date: '2026-12-12', kind: 'closed', start: '12:00', end: '11:00' });
      assert.equal(backwards.status, 422);
      assert.equal(backwards.body.issues[0].path, 'end');
      const actions = (await a.audit()).map((row) => row.action);
      assert.equal(actions.filter((x) => x === 'schedule.exception.create').length, 3);
      assert.equal(actions.filter((x) => x === 'schedule.exception.delete').length, 1);
    });

    test('in published-slots mode only the published slots are offered; slots cannot overlap or lie in the past', async () => {
      const a = await createAdminHarness(database!, { subdomain: 'sch-published' });
      const p = p1AtA(a);
      const published = await a.admin('POST', `${p.path}/online-slots`, { slots: [{ start: '2026-12-09T10:00:00+01:00', end: '2026-12-09T11:00:00+01:00' }, { start: '2026-12-10T14:00:00+01:00', end: '2026-12-10T14:30:00+01:00' }] });
      assert.equal(published.status, 201, JSON.stringify(published.body));
      assert.equal(published.body.created.length, 2);
      assert.ok((await p.slots('2026-12-07', '2026-12-07')).length > 0, 'still working hours until the mode changes');
      const mode = await a.client.setAvailabilityMode(a.fixture.providers.p1, a.fixture.clinics.a, { mode: 'published_slots' });
      assert.equal(mode.schedule.mode, 'published_slots');
      assert.deepEqual(mode.schedule.onlineSlots.map((s) => s.start), ['2026-12-09T10:00:00+01:00', '2026-12-10T14:00:00+01:00']);
      assert.deepEqual(await p.slots('2026-12-07', '2026-12-13'), ['2026-12-09 10:00', '2026-12-09 10:15', '2026-12-09 10:30', '2026-12-10 14:00']);

      const overlap = await a.admin('POST', `${p.path}/online-slots`, { slots: [{ start: '2026-12-09T10:30:00+01:00', end: '2026-12-09T11:30:00+01:00' }] });
      assert.equal(overlap.status, 422);
      assert.equal(overlap.body.issues[0].path, 'slots.0.start');
      const among = await a.admin('POST', `${p.path}/online-slots`, { slots: [{ start: '2026-12-11T10:00:00+01:00', end: '2026-12-11T11:00:00+01:00' }, { start: '2026-12-11T10:30:00+01:00', end: '2026-12-11T11:30:00+01:00' }] });
      assert.equal(among.status, 422);
      assert.equal(among.body.issues[0].path, 'slots.1.start');
      const past = await a.admin('POST', `${p.path}/online-slots`, { slots: [{ start: '2026-11-30T10:00:00+01:00', end: '2026-11-30T11:00:00+01:00' }] });
      assert.equal(past.status, 422);
      assert.equal(past.body.issues[0].path, 'slots.0.end');

      const withdrawn = await a.client.deleteOnlineSlot(a.fixture.providers.p1, a.fixture.clinics.a, published.body.created[1]);
      assert.equal(withdrawn.schedule.onlineSlots.length, 1);
      assert.deepEqual(await p.slots('2026-12-07', '2026-12-13'), ['2026-12-09 10:00', '2026-12-09 10:15', '2026-12-09 10:30']);
      const window = await a.client.getSchedule(a.fixture.providers.p1, a.fixture.clinics.a, { from: '2026-12-10T00:00:00+01:00', to: '2026-12-31T00:00:00+01:00' });
      assert.deepEqual(window.onlineSlots, [], 'the remaining slot lies before the window');
      assert.deepEqual((await a.audit()).map((row) => row.action).filter((x) => x.startsWith('schedule.')).sort(), ['schedule.mode.update', 'schedule.online_slot.delete', 'schedule.online_slots.create']);
    });

    test('bad spans answer 422 naming the field and change nothing', async () => {
      const a = await createAdminHarness(database!, { subdomain: 'sch-invalid' });
      const p = p1AtA(a);
      const before = await a.client.getSchedule(a.fixture.providers.p1, a.fixture.clinics.a);
      const cases: Array<[unknown, string]> = [
        [{ workingHours: [{ weekday: 1, start: '08:00', end: '12:00' }, { weekday: 1, start: '11:00', end: '16:00' }] }, 'workingHours.1.start'],
        [{ workingHours: [{ weekday: 2, start: '08:00', end: '16:00' }, { weekday: 1, start: '16:00', end: '08:00' }] }, 'workingHours.1.end'],
        [{ workingHours: [{ weekday: 8, start: '08:00', end: '16:00' }] }, 'workingHours.0.weekday'],
        [{ workingHours: [{ weekday: 1, start: '8:00', end: '16:00' }] }, 'workingHours.0.start'],
        [{ workingHours: [{ weekday: 1, start: '08:00', end: '24:30' }] }, 'workingHours.0.end'],
        [{}, 'workingHours'],
      ];
      for (const [body, path] of cases) {
        const answer = await a.admin('PUT', `${p.path}/working-hours`, body);
        assert.equal(answer.status, 422, JSON.stringify(body));
        assert.equal(answer.type, 'application/problem+json');
        assert.deepEqual(answer.body.issues.map((i: { path: string }) => i.path), [path], JSON.stringify(answer.body.issues));
      }
      const breaks = await a.admin('PUT', `${p.path}/breaks`, { breaks: [{ weekday: 3, start: '12:00', end: '13:00' }, { weekday: 3, start: '12:30', end: '12:45' }] });
      assert.equal(breaks.status, 422);
      assert.equal(breaks.body.issues[0].path, 'breaks.1.start');
      const mode = await a.admin('PUT', `${p.path}/mode`, { mode: 'sometimes' });
      assert.equal(mode.status, 422);
      assert.equal(mode.body.issues[0].path, 'mode');
      assert.deepEqual(await a.client.getSchedule(a.fixture.providers.p1, a.fixture.clinics.a), before);
      assert.equal((await a.audit()).length, 0);
      // Touching spans are fine, and 24:00 ends the day.
      const touching = await a.admin('PUT', `${p.path}/working-hours`, { workingHours: [{ weekday: 1, start: '08:00', end: '12:00' }, { weekday: 1, start: '12:00', end: '24:00' }] });
      assert.equal(touching.status, 200, JSON.stringify(touching.body));
    });

    test('a provider not at the clinic, or of another organization, is 404 and nothing changes', async () => {
      const a = await createAdminHarness(database!, { subdomain: 'sch-tenant-a' });
      const b = await createAdminHarness(database!, { subdomain: 'sch-tenant-b' });
      const week = hoursWeekdays('09:00', '10:00');
      const paths = [
        `/schedules/${a.fixture.providers.p3}/${a.fixture.clinics.a}`, // P3 works only at C
        `/schedules/${b.fixture.providers.p1}/${b.fixture.clinics.a}`, // B's
        `/schedules/${a.fixture.providers.p1}/${b.fixture.clinics.a}`,
      ];
      for (const path of paths) {
        for (const [method, suffix, body] of [
          ['GET', '', undefined], ['PUT', '/working-hours', week], ['PUT', '/breaks', { breaks: [] }], ['PUT', '/mode', { mode: 'published_slots' }],
          ['POST', '/exceptions', { date: '2026-12-08', kind: 'closed' }], ['POST', '/online-slots', { slots: [{ start: '2026-12-09T10:00:00+01:00', end: '2026-12-09T11:00:00+01:00' }] }],
        ] as const) {
          const answer = await a.admin(method, `${path}${suffix}`, body);
          assert.equal(answer.status, 404, `${method} ${path}${suffix}`);
          assert.equal(answer.body.code, 'not_found');
        }
      }
      // B's exception and slot cannot be deleted through A's schedule either.
      const bException = await b.client.addScheduleException(b.fixture.providers.p1, b.fixture.clinics.a, { date: '2026-12-08', kind: 'closed' });
      const bSlot = await b.client.addOnlineSlots(b.fixture.providers.p1, b.fixture.clinics.a, { slots: [{ start: '2026-12-09T10:00:00+01:00', end: '2026-12-09T11:00:00+01:00' }] });
      const aPath = `/schedules/${a.fixture.providers.p1}/${a.fixture.clinics.a}`;
      assert.equal((await a.admin('DELETE', `${aPath}/exceptions/${bException.created![0]}`)).status, 404);
      assert.equal((await a.admin('DELETE', `${aPath}/online-slots/${bSlot.created![0]}`)).status, 404);
      const bSchedule = await b.client.getSchedule(b.fixture.providers.p1, b.fixture.clinics.a);
      assert.equal(bSchedule.exceptions.length, 1);
      assert.equal(bSchedule.onlineSlots.length, 1);
      assert.equal(bSchedule.workingHours.length, 7);
      assert.equal(bSchedule.mode, 'working_hours');
      assert.equal((await a.audit()).length, 0);
      const p3AtC = await a.client.getSchedule(a.fixture.providers.p3, a.fixture.clinics.c);
      assert.equal(p3AtC.workingHours.length, 7, 'untouched');

      const malformed = await a.admin('GET', '/schedules/not-a-uuid/x');
      assert.equal(malformed.status, 422);
      assert.equal(malformed.body.issues[0].path, 'providerId');
    });

    test('removing the hours under a booked appointment is allowed and answers it as stranded; it stays booked', async () => {
      const a = await createAdminHarness(database!, { subdomain: 'sch-stranded' });
      const p = p1AtA(a);
      const { appointmentId } = await a.book('2026-12-03T09:00:00+01:00'); // Thursday
      const monday = await a.book('2026-12-07T09:00:00+01:00', { nationalId: norwegianIds(1)[0], firstName: 'Ola' }); // Monday keeps its hours
      const answer = await a.admin('PUT', `${p.path}/working-hours`, hoursWeekdays('08:00', '16:00', [1, 2, 3, 5]));
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.deepEqual(answer.body.stranded, [{
        id: appointmentId, clinicId: a.fixture.clinics.a, providerId: a.fixture.providers.p1, start: '2026-12-03T09:00:00+01:00', end: '2026-12-03T09:30:00+01:00',
        patient: { firstName: 'Nora', lastName: 'Nilsen' }, treatment: { id: a.fixture.treatments.checkup, name: 'Checkup' },
      }]);
      const row = await database!.db.selectFrom('appointments').select('status').where('id', '=', appointmentId).executeTakeFirstOrThrow();
      assert.equal(row.status, 'booked');
      assert.deepEqual(days(await p.slots('2026-12-03', '2026-12-03')), []);

      // Already outside: a second change does not list it again.
      const again = await a.client.setWorkingHours(a.fixture.providers.p1, a.fixture.clinics.a, hoursWeekdays('08:00', '15:00', [1, 2, 3, 5]));
      assert.deepEqual(again.stranded, []);
      // A break over it, a closed day and the switch to published slots strand it too, once it is inside again.
      await a.client.setWorkingHours(a.fixture.providers.p1, a.fixture.clinics.a, hoursWeekdays('08:00', '16:00'));
      assert.deepEqual((await a.client.setBreaks(a.fixture.providers.p1, a.fixture.clinics.a, { breaks: [{ weekday: 4, start: '09:15', end: '09:45' }] })).stranded.map((s) => s.id), [appointmentId]);
      await a.client.setBreaks(a.fixture.providers.p1, a.fixture.clinics.a, { breaks: [] });
      assert.deepEqual((await a.client.addScheduleException(a.fixture.providers.p1, a.fixture.clinics.a, { date: '2026-12-03', kind: 'closed' })).stranded.map((s) => s.id), [appointmentId]);
      const closedDay = (await a.client.getSchedule(a.fixture.providers.p1, a.fixture.clinics.a)).exceptions[0]!;
      assert.deepEqual((await a.client.deleteScheduleException(a.fixture.providers.p1, a.fixture.clinics.a, closedDay.id)).stranded, []);
      // Published slots only, and none published: both appointments are outside now, in time order.
      assert.deepEqual((await a.client.setAvailabilityMode(a.fixture.providers.p1, a.fixture.clinics.a, { mode: 'published_slots' })).stranded.map((s) => s.id), [appointmentId, monday.appointmentId]);
      assert.equal((await database!.db.selectFrom('appointments').select('status').where('id', '=', appointmentId).executeTakeFirstOrThrow()).status, 'booked');
    });

    test('concurrent replacements of the week leave one of them whole', async () => {
      const a = await createAdminHarness(database!, { subdomain: 'sch-race' });
      const weeks = Array.from({ length: 8 }, (_, i) => hoursWeekdays(`0${i + 1}:00`, '16:00', WEEKDAYS.slice(0, (i % 5) + 1)));
      const answers = await Promise.all(weeks.map((week) => a.client.setWorkingHours(a.fixture.providers.p1, a.fixture.clinics.a, week)));
      assert.equal(answers.length, weeks.length);
      const final = await a.client.getSchedule(a.fixture.providers.p1, a.fixture.clinics.a);
      assert.ok(weeks.some((week) => JSON.stringify(week.workingHours) === JSON.stringify(final.workingHours)), JSON.stringify(final.workingHours));
      assert.equal((await a.audit()).filter((row) => row.action === 'schedule.working_hours.replace').length, weeks.length);
    });

    test('a read key may look, not change; a write key may change', async () => {
      const a = await createAdminHarness(database!, { subdomain: 'sch-access' });
      const p = p1AtA(a);
      const read = { authorization: `Bearer ${await a.keyWith(['read'])}` };
      assert.equal((await a.admin('GET', p.path, undefined, read)).status, 200);
      const refused = await a.admin('PUT', `${p.path}/working-hours`, hoursWeekdays('08:00', '09:00'), read);
      assert.equal(refused.status, 403);
      assert.equal(refused.body.code, 'forbidden');
      const messaging = { authorization: `Bearer ${await a.keyWith(['messaging'])}` };
      assert.equal((await a.admin('PUT', `${p.path}/mode`, { mode: 'published_slots' }, messaging)).status, 403);
      assert.equal((await a.client.getSchedule(a.fixture.providers.p1, a.fixture.clinics.a)).workingHours.length, 7);
      const write = { authorization: `Bearer ${await a.keyWith(['write'])}` };
      assert.equal((await a.admin('PUT', `${p.path}/mode`, { mode: 'published_slots' }, write)).status, 200);
    });

    test('on the spring-forward day a span from 02:30 starts when the clock reaches 03:00', async () => {
      const a = await createAdminHarness(database!, { subdomain: 'sch-dst' });
      const p = p1AtA(a);
      a.clock.now = new Date('2027-03-20T07:00:00Z');
      await a.client.setBreaks(a.fixture.providers.p1, a.fixture.clinics.a, { breaks: [] });
      const set = await a.client.setWorkingHours(a.fixture.providers.p1, a.fixture.clinics.a, { workingHours: [{ weekday: 7, start: '02:30', end: '04:00' }] });
      assert.deepEqual(set.schedule.workingHours, [{ weekday: 7, start: '02:30', end: '04:00' }]);
      // Sunday 21 March: an ordinary day. Sunday 28 March 2027: 02:00 jumps to 03:00 in Oslo.
      assert.deepEqual(await p.slots('2027-03-21', '2027-03-21'), ['2027-03-21 02:30', '2027-03-21 02:45', '2027-03-21 03:00', '2027-03-21 03:15', '2027-03-21 03:30']);
      const { body } = await a.call('GET', `/slots?treatmentId=${a.fixture.treatments.checkup}&clinicId=${a.fixture.clinics.a}&providerId=${a.fixture.providers.p1}&from=2027-03-28&to=2027-03-28`);
      assert.deepEqual(body.slots.map((s: { start: string }) => s.start), ['2027-03-28T03:00:00+02:00', '2027-03-28T03:15:00+02:00', '2027-03-28T03:30:00+02:00']);

      // A booking at 03:00 on that day is inside; closing the day strands it.
      const { appointmentId } = await a.book('2027-03-28T03:00:00+02:00');
      const closed = await a.client.addScheduleException(a.fixture.providers.p1, a.fixture.clinics.a, { date: '2027-03-28', kind: 'closed', start: '03:00', end: '03:30' });
      assert.deepEqual(closed.stranded.map((s) => [s.id, s.start]), [[appointmentId, '2027-03-28T03:00:00+02:00']]);
    });
  });
}
