import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { Secret } from '../../sdk/schemas/common.ts';
import type { PatientSession } from '../../sdk/schemas/verification.ts';
import type { Executor } from '../db/database.ts';
import { DomainError } from '../domain/domain-error.ts';
import type { Organization } from '../organizations/organization.ts';
import { hashSecretToken, newSecretToken } from '../domain/secret-token.ts';

/** A session ends after this long without a request (issue 8.5)… */
export const SESSION_IDLE_MS = 30 * 60_000;
/** …and at the latest this long after login. */
export const SESSION_ABSOLUTE_MS = 12 * 3_600_000;
/** The hosted page's session cookie (HttpOnly, Secure, SameSite=Lax, scoped to the organization's API). */
export const SESSION_COOKIE = 'opus_session';

/** Who a live session is: how they proved it, and the mobile (SMS) or national id (e-ID) they proved. */
export interface SessionIdentity {
  id: string;
  method: 'sms' | 'eid';
  mobile: string | null;
  nationalId: string | null;
  expiresAt: Date;
}

/**
 * Starts a patient session after a proof of identity (an SMS code for the
 * mobile, or an e-ID login for the national id). Only the token's hash is
 * stored. On the hosted page (same origin) the token is also set as a cookie;
 * the embedded widget keeps the returned token in memory.
 *
 * @example
 * const session = await startSession(trx, org, { method: 'sms', mobile: '+4798765432' }, now);
 * setSessionCookie(c, org, session.token, session.expiresAt);
 */
export async function startSession(db: Executor, org: Organization, who: { method: 'sms'; mobile: string } | { method: 'eid'; nationalId: string }, now: Date): Promise<PatientSession> {
  const { token, hash } = newSecretToken();
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  await db.insertInto('patient_sessions').values({
    id: randomUUID(),
    organization_id: org.id,
    token_hash: hash,
    method: who.method,
    mobile: who.method === 'sms' ? who.mobile : null,
    national_id: who.method === 'eid' ? who.nationalId : null,
    created_at: now,
    last_seen_at: now,
    expires_at: expiresAt,
  }).execute();
  return { token, method: who.method, expiresAt: expiresAt.toISOString(), idleTimeoutSeconds: SESSION_IDLE_MS / 1000 };
}

/**
 * The session token a request carries: `Authorization: Bearer …` (embedded widget) or the cookie (hosted page).
 *
 * @example
 * const token = sessionTokenOf(c); // from `Authorization: Bearer …`, else the cookie
 */
export function sessionTokenOf(c: Context): string | undefined {
  const bearer = c.req.header('authorization')?.match(/^Bearer (\S+)$/)?.[1];
  const shaped = (token: string | undefined) => (token !== undefined && Secret.safeParse(token).success ? token : undefined);
  return shaped(bearer) ?? shaped(getCookie(c, SESSION_COOKIE));
}

/**
 * The live session behind a request, or undefined when it has none; a
 * session past its idle or absolute limit, ended, or of another organization
 * counts as none. Each use renews the idle limit.
 *
 * @example
 * const session = await currentSession(db, org, c, now); // undefined: not logged in
 */
export async function currentSession(db: Executor, org: Organization, c: Context, now: Date): Promise<SessionIdentity | undefined> {
  const token = sessionTokenOf(c);
  if (!token) return undefined;
  const row = await db
    .updateTable('patient_sessions')
    .set({ last_seen_at: now })
    .where('token_hash', '=', hashSecretToken(token))
    .where('organization_id', '=', org.id)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', new Date(now.getTime() - SESSION_IDLE_MS))
    .returning(['id', 'method', 'mobile', 'national_id', 'expires_at'])
    .executeTakeFirst();
  return row ? { id: row.id, method: row.method, mobile: row.mobile, nationalId: row.national_id, expiresAt: row.expires_at } : undefined;
}

/**
 * {@link currentSession}, or `login_required` (401).
 *
 * @example
 * const session = await requireSession(db, org, c, now);
 */
export async function requireSession(db: Executor, org: Organization, c: Context, now: Date): Promise<SessionIdentity> {
  const session = await currentSession(db, org, c, now);
  if (!session) throw new DomainError('login_required');
  return session;
}

/**
 * Ends the request's session (logout) and clears the cookie.
 *
 * @example
 * await endSession(db, org, c, now);
 */
export async function endSession(db: Executor, org: Organization, c: Context, now: Date): Promise<void> {
  const token = sessionTokenOf(c);
  if (token) {
    await db.updateTable('patient_sessions').set({ ended_at: now }).where('token_hash', '=', hashSecretToken(token)).where('organization_id', '=', org.id).execute();
  }
  deleteCookie(c, SESSION_COOKIE, { path: cookiePath(org), secure: true });
}

/**
 * Sets the session cookie for the hosted page: HttpOnly, Secure, SameSite=Lax, only sent to this organization's API.
 *
 * @example
 * setSessionCookie(c, org, session.token, new Date(session.expiresAt));
 */
export function setSessionCookie(c: Context, org: Organization, token: string, expiresAt: Date): void {
  setCookie(c, SESSION_COOKIE, token, { path: cookiePath(org), httpOnly: true, secure: true, sameSite: 'Lax', expires: expiresAt });
}

function cookiePath(org: Organization): string {
  return `/api/v1/organizations/${org.subdomain}`;
}

/**
 * Deletes sessions past their absolute limit (the worker's sweep).
 *
 * @example
 * const deleted = await sweepSessions(db, new Date());
 */
export async function sweepSessions(db: Executor, now: Date): Promise<number> {
  const result = await db.deleteFrom('patient_sessions').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
