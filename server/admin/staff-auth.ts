import type { Context } from 'hono';
import type { Capability } from '../../sdk/schemas/admin-common.ts';
import type {
  AcceptInviteRequest, ChangePasswordRequest, LoginRequest, LoginResult, PasswordResetComplete, PasswordResetRequest, StaffIdentity, StaffMe,
  TotpDisableRequest, TotpEnableRequest, TotpSetup,
} from '../../sdk/schemas/staff.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Db, Executor } from '../db/database.ts';
import { DomainError } from '../domain/domain-error.ts';
import { organizationFromRow, type Organization } from '../organizations/organization.ts';
import { consumeLimits, hashKeyPart, keySecret, type AttemptLimits } from '../rate-limit/booking-attempts.ts';
import type { Actor, AdminEnv } from './access.ts';
import { ROLE_CAPABILITIES } from './access.ts';
import { hashPassword, passwordMatches } from './passwords.ts';
import { endSessionsOf, startStaffSession } from './staff-sessions.ts';
import { issueStaffToken, requireLiveStaffToken, spendStaffToken } from './staff-tokens.ts';
import { decryptTotpSecret, encryptTotpSecret, newTotpSecret, totpStep } from './totp.ts';

/** Wrong passwords (or codes) in a row that lock a user… */
export const LOCKOUT_AFTER = 5;
/** …for this long. */
export const LOCKOUT_MS = 15 * 60_000;
/** Login attempts per client IP per 15 minutes, across organizations (a clinic's staff share one address). */
export const LOGINS_PER_IP = 30;
/** Password-reset requests per e-mail per hour… */
export const RESETS_PER_EMAIL = 3;
/** …and per client IP per hour. */
export const RESETS_PER_IP = 10;

/** What staff login and account routes need. */
export interface StaffAuthDeps {
  db: Db;
  now: () => Date;
  publicUrl: string;
  limits: AttemptLimits;
  /** The key TOTP secrets are stored encrypted with (`STAFF_TOTP_KEY`, else one kept in the database). */
  totpKey: () => Promise<string>;
}

type UserRow = {
  id: string; organization_id: string; email: string; name: string; role: StaffIdentity['role']; password_hash: string | null;
  totp_secret: string | null; totp_enabled: boolean; totp_last_step: number | string | null; failed_logins: number;
  locked_until: Date | string | null; disabled_at: Date | string | null;
};

const USER_COLUMNS = ['id', 'organization_id', 'email', 'name', 'role', 'password_hash', 'totp_secret', 'totp_enabled', 'totp_last_step', 'failed_logins', 'locked_until', 'disabled_at'] as const;

function identityOf(user: UserRow): StaffIdentity {
  return { id: user.id, email: user.email, name: user.name, role: user.role, totpEnabled: user.totp_enabled };
}

