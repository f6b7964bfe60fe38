import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DATABASE_KINDS, createTestDatabase } from './support/test-database.ts';
import { NOW, TEST_CLIENT_IP, createHarness, type Harness } from './support/api-harness.ts';
import { norwegianIds, patient } from './support/fixture.ts';

// Issue 8 item 7: "One client booked 60 appointments in about a second, one
// national id 15 in a row: nothing limits the rate."
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  describe(`booking attempts are rate limited (${kind})`, { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
    after(() => database?.close());
    let n = 0;
    const ids = norwegianIds(200);
    const hours = ['08', '09', '10', '11', '13', '14', '15'];
    /** A booking at a free time each call (a new working hour on 2–6 Dec), for a new patient unless one is given. */
    const booking = (h: Harness, nationalId = ids.pop()!) => {
      const i = n++;
      const start = `2026-12-0${2 + (Math.floor(i / 7) % 5)}T${hours[i % 7]}:00:00+01:00`;
      return { treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1, start, patient: patient({ nationalId }) };
    };
    const from = (ip: string) => ({ [TEST_CLIENT_IP]: ip });
    const harness = (subdomain: string, rateLimits: Record<string, number>) =>
      createHarness(database!, { subdomain, settings: { flexibility: { weekendBooking: true, showAnyClinic: true }, rateLimits } });

    test('past the per-IP limit: 429 problem+json rate_limited with Retry-After, nothing written; another IP still books', async () => {
      const h = await harness('rl-ip', { bookingsPerIpPerMinute: 3 });
      for (let i = 0; i < 3; i++) assert.equal((await h.call('POST', '/bookings', booking(h), from('198.51.100.7'))).status, 201);
      const before = await h.count('appointments');
      const refused = await h.call('POST', '/bookings', booking(h), from('198.51.100.7'));
      assert.equal(refused.status, 429);
      assert.equal(refused.type, 'application/problem+json');
      assert.equal(refused.body.code, 'rate_limited');
      assert.equal(refused.headers.get('retry-after'), '60');
      assert.equal(await h.count('appointments'), before);
      assert.equal((await h.call('POST', '/bookings', booking(h), from('198.51.100.8'))).status, 201);
    });

    test('the window passing allows again (the clock moved, no sleeping)', async () => {
      const h = await harness('rl-window', { bookingsPerIpPerMinute: 1 });
      h.clock.now = later(30);
      assert.equal((await h.call('POST', '/bookings', booking(h))).status, 201);
      const refused = await h.call('POST', '/bookings', booking(h));
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get('retry-after'), '30');
      h.clock.now = later(60);
      assert.equal((await h.call('POST', '/bookings', booking(h))).status, 201);
    });

    test('per national id per hour, whatever the IP; another national id is not affected', async () => {
      const h = await harness('rl-nid', { bookingsPerNationalIdPerHour: 2 });
      const [nationalId, other] = norwegianIds(2) as [string, string];
      assert.equal((await h.call('POST', '/bookings', booking(h, nationalId), from('203.0.113.1'))).status, 201);
      assert.equal((await h.call('POST', '/bookings', booking(h, nationalId), from('203.0.113.2'))).status, 201);
      const refused = await h.call('POST', '/bookings', booking(h, nationalId), from('203.0.113.3'));
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get('retry-after'), '3600');
      assert.equal((await h.call('POST', '/bookings', booking(h, other), from('203.0.113.3'))).status, 201);
      const keys = await database!.db.selectFrom('rate_limit_counters').select('key').execute();
      assert.ok(keys.every((k) => !k.key.includes(nationalId) && !k.key.includes('203.0.113')), 'no national id or IP in a counter key');
    });

    test('the limits follow the organization: the defaults, and another organization\'s own', async () => {
      const strict = await harness('rl-default', {});
      const statuses = [];
      for (let i = 0; i < 11; i++) statuses.push((await strict.call('POST', '/bookings', booking(strict), from('192.0.2.50'))).status);
      assert.deepEqual(statuses, [...Array(10).fill(201), 429], 'default: 10 per IP per minute');
      const generous = await harness('rl-generous', { bookingsPerIpPerMinute: 100 });
      assert.equal((await generous.call('POST', '/bookings', booking(generous), from('192.0.2.50'))).status, 201);
    });

    test('rebook and cancel count per manage link', async () => {
      const h = await harness('rl-token', { changesPerTokenPerHour: 1 });
      const booked = await h.call('POST', '/bookings', booking(h));
      const token = encodeURIComponent(booked.body.manageToken);
      assert.equal((await h.call('POST', `/bookings/${token}/rebook`, { start: '2026-12-04T10:00:00+01:00' })).status, 200);
      const refused = await h.call('POST', `/bookings/${token}/cancel`, undefined, from('192.0.2.99'));
      assert.equal(refused.status, 429);
      assert.equal(refused.body.code, 'rate_limited');
      const view = await h.call('GET', `/bookings/${token}`);
      assert.equal(view.body.status, 'booked');
    });
  });
}
