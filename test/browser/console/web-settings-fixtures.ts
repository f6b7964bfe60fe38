import { http, HttpResponse, type HttpHandler } from 'msw';
import type { BookingSettings, FlexibilitySettings, HostedPageSettings, OrganizationTexts, RateLimitSettings, RegistrationFields, StepSettings, Theme } from '../../../sdk/schemas/organization.ts';
import type { EidSettingsView } from '../../../sdk/schemas/settings.ts';
import { ADMIN, problem } from './support/console-harness.ts';

/** Settings as an organization might have them, for the web settings pages' msw tests. */
export const flexibility: FlexibilitySettings = {
  showBookings: true, login: true, smsLogin: true, newBookingRequiresLogin: false, weekendBooking: true, codeChallenge: 'off',
  maintenanceMode: false, published: true, userMessage: false, showAnyProvider: true, showAnyClinic: false, skipConfirmation: false,
};
export const fields: RegistrationFields = { email: 'optional', mobile: 'required', address1: 'off', address2: 'off', postalCode: 'off', city: 'off', campaignCode: 'off' };
export const steps: StepSettings = { order: ['clinic', 'provider', 'treatment'], mergeTreatmentAndProvider: false };
export const booking: BookingSettings = {
  newBooking: true, rebooking: true, cancellation: true, rebookWithoutTemplate: false, cancelWithoutTemplate: false, journalRebooking: true, journalCancellation: true,
  cutoffHours: 24, slotStepMinutes: 15, minNoticeMinutes: 60, horizonDays: 90,
};
export const orgTexts: OrganizationTexts = {
  welcome: 'Velkommen til Acme!', patientInfo: 'Ta med legitimasjon.', defaultClinicText: { heading: 'Om klinikken', body: 'Sentralt i byen.' },
  deviation: { maintenance: 'Vedlikehold pågår.', newBookingDisabled: 'Ring oss for time.', notPublished: 'Ikke åpnet ennå.' },
};
export const theme: Theme = { primaryColor: '#1a6b8f', accentColor: '#c2410c', logoUrl: null, analyticsScriptUrl: null };
export const hostedPage: HostedPageSettings = { frameAncestors: ['https://www.acme.no'] };
export const eid: EidSettingsView = { enabled: false, issuer: '', clientId: '', nationalIdClaim: 'pid', scope: 'openid', clientSecretSet: false };
export const rateLimits: RateLimitSettings = {
  bookingsPerIpPerMinute: 10, bookingsPerIpPerHour: 60, bookingsPerNationalIdPerHour: 10, changesPerTokenPerHour: 10, codeSendsPerRecipientPer15Minutes: 3,
  codeSendsPerIpPerHour: 20, codeChecksPerCode: 5, codeChecksPerIpPerHour: 60, loginsPerIpPerHour: 20,
};

/**
 * A settings section on the mocked API: GET answers `state.value`, PUT and
 * PATCH change it (unless `state.fail` says how to fail once), DELETE
 * answers `standard`. `state.loadFails` fails the next GETs (a network error).
 */
export function section<T extends object>(name: string, initial: T, standard: T) {
  const state = { value: structuredClone(initial), fail: undefined as undefined | 'network' | { path: string; message: string }, loadFails: 0 };
  const change = async (request: Request, merge: boolean) => {
    const failure = state.fail;
    state.fail = undefined;
    if (failure === 'network') return HttpResponse.error();
    if (failure) return problem(422, 'validation_failed', 'Validation failed', [failure]);
    const body = await request.json() as Partial<T>;
    state.value = merge ? deepMerge(state.value, body) : ({ ...body } as T);
    return HttpResponse.json(state.value);
  };
  const handlers: HttpHandler[] = [
    http.get(`${ADMIN}/settings/${name}`, () => {
      if (state.loadFails > 0) {
        state.loadFails--;
        return HttpResponse.error();
      }
      return HttpResponse.json(state.value);
    }),
    http.put(`${ADMIN}/settings/${name}`, ({ request }) => change(request, false)),
    http.patch(`${ADMIN}/settings/${name}`, ({ request }) => change(request, true)),
    http.delete(`${ADMIN}/settings/${name}`, () => {
      state.value = structuredClone(standard);
      return HttpResponse.json(state.value);
    }),
  ];
  return { state, handlers };
}

function deepMerge<T>(value: T, patch: unknown): T {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch as T;
  const out = { ...(value as Record<string, unknown>) };
  for (const [key, inner] of Object.entries(patch)) out[key] = deepMerge(out[key], inner);
  return out as T;
}

/** Waits a moment for a render to settle (after a click). */
export const settled = (el: Element) => (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
