import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { StaffRole } from '../../sdk/schemas/admin-common.ts';
import { Secret } from '../../sdk/schemas/common.ts';
import type { Executor } from '../db/database.ts';
import { hashSecretToken, newSecretToken, sameHash } from '../domain/secret-token.ts';
import { organizationFromRow, type Organization } from '../organizations/organization.ts';

/** The console's session cookie: HttpOnly, Secure, SameSite=Strict, sent only to the admin API. */
export const STAFF_COOKIE = 'opus_staff';
/** The header a cookie-authenticated change must carry: the CSRF token the login answered. */
export const CSRF_HEADER = 'x-csrf-token';
/** A console session ends after this long without a request… */
export const STAFF_IDLE_MS = 2 * 3_600_000;
/** …and at the latest this long after login. */
export const STAFF_ABSOLUTE_MS = 12 * 3_600_000;
const COOKIE_PATH = '/api/v1/admin';

/** A live console session: who, in which organization. */
export interface StaffSession {
  sessionId: string;
  csrfHash: string;
  org: Organization;
  user: { id: string; email: string; name: string; role: StaffRole };
}

/**
 * Starts a console session after a full login (password, and the TOTP code
 * when the user has one) and sets its cookie. Answers the CSRF token the
 * console sends back as `X-CSRF-Token` on every change; only hashes of both
 * tokens are stored.
 *
 * @example
 * const { csrfToken } = await startStaffSession(trx, c, user, now);
 */
export async function startStaffSession(db: Executor, c: Context, user: { id: string; organizationId: string }, now: Date): Promise<{ csrfToken: string; expiresAt: Date }> {
  const session = newSecretToken();
  const csrf = newSecretToken();
  const expiresAt = new Date(now.getTime() + STAFF_ABSOLUTE_MS);
  await db.insertInto('staff_sessions').values({
    id: randomUUID(), organization_id: user.organizationId, user_id: user.id, token_hash: session.hash, csrf_hash: csrf.hash,
    last_seen_at: now, expires_at: expiresAt,
  }).execute();
  setCookie(c, STAFF_COOKIE, session.token, { path: COOKIE_PATH, httpOnly: true, secure: true, sameSite: 'Strict', expires: expiresAt });
  return { csrfToken: csrf.token, expiresAt };
}

/**
 * The live console session of a request's cookie, or undefined: ended,
 * past its idle or absolute limit, or of a disabled user counts as none.
 * Each use renews the idle limit.
 *
 * @example
 * const session = await currentStaffSession(db, c, now);
 */
export async function currentStaffSession(db: Executor, c: Context, now: Date): Promise<StaffSession | undefined> {
  const token = getCookie(c, STAFF_COOKIE);
  if (token === undefined || !Secret.safeParse(token).success) return undefined;
  const touched = await db.updateTable('staff_sessions').set({ last_seen_at: now })
    .where('token_hash', '=', hashSecretToken(token))
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', new Date(now.getTime() - STAFF_IDLE_MS))
    .returning(['id', 'user_id', 'csrf_hash'])
    .executeTakeFirst();
  if (!touched) return undefined;
  const row = await db.selectFrom('staff_users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .selectAll('o')
    .select(['u.id as user_id', 'u.email as user_email', 'u.name as user_name', 'u.role as user_role'])
    .where('u.id', '=', touched.user_id)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { user_id, user_email, user_name, user_role, ...org } = row;
  return { sessionId: touched.id, csrfHash: touched.csrf_hash, org: organizationFromRow(org), user: { id: user_id, email: user_email, name: user_name, role: user_role } };
}

/**
 * Whether a request carries its session's CSRF token (`X-CSRF-Token`), compared in constant time.
 *
 * @example
 * if (!hasCsrfToken(c, session)) throw new DomainError('forbidden', { detail: 'CSRF token missing or wrong' });
 */
export function hasCsrfToken(c: Context, session: StaffSession): boolean {
  const token = c.req.header(CSRF_HEADER);
  return token !== undefined && token.length <= 200 && sameHash(session.csrfHash, hashSecretToken(token));
}

/**
 * Ends a console session (logout) and clears its cookie.
 *
 * @example
 * await endStaffSession(db, c, session.sessionId, now);
 */
export async function endStaffSession(db: Executor, c: Context, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('staff_sessions').set({ ended_at: now }).where('id', '=', sessionId).execute();
  deleteCookie(c, STAFF_COOKIE, { path: COOKIE_PATH, secure: true });
}

/**
 * Ends every session of a user (password reset, role change, disabling).
 *
 * @example
 * await endSessionsOf(trx, userId, now);
 */
export async function endSessionsOf(db: Executor, userId: string, now: Date): Promise<void> {
  await db.updateTable('staff_sessions').set({ ended_at: now }).where('user_id', '=', userId).where('ended_at', 'is', null).execute();
}

/**
 * Deletes sessions past their absolute limit (the worker's sweep).
 *
 * @example
 * await sweepStaffSessions(db, new Date());
 */
export async function sweepStaffSessions(db: Executor, now: Date): Promise<number> {
  const result = await db.deleteFrom('staff_sessions').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
