import { sendKeys } from '@web/test-runner-commands';
import type { OpusBooking } from '../../widget/opus-booking.ts';
import { IDS, organization } from './support/fixtures.ts';
import { RIGHT_CODE, resetMock, startMockApi, state } from './support/mock-api.ts';
import { $, assert, assertEqual, axeCheck, cleanup, fillPatient, heading, liveRegionsHolding, mount, pick, reachConfirm, recordEvents, waitFor, waitForStep } from './support/helpers.ts';

before(async () => { await startMockApi(); });
beforeEach(() => resetMock(organization({ settings: { flexibility: { codeChallenge: 'sms', skipConfirmation: false } } })));
afterEach(() => cleanup());

const TEXT = {
  nb: { continue: 'Gå videre', confirm: 'Bekreft bestilling', code: 'Bekreft med kode', submit: 'Bekreft', sent: 'Vi har sendt en kode til +47 ••• •• 567.' },
  sv: { continue: 'Fortsätt', confirm: 'Bekräfta bokning', code: 'Bekräfta med kod', submit: 'Bekräfta', sent: 'Vi har skickat en kod till +47 ••• •• 567.' },
  en: { continue: 'Continue', confirm: 'Confirm booking', code: 'Confirm with a code', submit: 'Confirm', sent: 'We sent a code to +47 ••• •• 567.' },
} as const;

/** Clinic A, Checkup, P1: a time picked, the patient filled in, confirmed: at the code step. */
async function atCodeStep(locale: keyof typeof TEXT = 'nb'): Promise<OpusBooking> {
  const el = mount({ clinic: IDS.clinicA, treatment: IDS.checkup, provider: IDS.p1, locale });
  await reachConfirm(el, TEXT[locale].continue);
  await pick(el, TEXT[locale].confirm);
  await waitForStep(el, 'code');
  return el;
}

const codeInput = (el: OpusBooking) => $<HTMLInputElement>(el, '#field-code')!;