async function userById(db: Executor, organizationId: string, id: string, lock = false): Promise<UserRow | undefined> {
  let query = db.selectFrom('staff_users').select(USER_COLUMNS).where('organization_id', '=', organizationId).where('id', '=', id);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

async function organizationById(db: Executor, id: string): Promise<Organization> {
  return organizationFromRow(await db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}

const unauthorized = () => new DomainError('unauthorized', { detail: 'Wrong organization, e-mail or password' });

/** A user as the audit log names them, for changes made without a session yet (login, links). */
function asActor(user: UserRow): Extract<Actor, { kind: 'staff' }> {
  return { kind: 'staff', id: user.id, email: user.email, name: user.name, role: user.role, sessionId: '' };
}

/** 429 with `Retry-After` while the user is locked after wrong passwords or codes. */
function requireUnlocked(user: UserRow, now: Date): void {
  const lockedMs = user.locked_until === null ? 0 : new Date(user.locked_until).getTime() - now.getTime();
  if (lockedMs > 0) throw new DomainError('rate_limited', { detail: 'Too many wrong attempts; this login is locked for a while', retryAfterSeconds: Math.ceil(lockedMs / 1000) });
}

/** Counts a wrong password or code; the fifth in a row locks the user for 15 minutes. */
async function countFailure(db: Executor, userId: string, now: Date): Promise<void> {
  await db.updateTable('staff_users')
    .set((eb) => ({
      failed_logins: eb.case().when('failed_logins', '>=', LOCKOUT_AFTER - 1).then(0).else(eb('failed_logins', '+', 1)).end(),
      locked_until: eb.case().when('failed_logins', '>=', LOCKOUT_AFTER - 1).then(new Date(now.getTime() + LOCKOUT_MS)).else(eb.ref('locked_until')).end(),
    }))
    .where('id', '=', userId)
    .execute();
}

/**
 * The logged-in user, once their password is given right (changing the
 * password, turning TOTP off). A wrong one counts toward the same lockout as
 * at login, so a stolen session cannot guess it: 422 on `field`, 429 while locked.
 */
async function ownPassword(db: Executor, org: Organization, actor: Extract<Actor, { kind: 'staff' }>, password: string, field: string, now: Date): Promise<UserRow> {
  const user = await userById(db, org.id, actor.id);
  if (!user) throw unauthorized();
  requireUnlocked(user, now);
  if (!(await passwordMatches(user.password_hash, password))) {
    await countFailure(db, user.id, now);
    throw DomainError.invalid(field, 'Not your password', 'wrong_password');
  }
  return user;
}

/**
 * Accepts a TOTP code once: the step it is right for must be later than the
 * last one accepted, written in the same statement (two requests with one
 * code cannot both pass).
 */
async function acceptTotp(db: Executor, key: string, user: UserRow, code: string | undefined, now: Date): Promise<boolean> {
  if (user.totp_secret === null || code === undefined) return false;
  const step = totpStep(decryptTotpSecret(key, user.totp_secret), code.replace(/\s/g, ''), now);
  if (step === undefined) return false;
  const taken = await db.updateTable('staff_users').set({ totp_last_step: step })
    .where('id', '=', user.id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

async function loginResult(db: Executor, c: Context, user: UserRow, org: Organization, now: Date): Promise<LoginResult> {
  const session = await startStaffSession(db, c, { id: user.id, organizationId: org.id }, now);
  return { user: identityOf(user), organization: { subdomain: org.subdomain, name: org.name }, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
}

/**
 * A staff login (`POST /auth/login`): organization, e-mail and password,
 * and the TOTP code when the user has one. An unknown organization or
 * e-mail, a wrong password, a disabled user and one who has not accepted
 * the invite all answer the same 401 after the same argon2id work. A right
 * password without (or with a wrong or used) code answers 401
 * `totp_required`. Five wrong passwords or codes lock the user 15 minutes
 * (429 with `Retry-After`, right password or not); each client IP has
 * {@link LOGINS_PER_IP} attempts per 15 minutes. Sets the session cookie.
 *
 * @example
 * const result = await staffLogin(deps, c, validate(LoginRequest, body), ip);
 */
export async function staffLogin(deps: StaffAuthDeps, c: Context, request: LoginRequest, ip: string): Promise<LoginResult> {
  const now = deps.now();
  const secret = await keySecret(deps.limits);
  await consumeLimits(deps.limits.limiter, [[`staff-login:ip:${hashKeyPart(secret, ip)}`, { points: LOGINS_PER_IP, windowSeconds: 900 }]], now);
  const orgRow = await deps.db.selectFrom('organizations').selectAll().where('subdomain', '=', request.organization.toLowerCase()).executeTakeFirst();
  const user = orgRow === undefined ? undefined : await deps.db.selectFrom('staff_users').select(USER_COLUMNS)
    .where('organization_id', '=', orgRow.id).where('email', '=', request.email.trim().toLowerCase()).executeTakeFirst();
  if (user) requireUnlocked(user, now);
  const right = await passwordMatches(user?.password_hash ?? null, request.password);
  if (!user || !orgRow || user.disabled_at !== null) throw unauthorized();
  if (!right) {
    await countFailure(deps.db, user.id, now);
    throw unauthorized();
  }
  if (user.totp_enabled) {
    if (request.totp === undefined || request.totp === '') throw new DomainError('totp_required', { detail: 'Give the six-digit code of your authenticator app' });
    if (!(await acceptTotp(deps.db, await deps.totpKey(), user, request.totp, now))) {
      await countFailure(deps.db, user.id, now);
      throw new DomainError('totp_required', { detail: 'That code is not right, or was used already' });
    }
  }
  return deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('staff_users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    const result = await loginResult(trx, c, user, organizationFromRow(orgRow), now);
    await recordAudit(trx, orgRow.id, asActor(user), { action: 'staff.login', target: { type: 'staff_user', id: user.id } }, now);
    return result;
  });
}

/**
 * Who the session is (`GET /auth/me`), and what the role may do.
 *
 * @example
 * const me = await staffMe(db, org, actor);
 */
export async function staffMe(db: Executor, org: Organization, actor: Extract<Actor, { kind: 'staff' }>): Promise<StaffMe> {
  const user = await userById(db, org.id, actor.id);
  if (!user) throw new DomainError('unauthorized');
  return {
    user: identityOf(user), organization: { subdomain: org.subdomain, name: org.name, locale: org.locale, timeZone: org.timeZone }, capabilities: [...ROLE_CAPABILITIES[user.role]] as Capability[],
  };
}

/**
 * The logged-in staff user of a request, or 403 for an API key.
 *
 * @example
 * const actor = staffActor(c);
 */
export function staffActor(c: Context<AdminEnv>): Extract<Actor, { kind: 'staff' }> {
  const actor = c.get('actor');
  if (actor.kind !== 'staff') throw new DomainError('forbidden', { detail: 'Only a logged-in staff user can do this' });
  return actor;
}

/**
 * Changes the logged-in user's password (`POST /auth/password`): the
 * current one must be right (422 on `current`); the user's other sessions end.
 *
 * @example
 * await changePassword(deps, org, actor, { current, new: next });
 */
export async function changePassword(deps: StaffAuthDeps, org: Organization, actor: Extract<Actor, { kind: 'staff' }>, request: ChangePasswordRequest): Promise<void> {
  const now = deps.now();
  const user = await ownPassword(deps.db, org, actor, request.current, 'current', now);
  const passwordHash = await hashPassword(request.new);
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('staff_users').set({ password_hash: passwordHash }).where('id', '=', user.id).execute();
    await trx.updateTable('staff_sessions').set({ ended_at: now }).where('user_id', '=', user.id).where('id', '<>', actor.sessionId).where('ended_at', 'is', null).execute();
    await recordAudit(trx, org.id, actor, { action: 'staff.password_change', target: { type: 'staff_user', id: user.id } }, now);
  });
}

/**
 * Starts TOTP for the logged-in user (`POST /auth/totp/setup`): a new
 * secret, stored encrypted, not asked for at login until enabled with a
 * code. 422 on `totp` when it is on already.
 *
 * @example
 * const { secret, otpauthUrl } = await setupTotp(deps, org, actor);
 */
export async function setupTotp(deps: StaffAuthDeps, org: Organization, actor: Extract<Actor, { kind: 'staff' }>): Promise<TotpSetup> {
  const user = await userById(deps.db, org.id, actor.id);
  if (!user) throw new DomainError('unauthorized');
  if (user.totp_enabled) throw DomainError.invalid('totp', 'Two-factor login is on already; turn it off first', 'already_enabled');
  const setup = newTotpSecret(user.email, org.name);
  const stored = encryptTotpSecret(await deps.totpKey(), setup.secret);
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('staff_users').set({ totp_secret: stored, totp_last_step: null }).where('id', '=', user.id).execute();
    await recordAudit(trx, org.id, actor, { action: 'staff.totp_setup', target: { type: 'staff_user', id: user.id } }, deps.now());
  });
  return setup;
}

