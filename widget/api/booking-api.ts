import { OpusApiError } from '../../sdk/errors.ts';
import type { BookingRequest, BookingResult, BookingView, RebookRequest } from '../../sdk/schemas/booking.ts';
import type { ClinicList, ProviderList, TreatmentList } from '../../sdk/schemas/catalog.ts';
import type { OrganizationPublic } from '../../sdk/schemas/organization.ts';
import type { Problem } from '../../sdk/schemas/problem.ts';
import type { SlotSearchResult } from '../../sdk/schemas/slots.ts';

export interface BookingApiOptions {
  /** The server, e.g. `https://booking.example.no`. */
  api: string;
  /** The organization's subdomain. */
  organization: string;
  /** Milliseconds before a request is given up (default 15 000): a slow API shows an error with a retry, never a spinner forever. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** The patient's session token, kept in memory only, sent as `Authorization: Bearer` (issue 8). */
  sessionToken?: () => string | undefined;
}

/** One API call: a path under the organization, with method, JSON body, query and headers. */
export type ApiCall = <T>(path: string, init?: { method?: string; body?: unknown; query?: Record<string, string | undefined>; headers?: Record<string, string> }) => Promise<T>;

/**
 * The public API as the widget uses it: plain `fetch`, so the first step
 * does not wait for ky and zod (they are the SDK's; the widget's bundle
 * budget is 20 KB). The shapes are the SDK's types; failures are the SDK's
 * {@link OpusApiError}.
 *
 * @example
 * const api = bookingApi({ api: 'http://localhost:3000', organization: 'demo' });
 * const org = await api.organization();
 */
export function bookingApi(options: BookingApiOptions) {
  const base = `${options.api.replace(/\/$/, '')}/api/v1/organizations/${encodeURIComponent(options.organization)}`;
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  const call: ApiCall = async <T>(path: string, init: Parameters<ApiCall>[1] = {}): Promise<T> => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(init.query ?? {})) if (value !== undefined) params.set(key, value);
    const url = `${base}${path}${params.size ? `?${params}` : ''}`;
    const token = options.sessionToken?.();
    let response: Response;
    try {
      response = await doFetch(url, {
        method: init.method ?? 'GET',
        headers: { accept: 'application/json', ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...init.headers },
        body: init.body !== undefined ? JSON.stringify(init.body) : null,
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new OpusApiError(0, 'network', error instanceof Error ? error.message : String(error));
    }
    if (response.status === 204) return undefined as T;
    const body = (await response.json().catch(() => undefined)) as unknown;
    if (!response.ok) {
      const problem = body as Problem | undefined;
      const retryAfter = Number(response.headers.get('retry-after')) || undefined;
      if (problem && typeof problem.code === 'string') throw new OpusApiError(response.status, problem.code, problem.detail ?? problem.title, problem, retryAfter);
      throw new OpusApiError(response.status, 'invalid_response', `HTTP ${response.status}`);
    }
    // The message reaches the page (opus-error): a manage token in the path is the patient's secret.
    if (body === undefined) throw new OpusApiError(response.status, 'invalid_response', `Unexpected response from ${path.replace(/^\/bookings\/[^/]+/, '/bookings/…')}`);
    return body as T;
  };

  return {
    /** Any call, for the lazily loaded verification and login views (`api/verification-api.ts`). */
    call,
    /** With `'catalog'`, the clinics, providers and treatments come in the same answer. */
    organization: (include?: 'catalog') => call<OrganizationPublic>('', { query: { include } }),
    clinics: () => call<ClinicList>('/clinics'),
    providers: () => call<ProviderList>('/providers'),
    treatments: () => call<TreatmentList>('/treatments'),
    slots: (query: Record<string, string | undefined>) => call<SlotSearchResult>('/slots', { query }),
    book: (request: BookingRequest, idempotencyKey: string) =>
      call<BookingResult>('/bookings', { method: 'POST', body: request, headers: { 'Idempotency-Key': idempotencyKey } }),
    booking: (token: string) => call<BookingView>(`/bookings/${encodeURIComponent(token)}`),
    rebook: (token: string, request: RebookRequest) => call<BookingView>(`/bookings/${encodeURIComponent(token)}/rebook`, { method: 'POST', body: request }),
    cancel: (token: string) => call<BookingView>(`/bookings/${encodeURIComponent(token)}/cancel`, { method: 'POST', body: {} }),
  };
}

export type BookingApi = ReturnType<typeof bookingApi>;
