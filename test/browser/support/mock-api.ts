import { http, HttpResponse, delay } from 'msw';
import { setupWorker } from 'msw/browser';
import type { BookingRequest, BookingView } from '../../../sdk/schemas/booking.ts';
import type { OrganizationPublic } from '../../../sdk/schemas/organization.ts';
import type { SlotView } from '../../../sdk/schemas/slots.ts';
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
}

export const state: MockState = { org: organization(), slotTaken: 0, networkFailures: 0, delayMs: 5, bookings: new Map(), requests: [] };

/** Back to the fixture organization with no bookings. */
export function resetMock(org: OrganizationPublic = organization()): void {
  Object.assign(state, { org, slotTaken: 0, networkFailures: 0, delayMs: 5, bookings: new Map(), requests: [] });
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

const catalog = (path: string, body: () => object) =>
  http.get(`${BASE}${path}`, async ({ request }) => {
    log(request);
    if (state.networkFailures > 0) {
      state.networkFailures--;
      return HttpResponse.error();
    }
    await delay(state.delayMs);
    return HttpResponse.json(body() as Record<string, unknown>);
  });

const handlers = [
  catalog('', () => state.org),
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
    if (state.org.bookingOff) return problem(403, 'booking_off', { reason: state.org.bookingOff.reason, text: state.org.bookingOff.text });
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

let started: Promise<unknown> | undefined;
let worker: ReturnType<typeof setupWorker> | undefined;

/** Starts msw's service worker once per test file. */
export function startMockApi(): Promise<unknown> {
  worker ??= setupWorker(...handlers);
  started ??= worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  return started;
}

/** Extra handlers for one test (reset by `resetMock`), e.g. a widget chunk that fails to load. */
export function useHandlers(...extra: Parameters<ReturnType<typeof setupWorker>['use']>): void {
  worker!.use(...extra);
}
