import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, DATABASE_KINDS } from '../../test/support/test-database.ts';
import { createHarness, NOW, type Harness } from '../../test/support/api-harness.ts';
import { createMessagingHarnessAlone } from '../../test/support/messaging-harness.ts';
import { patient, RAISED_RATE_LIMITS } from '../../test/support/fixture.ts';
import { findOrganization } from '../organizations/organization-repository.ts';
import { todaysAppointments } from '../messaging/message-queries.ts';

const NINE = '2026-12-02T09:00:00+01:00';
const MINUTE = 60_000;

// Slot holds (issue 8.2) on the embedded database and on a real PostgreSQL server.
for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  describe(`slot holds on ${kind}`, { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
    let n = 0;
    const fresh = (options: Parameters<typeof createHarness>[1] = {}) => createHarness(database!, { subdomain: `holds-${kind}-${++n}`, ...options });
    after(() => database?.close());

    const time = (h: Harness, start = NINE) => ({ treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1, start });
    const booking = (h: Harness, start = NINE, extra: Record<string, unknown> = {}) => ({ ...time(h, start), patient: patient(), ...extra });
    const later = (h: Harness, ms: number) => { h.clock.now = new Date(h.clock.now.getTime() + ms); };
    async function starts(h: Harness, date = '2026-12-02'): Promise<string[]> {
      const query = new URLSearchParams({ treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1, from: date, to: date });
      const { status, body } = await h.call('GET', `/slots?${query}`);
      assert.equal(status, 200, JSON.stringify(body));
      return body.slots.map((s: { start: string }) => s.start);
    }
    async function hold(h: Harness, start = NINE) {
      const { status, body } = await h.call('POST', '/holds', time(h, start));
      assert.equal(status, 201, JSON.stringify(body));
      return body as { holdId: string; start: string; end: string; expiresAt: string; expiresInSeconds: number };
    }
    const rows = (h: Harness) => h.database.db.selectFrom('appointments').selectAll().where('organization_id', '=', h.fixture.orgId).execute();

    test('a held time is the holder\'s: not in /slots, and a second patient can neither hold nor book it', async () => {
      const h = await fresh();
      const held = await hold(h);
      assert.equal(held.start, NINE);
      assert.equal(held.end, '2026-12-02T09:30:00+01:00');
      assert.equal(Date.parse(held.expiresAt), NOW.getTime() + 5 * MINUTE, 'held for 5 minutes');
      assert.equal(held.expiresInSeconds, 300, 'the seconds left, for a countdown that does not trust the device clock');
      const free = await starts(h);
      assert.ok(!free.includes(NINE));
      assert.ok(!free.includes('2026-12-02T08:45:00+01:00'), 'a 30-minute slot at 08:45 would overlap the hold');
      assert.ok(free.includes('2026-12-02T09:30:00+01:00'));

      for (const [path, body] of [['/holds', time(h, '2026-12-02T09:15:00+01:00')], ['/bookings', booking(h)], ['/bookings', booking(h, '2026-12-02T08:45:00+01:00')]] as const) {
        const refused = await h.call('POST', path, body);
        assert.equal(refused.status, 409, `${path} ${JSON.stringify(refused.body)}`);
        assert.equal(refused.type, 'application/problem+json');
        assert.equal(refused.body.code, 'slot_taken');
      }
      const [row, ...others] = await rows(h);
      assert.equal(others.length, 0, 'nothing written by the refusals');
      assert.equal(row!.status, 'held');
      assert.equal(row!.patient_id, null);
      assert.notEqual(row!.hold_token_hash, held.holdId, 'only a hash of the hold id is stored');
      const org = await findOrganization(h.database.db, h.fixture.subdomain);
      assert.deepEqual((await todaysAppointments(h.database.db, org, h.clock.now, '2026-12-02')).appointments, [], 'staff lists do not show a hold');
    });

    test('the database itself refuses a booking over a live hold (exclusion constraint)', async () => {
      const h = await fresh();
      await hold(h);
      await assert.rejects(
        h.database.db.insertInto('appointments').values({
          id: randomUUID(), organization_id: h.fixture.orgId, clinic_id: h.fixture.clinics.b, provider_id: h.fixture.providers.p1, treatment_id: null,
          starts_at: new Date('2026-12-02T08:15:00Z'), ends_at: new Date('2026-12-02T08:45:00Z'), status: 'booked', source: 'staff',
        }).execute(),
        (error: { code?: string }) => error.code === '23P01',
      );
    });

    test('an expired hold frees its time at once, before any sweep: in /slots, to a hold and to a booking', async () => {
      const h = await fresh();
      await hold(h);
      await hold(h, '2026-12-02T10:00:00+01:00');
      later(h, 5 * MINUTE);
      assert.ok((await starts(h)).includes(NINE), 'free the moment the hold expires');
      const booked = await h.call('POST', '/bookings', booking(h));
      assert.equal(booked.status, 201, JSON.stringify(booked.body));
      const again = await h.call('POST', '/holds', time(h, '2026-12-02T10:00:00+01:00'));
      assert.equal(again.status, 201, JSON.stringify(again.body));
      const all = await rows(h);
      assert.deepEqual(all.map((r) => r.status).sort(), ['booked', 'held'], 'the expired holds were deleted by whoever took their time');
    });

    test('booking with the hold turns it into the appointment: one row, booked, nothing held any more', async () => {
      const h = await fresh();
      const held = await hold(h);
      later(h, 4 * MINUTE);
      const { status, body } = await h.call('POST', '/bookings', booking(h, NINE, { holdId: held.holdId }));
      assert.equal(status, 201, JSON.stringify(body));
      assert.equal(body.booking.start, NINE);
      const all = await rows(h);
      assert.equal(all.length, 1);
      assert.equal(all[0]!.id, body.booking.id);
      assert.equal(all[0]!.status, 'booked');
      assert.equal(all[0]!.hold_expires_at, null);
      assert.equal(all[0]!.hold_token_hash, null);
      assert.equal(all[0]!.contact_first_name, 'Nora');
      assert.equal(all[0]!.text, 'Checkup');
      assert.ok(all[0]!.patient_id);
      assert.ok(!(await starts(h)).includes(NINE));
      const renew = await h.call('POST', `/holds/${held.holdId}/renew`, {});
      assert.equal(renew.status, 410, 'a hold that became a booking is no longer a hold');
      assert.equal(renew.body.code, 'hold_expired');
      const twice = await h.call('POST', '/bookings', booking(h, NINE, { holdId: held.holdId, patient: patient({ nationalId: '19121212-1212' }) }));
      assert.equal(twice.status, 410);
      assert.equal((await h.call('GET', `/bookings/${body.manageToken}`)).status, 200);
    });

    test('a hold books only its own time, and an expired or unknown hold is hold_expired; nothing written', async () => {
      const h = await fresh();
      const held = await hold(h);
      const other = await h.call('POST', '/bookings', booking(h, '2026-12-02T10:00:00+01:00', { holdId: held.holdId }));
      assert.equal(other.status, 422, JSON.stringify(other.body));
      assert.equal(other.body.issues[0].path, 'holdId');
      const provider = await h.call('POST', '/bookings', { ...booking(h, NINE, { holdId: held.holdId }), providerId: h.fixture.providers.p2 });
      assert.equal(provider.status, 422);
      assert.equal(provider.body.issues[0].path, 'holdId');
      const unknown = await h.call('POST', '/bookings', booking(h, '2026-12-02T11:00:00+01:00', { holdId: 'no-such-hold-0000000000' }));
      assert.equal(unknown.status, 410);
      assert.equal(unknown.body.code, 'hold_expired');
      later(h, 5 * MINUTE + 1000);
      const expired = await h.call('POST', '/bookings', booking(h, NINE, { holdId: held.holdId }));
      assert.equal(expired.status, 410);
      assert.equal(expired.type, 'application/problem+json');
      assert.equal(expired.body.code, 'hold_expired');
      assert.deepEqual((await rows(h)).map((r) => r.status), ['held'], 'the refusals wrote nothing');
      const renew = await h.call('POST', `/holds/${held.holdId}/renew`, {});
      assert.equal(renew.status, 410);
      assert.equal(renew.body.code, 'hold_expired');
    });

    test('renewing extends the hold by 5 minutes from now; it then still blocks the time past its first expiry', async () => {
      const h = await fresh();
      const held = await hold(h);
      later(h, 4 * MINUTE);
      const renewed = await h.call('POST', `/holds/${held.holdId}/renew`, {});
      assert.equal(renewed.status, 200, JSON.stringify(renewed.body));
      assert.equal(Date.parse(renewed.body.expiresAt), h.clock.now.getTime() + 5 * MINUTE);
      assert.equal(renewed.body.expiresInSeconds, 300);
      assert.equal(renewed.body.start, NINE);
      assert.equal(renewed.body.holdId, held.holdId);
      later(h, 4 * MINUTE); // 8 minutes after the hold was made
      assert.ok(!(await starts(h)).includes(NINE));
      assert.equal((await h.call('POST', '/bookings', booking(h, NINE, { patient: patient({ nationalId: '19121212-1212' }) }))).status, 409);
      assert.equal((await h.call('POST', '/bookings', booking(h, NINE, { holdId: held.holdId }))).status, 201);
    });

    test('renewing cannot keep a time for more than 30 minutes', async () => {
      const h = await fresh();
      const held = await hold(h);
      for (let i = 0; i < 6; i++) {
        later(h, 4 * MINUTE);
        assert.equal((await h.call('POST', `/holds/${held.holdId}/renew`, {})).status, 200);
      }
      later(h, 4 * MINUTE); // 28 minutes in: renewed only up to the 30-minute limit
      const last = await h.call('POST', `/holds/${held.holdId}/renew`, {});
      assert.equal(last.status, 200);
      assert.equal(Date.parse(last.body.expiresAt), NOW.getTime() + 30 * MINUTE);
      assert.equal(last.body.expiresInSeconds, 120, 'two minutes left of the thirty');
      later(h, 2 * MINUTE);
      assert.equal((await h.call('POST', `/holds/${held.holdId}/renew`, {})).status, 410);
      assert.ok((await starts(h)).includes(NINE));
    });

    test('releasing frees the time; releasing an unknown hold is a 204 too', async () => {
      const h = await fresh();
      const held = await hold(h);
      const released = await h.call('DELETE', `/holds/${held.holdId}`);
      assert.equal(released.status, 204);
      assert.ok((await starts(h)).includes(NINE));
      assert.equal(await h.count('appointments'), 0);
      assert.equal((await h.call('DELETE', `/holds/${held.holdId}`)).status, 204);
      assert.equal((await h.call('POST', `/holds/${held.holdId}/renew`, {})).status, 410);
      const bad = await h.call('DELETE', '/holds/not%20a%20hold');
      assert.equal(bad.status, 422);
      assert.equal(bad.body.issues[0].path, 'holdId');
      assert.equal((await h.call('POST', '/bookings', booking(h))).status, 201);
    });

    test('a booking cannot be held elsewhere: booked times, times not on offer, bad input and booking off', async () => {
      const h = await fresh();
      assert.equal((await h.call('POST', '/bookings', booking(h))).status, 201);
      const taken = await h.call('POST', '/holds', time(h));
      assert.equal(taken.status, 409);
      assert.equal(taken.body.code, 'slot_taken');
      const closed = await h.call('POST', '/holds', time(h, '2026-12-02T12:00:00+01:00'));
      assert.equal(closed.status, 409);
      assert.equal(closed.body.code, 'slot_unavailable');
      const past = await h.call('POST', '/holds', time(h, '2026-12-01T07:00:00+01:00'));
      assert.equal(past.status, 422);
      assert.equal(past.body.issues[0].path, 'start');
      const missing = await h.call('POST', '/holds', { ...time(h), clinicId: undefined });
      assert.equal(missing.status, 422);
      assert.equal(missing.body.issues[0].path, 'clinicId');
      assert.equal(await h.count('appointments'), 1);
      const off = await fresh({ settings: { booking: { newBooking: false }, rateLimits: RAISED_RATE_LIMITS } });
      const refused = await off.call('POST', '/holds', time(off));
      assert.equal(refused.status, 403, JSON.stringify(refused.body));
      assert.equal(refused.body.code, 'booking_off');
    });

    test('rebooking refuses a live held time and takes an expired one', async () => {
      const h = await fresh();
      const { body } = await h.call('POST', '/bookings', booking(h, '2026-12-03T09:00:00+01:00'));
      await hold(h);
      const refused = await h.call('POST', `/bookings/${body.manageToken}/rebook`, { start: NINE });
      assert.equal(refused.status, 409);
      assert.equal(refused.body.code, 'slot_taken');
      later(h, 5 * MINUTE);
      const moved = await h.call('POST', `/bookings/${body.manageToken}/rebook`, { start: NINE });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.deepEqual((await rows(h)).map((r) => r.status), ['booked']);
    });

    test('holds count against the booking-attempt limits', async () => {
      const h = await fresh({ settings: { rateLimits: { ...RAISED_RATE_LIMITS, bookingsPerIpPerMinute: 2 } } });
      await hold(h, '2026-12-02T09:00:00+01:00');
      await hold(h, '2026-12-02T10:00:00+01:00');
      const limited = await h.call('POST', '/holds', time(h, '2026-12-02T11:00:00+01:00'));
      assert.equal(limited.status, 429);
      assert.equal(limited.body.code, 'rate_limited');
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
      assert.equal(await h.count('appointments'), 2);
    });

    test('the worker\'s sweep deletes expired holds only', async (t) => {
      await using m = await createMessagingHarnessAlone(kind, t, { subdomain: `sweep-${kind}`, settings: { rateLimits: RAISED_RATE_LIMITS } });
      if (!m) return;
      const first = await hold(m, NINE);
      const second = await hold(m, '2026-12-02T10:00:00+01:00');
      await m.book('2026-12-02T11:00:00+01:00');
      later(m, 4 * MINUTE);
      assert.equal((await m.call('POST', `/holds/${second.holdId}/renew`, {})).status, 200);
      later(m, 2 * MINUTE);
      const tick = await m.worker.runOnce();
      assert.equal(tick.holdsSwept, 1);
      const left = await m.database.db.selectFrom('appointments').select(['status', 'starts_at']).where('organization_id', '=', m.fixture.orgId).orderBy('starts_at').execute();
      assert.deepEqual(left.map((r) => r.status), ['held', 'booked']);
      assert.equal((await m.call('POST', `/holds/${first.holdId}/renew`, {})).status, 410);
      assert.equal((await m.worker.runOnce()).holdsSwept, 0);
    });
  });
}