function typeCode(el: OpusBooking, code: string): void {
  const input = codeInput(el);
  input.value = code;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function submitCode(el: OpusBooking): Promise<void> {
  $<HTMLButtonElement>(el, '[part~="confirm-code"]')!.click();
  await el.updateComplete;
}

describe('the code step (B11, codeChallenge sms)', () => {
  it('holds the time, sends a code, and books with the hold and the right code (nb)', async () => {
    const el = await atCodeStep();
    const events = recordEvents(el);
    assertEqual(heading(el), 'Bekreft med kode');
    assert($(el, '[part="progress"]')?.textContent?.includes('Steg 4 av 4'), `progress counts the code step: ${$(el, '[part="progress"]')?.textContent}`);
    assert($(el, '[part="code-sent"]')?.textContent?.includes(TEXT.nb.sent), 'says where the code went');
    const input = codeInput(el);
    assertEqual([input.getAttribute('autocomplete'), input.getAttribute('inputmode')], ['one-time-code', 'numeric']);
    assert(el.shadowRoot!.querySelector('label[for="field-code"]'), 'the input has a label');
    await waitFor(() => el.shadowRoot!.activeElement === input, 'focus on the code input');
    assert(/Vi holder av tiden for deg i [45]:\d\d\./.test($(el, '[part~="hold-time"]')?.textContent ?? ''), `hold time left: ${$(el, '[part~="hold-time"]')?.textContent}`);
    await axeCheck(el, 'code step');

    const hold = state.requests.find((r) => r.path === '/holds')!;
    assertEqual((hold.body as { providerId: string }).providerId, IDS.p1);
    const sent = state.requests.find((r) => r.path === '/verifications')!.body as Record<string, string>;
    assertEqual([sent.purpose, sent.mobile, sent.locale, typeof sent.holdId], ['booking', '912 34 567', 'nb', 'string']);

    typeCode(el, '123 456');
    await submitCode(el);
    await waitForStep(el, 'done');
    const post = state.requests.find((r) => r.method === 'POST' && r.path === '/bookings')!;
    const body = post.body as { holdId: string; verification: { id: string; code: string } };
    assertEqual(body.holdId, sent.holdId);
    assertEqual(body.verification.code, RIGHT_CODE);
    assert(state.verifications.has(body.verification.id), 'the verification id sent');
    assert(post.headers?.['idempotency-key'], 'an Idempotency-Key is still sent');
    assert(events.some((e) => e.type === 'opus-booked'), 'opus-booked');
  });

  it('a wrong code says how many tries are left, at the field, announced once; focus stays on the input', async () => {
    const el = await atCodeStep();
    typeCode(el, '000000');
    await submitCode(el);
    await waitFor(() => $(el, '#field-code-error')?.textContent?.includes('Feil kode. Du har 4 forsøk igjen.'), 'tries left');
    const input = codeInput(el);
    assertEqual(input.getAttribute('aria-invalid'), 'true');
    assert(input.getAttribute('aria-describedby')?.split(' ').includes('field-code-error'), 'the error is tied to the input');
    await waitFor(() => el.shadowRoot!.activeElement === input, 'focus back on the input');
    assertEqual(liveRegionsHolding(el, 'Feil kode.').length, 1, 'announced once');
    await axeCheck(el, 'code step with an error');
    typeCode(el, RIGHT_CODE);
    await submitCode(el);
    await waitForStep(el, 'done');
  });

  it('an expired code says so and offers a new one, which then books (en)', async () => {
    const el = await atCodeStep('en');
    for (const v of state.verifications.values()) v.expired = true;
    typeCode(el, RIGHT_CODE);
    await submitCode(el);
    await waitFor(() => $(el, '#field-code-error')?.textContent?.includes('The code has expired.'), 'expired');
    await axeCheck(el, 'expired code');
    const ask = await waitFor(() => $<HTMLButtonElement>(el, '[part~="new-code"]'), 'new code button');
    await waitFor(() => el.shadowRoot!.activeElement === ask, 'focus on "send me a new code"');
    ask.click();
    await waitFor(() => state.requests.filter((r) => r.path === '/verifications').length === 2, 'a new code asked for');
    await waitFor(() => liveRegionsHolding(el, 'A new code is on its way.').length, 'announced');
    typeCode(el, RIGHT_CODE);
    await submitCode(el);
    await waitForStep(el, 'done');
  });

  it('"send a new code" waits for its countdown, then resends (sv)', async () => {
    state.resendAfterMs = 2_000;
    const el = await atCodeStep('sv');
    const resend = $<HTMLButtonElement>(el, '[part~="resend"]')!;
    assert(resend.disabled, 'disabled at first');
    assert(/om [12] sekunder/.test($(el, '[part~="resend-wait"]')?.textContent ?? ''), `visible countdown: ${$(el, '[part~="resend-wait"]')?.textContent}`);
    await axeCheck(el, 'code step (sv)');
    await waitFor(() => !$<HTMLButtonElement>(el, '[part~="resend"]')!.disabled, 'resend enabled when the countdown ends');
    assert(!$(el, '[part~="resend-wait"]'), 'countdown gone');
    $<HTMLButtonElement>(el, '[part~="resend"]')!.click();
    await waitFor(() => state.requests.some((r) => r.path.endsWith('/resend')), 'resent');
    await waitFor(() => $<HTMLButtonElement>(el, '[part~="resend"]')!.disabled, 'counting down again');
  });

  it('Back releases the hold and returns to the confirm step', async () => {
    const el = await atCodeStep();
    await pick(el, 'Tilbake');
    await waitForStep(el, 'confirm');
    await waitFor(() => [...state.holds.values()].every((h) => h.released), 'hold released');
    assert(state.requests.some((r) => r.method === 'DELETE' && r.path.startsWith('/holds/')), 'DELETE /holds/{id}');
  });

  it('leaving the code step for the account view gives the held time back; returning shows the confirm step', async () => {
    resetMock(organization({ settings: { flexibility: { codeChallenge: 'sms', skipConfirmation: false, login: true, smsLogin: true } } }));
    const el = await atCodeStep();
    await pick(el, 'Logg inn', '[part~="account"]');
    await waitForStep(el, 'account-login');
    await waitFor(() => [...state.holds.values()].every((h) => h.released), 'hold released');
    await pick(el, 'Tilbake', '[part~="back"]');
    await waitForStep(el, 'confirm');
    await pick(el, TEXT.nb.confirm);
    await waitForStep(el, 'code');
    assertEqual(state.holds.size, 2, 'a new hold for the new code');
  });

  it('a restart (another locale) at the code step gives the held time back', async () => {
    const el = await atCodeStep();
    el.setAttribute('locale', 'en');
    await waitForStep(el, 'time');
    await waitFor(() => [...state.holds.values()].every((h) => h.released), 'hold released');
    assertEqual(el.flow.verifier?.code, undefined, 'the code is forgotten');
  });

  it('typing renews the hold (at most once a minute)', async () => {
    const el = await atCodeStep();
    // The first renewal is due a minute after the hold: move the clock of the last one back.
    (el.flow.verifier as unknown as { lastRenew: number }).lastRenew = 0;
    typeCode(el, '1');
    typeCode(el, '12');
    typeCode(el, '123');
    await waitFor(() => state.requests.some((r) => r.path.endsWith('/renew')), 'renewed');
    await new Promise((r) => setTimeout(r, 200));
    assertEqual(state.requests.filter((r) => r.path.endsWith('/renew')).length, 1, 'renewals');
  });

  it('a booking with the code that gets no answer says so in the code step, and the retry books once', async () => {
    const el = await atCodeStep('en');
    state.bookingNetworkFailures = 1;
    typeCode(el, RIGHT_CODE);
    await submitCode(el);
    await waitFor(() => $(el, '[part="problem"]')?.textContent?.includes('We could not reach the booking service.'), `the failure is said: ${$(el, '[data-step]')?.textContent}`);
    await axeCheck(el, 'code step, no answer');
    await submitCode(el);
    await waitForStep(el, 'done');
    const keys = state.requests.filter((r) => r.method === 'POST' && r.path === '/bookings').map((r) => r.headers?.['idempotency-key']);
    assertEqual(keys.length, 2);
    assertEqual(keys[0], keys[1], 'the same Idempotency-Key');
  });

  it('a hold run out returns to the times with a notice', async () => {
    const el = await atCodeStep();
    state.holdExpired = true;
    typeCode(el, RIGHT_CODE);
    await submitCode(el);
    await waitForStep(el, 'time');
    assert($(el, '[part~="notice"]')?.textContent?.includes('ikke lenger holdt av'), 'notice');
  });

  it('a time taken meanwhile (409 on the hold) returns to the times, as a 409 does', async () => {
    const el = mount({ clinic: IDS.clinicA, treatment: IDS.checkup, provider: IDS.p1 });
    await reachConfirm(el, 'Gå videre');
    state.slotTaken = 1;
    await pick(el, 'Bekreft bestilling');
    await waitForStep(el, 'time');
    assert($(el, '[part~="notice"]')?.textContent?.includes('akkurat tatt'));
  });

  it('too many code requests says when to try again', async () => {
    const el = mount({ clinic: IDS.clinicA, treatment: IDS.checkup, provider: IDS.p1, locale: 'en' });
    await reachConfirm(el, 'Continue');
    state.codeRateLimited = 1;
    await pick(el, 'Confirm booking');
    await waitFor(() => $(el, '[part="problem"]')?.textContent?.includes('Try again in 2 minutes'), 'rate limited');
    await waitFor(() => [...state.holds.values()].every((h) => h.released), 'the hold made for it is released');
  });

  it('with the e-mail challenge the code goes to the typed e-mail', async () => {
    resetMock(organization({ settings: { flexibility: { codeChallenge: 'email', skipConfirmation: false } } }));
    await atCodeStep('en');
    const sent = state.requests.find((r) => r.path === '/verifications')!.body as Record<string, string>;
    assertEqual([sent.purpose, sent.email, sent.mobile], ['booking', 'kari@example.no', undefined]);
  });

  it('works with the keyboard alone: type the code, Enter books', async () => {
    const el = await atCodeStep('en');
    await waitFor(() => el.shadowRoot!.activeElement === codeInput(el), 'focus on the code input');
    await sendKeys({ type: RIGHT_CODE });
    await sendKeys({ press: 'Enter' });
    await waitForStep(el, 'done');
  });
});
