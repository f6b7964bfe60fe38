import {
  AcceptInviteRequest, ApiKeyList, ChangePasswordRequest, CreateApiKeyRequest, CreatedApiKey, Done, InviteStaffRequest, LoginRequest, LoginResult,
  PasswordResetComplete, PasswordResetRequest, StaffList, StaffMe, StaffPatch, StaffQuery, StaffUser, TotpDisableRequest, TotpEnableRequest, TotpSetup,
} from '../../../sdk/schemas/staff.ts';
import { ADMIN, type ApiOperation } from '../api-operation.ts';

const AUTH = 'Admin: login';
const ACCESS = 'Admin: access';
/** The session routes under /auth: a staff cookie (not an API key), and for changes its CSRF token. */
const SESSION_ERRORS = ['unauthorized', 'forbidden'] as const;

/** Staff login, own account, staff users and API keys (issue 9). */
export const STAFF_OPERATIONS: ApiOperation[] = [
  {
    method: 'post', path: `${ADMIN}/auth/login`, tag: AUTH, summary: 'Logs a staff user in: sets the session cookie and answers the CSRF token', body: { schema: LoginRequest, name: 'LoginRequest' },
    ok: { status: 200, schema: LoginResult, name: 'LoginResult' }, errors: ['unauthorized', 'totp_required', 'rate_limited'],
    description: 'An unknown organization or e-mail, a wrong password, a disabled or not yet invited user all answer the same 401 `unauthorized`; a right password without the TOTP code (or with a wrong or used one) answers 401 `totp_required`. Five wrong attempts lock the login for 15 minutes (429 with `Retry-After`, right password or not).',
  },
  { method: 'post', path: `${ADMIN}/auth/invite/accept`, tag: AUTH, summary: 'Accepts an invite: sets the password and logs in', body: { schema: AcceptInviteRequest, name: 'AcceptInviteRequest' }, ok: { status: 200, schema: LoginResult, name: 'LoginResult' } },
  { method: 'post', path: `${ADMIN}/auth/password-reset`, tag: AUTH, summary: 'E-mails a password-reset link (always 202, known e-mail or not)', body: { schema: PasswordResetRequest, name: 'PasswordResetRequest' }, ok: { status: 202, schema: Done, name: 'Done' }, errors: ['rate_limited'] },
  { method: 'post', path: `${ADMIN}/auth/password-reset/complete`, tag: AUTH, summary: "Sets a new password with a reset link; ends the user's sessions", body: { schema: PasswordResetComplete, name: 'PasswordResetComplete' }, ok: { status: 200, schema: Done, name: 'Done' } },
  { method: 'get', path: `${ADMIN}/auth/me`, tag: AUTH, summary: 'The logged-in staff user, organization and capabilities', ok: { status: 200, schema: StaffMe, name: 'StaffMe' }, errors: [...SESSION_ERRORS] },
  { method: 'post', path: `${ADMIN}/auth/logout`, tag: AUTH, summary: 'Ends the session', ok: { status: 200, schema: Done, name: 'Done' }, errors: [...SESSION_ERRORS] },
  { method: 'post', path: `${ADMIN}/auth/password`, tag: AUTH, summary: "Changes the logged-in user's password; their other sessions end", body: { schema: ChangePasswordRequest, name: 'ChangePasswordRequest' }, ok: { status: 200, schema: Done, name: 'Done' }, errors: [...SESSION_ERRORS] },
  { method: 'post', path: `${ADMIN}/auth/totp/setup`, tag: AUTH, summary: 'Starts two-factor login: a TOTP secret, active once enabled with a code', ok: { status: 200, schema: TotpSetup, name: 'TotpSetup' }, errors: [...SESSION_ERRORS, 'validation_failed'] },
  { method: 'post', path: `${ADMIN}/auth/totp/enable`, tag: AUTH, summary: 'Turns two-factor login on with a code of the new secret', body: { schema: TotpEnableRequest, name: 'TotpEnableRequest' }, ok: { status: 200, schema: Done, name: 'Done' }, errors: [...SESSION_ERRORS] },
  { method: 'post', path: `${ADMIN}/auth/totp/disable`, tag: AUTH, summary: 'Turns two-factor login off (password and a code)', body: { schema: TotpDisableRequest, name: 'TotpDisableRequest' }, ok: { status: 200, schema: Done, name: 'Done' }, errors: [...SESSION_ERRORS] },
  { method: 'get', path: `${ADMIN}/staff`, tag: ACCESS, summary: 'The staff users, oldest first (paged)', security: 'admin', query: StaffQuery, ok: { status: 200, schema: StaffList, name: 'StaffList' } },
  { method: 'post', path: `${ADMIN}/staff`, tag: ACCESS, summary: 'Invites a staff user by e-mail (link valid 7 days)', security: 'admin', body: { schema: InviteStaffRequest, name: 'InviteStaffRequest' }, ok: { status: 201, schema: StaffUser, name: 'StaffUser' } },
  { method: 'patch', path: `${ADMIN}/staff/:id`, tag: ACCESS, summary: "Changes a staff user's name, role or disabled; a role change or disabling ends their sessions", security: 'admin', body: { schema: StaffPatch, name: 'StaffPatch' }, ok: { status: 200, schema: StaffUser, name: 'StaffUser' }, errors: ['last_owner'] },
  { method: 'post', path: `${ADMIN}/staff/:id/invite`, tag: ACCESS, summary: 'Sends the invite again (the earlier link stops working)', security: 'admin', ok: { status: 200, schema: StaffUser, name: 'StaffUser' } },
  { method: 'get', path: `${ADMIN}/api-keys`, tag: ACCESS, summary: "The organization's API keys (prefixes only)", security: 'admin', ok: { status: 200, schema: ApiKeyList, name: 'ApiKeyList' } },
  { method: 'post', path: `${ADMIN}/api-keys`, tag: ACCESS, summary: 'Creates an API key; the key is answered this once', security: 'admin', body: { schema: CreateApiKeyRequest, name: 'CreateApiKeyRequest' }, ok: { status: 201, schema: CreatedApiKey, name: 'CreatedApiKey' } },
  { method: 'delete', path: `${ADMIN}/api-keys/:id`, tag: ACCESS, summary: 'Revokes an API key (it answers 401 from then on)', security: 'admin', ok: { status: 200, schema: Done, name: 'Done' } },
];
