import * as z from 'zod/mini';
import { Capability, NextCursor, PageQuery, StaffRole } from './admin-common.ts';
import { Locale, Secret, requiredText, shortText } from './common.ts';
import { Subdomain } from './organization.ts';

/** A staff password: 10 to 200 characters (README, "Staff roles"). */
export const Password = z.string().check(z.minLength(10, 'At least 10 characters'), z.maxLength(200, 'At most 200 characters'));

/** A staff e-mail, compared and stored in lower case. */
export const StaffEmail = z.pipe(z.email().check(z.maxLength(254)), z.transform((v) => v.toLowerCase()));

/** The six digits of an authenticator app (TOTP). */
export const TotpCode = z.string().check(z.trim(), z.regex(/^\d{3}\s?\d{3}$/, 'Six digits'), z.overwrite((v) => v.replace(/\s/g, '')));

/** `POST /auth/login`: the organization's subdomain, e-mail, password, and the TOTP code when the user has one. */
export const LoginRequest = z.object({
  organization: Subdomain,
  email: z.string().check(z.maxLength(254)),
  password: z.string().check(z.maxLength(200)),
  totp: z.optional(z.string().check(z.maxLength(20))),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** The logged-in staff user as the console shows them. */
export const StaffIdentity = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: StaffRole,
  totpEnabled: z.boolean(),
});
export type StaffIdentity = z.infer<typeof StaffIdentity>;

/** What a login answers (with the session cookie): who, where, and the CSRF token every change must carry as `X-CSRF-Token`. */
export const LoginResult = z.object({
  user: StaffIdentity,
  organization: z.object({ subdomain: z.string(), name: z.string() }),
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type LoginResult = z.infer<typeof LoginResult>;

/** `GET /auth/me`: the session's user and organization, and what the role may do. */
export const StaffMe = z.object({
  user: StaffIdentity,
  /** The organization, with its language and the time zone its book is kept in (the console shows every time in it). */
  organization: z.object({ subdomain: z.string(), name: z.string(), locale: Locale, timeZone: z.string() }),
  capabilities: z.array(Capability),
});
export type StaffMe = z.infer<typeof StaffMe>;

/** `POST /auth/password`: the current password and the new one (the user's other sessions end). */
export const ChangePasswordRequest = z.object({ current: z.string().check(z.maxLength(200)), new: Password });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** `POST /auth/totp/setup`: the secret to enter (or scan as `otpauthUrl`); not active until enabled with a code. */
export const TotpSetup = z.object({ secret: z.string(), otpauthUrl: z.string() });
export type TotpSetup = z.infer<typeof TotpSetup>;

export const TotpEnableRequest = z.object({ code: TotpCode });
export type TotpEnableRequest = z.infer<typeof TotpEnableRequest>;

export const TotpDisableRequest = z.object({ password: z.string().check(z.maxLength(200)), code: TotpCode });
export type TotpDisableRequest = z.infer<typeof TotpDisableRequest>;

/** `POST /auth/invite/accept`: the invite link's token, a name if the invite had none right, and the password to set. */
export const AcceptInviteRequest = z.object({ token: Secret, name: z.optional(requiredText(200)), password: Password });
export type AcceptInviteRequest = z.infer<typeof AcceptInviteRequest>;

/** `POST /auth/password-reset`: always answered 202, whether or not the e-mail is a user's. */
export const PasswordResetRequest = z.object({ organization: Subdomain, email: z.string().check(z.maxLength(254)) });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;

export const PasswordResetComplete = z.object({ token: Secret, password: Password });
export type PasswordResetComplete = z.infer<typeof PasswordResetComplete>;

/** A plain acknowledgement. */
export const Done = z.object({ ok: z.literal(true) });
export type Done = z.infer<typeof Done>;

/** A staff user as listed: `invited` until the invite is accepted. */
export const StaffUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: StaffRole,
  status: z.enum(['invited', 'active', 'disabled']),
  totpEnabled: z.boolean(),
  lockedUntil: z.nullable(z.string()),
  createdAt: z.string(),
});
export type StaffUser = z.infer<typeof StaffUser>;

export const StaffList = z.object({ users: z.array(StaffUser), nextCursor: NextCursor });
export type StaffList = z.infer<typeof StaffList>;

export const StaffQuery = PageQuery;
export type StaffQuery = z.infer<typeof StaffQuery>;

/** `POST /staff`: invites a user by e-mail (the link is valid 7 days). */
export const InviteStaffRequest = z.object({ email: StaffEmail, name: shortText(200), role: StaffRole });
export type InviteStaffRequest = z.infer<typeof InviteStaffRequest>;

/** `PATCH /staff/:id`: disabling or a role change ends the user's sessions. */
export const StaffPatch = z.object({ name: z.optional(requiredText(200)), role: z.optional(StaffRole), disabled: z.optional(z.boolean()) });
export type StaffPatch = z.infer<typeof StaffPatch>;

/**
 * What an admin API key may do: `read` every GET, `messaging` send and cancel
 * messages, `write` every other change but staff users, keys and the audit
 * log (see `SCOPE_CAPABILITIES` in `server/admin/access.ts`).
 */
export const ApiKeyScope = z.enum(['read', 'write', 'messaging']);
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;

/** An API key as listed: its prefix, never the key. */
export const ApiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(ApiKeyScope),
  createdAt: z.string(),
  lastUsedAt: z.nullable(z.string()),
  revokedAt: z.nullable(z.string()),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

export const ApiKeyList = z.object({ keys: z.array(ApiKeyView) });
export type ApiKeyList = z.infer<typeof ApiKeyList>;

export const CreateApiKeyRequest = z.object({ name: requiredText(100), scopes: z.array(ApiKeyScope).check(z.minLength(1, 'Give at least one scope'), z.maxLength(3)) });
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequest>;

/** A new API key: `key` is shown this once. */
export const CreatedApiKey = z.extend(ApiKeyView, { key: z.string() });
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;
