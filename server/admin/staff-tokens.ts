import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { DomainError } from '../domain/domain-error.ts';
import { hashSecretToken, newSecretToken } from '../domain/secret-token.ts';
import { blankedCodes, insertMessages } from '../messaging/outbox-repository.ts';
import type { Organization } from '../organizations/organization.ts';
import { staffEmail, staffLink } from './staff-emails.ts';
import { sweepStaffSessions } from './staff-sessions.ts';

/** An invite link works for 7 days… */
export const INVITE_TTL_MS = 7 * 24 * 3_600_000;
/** …a password-reset link for 1 hour. */
export const RESET_TTL_MS = 3_600_000;

export type StaffTokenPurpose = 'invite' | 'reset';

/**
 * Issues an invite or reset link for a staff user in the caller's
 * transaction: earlier unused links of the same purpose stop working (and
 * their e-mails, if not gone yet, never go), a new token is stored by hash,
 * and the e-mail with the link is queued in the outbox in the
 * organization's language. Answers the token and its link (the org CLI
 * prints the first owner's).
 *
 * @example
 * const { link } = await issueStaffToken(trx, org, { id, email, name }, 'invite', now, publicUrl);
 */
export async function issueStaffToken(trx: Executor, org: Organization, user: { id: string; email: string; name: string }, purpose: StaffTokenPurpose, now: Date, publicUrl: string): Promise<{ token: string; link: string; expiresAt: Date }> {
  const earlier = await trx.updateTable('staff_tokens').set({ used_at: now })
    .where('organization_id', '=', org.id).where('user_id', '=', user.id).where('purpose', '=', purpose).where('used_at', 'is', null)
    .returning('id').execute();
  if (earlier.length > 0) {
    await trx.updateTable('messages as m')
      .set({ status: 'cancelled', result: 'Replaced by a new link', body: blankedCodes(sql`m`) })
      .where('m.organization_id', '=', org.id)
      .where('m.dedupe_key', 'in', earlier.map((t) => `staff-token:${t.id}`))
      .where('m.status', 'in', ['waiting', 'retrying'])
      .where('m.attempt_started_at', 'is', null)
      .execute();
  }
  const { token, hash } = newSecretToken();
  const id = randomUUID();
  const expiresAt = new Date(now.getTime() + (purpose === 'invite' ? INVITE_TTL_MS : RESET_TTL_MS));
  await trx.insertInto('staff_tokens').values({ id, organization_id: org.id, user_id: user.id, purpose, token_hash: hash, created_at: now, expires_at: expiresAt }).execute();
  const link = staffLink(publicUrl, purpose, token);
  const kind = purpose === 'invite' ? 'staff_invite' : 'password_reset';
  const text = staffEmail(org.locale, kind, { organization: org.name, name: user.name, link });
  await insertMessages(trx, [{
    organizationId: org.id, channel: 'email', kind, recipient: user.email, subject: text.subject, body: text.body,
    sendAt: now, expiresAt, dedupeKey: `staff-token:${id}`,
  }]);
  return { token, link, expiresAt };
}

/**
 * Spends an invite or reset token in the caller's transaction: answers its
 * user, or 422 on `token` when it is unknown, used, expired, of the other
 * purpose or of a disabled user. Its e-mail's body loses the link.
 *
 * @example
 * const user = await spendStaffToken(trx, request.token, 'reset', now);
 */
export async function spendStaffToken(trx: Executor, token: string, purpose: StaffTokenPurpose, now: Date): Promise<{ userId: string; organizationId: string }> {
  const row = await liveToken(trx, token, purpose, now).forUpdate('t').executeTakeFirst();
  if (!row) throw linkExpired();
  const spent = await trx.updateTable('staff_tokens').set({ used_at: now }).where('id', '=', row.id).where('used_at', 'is', null).executeTakeFirst();
  if (Number(spent.numUpdatedRows) !== 1) throw linkExpired();
  await trx.updateTable('messages as m').set({ body: blankedCodes(sql`m`) })
    .where('m.organization_id', '=', row.organization_id).where('m.dedupe_key', '=', `staff-token:${row.id}`).execute();
  return { userId: row.user_id, organizationId: row.organization_id };
}

/**
 * Refuses a link that is not live, cheaply, before a password is hashed for
 * it: made-up tokens cost an index lookup, not an argon2 run.
 *
 * @example
 * await requireLiveStaffToken(db, request.token, 'invite', now);
 */
export async function requireLiveStaffToken(db: Executor, token: string, purpose: StaffTokenPurpose, now: Date): Promise<void> {
  if (!(await liveToken(db, token, purpose, now).executeTakeFirst())) throw linkExpired();
}

function liveToken(db: Executor, token: string, purpose: StaffTokenPurpose, now: Date) {
  return db.selectFrom('staff_tokens as t')
    .innerJoin('staff_users as u', 'u.id', 't.user_id')
    .select(['t.id', 't.user_id', 't.organization_id'])
    .where('t.token_hash', '=', hashSecretToken(token))
    .where('t.purpose', '=', purpose)
    .where('t.used_at', 'is', null)
    .where('t.expires_at', '>', now)
    .where('u.disabled_at', 'is', null);
}

function linkExpired(): DomainError {
  return DomainError.invalid('token', 'This link has expired or was used already; ask for a new one', 'expired');
}

/**
 * Deletes staff links past expiry and spent ones a day old (the worker's sweep).
 *
 * @example
 * await sweepStaffTokens(db, new Date());
 */
export async function sweepStaffTokens(db: Executor, now: Date): Promise<number> {
  const dayAgo = new Date(now.getTime() - 24 * 3_600_000);
  const result = await db.deleteFrom('staff_tokens')
    .where((eb) => eb.or([eb('expires_at', '<', now), eb('used_at', '<', dayAgo)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * What staff accounts no longer need, deleted in the worker's sweep:
 * sessions past their absolute limit and spent or expired links.
 *
 * @example
 * const { sessions, tokens } = await sweepStaffAccounts(db, new Date());
 */
export async function sweepStaffAccounts(db: Executor, now: Date): Promise<{ sessions: number; tokens: number }> {
  return { sessions: await sweepStaffSessions(db, now), tokens: await sweepStaffTokens(db, now) };
}
