import { createAdminClient, type OpusAdminClient } from '../admin-client.ts';
import { createCall } from '../http-call.ts';
import {
  Done, LoginResult, type AcceptInviteRequest, type PasswordResetComplete, type PasswordResetRequest, type StaffIdentity,
} from '../schemas/staff.ts';

/** Where the API is, and how to reach it. */
interface Endpoint {
  /** Where the API lives, e.g. `http://localhost:3000`. */
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** A logged-in staff user: the admin client of the session, and its CSRF token and cookie. */
export interface StaffLogin {
  user: StaffIdentity;
  organization: { subdomain: string; name: string };
  csrfToken: string;
  /** `opus_staff=…` outside a browser (a browser keeps the cookie itself, unreadable to scripts). */
  cookie: string | undefined;
  client: OpusAdminClient;
}

/** A call that notes the session cookie an answer sets. */
function callNotingCookie(options: Endpoint) {
  let cookie: string | undefined;
  const base = options.fetch ?? fetch;
  const noting = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await base(input, init);
    const setCookies = typeof response.headers.getSetCookie === 'function' ? response.headers.getSetCookie() : [response.headers.get('set-cookie') ?? ''];
    const session = setCookies.map((c) => c.split(';')[0]!.trim()).find((c) => c.startsWith('opus_staff='));
    if (session) cookie = session;
    return response;
  }) as typeof fetch;
  const call = createCall({ prefixUrl: `${options.baseUrl.replace(/\/$/, '')}/api/v1/admin/`, timeoutMs: options.timeoutMs, fetch: noting });
  return { call, cookie: () => cookie };
}

function loggedIn(options: Endpoint, result: LoginResult, cookie: string | undefined): StaffLogin {
  const client = createAdminClient({
    baseUrl: options.baseUrl, session: { csrfToken: result.csrfToken, cookie },
    ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  return { user: result.user, organization: result.organization, csrfToken: result.csrfToken, cookie, client };
}

/**
 * Logs a staff user in (`POST /auth/login`) and answers an admin client on
 * that session: it sends the CSRF token with every call, and outside a
 * browser the session cookie too. A TOTP user must give `totp` (without it
 * the call fails with `totp_required`).
 *
 * @example
 * const { user, client } = await staffLogin({ baseUrl: 'http://localhost:3000', organization: 'smilet', email: 'kari@smilet.no', password });
 * const { users } = await client.listStaff();
 */
export async function staffLogin(options: Endpoint & { organization: string; email: string; password: string; totp?: string }): Promise<StaffLogin> {
  const { call, cookie } = callNotingCookie(options);
  const result = await call(LoginResult, 'auth/login', {
    method: 'post', json: { organization: options.organization, email: options.email, password: options.password, ...(options.totp !== undefined ? { totp: options.totp } : {}) },
  });
  return loggedIn(options, result, cookie());
}

/**
 * Accepts an invite (the token of the e-mail's `#/invite/<token>` link),
 * sets the password and logs in.
 *
 * @example
 * const { client } = await acceptStaffInvite({ baseUrl, token, password: 'a long passphrase' });
 */
export async function acceptStaffInvite(options: Endpoint & AcceptInviteRequest): Promise<StaffLogin> {
  const { call, cookie } = callNotingCookie(options);
  const { baseUrl: _b, fetch: _f, timeoutMs: _t, ...request } = options;
  const result = await call(LoginResult, 'auth/invite/accept', { method: 'post', json: request });
  return loggedIn(options, result, cookie());
}

/**
 * Asks for a password-reset e-mail (always accepted, known e-mail or not), or
 * completes one with the token of its `#/reset/<token>` link.
 *
 * @example
 * await requestStaffPasswordReset({ baseUrl, organization: 'smilet', email: 'kari@smilet.no' });
 * await completeStaffPasswordReset({ baseUrl, token, password: 'a new passphrase' });
 */
export async function requestStaffPasswordReset(options: Endpoint & PasswordResetRequest): Promise<void> {
  const { baseUrl: _b, fetch: _f, timeoutMs: _t, ...request } = options;
  await callNotingCookie(options).call(Done, 'auth/password-reset', { method: 'post', json: request });
}

/** @see requestStaffPasswordReset
 * @example
 * await completeStaffPasswordReset({ baseUrl, token, password: 'a new passphrase' });
 */
export async function completeStaffPasswordReset(options: Endpoint & PasswordResetComplete): Promise<void> {
  const { baseUrl: _b, fetch: _f, timeoutMs: _t, ...request } = options;
  await callNotingCookie(options).call(Done, 'auth/password-reset/complete', { method: 'post', json: request });
}
