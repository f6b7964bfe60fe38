import { http, HttpResponse, delay } from 'msw';
import { setupWorker } from 'msw/browser';
import type { BookingRequest, BookingView } from '../../../sdk/schemas/booking.ts';
import type { OrganizationPublic } from '../../../sdk/schemas/organization.ts';
import type { SlotView } from '../../../sdk/schemas/slots.ts';
import type { Me, SessionPatient } from '../../../sdk/schemas/verification.ts';
import { CLINIC_GROUPS, IDS, PROVIDERS, TREATMENTS, organization } from './fixtures.ts';

/** Where the mocked API lives (same origin as the test page). */
export const API = `${location.origin}/mock`;
const BASE = `${API}/api/v1/organizations/acme`;

/** What a test can change and see of the mocked API. */
export interface MockState {
  org: OrganizationPublic;
  /** The next N booking (or rebooking) attempts answer 409 slot_taken. */
  slotTaken: number;
  /** The next N catalog/organization requests fail with a network error. */
  networkFailures: number;
  /** How long the organization and catalog requests take, in ms (a slow API). */
  delayMs: number;
  bookings: Map<string, BookingView>;
  requests: Array<{ method: string; path: string; body?: unknown; headers?: Record<string, string> }>;
  // ------------------------------------------------------------ issue 8
  /** Held times by hold id. */
  holds: Map<string, { expiresAt: string; released: boolean; renewals: number }>;
  /** Codes sent, by verification id; the right code is always {@link RIGHT_CODE}. */
  verifications: Map<string, { purpose: string; mobile?: string | undefined; attemptsLeft: number; expired: boolean; resendAt: number; sends: number }>;
  /** Milliseconds after sending before "send a new code" is allowed. */
  resendAfterMs: number;
  /** The next N bookings get no answer (a network failure). */
  bookingNetworkFailures: number;
  /** The next N code requests answer 429 rate_limited (Retry-After 120 s). */
  codeRateLimited: number;
  /** The next booking with a hold answers 410 hold_expired. */
  holdExpired: boolean;
  /** The next N captcha challenges fail (500). */
  captchaFailures: number;
  /** ALTCHA's v2 format (the server's: PBKDF2, `{ challenge, solution }`), or v1 (`{ algorithm, challenge, number, salt, signature }`). */
  captchaFormat: 'v2' | 'v1';
  /** Patient records reached by logging in with a mobile (the digits of {@link LOGIN_MOBILE}). */
  patients: SessionPatient[];
  /** Session tokens → who. */
  sessions: Map<string, Me>;
  /** The logged-in patient's bookings, by id. */
  myBookings: Map<string, BookingView>;
  /** Who the hosted page's HttpOnly session cookie logs in (e.g. back from e-ID), if anyone. */
  cookieSession: Me | undefined;
}

/** The right one-time code in the mocked API. */
export const RIGHT_CODE = '123456';
/** The mobile that logs in to {@link MockState.patients}. */
export const LOGIN_MOBILE = '912 34 567';

const fresh = (org: OrganizationPublic): MockState => ({
  org, slotTaken: 0, networkFailures: 0, delayMs: 5, bookings: new Map(), requests: [],
  holds: new Map(), verifications: new Map(), resendAfterMs: 30_000, bookingNetworkFailures: 0, codeRateLimited: 0, holdExpired: false, captchaFailures: 0, captchaFormat: 'v2',
  patients: [{ firstName: 'Kari', lastName: 'Nordmann', nationalId: '13097248022', mobile: '+4791234567', email: 'kari@example.no' }],
  sessions: new Map(), myBookings: new Map(), cookieSession: undefined,
});

export const state: MockState = fresh(organization());

/** Back to the fixture organization with no bookings. */
export function resetMock(org: OrganizationPublic = organization()): void {
  Object.assign(state, fresh(org));
  worker?.resetHandlers();
}

const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  HttpResponse.json({ type: `about:blank#${code}`, title: code, status, code, ...extra }, { status, headers: { 'content-type': 'application/problem+json' } });

function log(request: Request, body?: unknown): void {
  state.requests.push({ method: request.method, path: new URL(request.url).pathname.replace(/^\/mock\/api\/v1\/organizations\/acme/, '') + new URL(request.url).search, body, headers: Object.fromEntries(request.headers) });
}