/**
 * Turns TOTP on with a code of the secret from setup (422 on `code` when wrong).
 *
 * @example
 * await enableTotp(deps, org, actor, { code: '123456' });
 */
export async function enableTotp(deps: StaffAuthDeps, org: Organization, actor: Extract<Actor, { kind: 'staff' }>, request: TotpEnableRequest): Promise<void> {
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const user = await userById(trx, org.id, actor.id, true);
    if (!user || user.totp_secret === null) throw DomainError.invalid('code', 'Set up two-factor login first', 'not_set_up');
    if (user.totp_enabled) throw DomainError.invalid('code', 'Two-factor login is on already', 'already_enabled');
    if (!(await acceptTotp(trx, await deps.totpKey(), user, request.code, now))) throw DomainError.invalid('code', 'That code is not right', 'wrong_code');
    await trx.updateTable('staff_users').set({ totp_enabled: true }).where('id', '=', user.id).execute();
    await recordAudit(trx, org.id, actor, { action: 'staff.totp_enable', target: { type: 'staff_user', id: user.id }, before: { totpEnabled: false }, after: { totpEnabled: true } }, now);
  });
}

/**
 * Turns TOTP off: the password and a current code must both be right (422 naming which is not).
 *
 * @example
 * await disableTotp(deps, org, actor, { password, code });
 */
