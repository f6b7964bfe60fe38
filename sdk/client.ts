import { createCall } from './http-call.ts';
import { OrganizationPublic } from './schemas/organization.ts';
import { ClinicList, ProviderList, TreatmentList, type CatalogQuery } from './schemas/catalog.ts';
import { SlotSearchResult, type SlotQuery } from './schemas/slots.ts';
import { BookingResult, BookingView, type BookingRequest, type RebookRequest } from './schemas/booking.ts';
import { CaptchaChallenge, Hold, Me, MyBookings, NoContent, PatientSession, VerificationChallenge, type HoldRequest, type SessionRequest, type VerificationRequest } from './schemas/verification.ts';

export interface ClientOptions {
  /** Where the API lives, e.g. `https://booking.example.no` or `http://localhost:3000`. */
  baseUrl: string;
  /** The organization's subdomain, e.g. `demo`. */
  organization: string;
  /** A fetch to use instead of the global one (tests, server-side rendering). */
  fetch?: typeof fetch;
  /** Milliseconds before a request is abandoned; default 15 000. */
  timeoutMs?: number;
  /**
   * The patient's session token (after {@link OpusClient.login}), sent as
   * `Authorization: Bearer`. A function, so the caller keeps it in memory and
   * may change it; never store it in localStorage.
   */
  sessionToken?: () => string | undefined;
}

/**
 * A typed client for the public booking API. Every response is parsed with
 * the same schemas the server validates with; every failure is an
 * {@link OpusApiError}.
 *
 * @example
 * const client = createClient({ baseUrl: 'http://localhost:3000', organization: 'demo' });
 * const { groups } = await client.listClinics();
 * const clinic = groups[0].clinics[0];
 * const { treatments } = await client.listTreatments({ clinicId: clinic.id });
 * const { slots } = await client.searchSlots({ treatmentId: treatments[0].id, clinicId: clinic.id, from: '2026-12-01', to: '2026-12-14' });
 */
export function createClient(options: ClientOptions) {
  const call = createCall({
    prefixUrl: `${options.baseUrl.replace(/\/$/, '')}/api/v1/organizations/${encodeURIComponent(options.organization)}/`,
    timeoutMs: options.timeoutMs,
    fetch: options.fetch,
  });

  const auth = (): Record<string, string> => {
    const token = options.sessionToken?.();
    return token ? { authorization: `Bearer ${token}` } : {};
  };

  return {
    /** The organization's public settings, texts and theme. */
    getOrganization: () => call(OrganizationPublic, ''),
    /** Clinics by group (B3), ungrouped last. */
    listClinics: () => call(ClinicList, 'clinics'),
    /** Providers, optionally those at one clinic or offering one treatment. */
    listProviders: (query: CatalogQuery = {}) => call(ProviderList, 'providers', { searchParams: query }),
    /** Treatments, optionally those offered at one clinic or by one provider. */
    listTreatments: (query: CatalogQuery = {}) => call(TreatmentList, 'treatments', { searchParams: query }),
    /** Free start times (B4–B6). */
    searchSlots: (query: SlotQuery) => call(SlotSearchResult, 'slots', { searchParams: query }),
    /**
     * Books a slot. Pass the same `idempotencyKey` when retrying after a
     * network failure: the retry gets the original answer, not a second booking.
     */
    createBooking: (request: BookingRequest, opts: { idempotencyKey?: string } = {}) =>
      call(BookingResult, 'bookings', {
        method: 'post',
        json: request,
        headers: { ...auth(), ...(opts.idempotencyKey ? { 'Idempotency-Key': opts.idempotencyKey } : {}) },
      }),
    /** The booking behind a manage token. */
    getBooking: (token: string) => call(BookingView, `bookings/${encodeURIComponent(token)}`),
    /** Moves the booking to another free time (B16). */
    rebook: (token: string, request: RebookRequest) =>
      call(BookingView, `bookings/${encodeURIComponent(token)}/rebook`, { method: 'post', json: request }),
    /** Cancels the booking (B16). */
    cancel: (token: string) => call(BookingView, `bookings/${encodeURIComponent(token)}/cancel`, { method: 'post', json: {} }),

    /** Holds a time for 5 minutes while the patient verifies (issue 8.2). */
    holdSlot: (request: HoldRequest) => call(Hold, 'holds', { method: 'post', json: request }),
    /** Renews a hold for another 5 minutes (call it on the patient's activity). */
    renewHold: (holdId: string) => call(Hold, `holds/${encodeURIComponent(holdId)}/renew`, { method: 'post', json: {} }),
    /** Releases a hold (the patient went back). */
    releaseHold: (holdId: string) => call(NoContent, `holds/${encodeURIComponent(holdId)}`, { method: 'delete' }),
    /** Sends a one-time code by SMS or e-mail (B11, B15); resend with {@link resendCode}. */
    requestCode: (request: VerificationRequest) => call(VerificationChallenge, 'verifications', { method: 'post', json: request }),
    /** Sends a new code for the same verification, after its cooldown (`resendAt`). */
    resendCode: (verificationId: string) => call(VerificationChallenge, `verifications/${encodeURIComponent(verificationId)}/resend`, { method: 'post', json: {} }),
    /** A captcha challenge (ALTCHA) to solve when the organization asks for one. */
    getCaptchaChallenge: () => call(CaptchaChallenge, 'captcha'),
    /** Logs in with a code sent for `purpose: 'login'` (B15). Keep the token in memory. */
    login: (request: SessionRequest) => call(PatientSession, 'sessions', { method: 'post', json: request }),
    /** Who is logged in, and the records the session may book for. */
    me: () => call(Me, 'me', { headers: auth() }),
    /** The logged-in patient's upcoming bookings (B15, "show bookings"). */
    myBookings: () => call(MyBookings, 'me/bookings', { headers: auth() }),
    /** Moves one of the logged-in patient's bookings, under the manage link's rules. */
    rebookMine: (bookingId: string, request: RebookRequest) =>
      call(BookingView, `me/bookings/${encodeURIComponent(bookingId)}/rebook`, { method: 'post', json: request, headers: auth() }),
    /** Cancels one of the logged-in patient's bookings. */
    cancelMine: (bookingId: string) => call(BookingView, `me/bookings/${encodeURIComponent(bookingId)}/cancel`, { method: 'post', json: {}, headers: auth() }),
    /** Ends the session. */
    logout: () => call(NoContent, 'me/session', { method: 'delete', headers: auth() }),
  };
}

/** The client {@link createClient} returns. */
export type OpusClient = ReturnType<typeof createClient>;

