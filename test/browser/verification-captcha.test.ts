import { IDS, organization } from './support/fixtures.ts';
import { resetMock, startMockApi, state } from './support/mock-api.ts';
import { $, assert, assertEqual, axeCheck, cleanup, fillPatient, mount, reachDetails, pick, waitFor, waitForStep } from './support/helpers.ts';

before(async () => { await startMockApi(); });
beforeEach(() => resetMock(organization({ settings: { flexibility: { codeChallenge: 'off', skipConfirmation: false } } })));
afterEach(() => cleanup());

async function atDetails(locale = 'nb') {
  const el = mount({ clinic: IDS.clinicA, treatment: IDS.checkup, provider: IDS.p1, locale });
  await reachDetails(el);
  return el;
}

describe('the captcha (B11, code challenge off)', () => {
  it('is solved in the background from the details step, said politely, and sent with the booking (nb)', async () => {
    const el = await atDetails();
    await waitFor(() => $(el, '[part~="captcha-status"]')?.textContent?.includes('Sjekker at du ikke er en robot … ferdig.'), 'solved');
    assertEqual(state.requests.filter((r) => r.path === '/captcha').length, 1, 'one challenge');
    await axeCheck(el, 'details with captcha status');
    fillPatient(el);
    await pick(el, 'Gå videre');
    await waitForStep(el, 'confirm');
    await axeCheck(el, 'confirm with captcha status');
    await pick(el, 'Bekreft bestilling');
    await waitForStep(el, 'done');
    const body = state.requests.find((r) => r.method === 'POST' && r.path === '/bookings')!.body as { captcha?: string };
    // ALTCHA v2, as the server (altcha-lib 2.8.0) checks it: base64 of { challenge, solution }.
    const payload = JSON.parse(atob(body.captcha!)) as { challenge: { parameters: { algorithm: string } }; solution: { counter: number; derivedKey: string } };
    assertEqual(Object.keys(payload).sort(), ['challenge', 'solution']);
    assertEqual(payload.challenge.parameters.algorithm, 'PBKDF2/SHA-256');
    assert(Number.isInteger(payload.solution.counter) && payload.solution.derivedKey, 'a solution');
    assert(!state.requests.some((r) => r.path === '/holds' || r.path === '/verifications'), 'no hold, no code');
  });

  it('also solves ALTCHA v1 challenges (payload { algorithm, challenge, number, salt, signature })', async () => {
    state.captchaFormat = 'v1';
    const el = await atDetails();
    await waitFor(() => $(el, '[part~="captcha-status"]')?.textContent?.includes('ferdig'), 'solved');
    fillPatient(el);
    await pick(el, 'Gå videre');
    await waitForStep(el, 'confirm');
    await pick(el, 'Bekreft bestilling');
    await waitForStep(el, 'done');
    const body = state.requests.find((r) => r.method === 'POST' && r.path === '/bookings')!.body as { captcha?: string };
    const payload = JSON.parse(atob(body.captcha!)) as Record<string, unknown>;
    assertEqual(Object.keys(payload).sort(), ['algorithm', 'challenge', 'number', 'salt', 'signature', 'took']);
  });

  it('a failure shows with a retry that solves it, then books (en)', async () => {
    state.captchaFailures = 1;
    const el = await atDetails('en');
    await waitFor(() => $(el, '[part="problem"]')?.textContent?.includes('We could not check that you are not a robot.'), 'the failure');
    await axeCheck(el, 'captcha failure');
    await pick(el, 'Try again');
    await waitFor(() => $(el, '[part~="captcha-status"]')?.textContent?.includes('done'), 'solved on retry');
    fillPatient(el);
    await pick(el, 'Continue');
    await waitForStep(el, 'confirm');
    await pick(el, 'Confirm booking');
    await waitForStep(el, 'done');
    assertEqual(state.requests.filter((r) => r.path === '/captcha').length, 2);
  });

  it('a logged-in patient books without a captcha', async () => {
    resetMock(organization({ settings: { flexibility: { codeChallenge: 'off', skipConfirmation: false, login: true, smsLogin: true } } }));
    const me = { method: 'sms' as const, mobile: '+4791234567', patients: [], expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
    state.sessions.set('session-token-1234567', me);
    const el = mount({ clinic: IDS.clinicA, treatment: IDS.checkup, provider: IDS.p1 });
    await waitForStep(el, 'time');
    Object.assign(el.patient, { token: 'session-token-1234567', me }); // as after a login (verification-login.test.ts)
    (await waitFor(() => $<HTMLButtonElement>(el, '[part~="time"]'), 'a time')).click();
    await waitForStep(el, 'details');
    fillPatient(el);
    await pick(el, 'Gå videre');
    await waitForStep(el, 'confirm');
    await pick(el, 'Bekreft bestilling');
    await waitForStep(el, 'done');
    const post = state.requests.find((r) => r.method === 'POST' && r.path === '/bookings')!;
    assert(!(post.body as { captcha?: string }).captcha, 'no captcha');
    assertEqual(post.headers?.authorization, 'Bearer session-token-1234567');
    assert(!state.requests.some((r) => r.path === '/captcha'), 'no challenge fetched');
  });
});
