import { createCall, type Call } from '../../sdk/http-call.ts';

export type { Call };

/**
 * The admin API as the console calls it: the SDK's own request path
 * (`sdk/http-call.ts`: answers parsed by the shared schemas, failures as
 * `OpusApiError`) on the staff session. The browser sends the HttpOnly
 * session cookie by itself; every change carries the login's CSRF token.
 * Pages combine it with the SDK's method sets, e.g. `bookMethods(call)`,
 * so each page's chunk holds only its own area's schemas.
 *
 * @example
 * const call = consoleCall(location.origin, csrfToken);
 * const book = bookMethods(call);
 * const { appointments } = await book.listAppointments({ from: '2026-12-07', to: '2026-12-07' });
 */
export function consoleCall(origin: string, csrfToken: string, timeoutMs = 20_000): Call {
  return createCall({ prefixUrl: `${origin.replace(/\/$/, '')}/api/v1/admin/`, timeoutMs, headers: { 'x-csrf-token': csrfToken } });
}

/** Where the CSRF token of the browser's staff session is kept, so a reload or a second tab on a deep link stays logged in. */
export const SESSION_KEY = 'opus-console-session';

/** What the console remembers between page loads: the CSRF token (the session itself is the HttpOnly cookie) and the organization. */
export interface StoredSession {
  csrfToken: string;
  subdomain: string;
}

export function loadStoredSession(): StoredSession | undefined {
  try {
    const value = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null') as Partial<StoredSession> | null;
    return value && typeof value.csrfToken === 'string' && typeof value.subdomain === 'string' ? { csrfToken: value.csrfToken, subdomain: value.subdomain } : undefined;
  } catch {
    return undefined;
  }
}

export function storeSession(session: StoredSession | undefined): void {
  try {
    if (session) localStorage.setItem(SESSION_KEY, JSON.stringify(session));
    else localStorage.removeItem(SESSION_KEY);
  } catch {
    // Storage off (private mode): the session lasts as long as the page.
  }
}
