import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Context } from 'hono';
import { DATABASE_KINDS, createTestDatabase } from './support/test-database.ts';
import { NOW, TEST_CLIENT_IP } from './support/api-harness.ts';
import { createMessagingHarness, type MessagingHarness } from './support/messaging-harness.ts';
import { RAISED_RATE_LIMITS, norwegianIds, patient } from './support/fixture.ts';
import { sentCode } from './support/codes.ts';
import { createApp } from '../server/app.ts';
import { claimDue, insertMessages } from '../server/messaging/outbox-repository.ts';
import { createConsoleGateway } from '../server/messaging/gateways/console/console-gateway.ts';
import { createWorker } from '../server/messaging/worker.ts';
import { startSession } from '../server/verification/patient-sessions.ts';
import { findOrganization } from '../server/organizations/organization-repository.ts';

// Issue 8, items 1 and 5: "Anyone can book in anyone's name"; a code sent to
// the typed mobile (or e-mail) before the booking, SMS login and "my bookings".
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const NORA = '+4791234567';
const OLA = '+4798765432';
const [, OLA_ID, EID_ID] = norwegianIds(3) as [string, string, string];

for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  describe(`one-time codes, SMS login and my bookings (${kind})`, { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
    after(() => database?.close());
    let sub = 0;
    const harness = (flexibility: Record<string, unknown> = {}, extra: { rateLimits?: Record<string, number>; messaging?: Record<string, unknown>; database?: typeof database } = {}) =>
      createMessagingHarness(extra.database ?? database!, {
        subdomain: `codes-${kind}-${++sub}`,
        settings: {
          flexibility: { weekendBooking: true, showAnyClinic: true, codeChallenge: 'sms', login: true, smsLogin: true, ...flexibility },
          rateLimits: { ...RAISED_RATE_LIMITS, ...extra.rateLimits },
        },
        ...(extra.messaging ? { messaging: extra.messaging } : {}),
      });
    const booking = (m: MessagingHarness, start: string, details: Record<string, unknown> = {}, verification?: { id: string; code: string }) => ({
      treatmentId: m.fixture.treatments.checkup, clinicId: m.fixture.clinics.a, providerId: m.fixture.providers.p1, start,
      patient: patient(details), ...(verification ? { verification } : {}),
    });
    /** Asks for a code and reads it from the outbox, as the patient reads their SMS. */
    const requestCode = async (m: MessagingHarness, request: Record<string, unknown> = { purpose: 'booking', mobile: NORA }, headers: Record<string, string> = {}) => {
      const { status, body } = await m.call('POST', '/verifications', request, headers);
      assert.equal(status, 201, JSON.stringify(body));
      return { id: body.verificationId as string, code: await codeOf(m, body.verificationId), challenge: body };
    };
    const codeOf = (m: MessagingHarness, verificationId: string) => sentCode(m.database.db, verificationId);
    const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const login = async (m: MessagingHarness, mobile = NORA) => {
      const { id, code } = await requestCode(m, { purpose: 'login', mobile });
      const { status, body, headers } = await m.call('POST', '/sessions', { verification: { id, code } });
      assert.equal(status, 201, JSON.stringify(body));
      return { token: body.token as string, body, headers };
    };

    test('the right code books; the answer masks the number; the same code cannot book twice', async () => {
      const m = await harness();
      const { id, code, challenge } = await requestCode(m);
      assert.deepEqual(challenge, { verificationId: id, channel: 'sms', sentTo: '+47 ••• •• 567', expiresAt: later(600).toISOString(), resendAt: later(60).toISOString(), expiresInSeconds: 600, resendInSeconds: 60 });
      const booked = await m.call('POST', '/bookings', booking(m, '2026-12-03T09:00:00+01:00', {}, { id, code }));
      assert.equal(booked.status, 201, JSON.stringify(booked.body));
      const again = await m.call('POST', '/bookings', booking(m, '2026-12-03T10:00:00+01:00', {}, { id, code }));
      assert.equal(again.status, 410);
      assert.equal(again.body.code, 'verification_expired');
      assert.equal(await m.count('appointments'), 1);
    });

    test('a retry with the same Idempotency-Key gets the first answer, though the code is spent', async () => {
      const m = await harness();
      const proof = await requestCode(m);
      const request = booking(m, '2026-12-03T09:00:00+01:00', {}, proof);
      const first = await m.call('POST', '/bookings', request, { 'Idempotency-Key': 'retry-1' });
      const retry = await m.call('POST', '/bookings', request, { 'Idempotency-Key': 'retry-1' });
      assert.deepEqual([first.status, retry.status], [201, 201]);
      assert.equal(retry.body.booking.id, first.body.booking.id);
      assert.equal(await m.count('appointments'), 1);
    });

    test('without a verification on a code-challenge organization: 403 verification_required (code), nothing written', async () => {
      const m = await harness();
      const refused = await m.call('POST', '/bookings', booking(m, '2026-12-03T09:00:00+01:00'));
      assert.equal(refused.status, 403);
      assert.equal(refused.type, 'application/problem+json');
      assert.equal(refused.body.code, 'verification_required');
      assert.equal(refused.body.verification, 'code');
      assert.equal(await m.count('appointments'), 0);
      assert.equal(await m.count('patients'), 0);
    });

    test('five wrong codes, each counted with the tries left, then verification_expired even with the right code', async () => {
      const m = await harness();
      const { id, code } = await requestCode(m);
      for (let left = 4; left >= 0; left--) {
        const wrong = await m.call('POST', '/bookings', booking(m, '2026-12-03T09:00:00+01:00', {}, { id, code: otherCode(code) }));
        assert.equal(wrong.status, 422);
        assert.equal(wrong.body.code, 'verification_failed');
        assert.equal(wrong.body.attemptsLeft, left);
        assert.equal(wrong.body.issues[0].path, 'verification.code');
      }
      const spent = await m.call('POST', '/bookings', booking(m, '2026-12-03T09:00:00+01:00', {}, { id, code }));
      assert.equal(spent.status, 410);
      assert.equal(spent.body.code, 'verification_expired');
      assert.equal(await m.count('appointments'), 0);
    });

    test('a code is valid 10 minutes', async () => {
      const m = await harness();
      const { id, code } = await requestCode(m);
      m.clock.now = later(601);
      const expired = await m.call('POST', '/bookings', booking(m, '2026-12-03T09:00:00+01:00', {}, { id, code }));
      assert.equal(expired.status, 410);
      assert.equal(expired.body.code, 'verification_expired');
    });

    test('a booking that fails (time taken) leaves the code usable; one code makes at most one booking', async () => {
      const m = await harness();
      const first = await requestCode(m, { purpose: 'booking', mobile: OLA });
      assert.equal((await m.call('POST', '/bookings', booking(m, '2026-12-03T09:00:00+01:00', { mobile: OLA, nationalId: OLA_ID }, first))).status, 201);
      const second = await requestCode(m);
      const taken = await m.call('POST', '/bookings', booking(m, '2026-12-03T09:00:00+01:00', {}, second));
      assert.equal(taken.status, 409);
      assert.equal(taken.body.code, 'slot_taken');
      const [a, b] = await Promise.all([
        m.call('POST', '/bookings', booking(m, '2026-12-03T10:00:00+01:00', {}, second)),
        m.call('POST', '/bookings', booking(m, '2026-12-03T11:00:00+01:00', {}, second)),
      ]);
      assert.deepEqual([a.status, b.status].sort(), [201, 410]);
      assert.equal(await m.count('appointments'), 2);
    });

    test('a code sent to another number does not verify the typed one: verification_failed on patient.mobile', async () => {
      const m = await harness();
      const { id, code } = await requestCode(m, { purpose: 'booking', mobile: OLA });
      const refused = await m.call('POST', '/bookings', booking(m, '2026-12-03T09:00:00+01:00', { mobile: NORA }, { id, code }));
      assert.equal(refused.status, 422);
      assert.equal(refused.body.code, 'verification_failed');
      assert.equal(refused.body.issues[0].path, 'patient.mobile');
      assert.equal(await m.count('appointments'), 0);
    });

    test('e-mail challenge: the code goes by e-mail with a subject and verifies the typed address', async () => {
      const m = await harness({ codeChallenge: 'email' });
      const missing = await m.call('POST', '/verifications', { purpose: 'booking', mobile: NORA });
      assert.equal(missing.status, 422);
      assert.equal(missing.body.issues[0].path, 'email');
      const { id, code, challenge } = await requestCode(m, { purpose: 'booking', email: 'Nora@Example.no', locale: 'en' });
      assert.equal(challenge.channel, 'email');
      assert.equal(challenge.sentTo, 'n•••@example.no');
      const message = (await m.messages()).find((x) => x.kind === 'code')!;
      assert.equal(message.channel, 'email');
      assert.match(message.subject!, /^Your code: \d{6}$/);
      assert.equal((await m.call('POST', '/bookings', booking(m, '2026-12-03T09:00:00+01:00', { email: 'nora@example.no' }, { id, code }))).status, 201);
    });

    test('resend: not before the cooldown (429 with the seconds left), then a new code and the old one stops working', async () => {
      const m = await harness();
      const { id, code } = await requestCode(m);
      const early = await m.call('POST', `/verifications/${id}/resend`, {});
      assert.equal(early.status, 429);
      assert.equal(early.body.code, 'rate_limited');
      assert.equal(early.headers.get('retry-after'), '60');
      m.clock.now = later(45);
      assert.equal((await m.call('POST', `/verifications/${id}/resend`, {})).headers.get('retry-after'), '15');
      m.clock.now = later(60);
      const resent = await m.call('POST', `/verifications/${id}/resend`, {});
      assert.equal(resent.status, 200, JSON.stringify(resent.body));
      assert.equal(resent.body.resendAt, later(120).toISOString());
      const fresh = await codeOf(m, id);
      const codes = (await m.messages()).filter((x) => x.kind === 'code');
      assert.equal(codes.length, 2);
      assert.equal(codes.filter((x) => x.status === 'cancelled').length, 1, 'the old code message will not go');
      assert.ok(!codes.find((x) => x.status === 'cancelled')!.body.includes(code), 'nor does it keep the old code');
      if (fresh !== code) {
        const old = await m.call('POST', '/bookings', booking(m, '2026-12-03T09:00:00+01:00', {}, { id, code }));
        assert.equal(old.status, 422);
      }
      assert.equal((await m.call('POST', '/bookings', booking(m, '2026-12-03T09:00:00+01:00', {}, { id, code: fresh }))).status, 201);
    });

    test('at most 3 codes to one number per 15 minutes (sends and resends alike); another number is not affected', async () => {
      const m = await harness();
      const { id } = await requestCode(m);
      await requestCode(m);
      m.clock.now = later(60);
      assert.equal((await m.call('POST', `/verifications/${id}/resend`, {})).status, 200);
      m.clock.now = later(300);
      const refused = await m.call('POST', '/verifications', { purpose: 'booking', mobile: NORA });
      assert.equal(refused.status, 429);
      assert.equal(refused.body.code, 'rate_limited');
      assert.equal(refused.headers.get('retry-after'), String(900 - 300));
      assert.equal((await m.call('POST', '/verifications', { purpose: 'booking', mobile: OLA })).status, 201);
      m.clock.now = later(900);
      assert.equal((await m.call('POST', '/verifications', { purpose: 'booking', mobile: NORA })).status, 201);
    });

    test('codes per client IP per hour; another IP still gets one', async () => {
      const m = await harness({}, { rateLimits: { codeSendsPerIpPerHour: 2 } });
      const from = (ip: string) => ({ [TEST_CLIENT_IP]: ip });
      assert.equal((await m.call('POST', '/verifications', { purpose: 'booking', mobile: NORA }, from('198.51.100.1'))).status, 201);
      assert.equal((await m.call('POST', '/verifications', { purpose: 'booking', mobile: OLA }, from('198.51.100.1'))).status, 201);
      const refused = await m.call('POST', '/verifications', { purpose: 'booking', mobile: '+4741234567' }, from('198.51.100.1'));
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get('retry-after'), '3600');
      assert.equal((await m.call('POST', '/verifications', { purpose: 'booking', mobile: '+4741234567' }, from('198.51.100.2'))).status, 201);
    });

    test('SMS logins per client IP per hour: asking for login codes and logging in count on their own; booking codes do not', async () => {
      const m = await harness({}, { rateLimits: { loginsPerIpPerHour: 1 } });
      const from = (ip: string) => ({ [TEST_CLIENT_IP]: ip });
      const { id, code } = await requestCode(m, { purpose: 'login', mobile: NORA }, from('198.51.100.1'));
      assert.equal((await m.call('POST', '/sessions', { verification: { id, code } }, from('198.51.100.1'))).status, 201);
      const refused = await m.call('POST', '/verifications', { purpose: 'login', mobile: OLA }, from('198.51.100.1'));
      assert.equal(refused.status, 429);
      assert.equal(refused.body.code, 'rate_limited');
      assert.equal(refused.headers.get('retry-after'), '3600');
      const again = await requestCode(m, { purpose: 'login', mobile: OLA }, from('198.51.100.2'));
      const second = await m.call('POST', '/sessions', { verification: { id: again.id, code: again.code } }, from('198.51.100.1'));
      assert.equal(second.status, 429);
      assert.equal((await m.call('POST', '/verifications', { purpose: 'booking', mobile: OLA }, from('198.51.100.1'))).status, 201);
    });

    test('code checks per client IP per hour', async () => {
      const m = await harness({}, { rateLimits: { codeChecksPerIpPerHour: 2 } });
      const { id, code } = await requestCode(m);
      for (let i = 0; i < 2; i++) assert.equal((await m.call('POST', '/bookings', booking(m, '2026-12-03T09:00:00+01:00', {}, { id, code: otherCode(code) }))).status, 422);
      const refused = await m.call('POST', '/bookings', booking(m, '2026-12-03T09:00:00+01:00', {}, { id, code }));
      assert.equal(refused.status, 429);
    });

    test('the code SMS is claimed before a waiting bulk message and goes out in quiet hours; its stored text loses the code once sent', async () => {
      // A database of its own: the worker and the claim take every organization's messages.
      const own = (await createTestDatabase(kind))!;
      await using alone = Object.assign(own, { [Symbol.asyncDispose]: () => own.close() });
      const m = await harness({}, { database: alone, messaging: { pause: { night: true, nightFrom: '07:00', nightTo: '23:00', saturdays: false, sundays: false } } });
      await insertMessages(alone.db, [{ organizationId: m.fixture.orgId, channel: 'sms', kind: 'general', recipient: OLA, body: 'Hei fra klinikken', sendAt: later(-3600), expiresAt: later(86_400) }]);
      const { code } = await requestCode(m);
      const claimed = await claimDue(alone.db, { now: m.clock.now, workerId: 'peek', limit: 1, leaseMs: 1, pausedSmsOrganizations: [] });
      const codeMessage = (await m.messages()).find((x) => x.kind === 'code')!;
      assert.equal(claimed[0]?.id, codeMessage.id, 'the code SMS is claimed before the bulk message');
      m.clock.now = later(1); // the peek's lease has run out
      await m.worker.runOnce();
      assert.deepEqual(m.gateway.delivered.map((s) => s.to), [NORA], 'only the code went; the bulk message waits for the quiet hours to end');
      assert.ok(m.gateway.delivered[0]!.body.includes(code));
      const stored = (await m.messages()).find((x) => x.kind === 'code')!;
      assert.equal(stored.status, 'sent');
      assert.ok(!stored.body.includes(code) && stored.body.includes('••••••'), stored.body);
    });

    test('a code message not sent in time expires with the code, and loses the code too', async () => {
      const m = await harness({}, { messaging: { smsEnabled: true, testMode: false } });
      m.gateway.failNext(100, { transient: true, error: 'HTTP 503' });
      const { code } = await requestCode(m);
      await m.worker.runOnce();
      m.clock.now = later(601);
      await m.worker.runOnce();
      const stored = (await m.messages()).find((x) => x.kind === 'code')!;
      assert.equal(stored.status, 'expired');
      assert.ok(!stored.body.includes(code));
    });

    test('code requests: refused with the field named when the organization has no challenge or login, or the number is missing', async () => {
      const off = await harness({ codeChallenge: 'off', login: false });
      const noChallenge = await off.call('POST', '/verifications', { purpose: 'booking', mobile: NORA });
      assert.equal(noChallenge.status, 422);
      assert.equal(noChallenge.body.issues[0].path, 'purpose');
      const noLogin = await off.call('POST', '/verifications', { purpose: 'login', mobile: NORA });
      assert.equal(noLogin.status, 422);
      assert.equal(noLogin.body.issues[0].path, 'purpose');
      const on = await harness();
      const missing = await on.call('POST', '/verifications', { purpose: 'login' });
      assert.equal(missing.status, 422);
      assert.equal(missing.body.issues[0].path, 'mobile');
      assert.equal((await on.messages()).length, 0);
    });

    test('login codes: the answer for a number no patient has is the same as for a known one', async () => {
      const m = await harness();
      const { id, code } = await requestCode(m);
      assert.equal((await m.call('POST', '/bookings', booking(m, '2026-12-03T09:00:00+01:00', {}, { id, code }))).status, 201);
      const known = await m.call('POST', '/verifications', { purpose: 'login', mobile: NORA });
      const unknown = await m.call('POST', '/verifications', { purpose: 'login', mobile: '+4741234567' });
      assert.equal(known.status, unknown.status);
      assert.deepEqual(Object.keys(known.body).sort(), Object.keys(unknown.body).sort());
      assert.deepEqual({ ...known.body, verificationId: '', sentTo: '' }, { ...unknown.body, verificationId: '', sentTo: '' });
      assert.equal(known.body.sentTo.length, unknown.body.sentTo.length);
      // A new patient can log in too.
      const session = await m.call('POST', '/sessions', { verification: { id: unknown.body.verificationId, code: await codeOf(m, unknown.body.verificationId) } });
      assert.equal(session.status, 201);
    });

    test('SMS login: /me and /me/bookings show what the verified mobile reaches; another patient\'s booking is invisible and cannot be changed (404)', async () => {
      const m = await harness();
      const nora = await requestCode(m);
      const own = await m.call('POST', '/bookings', booking(m, '2026-12-04T09:00:00+01:00', {}, nora));
      const sooner = await requestCode(m);
      const ownSooner = await m.call('POST', '/bookings', booking(m, '2026-12-03T09:00:00+01:00', {}, sooner));
      const ola = await requestCode(m, { purpose: 'booking', mobile: OLA });
      const others = await m.call('POST', '/bookings', booking(m, '2026-12-03T10:00:00+01:00', { mobile: OLA, nationalId: OLA_ID, firstName: 'Ola' }, ola));
      assert.deepEqual([own.status, ownSooner.status, others.status], [201, 201, 201]);

      const { token, body: session, headers } = await login(m);
      assert.equal(session.method, 'sms');
      assert.equal(session.idleTimeoutSeconds, 1800);
      assert.match(headers.get('set-cookie') ?? '', /opus_session=.+HttpOnly/i);
      const me = await m.call('GET', '/me', undefined, bearer(token));
      assert.equal(me.status, 200);
      assert.equal(me.body.mobile, NORA);
      assert.deepEqual(me.body.patients.map((p: { firstName: string }) => p.firstName), ['Nora']);
      const mine = await m.call('GET', '/me/bookings', undefined, bearer(token));
      assert.deepEqual(mine.body.bookings.map((b: { id: string }) => b.id), [ownSooner.body.booking.id, own.body.booking.id], 'own bookings only, soonest first');
      // The hosted page's cookie works as well as the bearer token.
      assert.equal((await m.call('GET', '/me', undefined, { cookie: `opus_session=${token}` })).status, 200);

      const otherId = others.body.booking.id;
      assert.equal((await m.call('POST', `/me/bookings/${otherId}/cancel`, {}, bearer(token))).status, 404);
      assert.equal((await m.call('POST', `/me/bookings/${otherId}/rebook`, { start: '2026-12-03T13:00:00+01:00' }, bearer(token))).status, 404);
      const rebooked = await m.call('POST', `/me/bookings/${own.body.booking.id}/rebook`, { start: '2026-12-04T13:00:00+01:00' }, bearer(token));
      assert.equal(rebooked.status, 200, JSON.stringify(rebooked.body));
      assert.equal(rebooked.body.start, '2026-12-04T13:00:00+01:00');
      const cancelled = await m.call('POST', `/me/bookings/${ownSooner.body.booking.id}/cancel`, {}, bearer(token));
      assert.equal(cancelled.body.status, 'cancelled');
      assert.deepEqual((await m.call('GET', '/me/bookings', undefined, bearer(token))).body.bookings.map((b: { id: string }) => b.id), [own.body.booking.id]);
      // Under the manage link's rules: already cancelled is refused the same way.
      assert.equal((await m.call('POST', `/me/bookings/${ownSooner.body.booking.id}/cancel`, {}, bearer(token))).body.code, 'already_cancelled');
    });

    test('a login code is single use and only for login; a booking code does not log in', async () => {
      const m = await harness();
      const bookingCode = await requestCode(m);
      const refused = await m.call('POST', '/sessions', { verification: bookingCode });
      assert.equal(refused.status, 410);
      const { id, code } = await requestCode(m, { purpose: 'login', mobile: NORA });
      assert.equal((await m.call('POST', '/sessions', { verification: { id, code } })).status, 201);
      assert.equal((await m.call('POST', '/sessions', { verification: { id, code } })).status, 410);
    });

    test('sessions end after 30 idle minutes, after 12 hours whatever the activity, and at logout; then 401 login_required', async () => {
      const m = await harness();
      const idle = await login(m);
      m.clock.now = later(29 * 60);
      assert.equal((await m.call('GET', '/me', undefined, bearer(idle.token))).status, 200);
      m.clock.now = later(29 * 60 + 30 * 60 + 1);
      const gone = await m.call('GET', '/me', undefined, bearer(idle.token));
      assert.equal(gone.status, 401);
      assert.equal(gone.body.code, 'login_required');

      const start = m.clock.now.getTime();
      const busy = await login(m, OLA);
      for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
        m.clock.now = new Date(start + minutes * 60_000);
        assert.equal((await m.call('GET', '/me', undefined, bearer(busy.token))).status, 200, `after ${minutes} minutes`);
      }
      m.clock.now = new Date(start + 12 * 3_600_000 + 1000);
      assert.equal((await m.call('GET', '/me', undefined, bearer(busy.token))).status, 401);

      const out = await login(m);
      const logout = await m.call('DELETE', '/me/session', undefined, bearer(out.token));
      assert.equal(logout.status, 204);
      assert.match(logout.headers.get('set-cookie') ?? '', /opus_session=;/);
      assert.equal((await m.call('GET', '/me/bookings', undefined, bearer(out.token))).status, 401);
      assert.equal((await m.call('DELETE', '/me/session')).status, 401);
    });

    test('a session that verified the typed mobile books without a code; login required when the organization says so', async () => {
      const m = await harness({ newBookingRequiresLogin: true });
      const anonymous = await m.call('POST', '/bookings', booking(m, '2026-12-03T09:00:00+01:00'));
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.body.code, 'login_required');
      const { token } = await login(m);
      assert.equal((await m.call('POST', '/bookings', booking(m, '2026-12-03T09:00:00+01:00'), bearer(token))).status, 201);
      // Another typed number still needs its own code.
      const other = await m.call('POST', '/bookings', booking(m, '2026-12-03T10:00:00+01:00', { mobile: OLA }), bearer(token));
      assert.equal(other.status, 403);
      assert.equal(other.body.code, 'verification_required');
    });

    test('skipConfirmation needs no code; an e-ID session booking for its own national id updates the record, no pending change', async () => {
      const m = await harness({ skipConfirmation: true });
      assert.equal((await m.call('POST', '/bookings', booking(m, '2026-12-03T09:00:00+01:00', { nationalId: EID_ID }))).status, 201);
      const org = await findOrganization(database!.db, m.fixture.subdomain);
      const session = await startSession(database!.db, org, { method: 'eid', nationalId: EID_ID }, m.clock.now);
      const booked = await m.call('POST', '/bookings', booking(m, '2026-12-03T10:00:00+01:00', { nationalId: EID_ID, email: 'new@example.no' }), bearer(session.token));
      assert.equal(booked.status, 201);
      const record = await database!.db.selectFrom('patients').select('email').where('organization_id', '=', m.fixture.orgId).where('national_id', '=', EID_ID).executeTakeFirstOrThrow();
      assert.equal(record.email, 'new@example.no');
      assert.equal(await m.count('pending_patient_changes'), 0);
      const me = await m.call('GET', '/me', undefined, bearer(session.token));
      assert.equal(me.body.method, 'eid');
      assert.deepEqual(me.body.patients.map((p: { nationalId: string }) => p.nationalId), [EID_ID]);
      assert.equal((await m.call('GET', '/me/bookings', undefined, bearer(session.token))).body.bookings.length, 2);
    });

    test('no code and no number appears in anything logged (app, worker, console sink)', async () => {
      const m = await harness();
      const lines: string[] = [];
      const log = (line: string) => lines.push(line);
      const original = { log: console.log, error: console.error, warn: console.warn, info: console.info };
      const capture = (...args: unknown[]) => lines.push(args.map(String).join(' '));
      Object.assign(console, { log: capture, error: capture, warn: capture, info: capture });
      try {
        const app = createApp({ db: database!.db, now: () => m.clock.now, publicUrl: 'https://book.example', log, clientIp: (_c: Context) => '192.0.2.9' });
        const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
          const response = await app.request(`/api/v1/organizations/${m.fixture.subdomain}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
          return { status: response.status, body: await response.json().catch(() => undefined) };
        };
        const asked = await call('POST', '/verifications', { purpose: 'booking', mobile: NORA });
        const code = await codeOf(m, asked.body.verificationId);
        const verification = { id: asked.body.verificationId, code };
        await call('POST', '/bookings', booking(m, '2026-12-03T09:00:00+01:00', {}, { ...verification, code: otherCode(code) }));
        assert.equal((await call('POST', '/bookings', booking(m, '2026-12-03T09:00:00+01:00', {}, verification))).status, 201);
        const loginCode = await call('POST', '/verifications', { purpose: 'login', mobile: NORA });
        const session = await call('POST', '/sessions', { verification: { id: loginCode.body.verificationId, code: await codeOf(m, loginCode.body.verificationId) } });
        await call('GET', '/me/bookings', undefined, { authorization: `Bearer ${session.body.token}` });
        const worker = createWorker({ db: database!.db, now: () => m.clock.now, log, channels: { gateways: { console: createConsoleGateway({ log }) }, defaultGateway: 'console', email: null, defaultEmailFrom: 'x <x@example.test>' } });
        await worker.runOnce();
        const sent = (await m.messages()).filter((x) => x.status === 'sent');
        assert.ok(sent.some((x) => x.kind === 'code'), 'the code messages went through the console sink');
        const logged = lines.join('\n');
        assert.ok(lines.length > 0);
        assert.ok(!logged.includes(code), 'no code');
        assert.ok(!logged.includes('91234567') && !logged.includes('912 34 567'), 'no number');
        assert.ok(!logged.includes(session.body.token), 'no session token');
      } finally {
        Object.assign(console, original);
      }
    });

    test('an SMS login does not reach a record or booking made with its number when nobody proved the number', async () => {
      // Mallory books (no code asked: the organization skips confirmation) in a new patient's name with Ola's mobile.
      const m = await harness({ codeChallenge: 'off', skipConfirmation: true });
      const typed = await m.call('POST', '/bookings', booking(m, '2026-12-03T09:00:00+01:00', { mobile: OLA, nationalId: OLA_ID }));
      assert.equal(typed.status, 201, JSON.stringify(typed.body));
      const { token } = await login(m, OLA);
      assert.deepEqual((await m.call('GET', '/me', undefined, bearer(token))).body.patients, [], 'the record made with an unproved number');
      assert.deepEqual((await m.call('GET', '/me/bookings', undefined, bearer(token))).body.bookings, [], 'the booking that typed it');
      // Booked while logged in with that mobile, the number is proved: the booking and its record are reached.
      const proved = await m.call('POST', '/bookings', booking(m, '2026-12-03T10:00:00+01:00', { mobile: OLA, nationalId: EID_ID }), bearer(token));
      assert.equal(proved.status, 201, JSON.stringify(proved.body));
      const mine = (await m.call('GET', '/me/bookings', undefined, bearer(token))).body.bookings as Array<{ id: string }>;
      assert.deepEqual(mine.map((b) => b.id), [proved.body.booking.id]);
      assert.deepEqual(((await m.call('GET', '/me', undefined, bearer(token))).body.patients as Array<{ nationalId: string }>).map((p) => p.nationalId), [EID_ID]);
    });

    test('two patients race for one time through the code step: one booking; the loser keeps a usable code', async () => {
      const m = await harness();
      const start = '2026-12-03T11:00:00+01:00';
      const slot = { treatmentId: m.fixture.treatments.checkup, clinicId: m.fixture.clinics.a, providerId: m.fixture.providers.p1, start };
      const nora = await requestCode(m, { purpose: 'booking', mobile: NORA });
      const ola = await requestCode(m, { purpose: 'booking', mobile: OLA });
      // Without holds, both with right codes at once: the exclusion constraint lets one in.
      const results = await Promise.all([
        m.call('POST', '/bookings', booking(m, start, {}, nora)),
        m.call('POST', '/bookings', booking(m, start, { mobile: OLA, nationalId: OLA_ID }, ola)),
      ]);
      assert.deepEqual(results.map((r) => r.status).sort(), [201, 409], JSON.stringify(results.map((r) => r.body)));
      assert.equal(await m.count('appointments'), 1);
      const loser = results[0]!.status === 409 ? { proof: nora, details: {} } : { proof: ola, details: { mobile: OLA, nationalId: OLA_ID } };
      const elsewhere = await m.call('POST', '/bookings', booking(m, '2026-12-03T13:00:00+01:00', loser.details, loser.proof));
      assert.equal(elsewhere.status, 201, 'the slot_taken booking did not spend its code');

      // With holds, as the widget does: the second hold of a time is refused before any code is sent.
      const afternoon = { ...slot, start: '2026-12-03T14:00:00+01:00' };
      const holds = await Promise.all([m.call('POST', '/holds', afternoon), m.call('POST', '/holds', afternoon)]);
      assert.deepEqual(holds.map((r) => r.status).sort(), [201, 409]);
      const held = holds.find((r) => r.status === 201)!.body.holdId as string;
      const proof = await requestCode(m, { purpose: 'booking', mobile: NORA, holdId: held });
      const booked = await m.call('POST', '/bookings', { ...booking(m, afternoon.start, {}, proof), holdId: held });
      assert.equal(booked.status, 201, JSON.stringify(booked.body));
      assert.equal(await m.count('appointments'), 3, 'the hold became the booking: no extra row');
    });

    test('asking for a code renews the hold; a code is not sent for a hold that has expired', async () => {
      const m = await harness();
      const slot = { treatmentId: m.fixture.treatments.checkup, clinicId: m.fixture.clinics.a, providerId: m.fixture.providers.p1, start: '2026-12-03T09:00:00+01:00' };
      const hold = await m.call('POST', '/holds', slot);
      assert.equal(hold.status, 201);
      m.clock.now = later(4 * 60);
      await requestCode(m, { purpose: 'booking', mobile: NORA, holdId: hold.body.holdId });
      const renewed = await m.database.db.selectFrom('appointments').select('hold_expires_at').where('status', '=', 'held').executeTakeFirstOrThrow();
      assert.equal(renewed.hold_expires_at!.toISOString(), later(9 * 60).toISOString());
      m.clock.now = later(15 * 60);
      const messages = (await m.messages()).length;
      const gone = await m.call('POST', '/verifications', { purpose: 'booking', mobile: NORA, holdId: hold.body.holdId });
      assert.equal(gone.status, 410);
      assert.equal(gone.body.code, 'hold_expired');
      assert.equal((await m.messages()).length, messages, 'no code sent');
    });

    test('resending the code renews the hold it was asked for with; a released hold does not stop a resend', async () => {
      const m = await harness();
      const slot = (start: string) => ({ treatmentId: m.fixture.treatments.checkup, clinicId: m.fixture.clinics.a, providerId: m.fixture.providers.p1, start });
      const nine = slot('2026-12-03T09:00:00+01:00');
      const hold = (await m.call('POST', '/holds', nine)).body.holdId as string;
      m.clock.now = later(60);
      const { id } = await requestCode(m, { purpose: 'booking', mobile: NORA, holdId: hold });
      m.clock.now = later(5 * 60);
      assert.equal((await m.call('POST', `/verifications/${id}/resend`, {})).status, 200);
      m.clock.now = later(8 * 60);
      const other = await m.call('POST', '/holds', nine);
      assert.equal(other.status, 409, 'held past the 6 minutes the first code gave it');
      const booked = await m.call('POST', '/bookings', { ...booking(m, nine.start, {}, { id, code: await codeOf(m, id) }), holdId: hold });
      assert.equal(booked.status, 201, JSON.stringify(booked.body));

      const ten = slot('2026-12-03T10:00:00+01:00');
      const released = (await m.call('POST', '/holds', ten)).body.holdId as string;
      const second = await requestCode(m, { purpose: 'booking', mobile: OLA, holdId: released });
      assert.equal((await m.call('DELETE', `/holds/${released}`)).status, 204);
      m.clock.now = later(10 * 60);
      assert.equal((await m.call('POST', `/verifications/${second.id}/resend`, {})).status, 200);
    });
  });
}
