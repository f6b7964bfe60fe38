import { createCall } from './http-call.ts';
import { auditMethods } from './admin/audit.ts';
import { catalogMethods } from './admin/catalog.ts';
import { messagingMethods } from './admin/messaging.ts';
import { scheduleMethods } from './admin/schedules.ts';
import { settingsMethods } from './admin/settings.ts';
import { bookMethods } from './admin/book.ts';
import { patientMethods } from './admin/patients.ts';
import { staffMethods } from './admin/staff.ts';
import { webhookMethods } from './admin/webhooks.ts';
import { privacyMethods } from './admin/privacy.ts';

export { eachPage } from './admin/paging.ts';
export { staffLogin, acceptStaffInvite, requestStaffPasswordReset, completeStaffPasswordReset, type StaffLogin } from './admin/staff-login.ts';

/** How an admin client authenticates: an API key (integrations) or a staff session (the console; see `auth`). */
export type AdminCredentials =
  | { apiKey: string; session?: undefined }
  | {
    apiKey?: undefined;
    /**
     * A staff login: the CSRF token it answered, and outside a browser the
     * session cookie (`opus_staff=…`) to send; in a browser the cookie goes by itself.
     */
    session: { csrfToken: string; cookie?: string | undefined };
  };

export type AdminClientOptions = AdminCredentials & {
  /** Where the API lives, e.g. `http://localhost:3000`. */
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
};

function headersFor(options: AdminCredentials): Record<string, string> {
  if (options.apiKey !== undefined) return { authorization: `Bearer ${options.apiKey}` };
  return { 'x-csrf-token': options.session.csrfToken, ...(options.session.cookie ? { cookie: options.session.cookie } : {}) };
}

/**
 * A typed client for the staff API (`/api/v1/admin`), by area. Responses are
 * parsed with the server's own schemas; failures are `OpusApiError` (see
 * `http-call.ts`, shared with the public client). Keep an API key on a
 * server, never in a browser.
 *
 * @example
 * const admin = createAdminClient({ baseUrl: 'http://localhost:3000', apiKey: process.env.OPUS_API_KEY! });
 * await admin.sendToNumber({ to: '+4791234567', body: 'Hei!' });
 * const { messages } = await admin.listMessages({ status: 'failed' });
 */
export function createAdminClient(options: AdminClientOptions) {
  const call = createCall({
    prefixUrl: `${options.baseUrl.replace(/\/$/, '')}/api/v1/admin/`,
    timeoutMs: options.timeoutMs,
    fetch: options.fetch,
    headers: headersFor(options),
  });
  return {
    ...messagingMethods(call),
    ...auditMethods(call),
    ...scheduleMethods(call),
    ...settingsMethods(call),
    ...bookMethods(call),
    ...patientMethods(call),
    ...catalogMethods(call),
    ...staffMethods(call),
    ...webhookMethods(call),
    ...privacyMethods(call),
  };
}

/** The client {@link createAdminClient} returns. */
export type OpusAdminClient = ReturnType<typeof createAdminClient>;
