import { sendKeys } from '@web/test-runner-commands';
import type { BookingRequest } from '../../sdk/schemas/booking.ts';
import type { OpusBooking } from '../../widget/opus-booking.ts';
import { IDS, organization } from './support/fixtures.ts';
import { LOGIN_MOBILE, RIGHT_CODE, resetMock, startMockApi, state, viewOf } from './support/mock-api.ts';
import { $, $$, assert, assertEqual, axeCheck, cleanup, heading, liveRegionsHolding, mount, pick, recordEvents, waitFor, waitForStep } from './support/helpers.ts';

const LOGIN = { flexibility: { login: true, smsLogin: true, showBookings: true, codeChallenge: 'sms' as const, skipConfirmation: false } };

before(async () => { await startMockApi(); });
beforeEach(() => resetMock(organization({ settings: LOGIN })));
afterEach(() => cleanup());

function seedMine(id: string, days: number): void {
  const start = new Date(Date.now() + days * 86_400_000);
  start.setUTCHours(8, 0, 0, 0);
  const request = { treatmentId: IDS.checkup, clinicId: IDS.clinicA, providerId: IDS.p1, start: start.toISOString(), patient: { firstName: 'Kari', lastName: 'Nordmann', nationalId: '' } } as BookingRequest;
  state.myBookings.set(id, viewOf(request, id));
}