export async function disableTotp(deps: StaffAuthDeps, org: Organization, actor: Extract<Actor, { kind: 'staff' }>, request: TotpDisableRequest): Promise<void> {
  const now = deps.now();
  const user = await ownPassword(deps.db, org, actor, request.password, 'password', now);
  if (!user.totp_enabled) throw DomainError.invalid('code', 'Two-factor login is not on', 'not_enabled');
  await deps.db.transaction().execute(async (trx) => {
    const locked = await userById(trx, org.id, actor.id, true);
    if (!locked || !(await acceptTotp(trx, await deps.totpKey(), locked, request.code, now))) throw DomainError.invalid('code', 'That code is not right', 'wrong_code');
    await trx.updateTable('staff_users').set({ totp_enabled: false, totp_secret: null, totp_last_step: null }).where('id', '=', user.id).execute();
    await recordAudit(trx, org.id, actor, { action: 'staff.totp_disable', target: { type: 'staff_user', id: user.id }, before: { totpEnabled: true }, after: { totpEnabled: false } }, now);
  });
}

/**
 * Accepts an invite (`POST /auth/invite/accept`): sets the password (and the
 * name, if given), spends the link, and logs in.
 *
 * @example
 * const result = await acceptInvite(deps, c, { token, password: 'a long passphrase' });
 */
export async function acceptInvite(deps: StaffAuthDeps, c: Context, request: AcceptInviteRequest): Promise<LoginResult> {
  const now = deps.now();
  await requireLiveStaffToken(deps.db, request.token, 'invite', now);
  const passwordHash = await hashPassword(request.password);
  return deps.db.transaction().execute(async (trx) => {
    const spent = await spendStaffToken(trx, request.token, 'invite', now);
    await trx.updateTable('staff_users')
      .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null, ...(request.name !== undefined ? { name: request.name } : {}) })
      .where('id', '=', spent.userId).execute();
    const user = (await userById(trx, spent.organizationId, spent.userId))!;
    await recordAudit(trx, spent.organizationId, asActor(user), { action: 'staff.invite_accept', target: { type: 'staff_user', id: user.id } }, now);
    return loginResult(trx, c, user, await organizationById(trx, spent.organizationId), now);
  });
}

/**
 * Asks for a password-reset link (`POST /auth/password-reset`). Answers the
 * same whether or not the e-mail is a user's; counts against
 * {@link RESETS_PER_EMAIL} and {@link RESETS_PER_IP} per hour first.
 *
 * @example
 * await requestPasswordReset(deps, { organization: 'smilet', email: 'kari@smilet.no' }, ip);
 */
export async function requestPasswordReset(deps: StaffAuthDeps, request: PasswordResetRequest, ip: string): Promise<void> {
  const now = deps.now();
  const email = request.email.trim().toLowerCase();
  const secret = await keySecret(deps.limits);
  await consumeLimits(deps.limits.limiter, [
    [`staff-reset:ip:${hashKeyPart(secret, ip)}`, { points: RESETS_PER_IP, windowSeconds: 3600 }],
    [`staff-reset:email:${hashKeyPart(secret, `${request.organization}\0${email}`)}`, { points: RESETS_PER_EMAIL, windowSeconds: 3600 }],
  ], now);
  const orgRow = await deps.db.selectFrom('organizations').selectAll().where('subdomain', '=', request.organization.toLowerCase()).executeTakeFirst();
  if (!orgRow) return;
  const org = organizationFromRow(orgRow);
  await deps.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('staff_users').select(['id', 'email', 'name']).where('organization_id', '=', org.id).where('email', '=', email).where('disabled_at', 'is', null).executeTakeFirst();
    if (user) await issueStaffToken(trx, org, user, 'reset', now, deps.publicUrl);
  });
}

/**
 * Sets a new password with a reset link (`POST /auth/password-reset/complete`):
 * spends the link, unlocks the user and ends all their sessions.
 *
 * @example
 * await completePasswordReset(deps, { token, password: 'a new long passphrase' });
 */
export async function completePasswordReset(deps: StaffAuthDeps, request: PasswordResetComplete): Promise<void> {
  const now = deps.now();
  await requireLiveStaffToken(deps.db, request.token, 'reset', now);
  const passwordHash = await hashPassword(request.password);
  await deps.db.transaction().execute(async (trx) => {
    const spent = await spendStaffToken(trx, request.token, 'reset', now);
    await trx.updateTable('staff_users').set({ password_hash: passwordHash, failed_logins: 0, locked_until: null }).where('id', '=', spent.userId).execute();
    await endSessionsOf(trx, spent.userId, now);
    const user = (await userById(trx, spent.organizationId, spent.userId))!;
    await recordAudit(trx, spent.organizationId, asActor(user), { action: 'staff.password_reset', target: { type: 'staff_user', id: user.id } }, now);
  });
}
