import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CaptchaChallenge } from '../../sdk/schemas/verification.ts';
import { createTestDatabase, DATABASE_KINDS } from '../../test/support/test-database.ts';
import { createHarness, NOW, type Harness } from '../../test/support/api-harness.ts';
import { norwegianIds, patient } from '../../test/support/fixture.ts';
import { createMessagingHarness } from '../../test/support/messaging-harness.ts';
import { captchaPayload, solveCaptcha, solvedCaptcha } from '../../test/support/captcha.ts';
import { CAPTCHA_LIFETIME_MS, checkCaptcha, createCaptchaChallenge } from './captcha.ts';

/** The seed's "reCAPTCHA" case: no code challenge, confirmation not skipped. */
const BOT_CHECK = { flexibility: { weekendBooking: true, codeChallenge: 'off', skipConfirmation: false } };

for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  describe(`the bot check (captcha) on ${kind}`, { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
    let n = 0;
    const fresh = (settings: Record<string, unknown> = BOT_CHECK) => createHarness(database!, { subdomain: `captcha-${kind}-${++n}`, settings });
    after(() => database?.close());

    const booking = (h: Harness, start = '2026-12-02T09:00:00+01:00', extra: Record<string, unknown> = {}) => ({
      treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1, start, patient: patient(), ...extra,
    });
    const refusedAs = (answer: { status: number; body: any }, code: string) => {
      assert.equal(answer.status, 422, JSON.stringify(answer.body));
      assert.equal(answer.body.code, 'verification_failed');
      assert.equal(answer.body.verification, 'captcha');
      assert.deepEqual(answer.body.issues.map((i: { path: string; code: string }) => [i.path, i.code]), [['captcha', code]]);
    };

    test('a challenge: signed, valid 10 minutes, never cached', async () => {
      const h = await fresh();
      const { status, body, headers } = await h.call('GET', '/captcha');
      assert.equal(status, 200);
      assert.equal(headers.get('cache-control'), 'no-store');
      // The SDK parses it with the contract: nothing the signature covers may be dropped.
      assert.deepEqual(CaptchaChallenge.parse(body), body);
      assert.match(body.signature, /^[0-9a-f]{64}$/);
      assert.equal(body.parameters.data.expiresAt * 1000, NOW.getTime() + CAPTCHA_LIFETIME_MS);
      assert.notEqual((await h.call('GET', '/captcha')).body.signature, body.signature);
    });

    test('a booking without the captcha is refused with verification_required, nothing written', async () => {
      const h = await fresh();
      const { status, body, type } = await h.call('POST', '/bookings', booking(h));
      assert.equal(status, 403);
      assert.equal(type, 'application/problem+json');
      assert.equal(body.code, 'verification_required');
      assert.equal(body.verification, 'captcha');
      assert.equal(await h.count('appointments'), 0);
      assert.equal(await h.count('patients'), 0);
    });

    test('a solved captcha books; the same solution again is refused', async () => {
      const h = await fresh();
      const captcha = await solvedCaptcha(h);
      const first = await h.call('POST', '/bookings', booking(h, undefined, { captcha }));
      assert.equal(first.status, 201, JSON.stringify(first.body));
      refusedAs(await h.call('POST', '/bookings', booking(h, '2026-12-02T10:00:00+01:00', { captcha })), 'replayed');
      assert.equal(await h.count('appointments'), 1);
    });

    test('a retry with the same Idempotency-Key gets the first answer, not "already used"', async () => {
      const h = await fresh();
      const request = booking(h, undefined, { captcha: await solvedCaptcha(h) });
      const first = await h.call('POST', '/bookings', request, { 'idempotency-key': 'retry-1' });
      const again = await h.call('POST', '/bookings', request, { 'idempotency-key': 'retry-1' });
      assert.equal(first.status, 201);
      assert.equal(again.status, 201);
      assert.deepEqual(again.body, first.body);
    });

    test('a taken slot does not use up the solution: the patient books another time with it', async () => {
      const h = await fresh();
      assert.equal((await h.call('POST', '/bookings', booking(h, undefined, { captcha: await solvedCaptcha(h) }))).status, 201);
      const captcha = await solvedCaptcha(h);
      const [nationalId] = norwegianIds(1);
      const taken = await h.call('POST', '/bookings', booking(h, undefined, { captcha, patient: patient({ nationalId }) }));
      assert.equal(taken.status, 409);
      assert.equal(taken.body.code, 'slot_taken');
      const other = await h.call('POST', '/bookings', booking(h, '2026-12-02T10:00:00+01:00', { captcha, patient: patient({ nationalId }) }));
      assert.equal(other.status, 201, JSON.stringify(other.body));
    });

    test('two bookings racing with one solution: one is booked, the other refused', async () => {
      const h = await fresh();
      const captcha = await solvedCaptcha(h);
      const answers = await Promise.all([
        h.call('POST', '/bookings', booking(h, '2026-12-02T09:00:00+01:00', { captcha })),
        h.call('POST', '/bookings', booking(h, '2026-12-02T10:00:00+01:00', { captcha })),
      ]);
      assert.deepEqual(answers.map((a) => a.status).sort(), [201, 422]);
      refusedAs(answers.find((a) => a.status === 422)!, 'replayed');
      assert.equal(await h.count('appointments'), 1);
    });

    test('forged solutions are refused: wrong answer, altered challenge or signature, another key, not ALTCHA at all', async (t) => {
      const h = await fresh();
      const challenge = (await h.call('GET', '/captcha')).body;
      const solution = await solveCaptcha(challenge);
      const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1);
      const foreign = await createCaptchaChallenge('another server key', NOW);
      const forged: Array<[string, string, string]> = [
        ['wrong derived key', captchaPayload(challenge, { ...solution, derivedKey: flip(solution.derivedKey) }), 'invalid'],
        ['wrong counter, unknown key', captchaPayload(challenge, { counter: solution.counter + 1, derivedKey: '00'.repeat(32) }), 'invalid'],
        ['altered signature', captchaPayload({ ...challenge, signature: flip(challenge.signature) }, solution), 'invalid'],
        ['later expiry', captchaPayload({ ...challenge, parameters: { ...challenge.parameters, data: { expiresAt: challenge.parameters.data.expiresAt + 3600 } } }, solution), 'invalid'],
        ['easier prefix', captchaPayload({ ...challenge, parameters: { ...challenge.parameters, keyPrefix: '00', keySignature: undefined } }, solution), 'invalid'],
        ['no signature', captchaPayload({ parameters: challenge.parameters }, solution), 'malformed'],
        ['signed with another key', captchaPayload(foreign, await solveCaptcha(foreign)), 'invalid'],
        ['not base64 JSON', 'not a captcha', 'malformed'],
      ];
      for (const [name, captcha, code] of forged) {
        await t.test(name, async () => refusedAs(await h.call('POST', '/bookings', booking(h, undefined, { captcha })), code));
      }
      assert.equal(await h.count('appointments'), 0);
      // The genuine solution was never spent by the forgeries.
      assert.equal((await h.call('POST', '/bookings', booking(h, undefined, { captcha: captchaPayload(challenge, solution) }))).status, 201);
    });

    test('an expired challenge is refused', async () => {
      const h = await fresh();
      const captcha = await solvedCaptcha(h);
      h.clock.now = new Date(NOW.getTime() + CAPTCHA_LIFETIME_MS + 60_000);
      refusedAs(await h.call('POST', '/bookings', booking(h, undefined, { captcha })), 'expired');
      assert.equal(await h.count('appointments'), 0);
    });

    test('skipConfirmation removes the check', async () => {
      const h = await fresh({ flexibility: { weekendBooking: true, codeChallenge: 'off', skipConfirmation: true } });
      const { status, body } = await h.call('POST', '/bookings', booking(h));
      assert.equal(status, 201, JSON.stringify(body));
    });

    test('with the code challenge on, no captcha is asked for', async () => {
      const h = await fresh({ flexibility: { weekendBooking: true, codeChallenge: 'sms', skipConfirmation: false } });
      const { body } = await h.call('POST', '/bookings', booking(h));
      assert.notEqual(body.verification, 'captcha');
      assert.notEqual(body.code, 'verification_failed');
    });

    test('spent solutions are forgotten by the worker once their challenge has expired', async () => {
      const h = await createMessagingHarness(database!, { subdomain: `captcha-${kind}-${++n}`, settings: BOT_CHECK });
      assert.equal((await h.call('POST', '/bookings', booking(h, undefined, { captcha: await solvedCaptcha(h) }))).status, 201);
      const spent = async () => (await h.database.db.selectFrom('spent_challenges').select('hash').execute()).length;
      assert.ok(await spent() >= 1);
      await h.at(new Date(NOW.getTime() + CAPTCHA_LIFETIME_MS - 60_000).toISOString());
      assert.ok(await spent() >= 1);
      await h.at(new Date(NOW.getTime() + CAPTCHA_LIFETIME_MS).toISOString());
      assert.equal(await spent(), 0);
    });
  });
}

test('a solution found with Web Crypto (what a browser runs) passes the server check', async () => {
  const { solveChallenge } = await import('altcha-lib');
  const { deriveKey: webDeriveKey } = await import('altcha-lib/algorithms/web/pbkdf2');
  const challenge = await createCaptchaChallenge('key', NOW);
  const solution = await solveChallenge({ challenge, deriveKey: webDeriveKey, timeout: 60_000 });
  assert.ok(solution);
  const solved = await checkCaptcha('key', captchaPayload(challenge, solution), NOW);
  assert.match(solved.hash, /^[0-9a-f]{64}$/);
});