/** Free times: every day (weekends too: the widget must hide them unless allowed) at 08:00Z and 09:30Z. */
export function slotsFor(q: URLSearchParams): SlotView[] {
  const from = q.get('from')!;
  const to = q.get('to')!;
  const clinics = q.get('clinicId') ? [q.get('clinicId')!] : CLINIC_GROUPS.find((g) => g.name === q.get('group'))?.clinics.map((c) => c.id) ?? [];
  const slots: SlotView[] = [];
  for (let day = Date.parse(`${from}T00:00:00Z`), i = 0; day <= Date.parse(`${to}T00:00:00Z`); day += 86_400_000) {
    for (const time of ['08:00', '09:30']) {
      const date = new Date(day).toISOString().slice(0, 10);
      const start = `${date}T${time}:00Z`;
      const clinicId = clinics[i % clinics.length] ?? IDS.clinicA;
      const providers = PROVIDERS.filter((p) => p.clinics.some((c) => c.clinicId === clinicId));
      const providerId = q.get('providerId') ?? providers[i % providers.length]?.id ?? IDS.p1;
      slots.push({ start, end: new Date(Date.parse(start) + 30 * 60_000).toISOString(), providerId, clinicId });
      i++;
    }
  }
  return slots;
}

export function viewOf(request: BookingRequest, id: string): BookingView {
  const clinic = CLINIC_GROUPS.flatMap((g) => g.clinics).find((c) => c.id === request.clinicId)!;
  const treatment = TREATMENTS.find((t) => t.id === request.treatmentId)!;
  return {
    id, status: 'booked', start: request.start, end: new Date(Date.parse(request.start) + treatment.durationMinutes * 60_000).toISOString(), timeZone: 'Europe/Oslo',
    clinic: { id: clinic.id, name: clinic.name, address: clinic.address, postalCode: clinic.postalCode, city: clinic.city, phone: clinic.phone },
    provider: { id: request.providerId, name: PROVIDERS.find((p) => p.id === request.providerId)!.name },
    treatment: { id: treatment.id, name: treatment.name, durationMinutes: treatment.durationMinutes },
    patient: { firstName: request.patient.firstName, lastName: request.patient.lastName },
    canRebook: true, canCancel: true, changeDeadline: new Date(Date.parse(request.start) - 24 * 3_600_000).toISOString(),
    ...(request.locale ? { locale: request.locale } : {}),
  };
}

const catalog = (path: string, body: (info: { request: Request }) => object) =>
  http.get(`${BASE}${path}`, async ({ request }) => {
    log(request);
    if (state.networkFailures > 0) {
      state.networkFailures--;
      return HttpResponse.error();
    }
    await delay(state.delayMs);
    return HttpResponse.json(body({ request }) as Record<string, unknown>);
  });

