import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createClient, OpusApiError, type OpusClient } from './index.ts';
import { createPgliteTestDatabase } from '../test/support/test-database.ts';
import { createHarness, type Harness } from '../test/support/api-harness.ts';
import { patient } from '../test/support/fixture.ts';
import { sentCode } from '../test/support/codes.ts';

// The SDK over real HTTP against the real app on PGlite.
describe('SDK client against the real server', () => {
  let h: Harness;
  let server: ServerType;
  let client: OpusClient;

  before(async () => {
    h = await createHarness(await createPgliteTestDatabase());
    server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    client = createClient({ baseUrl: `http://127.0.0.1:${port}/`, organization: h.fixture.subdomain });
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await h.database.close();
  });

  test('walks the flow: organization, clinics, treatments, providers, slots, booking, manage', async () => {
    const org = await client.getOrganization();
    assert.equal(org.name, 'Acme Tannhelse');
    const { groups } = await client.listClinics();
    const clinic = groups[0]!.clinics[0]!;
    const { treatments } = await client.listTreatments({ clinicId: clinic.id });
    const checkup = treatments.find((t) => t.name === 'Checkup')!;
    const { providers } = await client.listProviders({ clinicId: clinic.id, treatmentId: checkup.id });
    assert.deepEqual(providers.map((p) => p.name), ['P One', 'P Two']);
    const result = await client.searchSlots({ treatmentId: checkup.id, clinicId: clinic.id, providerId: providers[0]!.id, from: '2026-12-04', to: '2026-12-04' });
    const slot = result.slots[0]!;
    assert.equal(slot.start, '2026-12-04T08:00:00+01:00');
    const booked = await client.createBooking(
      { treatmentId: checkup.id, clinicId: clinic.id, providerId: slot.providerId, start: slot.start, patient: patient() },
      { idempotencyKey: 'sdk-1' },
    );
    assert.equal(booked.booking.start, slot.start);
    const view = await client.getBooking(booked.manageToken);
    assert.equal(view.treatment?.name, 'Checkup');
    const moved = await client.rebook(booked.manageToken, { start: '2026-12-04T10:00:00+01:00' });
    assert.equal(moved.start, '2026-12-04T10:00:00+01:00');
    const cancelled = await client.cancel(booked.manageToken);
    assert.equal(cancelled.status, 'cancelled');
  });

  test('holds a time, renews it, books with it, and releases another (issue 8.2)', async () => {
    const time = { treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1 };
    const hold = await client.holdSlot({ ...time, start: '2026-12-05T09:00:00+01:00' });
    assert.equal(hold.end, '2026-12-05T09:30:00+01:00');
    const renewed = await client.renewHold(hold.holdId);
    assert.equal(renewed.holdId, hold.holdId);
    const booked = await client.createBooking({ ...time, start: hold.start, holdId: hold.holdId, patient: patient() });
    assert.equal(booked.booking.start, hold.start);
    const other = await client.holdSlot({ ...time, start: '2026-12-05T10:00:00+01:00' });
    await client.releaseHold(other.holdId);
    await assert.rejects(client.renewHold(other.holdId), (error: unknown) => error instanceof OpusApiError && error.status === 410 && error.code === 'hold_expired');
  });

  test('codes, SMS login, my bookings and the captcha: every answer parses with the contract (issue 8)', async () => {
    const coded = await createHarness(h.database, { subdomain: 'sdk-codes', settings: { flexibility: { weekendBooking: true, codeChallenge: 'sms', login: true, smsLogin: true } } });
    let token: string | undefined;
    const fetchApp = async (input: RequestInfo | URL, init?: RequestInit) => coded.app.fetch(new Request(input, init));
    const codes = createClient({ baseUrl: 'http://sdk.test/', organization: 'sdk-codes', fetch: fetchApp, sessionToken: () => token });
    const codeOf = (verificationId: string) => sentCode(coded.database.db, verificationId);
    const time = { treatmentId: coded.fixture.treatments.checkup, clinicId: coded.fixture.clinics.a, providerId: coded.fixture.providers.p1 };
    const hold = await codes.holdSlot({ ...time, start: '2026-12-05T09:00:00+01:00' });
    const challenge = await codes.requestCode({ purpose: 'booking', mobile: '+4791234567', holdId: hold.holdId });
    assert.equal(challenge.sentTo, '+47 ••• •• 567');
    coded.clock.now = new Date(coded.clock.now.getTime() + 61_000);
    const resent = await codes.resendCode(challenge.verificationId);
    const booked = await codes.createBooking({ ...time, start: hold.start, holdId: hold.holdId, patient: patient(), verification: { id: resent.verificationId, code: await codeOf(resent.verificationId) } });

    const login = await codes.requestCode({ purpose: 'login', mobile: '+4791234567' });
    const session = await codes.login({ verification: { id: login.verificationId, code: await codeOf(login.verificationId) } });
    token = session.token;
    const me = await codes.me();
    assert.deepEqual([me.method, me.mobile, me.patients.map((p) => p.nationalId)], ['sms', '+4791234567', ['13097248022']]);
    assert.deepEqual((await codes.myBookings()).bookings.map((b) => b.id), [booked.booking.id]);
    assert.equal((await codes.rebookMine(booked.booking.id, { start: '2026-12-05T10:00:00+01:00' })).start, '2026-12-05T10:00:00+01:00');
    assert.equal((await codes.cancelMine(booked.booking.id)).status, 'cancelled');
    await codes.logout();
    await assert.rejects(codes.me(), (error: unknown) => error instanceof OpusApiError && error.status === 401 && error.code === 'login_required');

    const captcha = await client.getCaptchaChallenge();
    assert.equal(typeof captcha.signature, 'string');
  });

  test('failures are typed errors with status, code and the wrong fields', async () => {
    const { treatments } = await client.listTreatments();
    const request = { treatmentId: treatments[0]!.id, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1, start: '2026-12-03T08:00:00+01:00' };
    await assert.rejects(client.createBooking({ ...request, patient: patient({ mobile: '0047 912 34 567' }) }), (error: unknown) => {
      assert.ok(error instanceof OpusApiError);
      assert.equal(error.status, 422);
      assert.equal(error.code, 'validation_failed');
      assert.match(error.issueFor('patient.mobile') ?? '', /\+ instead of 00/);
      return true;
    });
    await client.createBooking({ ...request, patient: patient() });
    await assert.rejects(client.createBooking({ ...request, patient: patient() }), (error: unknown) => {
      assert.ok(error instanceof OpusApiError);
      assert.equal(error.status, 409);
      assert.equal(error.code, 'slot_taken');
      return true;
    });
  });

  test('an unreachable server is a network error, not a hang', async () => {
    const offline = createClient({ baseUrl: 'http://127.0.0.1:9', organization: 'demo', timeoutMs: 2000 });
    await assert.rejects(offline.listClinics(), (error: unknown) => error instanceof OpusApiError && error.code === 'network' && error.status === 0);
  });

  test('a rate-limited attempt is OpusApiError rate_limited with the seconds to wait', async () => {
    const limited = await createHarness(h.database, { subdomain: 'sdk-limited', settings: { rateLimits: { bookingsPerIpPerMinute: 0 } } });
    const limitedClient = createClient({ baseUrl: 'http://sdk.test/', organization: 'sdk-limited', fetch: async (input, init) => limited.app.fetch(new Request(input, init)) });
    const request = { treatmentId: limited.fixture.treatments.checkup, clinicId: limited.fixture.clinics.a, providerId: limited.fixture.providers.p1, start: '2026-12-03T09:00:00+01:00', patient: patient() };
    await assert.rejects(limitedClient.createBooking(request), (error: unknown) => {
      assert.ok(error instanceof OpusApiError);
      assert.equal(error.status, 429);
      assert.equal(error.code, 'rate_limited');
      assert.equal(error.retryAfter, 60);
      return true;
    });
  });
});
