import type { Call } from '../http-call.ts';
import {
  ApiKeyList, CreatedApiKey, Done, StaffList, StaffMe, StaffUser, TotpSetup,
  type ChangePasswordRequest, type CreateApiKeyRequest, type InviteStaffRequest, type StaffPatch, type StaffQuery, type TotpDisableRequest, type TotpEnableRequest,
} from '../schemas/staff.ts';

/**
 * Staff accounts (issue 9): the logged-in user's own session and account
 * (`/auth/…`, a staff login only), staff users and API keys (owners and
 * admins; no API key may manage either).
 *
 * @example
 * const { client } = await staffLogin({ baseUrl, organization: 'smilet', email, password });
 * await client.inviteStaff({ email: 'ola@smilet.no', name: 'Ola', role: 'reception' });
 */
export function staffMethods(call: Call) {
  return {
    me: () => call(StaffMe, 'auth/me'),
    logout: () => call(Done, 'auth/logout', { method: 'post', json: {} }),
    changePassword: (request: ChangePasswordRequest) => call(Done, 'auth/password', { method: 'post', json: request }),
    setupTotp: () => call(TotpSetup, 'auth/totp/setup', { method: 'post', json: {} }),
    enableTotp: (request: TotpEnableRequest) => call(Done, 'auth/totp/enable', { method: 'post', json: request }),
    disableTotp: (request: TotpDisableRequest) => call(Done, 'auth/totp/disable', { method: 'post', json: request }),
    listStaff: (query: StaffQuery = {}) => call(StaffList, 'staff', { searchParams: query }),
    inviteStaff: (request: InviteStaffRequest) => call(StaffUser, 'staff', { method: 'post', json: request }),
    updateStaff: (id: string, patch: StaffPatch) => call(StaffUser, `staff/${encodeURIComponent(id)}`, { method: 'patch', json: patch }),
    resendInvite: (id: string) => call(StaffUser, `staff/${encodeURIComponent(id)}/invite`, { method: 'post', json: {} }),
    listApiKeys: () => call(ApiKeyList, 'api-keys'),
    createApiKey: (request: CreateApiKeyRequest) => call(CreatedApiKey, 'api-keys', { method: 'post', json: request }),
    revokeApiKey: (id: string) => call(Done, `api-keys/${encodeURIComponent(id)}`, { method: 'delete' }),
  };
}