function type(el: OpusBooking, selector: string, value: string): void {
  const input = $<HTMLInputElement>(el, selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Logs in with the mobile and the right code from wherever the login form is shown. */
async function logIn(el: OpusBooking, submit: string, confirm: string): Promise<void> {
  await waitFor(() => $(el, '#field-login-mobile'), 'the mobile field');
  type(el, '#field-login-mobile', LOGIN_MOBILE);
  await pick(el, submit);
  await waitFor(() => $(el, '#field-code'), 'the code field');
  type(el, '#field-code', RIGHT_CODE);
  await pick(el, confirm, '[part~="confirm-code"]');
}

describe('login and my bookings (B15)', () => {
  it('logs in by SMS code, lists my bookings, cancels and rebooks one, and logs out (nb)', async () => {
    seedMine('00000000-0000-4000-9000-0000000000b1', 10);
    seedMine('00000000-0000-4000-9000-0000000000b2', 20);
    const el = mount();
    const events = recordEvents(el);
    await waitForStep(el, 'clinic');
    await pick(el, 'Logg inn', '[part~="account"]');
    await waitForStep(el, 'account-login');
    assertEqual(heading(el), 'Logg inn');
    await axeCheck(el, 'login view');
    await logIn(el, 'Send kode', 'Bekreft');
    const sent = state.requests.find((r) => r.path === '/verifications')!.body as Record<string, string>;
    assertEqual([sent.purpose, sent.mobile], ['login', LOGIN_MOBILE]);

    await waitForStep(el, 'account');
    assertEqual(heading(el), 'Mine timer');
    await waitFor(() => $$(el, '[part~="my-booking"]').length === 2, 'two bookings');
    assert($(el, '[part="logged-in"]')?.textContent?.includes('Kari Nordmann'), 'who is logged in');
    await axeCheck(el, 'my bookings');
    const token = [...state.sessions.keys()][0]!;
    assertEqual(state.requests.find((r) => r.path === '/me/bookings')!.headers?.authorization, `Bearer ${token}`);
    for (const store of [localStorage, sessionStorage]) assert(![...Array(store.length).keys()].some((i) => store.getItem(store.key(i)!)?.includes(token)), 'the token is not in web storage');
    assert(!document.cookie.includes(token), 'nor in a script cookie');

    // Cancel the first (the manage view's question and answer).
    $<HTMLButtonElement>(el, '[data-open="00000000-0000-4000-9000-0000000000b1"]')!.click();
    await waitForStep(el, 'manage-view');
    await axeCheck(el, 'one of my bookings');
    await pick(el, 'Avbestill timen');
    await pick(el, 'Ja, avbestill');
    await waitFor(() => $(el, '[data-booking="status"]')?.textContent?.includes('Avbestilt'), 'cancelled');
    assert(state.requests.some((r) => r.path === '/me/bookings/00000000-0000-4000-9000-0000000000b1/cancel'), 'cancelMine');
    assert(events.some((e) => e.type === 'opus-cancelled'), 'opus-cancelled');
    await pick(el, 'Tilbake til mine timer');
    await waitForStep(el, 'account');

    // Rebook the second.
    $<HTMLButtonElement>(el, '[data-open="00000000-0000-4000-9000-0000000000b2"]')!.click();
    await waitForStep(el, 'manage-view');
    await pick(el, 'Flytt timen');
    await waitForStep(el, 'manage-rebook');
    (await waitFor(() => $$<HTMLButtonElement>(el, '[part~="time"]')[1], 'a time')).click();
    await waitForStep(el, 'manage-confirm-rebook');
    await pick(el, 'Flytt til denne tiden');
    await waitFor(() => $(el, '[part~="notice"]')?.textContent?.includes('Timen er flyttet'), 'moved');
    const rebook = state.requests.find((r) => r.path === '/me/bookings/00000000-0000-4000-9000-0000000000b2/rebook')!;
    assert((rebook.body as { start: string }).start, 'rebookMine with the new time');
    assert(events.some((e) => e.type === 'opus-rebooked'), 'opus-rebooked');
    await pick(el, 'Tilbake til mine timer');
    await waitForStep(el, 'account');

    await pick(el, 'Logg ut');
    await waitForStep(el, 'account-login');
    await waitFor(() => liveRegionsHolding(el, 'Du er logget ut.').length === 1, 'logged out, announced once');
    assert(state.requests.some((r) => r.method === 'DELETE' && r.path === '/me/session'), 'logout');
    assertEqual(state.sessions.size, 0);
    assert(!el.patient.token && !el.patient.me, 'forgotten');
  });

  it('an empty list says so (en), and "book a new appointment" returns to the steps', async () => {
    const el = mount({ locale: 'en' });
    await waitForStep(el, 'clinic');
    await pick(el, 'Log in', '[part~="account"]');
    await logIn(el, 'Send code', 'Confirm');
    await waitForStep(el, 'account');
    await waitFor(() => $(el, '[part="no-bookings"]')?.textContent?.includes('You have no upcoming appointments.'), 'empty');
    await axeCheck(el, 'empty list (en)');
    await pick(el, 'Book a new appointment');
    await waitForStep(el, 'clinic');
    assertEqual($(el, '[part~="account"]')?.textContent?.trim(), 'My appointments', 'the entry now opens my appointments');
  });

  it('without "show bookings" the logged-in view has no list, only who and log out', async () => {
    resetMock(organization({ settings: { flexibility: { ...LOGIN.flexibility, showBookings: false } } }));
    const el = mount();
    await waitForStep(el, 'clinic');
    await pick(el, 'Logg inn', '[part~="account"]');
    await logIn(el, 'Send kode', 'Bekreft');
    await waitForStep(el, 'account');
    assertEqual(heading(el), 'Min side');
    assert(!$(el, '[part~="my-bookings"]') && !$(el, '[part="no-bookings"]'), 'no list');
    assert(!state.requests.some((r) => r.path === '/me/bookings'), 'not fetched');
    assert($(el, '[part~="logout"]'), 'log out offered');
    await axeCheck(el, 'my page');
  });

  it('a wrong login code says how many tries are left (sv)', async () => {
    const el = mount({ locale: 'sv' });
    await waitForStep(el, 'clinic');
    await pick(el, 'Logga in', '[part~="account"]');
    await waitFor(() => $(el, '#field-login-mobile'), 'mobile field');
    type(el, '#field-login-mobile', LOGIN_MOBILE);
    await pick(el, 'Skicka kod');
    await waitFor(() => $(el, '#field-code'), 'code field');
    await axeCheck(el, 'login code (sv)');
    type(el, '#field-code', '111111');
    await pick(el, 'Bekräfta', '[part~="confirm-code"]');
    await waitFor(() => $(el, '#field-code-error')?.textContent?.includes('Fel kod. Du har 4 försök kvar.'), 'tries left');
  });

  it('an empty mobile is said at its field', async () => {
    const el = mount();
    await waitForStep(el, 'clinic');
    await pick(el, 'Logg inn', '[part~="account"]');
    await pick(el, 'Send kode');
    await waitFor(() => $(el, '#field-login-mobile-error'), 'error');
    assertEqual($(el, '#field-login-mobile')?.getAttribute('aria-describedby'), 'field-login-mobile-error');
  });

  it('with e-ID configured, a "Log in with BankID" button is offered', async () => {
    resetMock(organization({ settings: LOGIN, eidLogin: true }));
    const el = mount();
    await waitForStep(el, 'clinic');
    await pick(el, 'Logg inn', '[part~="account"]');
    await waitFor(() => $(el, '[part~="eid-login"]')?.textContent?.includes('Logg inn med BankID'), 'e-ID button');
    await axeCheck(el, 'login with e-ID');
  });

  /** A window for the e-ID login: the page at `origin`, recording what the widget does with it. */
  function fakeWindow(origin: string) {
    const listeners = new Set<(event: MessageEvent) => void>();
    const seen = { assigned: [] as string[], opened: [] as string[] };
    const win = {
      location: { href: `${origin}/clinic/book?x=1`, origin, pathname: '/clinic/book', search: '?x=1', assign: (url: string) => void seen.assigned.push(url) },
      // The popup: this test page's own window stands in for it (a MessageEvent's source must be a window).
      open: (url: string) => (seen.opened.push(url), window),
      addEventListener: (_: string, l: (event: MessageEvent) => void) => void listeners.add(l),
      removeEventListener: (_: string, l: (event: MessageEvent) => void) => void listeners.delete(l),
      post: (data: unknown, from: string, source: Window | null = window) => { for (const l of [...listeners]) l(new MessageEvent('message', { data, origin: from, source })); },
      listeners,
    };
    return { win, seen };
  }

  /** The widget (in `locale`) at its login view with e-ID offered, started on a window at `origin`. */
  async function startEid(origin: string, locale?: 'en') {
    resetMock(organization({ settings: LOGIN, eidLogin: true }));
    const el = mount(locale ? { locale } : {});
    await waitForStep(el, 'clinic');
    await pick(el, locale === 'en' ? 'Log in' : 'Logg inn', '[part~="account"]');
    await waitFor(() => el.flow.verifier?.texts, 'the verifier');
    const { win, seen } = fakeWindow(origin);
    el.flow.verifier!.eidLogin(win as never);
    return { el, win, seen };
  }

  it("e-ID on the hosted page (the API's own origin) goes to the broker and back", async () => {
    const { el, win, seen } = await startEid(location.origin);
    assertEqual(seen.assigned, [`${location.origin}/mock/api/v1/organizations/acme/auth/eid/start?mode=redirect&returnTo=${encodeURIComponent('/clinic/book?x=1')}`]);
    assertEqual(seen.opened, []);
  });

  it('e-ID embedded on another origin: a popup, and exactly one session message from the API origin', async () => {
    const me = { method: 'eid' as const, mobile: null, patients: [{ firstName: 'Eva', lastName: 'Eid', nationalId: '13097248022', mobile: null, email: null }], expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
    const { el, win, seen } = await startEid('https://clinic.example');
    state.sessions.set('eid-session-token-123456', me);
    assertEqual(seen.opened, [`${location.origin}/mock/api/v1/organizations/acme/auth/eid/start?mode=popup&origin=${encodeURIComponent('https://clinic.example')}`]);
    const session = { token: 'eid-session-token-123456', method: 'eid', expiresAt: me.expiresAt, idleTimeoutSeconds: 1800 };
    win.post({ type: 'opus-session', session: { ...session, token: 'from-a-stranger-1234567' } }, 'https://evil.example');
    win.post({ type: 'other', session }, location.origin);
    win.post({ type: 'opus-session', session: { ...session, token: 'from-another-window-1234567' } }, location.origin, null);
    assertEqual(win.listeners.size, 1, 'still waiting: wrong origin, type or window is ignored');
    win.post({ type: 'opus-session', session }, location.origin);
    assertEqual(win.listeners.size, 0, 'one message accepted, then no more');
    await waitForStep(el, 'account');
    assertEqual(el.patient.token, 'eid-session-token-123456');
    assert($(el, '[part="logged-in"]')?.textContent?.includes('Eva Eid'), 'logged in');
  });

  it('on the hosted page a session cookie (back from e-ID) is picked up: the entry opens my appointments', async () => {
    seedMine('00000000-0000-4000-9000-0000000000b3', 5);
    state.cookieSession = { method: 'eid', mobile: null, patients: [{ firstName: 'Eva', lastName: 'Eid', nationalId: '13097248022', mobile: null, email: null }], expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
    const el = mount();
    await waitForStep(el, 'clinic');
    await waitFor(() => $(el, '[part~="account"]')?.textContent?.trim() === 'Mine timer', 'logged in by the cookie');
    assert(!el.patient.token, 'no token in the page: the cookie is HttpOnly');
    await pick(el, 'Mine timer', '[part~="account"]');
    await waitForStep(el, 'account');
    await waitFor(() => $$(el, '[part~="my-booking"]').length === 1, 'my booking');
  });

  it('a failed e-ID login in the popup is said (the broker posts opus-session-failed)', async () => {
    const { el, win } = await startEid('https://clinic.example', 'en');
    win.post({ type: 'opus-session-failed' }, location.origin);
    await waitFor(() => $(el, '[part="problem"]')?.textContent?.includes('The BankID/e-ID login was not completed.'), 'said');
    assertEqual(win.listeners.size, 0, 'no longer waiting');
    await axeCheck(el, 'e-ID failed (popup)');
  });

  it('back on the hosted page from a failed e-ID login (?eid=failed), the login view says so', async () => {
    resetMock(organization({ settings: LOGIN, eidLogin: true }));
    const page = location.href;
    const failed = new URL(page);
    failed.searchParams.set('eid', 'failed');
    history.replaceState(history.state, '', failed);
    try {
      const el = mount({ locale: 'en' });
      await waitForStep(el, 'account-login');
      await waitFor(() => $(el, '[part="problem"]')?.textContent?.includes('The BankID/e-ID login was not completed.'), 'said');
      assert(!new URL(location.href).searchParams.has('eid'), 'said once: the marker leaves the address');
      await axeCheck(el, 'e-ID failed (hosted page)');
    } finally {
      history.replaceState(history.state, '', page);
    }
  });

  it('an e-ID message that is not a session is refused', async () => {
    const { el, win } = await startEid('https://clinic.example', 'en');
    win.post({ type: 'opus-session', session: { token: 'x' } }, location.origin);
    await waitFor(() => $(el, '[part="problem"]')?.textContent?.includes('The BankID/e-ID login was not completed.'), 'refused');
    assert(!el.patient.token, 'no token');
  });
});

describe('new booking requires login (B15)', () => {
  const REQUIRED = { flexibility: { ...LOGIN.flexibility, newBookingRequiresLogin: true } };

  it('logs in before the details, which are prefilled from the record; the code step is skipped for the verified mobile', async () => {
    resetMock(organization({ settings: REQUIRED }));
    const el = mount({ clinic: IDS.clinicA, treatment: IDS.checkup, provider: IDS.p1 });
    const events = recordEvents(el);
    await waitForStep(el, 'time');
    (await waitFor(() => $<HTMLButtonElement>(el, '[part~="time"]'), 'a time')).click();
    await waitForStep(el, 'login');
    assertEqual(heading(el), 'Logg inn');
    await axeCheck(el, 'login step');
    await logIn(el, 'Send kode', 'Bekreft');
    await waitForStep(el, 'details');
    assertEqual($<HTMLInputElement>(el, '#field-firstName')!.value, 'Kari');
    assertEqual($<HTMLInputElement>(el, '#field-nationalId')!.value, '13097248022');
    assertEqual($<HTMLInputElement>(el, '#field-mobile')!.value, '+4791234567');
    await pick(el, 'Gå videre');
    await waitForStep(el, 'confirm');
    await pick(el, 'Bekreft bestilling');
    await waitForStep(el, 'done');
    assert(!state.requests.some((r) => r.path === '/holds'), 'no code step for the verified mobile');
    const steps = events.filter((e) => e.type === 'opus-step').map((e) => e.step);
    assertEqual(steps.slice(0, 4), ['time', 'login', 'details', 'confirm']);
    // Booking another: still logged in, so no login step, and the form starts filled in again.
    await pick(el, 'Bestill en time til');
    await waitForStep(el, 'time');
    (await waitFor(() => $<HTMLButtonElement>(el, '[part~="time"]'), 'a time')).click();
    await waitForStep(el, 'details');
    await waitFor(() => $<HTMLInputElement>(el, '#field-firstName')?.value === 'Kari', 'prefilled again');
  });

  it('a session run out before booking brings the login step back, then books', async () => {
    resetMock(organization({ settings: REQUIRED }));
    const el = mount({ clinic: IDS.clinicA, treatment: IDS.checkup, provider: IDS.p1 });
    await waitForStep(el, 'time');
    (await waitFor(() => $<HTMLButtonElement>(el, '[part~="time"]'), 'a time')).click();
    await waitForStep(el, 'login');
    await logIn(el, 'Send kode', 'Bekreft');
    await waitForStep(el, 'details');
    state.sessions.clear(); // idle too long: the server forgot it
    await pick(el, 'Gå videre');
    await waitForStep(el, 'confirm');
    await pick(el, 'Bekreft bestilling');
    await waitForStep(el, 'login');
    assert(!el.patient.token && !el.patient.me, 'the session is forgotten');
    await logIn(el, 'Send kode', 'Bekreft');
    await waitForStep(el, 'details');
    await pick(el, 'Gå videre');
    await waitForStep(el, 'confirm');
    await pick(el, 'Bekreft bestilling');
    await waitForStep(el, 'done');
  });

  it('several records on the mobile: the patient chooses whose booking it is, with the keyboard', async () => {
    resetMock(organization({ settings: REQUIRED }));
    state.patients = [
      { firstName: 'Kari', lastName: 'Nordmann', nationalId: '13097248022', mobile: '+4791234567', email: null },
      { firstName: 'Ola', lastName: 'Nordmann', nationalId: '01010112345', mobile: '+4791234567', email: null },
    ];
    const el = mount({ clinic: IDS.clinicA, treatment: IDS.checkup, provider: IDS.p1, locale: 'en' });
    await waitForStep(el, 'time');
    (await waitFor(() => $<HTMLButtonElement>(el, '[part~="time"]'), 'a time')).click();
    await waitForStep(el, 'login');
    await logIn(el, 'Send code', 'Confirm');
    await waitFor(() => $(el, '[part~="choose-patient"]'), 'the choice');
    assert($(el, 'legend')?.textContent?.includes('Who is the appointment for?'));
    await waitFor(() => liveRegionsHolding(el, 'Who is the appointment for?').length === 1, 'the question announced');
    await axeCheck(el, 'whose booking');
    const ola = $<HTMLButtonElement>(el, '[data-patient="1"]')!;
    ola.focus();
    await sendKeys({ press: 'Enter' });
    await waitForStep(el, 'details');
    assertEqual($<HTMLInputElement>(el, '#field-firstName')!.value, 'Ola');
  });
});