const handlers = [
  catalog('', ({ request }) => (new URL(request.url).searchParams.get('include') === 'catalog'
    ? { ...state.org, catalog: { groups: CLINIC_GROUPS, providers: PROVIDERS, treatments: TREATMENTS } } : state.org)),
  catalog('/clinics', () => ({ groups: CLINIC_GROUPS })),
  catalog('/providers', () => ({ providers: PROVIDERS })),
  catalog('/treatments', () => ({ treatments: TREATMENTS })),
  http.get(`${BASE}/slots`, ({ request }) => {
    log(request);
    const q = new URL(request.url).searchParams;
    return HttpResponse.json({ treatmentId: q.get('treatmentId'), durationMinutes: 30, timeZone: 'Europe/Oslo', from: q.get('from'), to: q.get('to'), slots: slotsFor(q) });
  }),
  http.get(`${API}/api/v1/organizations/acme/providers/:id/photo`, () =>
    new HttpResponse(Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgYGAAAAAEAAH2FzhVAAAAAElFTkSuQmCC'), (c) => c.charCodeAt(0)), { headers: { 'content-type': 'image/png' } })),
  http.post(`${BASE}/bookings`, async ({ request }) => {
    const body = (await request.json()) as BookingRequest;
    log(request, body);
    if (state.bookingNetworkFailures > 0) {
      state.bookingNetworkFailures--;
      return HttpResponse.error();
    }
    if (state.org.bookingOff) return problem(403, 'booking_off', { reason: state.org.bookingOff.reason, text: state.org.bookingOff.text });
    const refused = await verificationProblem(request, body);
    if (refused) return refused;
    if (state.slotTaken > 0) {
      state.slotTaken--;
      return problem(409, 'slot_taken');
    }
    if (body.patient.nationalId === '13097248022' && body.patient.lastName === 'Server-rejects') {
      return problem(422, 'validation_failed', { issues: [{ path: 'patient.lastName', message: 'Required', code: 'custom' }] });
    }
    const token = `tok-${state.bookings.size + 1}`;
    const booking = viewOf(body, `00000000-0000-4000-9000-00000000000${state.bookings.size + 1}`);
    state.bookings.set(token, booking);
    return HttpResponse.json({ booking, manageToken: token, manageUrl: `${location.origin}/manage/${token}` }, { status: 201 });
  }),
  http.get(`${BASE}/bookings/:token`, ({ request, params }) => {
    log(request);
    const booking = state.bookings.get(String(params.token));
    return booking ? HttpResponse.json(booking) : problem(404, 'not_found');
  }),
  http.post(`${BASE}/bookings/:token/rebook`, async ({ request, params }) => {
    const body = (await request.json()) as { start: string; providerId?: string };
    log(request, body);
    const booking = state.bookings.get(String(params.token));
    if (!booking) return problem(404, 'not_found');
    if (state.slotTaken > 0) {
      state.slotTaken--;
      return problem(409, 'slot_taken');
    }
    const moved = { ...booking, start: body.start, end: new Date(Date.parse(body.start) + 30 * 60_000).toISOString() };
    state.bookings.set(String(params.token), moved);
    return HttpResponse.json(moved);
  }),
  http.post(`${BASE}/bookings/:token/cancel`, ({ request, params }) => {
    log(request);
    const booking = state.bookings.get(String(params.token));
    if (!booking) return problem(404, 'not_found');
    if (!booking.canCancel) return problem(403, 'cutoff_passed');
    const cancelled: BookingView = { ...booking, status: 'cancelled', canCancel: false, canRebook: false };
    state.bookings.set(String(params.token), cancelled);
    return HttpResponse.json(cancelled);
  }),
];

// ---------------------------------------------------------------- issue 8

let serial = 0;
const CAPTCHA_SECRET = 'mock-captcha-secret';
const secret = (prefix: string) => `${prefix}-${++serial}-${Math.random().toString(36).slice(2, 14).padEnd(12, 'x')}`;
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
/**
 * The mock server's clock runs 10 minutes behind the browser's: the instants
 * in holds and code challenges are on it, their seconds are right. A widget
 * that counted down from the instants with its own clock would see every
 * hold expired and every resend allowed at once.
 */
const SERVER_CLOCK_SKEW_MS = -10 * 60_000;
const onServerClock = (msFromNow: number) => new Date(Date.now() + msFromNow + SERVER_CLOCK_SKEW_MS).toISOString();
const holdTimes = (msFromNow: number) => ({ expiresAt: onServerClock(msFromNow), expiresInSeconds: Math.round(msFromNow / 1000) });
const digits = (mobile: string) => mobile.replace(/\D/g, '').replace(/^47/, '');

async function sha256Hex(text: string): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Who the request's bearer token logs in, if anyone. */
function sessionOf(request: Request): Me | undefined {
  const token = request.headers.get('authorization')?.replace(/^Bearer /, '');
  return token ? state.sessions.get(token) : state.cookieSession;
}

/** What the booking must carry (B11), as the server checks it; undefined when it may go ahead. */
async function verificationProblem(request: Request, body: BookingRequest): Promise<Response | undefined> {
  const flex = state.org.settings.flexibility;
  const me = sessionOf(request);
  if (flex.newBookingRequiresLogin && flex.login && !me) return problem(401, 'login_required', { verification: 'login' });
  if (body.verification) {
    const v = state.verifications.get(body.verification.id);
    if (!v || v.attemptsLeft <= 0) return problem(422, 'verification_failed', { verification: 'code', attemptsLeft: 0 });
    if (v.expired) return problem(410, 'verification_expired', { verification: 'code' });
    if (body.verification.code !== RIGHT_CODE) {
      v.attemptsLeft--;
      return problem(422, 'verification_failed', { verification: 'code', attemptsLeft: v.attemptsLeft });
    }
    if (state.holdExpired || !body.holdId || !state.holds.has(body.holdId)) {
      state.holdExpired = false;
      return problem(410, 'hold_expired');
    }
    return undefined;
  }
  if (flex.skipConfirmation) return undefined;
  // A session verifies what its login proved: the typed mobile (SMS) or national id (e-ID).
  const proved = me?.method === 'eid'
    ? me.patients.some((p) => p.nationalId === body.patient.nationalId)
    : !!me?.mobile && !!body.patient.mobile && digits(me.mobile) === digits(body.patient.mobile);
  if (proved) return undefined;
  if (flex.codeChallenge !== 'off') return problem(403, 'verification_required', { verification: 'code' });
  if (!body.captcha) return problem(403, 'verification_required', { verification: 'captcha' });
  try {
    const p = JSON.parse(atob(body.captcha)) as { challenge: never; solution: never };
    if (state.captchaFormat === 'v2') {
      const [{ verifySolution }, { deriveKey }] = await Promise.all([import('altcha-lib'), import('altcha-lib/algorithms/web/pbkdf2')]);
      const result = await verifySolution({ challenge: p.challenge, solution: p.solution, deriveKey, hmacSignatureSecret: CAPTCHA_SECRET, hmacKeySignatureSecret: `${CAPTCHA_SECRET}-key` });
      if (result.verified) return undefined;
    } else {
      const v1 = p as unknown as { algorithm: string; challenge: string; number: number; salt: string; signature: string };
      if (v1.algorithm === 'SHA-256' && v1.signature === 'mock-signature' && (await sha256Hex(`${v1.salt}${v1.number}`)) === v1.challenge) return undefined;
    }
  } catch { /* falls through */ }
  return problem(422, 'verification_failed', { verification: 'captcha', attemptsLeft: 0 });
}

const challengeFor = (id: string) => {
  const v = state.verifications.get(id)!;
  const resendIn = Math.max(0, v.resendAt - Date.now());
  return {
    verificationId: id, channel: state.org.settings.flexibility.codeChallenge === 'email' && v.purpose === 'booking' ? 'email' : 'sms', sentTo: '+47 ••• •• 567',
    expiresAt: onServerClock(10 * 60_000), resendAt: onServerClock(resendIn), expiresInSeconds: 600, resendInSeconds: Math.ceil(resendIn / 1000),
  };
};

const verificationHandlers = [
  http.post(`${BASE}/holds`, async ({ request }) => {
    const body = (await request.json()) as { start: string };
    log(request, body);
    if (state.slotTaken > 0) {
      state.slotTaken--;
      return problem(409, 'slot_taken');
    }
    const holdId = secret('hold');
    state.holds.set(holdId, { expiresAt: inMinutes(5), released: false, renewals: 0 });
    return HttpResponse.json({ holdId, start: body.start, end: new Date(Date.parse(body.start) + 30 * 60_000).toISOString(), ...holdTimes(5 * 60_000) }, { status: 201 });
  }),
  http.post(`${BASE}/holds/:id/renew`, ({ request, params }) => {
    log(request);
    const hold = state.holds.get(String(params.id));
    if (!hold || hold.released) return problem(410, 'hold_expired');
    hold.renewals++;
    hold.expiresAt = inMinutes(5);
    return HttpResponse.json({ holdId: String(params.id), start: inMinutes(60), end: inMinutes(90), ...holdTimes(5 * 60_000) });
  }),
  http.delete(`${BASE}/holds/:id`, ({ request, params }) => {
    log(request);
    const hold = state.holds.get(String(params.id));
    if (hold) hold.released = true;
    return new HttpResponse(null, { status: 204 });
  }),
  http.post(`${BASE}/verifications`, async ({ request }) => {
    const body = (await request.json()) as { purpose: string; mobile?: string };
    log(request, body);
    if (state.codeRateLimited > 0) {
      state.codeRateLimited--;
      return HttpResponse.json({ type: 'about:blank#rate_limited', title: 'rate_limited', status: 429, code: 'rate_limited' }, { status: 429, headers: { 'content-type': 'application/problem+json', 'retry-after': '120' } });
    }
    const id = secret('ver');
    state.verifications.set(id, { purpose: body.purpose, mobile: body.mobile, attemptsLeft: 5, expired: false, resendAt: Date.now() + state.resendAfterMs, sends: 1 });
    return HttpResponse.json(challengeFor(id), { status: 201 });
  }),
  http.post(`${BASE}/verifications/:id/resend`, ({ request, params }) => {
    log(request);
    const v = state.verifications.get(String(params.id));
    if (!v) return problem(404, 'not_found');
    if (Date.now() < v.resendAt) return problem(429, 'rate_limited');
    Object.assign(v, { attemptsLeft: 5, expired: false, resendAt: Date.now() + state.resendAfterMs, sends: v.sends + 1 });
    return HttpResponse.json(challengeFor(String(params.id)));
  }),
  http.get(`${BASE}/captcha`, async ({ request }) => {
    log(request);
    if (state.captchaFailures > 0) {
      state.captchaFailures--;
      return problem(500, 'internal');
    }
    if (state.captchaFormat === 'v2') {
      // As the server makes it (PBKDF2/SHA-256, cost 100, signed), with a smaller counter: solved in a moment.
      const [{ createChallenge }, { deriveKey }] = await Promise.all([import('altcha-lib'), import('altcha-lib/algorithms/web/pbkdf2')]);
      return HttpResponse.json(await createChallenge({
        algorithm: 'PBKDF2/SHA-256', cost: 100, counter: 5 + (++serial % 30), deriveKey,
        hmacSignatureSecret: CAPTCHA_SECRET, hmacKeySignatureSecret: `${CAPTCHA_SECRET}-key`,
      }) as unknown as Record<string, unknown>);
    }
    // Trivially solvable (a small number), but a real ALTCHA v1 challenge.
    const salt = secret('salt');
    const number = 7 + (serial % 40);
    return HttpResponse.json({ algorithm: 'SHA-256', challenge: await sha256Hex(`${salt}${number}`), maxnumber: 1000, salt, signature: 'mock-signature' });
  }),
  http.post(`${BASE}/sessions`, async ({ request }) => {
    const body = (await request.json()) as { verification: { id: string; code: string } };
    log(request, body);
    const v = state.verifications.get(body.verification.id);
    if (!v || v.purpose !== 'login' || v.attemptsLeft <= 0) return problem(422, 'verification_failed', { verification: 'code', attemptsLeft: 0 });
    if (v.expired) return problem(410, 'verification_expired', { verification: 'code' });
    if (body.verification.code !== RIGHT_CODE) {
      v.attemptsLeft--;
      return problem(422, 'verification_failed', { verification: 'code', attemptsLeft: v.attemptsLeft });
    }
    const token = secret('session');
    const mobile = v.mobile ?? '';
    state.sessions.set(token, { method: 'sms', mobile: `+47${digits(mobile)}`, patients: digits(mobile) === digits(LOGIN_MOBILE) ? state.patients : [], expiresAt: inMinutes(720) });
    return HttpResponse.json({ token, method: 'sms', expiresAt: inMinutes(720), idleTimeoutSeconds: 1800 }, { status: 201 });
  }),
  http.get(`${BASE}/me`, ({ request }) => {
    log(request);
    const me = sessionOf(request);
    return me ? HttpResponse.json(me) : problem(401, 'login_required', { verification: 'login' });
  }),
  http.get(`${BASE}/me/bookings`, ({ request }) => {
    log(request);
    if (!sessionOf(request)) return problem(401, 'login_required', { verification: 'login' });
    return HttpResponse.json({ bookings: [...state.myBookings.values()].sort((a, b) => a.start.localeCompare(b.start)) });
  }),
  http.post(`${BASE}/me/bookings/:id/rebook`, async ({ request, params }) => {
    const body = (await request.json()) as { start: string };
    log(request, body);
    const booking = state.myBookings.get(String(params.id));
    if (!sessionOf(request)) return problem(401, 'login_required', { verification: 'login' });
    if (!booking) return problem(404, 'not_found');
    const moved = { ...booking, start: body.start, end: new Date(Date.parse(body.start) + 30 * 60_000).toISOString() };
    state.myBookings.set(booking.id, moved);
    return HttpResponse.json(moved);
  }),
  http.post(`${BASE}/me/bookings/:id/cancel`, ({ request, params }) => {
    log(request);
    const booking = state.myBookings.get(String(params.id));
    if (!sessionOf(request)) return problem(401, 'login_required', { verification: 'login' });
    if (!booking) return problem(404, 'not_found');
    const cancelled: BookingView = { ...booking, status: 'cancelled', canCancel: false, canRebook: false };
    state.myBookings.set(booking.id, cancelled);
    return HttpResponse.json(cancelled);
  }),
  http.delete(`${BASE}/me/session`, ({ request }) => {
    log(request);
    const token = request.headers.get('authorization')?.replace(/^Bearer /, '');
    if (token) state.sessions.delete(token);
    return new HttpResponse(null, { status: 204 });
  }),
];

let started: Promise<unknown> | undefined;
let worker: ReturnType<typeof setupWorker> | undefined;

/** Starts msw's service worker once per test file. */
export function startMockApi(): Promise<unknown> {
  worker ??= setupWorker(...handlers, ...verificationHandlers);
  started ??= worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  return started;
}

/** Extra handlers for one test (reset by `resetMock`), e.g. a widget chunk that fails to load. */
export function useHandlers(...extra: Parameters<ReturnType<typeof setupWorker>['use']>): void {
  worker!.use(...extra);
}
