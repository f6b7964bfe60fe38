import { createHmac, randomInt, randomUUID } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import { Secret, type Locale } from '../../sdk/schemas/common.ts';
import { VerificationRequest, type CodeProof, type VerificationChallenge, type VerificationPurpose } from '../../sdk/schemas/verification.ts';
import type { Db, Executor } from '../db/database.ts';
import { DomainError } from '../domain/domain-error.ts';
import { validate } from '../domain/validate.ts';
import type { Organization } from '../organizations/organization.ts';
import { hashSecretToken, newSecretToken, sameHash } from '../domain/secret-token.ts';
import { blankedCodes, insertMessages } from '../messaging/outbox-repository.ts';
import { loadMessagingSettings } from '../messaging/settings.ts';
import { smsRecipient } from '../messaging/sms-recipient.ts';
import { renderTemplate } from '../messaging/templates/merge-fields.ts';
import { templateText } from '../messaging/templates/template-repository.ts';
import { consumeLimits, hashKeyPart, keySecret, type AttemptLimits } from '../rate-limit/booking-attempts.ts';
import { limitLoginAttempt } from '../rate-limit/login-attempts.ts';
import { sql } from 'kysely';
import { renewHeldRow, renewHold } from './holds.ts';
import { secondsBetween } from '../time/minutes.ts';

/** A code is valid this long after it was sent (issue 8.1)… */
export const CODE_TTL_MS = 10 * 60_000;
/** …and a new one may be asked for this long after the last send. */
export const RESEND_COOLDOWN_MS = 60_000;
/** Code messages are claimed before everything else and ignore quiet hours (`messages.priority`). */
const CODE_PRIORITY = 1;

const HOUR = 3600;

/** What sending and checking codes needs: the clock, the rate limits, and the secret the stored codes are keyed with. */
export interface CodeDeps {
  db: Db;
  now: () => Date;
  limits: AttemptLimits;
  /**
   * Keys the HMAC a code is stored as: `VERIFICATION_SECRET` when set, else
   * one generated and kept in the database (`serverSecret`).
   */
  codeSecret: () => Promise<string>;
}

/** A code the patient typed right: which verification, for what, sent where. Not spent yet ({@link consumeCode}). */
export interface CheckedCode {
  id: string;
  purpose: VerificationPurpose;
  channel: 'sms' | 'email';
  /** E.164 mobile or lower-case e-mail address. */
  recipient: string;
}

/**
 * Sends a one-time code (issue 8.1, 8.5): for `booking` by the channel the
 * organization chose (`codeChallenge`), for `login` by SMS (when SMS login is
 * on). Counted against the send limits (per client IP, per recipient, and
 * logins per IP); the answer never says whether a patient has that number.
 * The code is six random digits, valid 10 minutes, stored as an HMAC only;
 * the message goes through the outbox ahead of every other message.
 *
 * @example
 * const challenge = await requestCode(deps, org, { purpose: 'login', mobile: '+4791234567' }, ip);
 */
export async function requestCode(deps: CodeDeps, org: Organization, body: unknown, ip: string): Promise<VerificationChallenge> {
  const request = validate(VerificationRequest, body);
  const flex = org.settings.flexibility;
  let channel: 'sms' | 'email';
  if (request.purpose === 'login') {
    if (!(flex.login && flex.smsLogin)) throw DomainError.invalid('purpose', 'This organization does not offer login by SMS code', 'not_offered');
    channel = 'sms';
  } else {
    if (flex.codeChallenge === 'off') throw DomainError.invalid('purpose', 'This organization does not verify bookings with a code', 'not_offered');
    channel = flex.codeChallenge;
  }
  const recipient = channel === 'sms' ? await smsRecipientFor(deps.db, org, request.mobile) : emailRecipient(request.email);
  const now = deps.now();
  await limitSends(deps, org, { ip, recipient, login: request.purpose === 'login' }, now);

  const handle = newSecretToken();
  const id = randomUUID();
  const code = newCode();
  const codeHash = await hashCode(deps, id, code);
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
  const locale = request.locale ?? org.locale;
  await deps.db.transaction().execute(async (trx) => {
    // Asking for a code is the patient's activity on a held time (issue 8.2): it renews the hold,
    // and no code goes out for a hold that has already expired (`hold_expired`).
    // A resend renews it again (`hold_id`).
    const holdRowId = request.holdId === undefined ? null : (await renewHold(trx, org, request.holdId, now)).rowId;
    await trx.insertInto('verification_codes').values({
      id, organization_id: org.id, handle_hash: handle.hash, purpose: request.purpose, channel, recipient,
      code_hash: codeHash, hold_id: holdRowId, created_at: now, last_sent_at: now, expires_at: expiresAt, locale,
    }).execute();
    await enqueueCode(trx, org, { id, send: 1, channel, recipient, code, locale, now, expiresAt });
  });
  return challengeOf(handle.token, channel, recipient, now, expiresAt);
}

/**
 * Sends a new code for a verification (the old one stops working), once its
 * cooldown (`resendAt`) has passed: earlier answers `rate_limited` with the
 * seconds left. Counts against the same send limits as the first code, and
 * renews the hold the first code was asked for with, if it is still live.
 *
 * @example
 * const challenge = await resendCode(deps, org, verificationId, ip);
 */
export async function resendCode(deps: CodeDeps, org: Organization, handle: string, ip: string): Promise<VerificationChallenge> {
  const handleHash = hashSecretToken(validate(Secret, handle, 'id'));
  const now = deps.now();
  const requireResendable = (row: { consumed_at: Date | null; expires_at: Date; wrong_tries: number; last_sent_at: Date } | undefined) => {
    if (!row || row.consumed_at !== null || new Date(row.expires_at) <= now) throw new DomainError('verification_expired');
    const wait = new Date(row.last_sent_at).getTime() + RESEND_COOLDOWN_MS - now.getTime();
    if (wait > 0) throw new DomainError('rate_limited', { detail: 'Wait a little before asking for a new code', retryAfterSeconds: Math.ceil(wait / 1000) });
  };
  const row = await findByHandle(deps.db, org, handleHash);
  requireResendable(row);
  await limitSends(deps, org, { ip, recipient: row!.recipient, login: row!.purpose === 'login' }, now);
  const code = newCode();
  const codeHash = await hashCode(deps, row!.id, code);
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
  await deps.db.transaction().execute(async (trx) => {
    const locked = await findByHandle(trx, org, handleHash, true);
    requireResendable(locked);
    await trx.updateTable('verification_codes')
      .set({ code_hash: codeHash, wrong_tries: 0, sends: locked!.sends + 1, last_sent_at: now, expires_at: expiresAt })
      .where('id', '=', locked!.id)
      .execute();
    // Resending is the patient's activity too: the time the code was asked for with stays held (while it still is).
    if (locked!.hold_id !== null) await renewHeldRow(trx, org, locked!.hold_id, now);
    // The old code no longer works: a message with it that has not gone yet never will.
    await trx.updateTable('messages as m')
      .set({ status: 'cancelled', result: 'Replaced by a new code', body: blankedCodes(sql`m`) })
      .where('m.organization_id', '=', org.id)
      .where('m.dedupe_key', '=', `code:${locked!.id}:${locked!.sends}`)
      .where('m.status', 'in', ['waiting', 'retrying'])
      .where('m.attempt_started_at', 'is', null)
      .execute();
    await enqueueCode(trx, org, { id: locked!.id, send: locked!.sends + 1, channel: locked!.channel, recipient: locked!.recipient, code, locale: locked!.locale ?? org.locale, now, expiresAt });
  });
  return challengeOf(handle, row!.channel, row!.recipient, now, expiresAt);
}

/**
 * Checks a typed code (issue 8.1) without spending it. A wrong code is
 * counted and committed at once (`verification_failed` with the tries left),
 * so it counts even when the request it came with fails; after
 * `codeChecksPerCode` wrong tries, after 10 minutes, or for an unknown or
 * other-purpose verification the answer is `verification_expired`. Each check
 * counts against `codeChecksPerIpPerHour`. A right code is spent by
 * {@link consumeCode} in the transaction of what it verifies.
 *
 * @example
 * const checked = await checkCode(deps, org, request.verification, 'booking', ip);
 * await db.transaction().execute(async (trx) => { await consumeCode(trx, checked, now); … });
 */
export async function checkCode(deps: CodeDeps, org: Organization, proof: CodeProof, purpose: VerificationPurpose, ip: string): Promise<CheckedCode> {
  const now = deps.now();
  const secret = await keySecret(deps.limits);
  await consumeLimits(deps.limits.limiter, [[`org:${org.id}:code-check:ip:${hashKeyPart(secret, ip)}`, { points: org.settings.rateLimits.codeChecksPerIpPerHour, windowSeconds: HOUR }]], now);
  const maxTries = org.settings.rateLimits.codeChecksPerCode;
  const codeSecret = await deps.codeSecret();
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const row = await findByHandle(trx, org, hashSecretToken(proof.id), true);
    if (!row || row.purpose !== purpose || new Date(row.expires_at) <= now || row.wrong_tries >= maxTries) return { kind: 'expired' as const };
    if (!sameHash(row.code_hash, codeHmac(codeSecret, row.id, proof.code))) {
      await trx.updateTable('verification_codes').set({ wrong_tries: row.wrong_tries + 1 }).where('id', '=', row.id).execute();
      return { kind: 'wrong' as const, attemptsLeft: Math.max(0, maxTries - row.wrong_tries - 1) };
    }
    return { kind: 'right' as const, checked: { id: row.id, purpose: row.purpose, channel: row.channel, recipient: row.recipient } };
  });
  if (outcome.kind === 'expired') throw new DomainError('verification_expired');
  if (outcome.kind === 'wrong') {
    throw new DomainError('verification_failed', { issues: [{ path: 'verification.code', message: 'The code is not right', code: 'wrong_code' }], attemptsLeft: outcome.attemptsLeft });
  }
  return outcome.checked;
}

/**
 * Spends a checked code inside the transaction of what it verifies: if that
 * transaction rolls back (say, the time was taken) the code still works, and
 * of two requests with one code at most one gets past this.
 *
 * @example
 * await deps.db.transaction().execute(async (trx) => { await consumeCode(trx, checked, now); await startSession(trx, org, { method: 'sms', mobile: checked.recipient }, now); });
 */
export async function consumeCode(trx: Executor, checked: CheckedCode, now: Date): Promise<void> {
  const result = await trx.updateTable('verification_codes').set({ consumed_at: now }).where('id', '=', checked.id).where('consumed_at', 'is', null).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new DomainError('verification_expired');
}

/**
 * Deletes verifications a day past their expiry (the worker's sweep,
 * `sweepVerification`).
 *
 * @example
 * await sweepCodes(db, new Date());
 */
export async function sweepCodes(db: Executor, now: Date): Promise<number> {
  const result = await db.deleteFrom('verification_codes').where('expires_at', '<', new Date(now.getTime() - 24 * 3_600_000)).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * A mobile number masked for the patient's screen: `+47 ••• •• 567`; an
 * e-mail address as `n•••@example.no`.
 *
 * @example
 * maskRecipient('+4791234567'); // '+47 ••• •• 567'
 */
export function maskRecipient(recipient: string): string {
  if (recipient.includes('@')) {
    const [local, domain] = recipient.split('@') as [string, string];
    return `${local.slice(0, 1)}•••@${domain}`;
  }
  const parsed = parsePhoneNumberFromString(recipient);
  const national = parsed?.nationalNumber ?? recipient.replace(/^\+/, '');
  return `${parsed ? `+${parsed.countryCallingCode} ` : ''}••• •• ${national.slice(-3)}`;
}

function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

async function hashCode(deps: CodeDeps, id: string, code: string): Promise<string> {
  return codeHmac(await deps.codeSecret(), id, code);
}

/** HMAC-SHA256 of the code bound to its verification's id, so a stored hash says nothing about another. */
function codeHmac(secret: string, id: string, code: string): string {
  return createHmac('sha256', secret).update(`${id}:${code}`).digest('hex');
}

async function findByHandle(db: Executor, org: Organization, handleHash: string, lock = false) {
  const q = db.selectFrom('verification_codes').selectAll().where('handle_hash', '=', handleHash).where('organization_id', '=', org.id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

async function smsRecipientFor(db: Executor, org: Organization, mobile: string | undefined): Promise<string> {
  if (!mobile) throw DomainError.invalid('mobile', 'The mobile number the code is sent to', 'required');
  const settings = await loadMessagingSettings(db, org.id);
  const recipient = smsRecipient(mobile, settings.smsCountries, org.locale);
  if (!recipient.ok) throw DomainError.invalid('mobile', recipient.message, recipient.problem);
  return recipient.e164;
}

function emailRecipient(email: string | undefined): string {
  if (!email) throw DomainError.invalid('email', 'The e-mail address the code is sent to', 'required');
  return email.trim().toLowerCase();
}

/**
 * The send limits (issue 8.1): codes per client IP per hour, codes per
 * recipient per 15 minutes (keyed by a hash of the number or address), and
 * for login codes the logins per IP per hour.
 */
async function limitSends(deps: CodeDeps, org: Organization, send: { ip: string; recipient: string; login: boolean }, now: Date): Promise<void> {
  const settings = org.settings.rateLimits;
  if (send.login) await limitLoginAttempt(deps.limits, { organizationId: org.id, settings, ip: send.ip }, 'sms-code', now);
  const secret = await keySecret(deps.limits);
  await consumeLimits(deps.limits.limiter, [
    [`org:${org.id}:code-send:ip:${hashKeyPart(secret, send.ip)}`, { points: settings.codeSendsPerIpPerHour, windowSeconds: HOUR }],
    [`org:${org.id}:code-send:to:${hashKeyPart(secret, send.recipient)}`, { points: settings.codeSendsPerRecipientPer15Minutes, windowSeconds: 15 * 60 }],
  ], now);
}

/** The code message, first in the queue, gone with the code (its own standard text, W10/W11). */
async function enqueueCode(trx: Executor, org: Organization, m: { id: string; send: number; channel: 'sms' | 'email'; recipient: string; code: string; locale: Locale; now: Date; expiresAt: Date }): Promise<void> {
  const text = await templateText(trx, org.id, m.channel, 'code', m.locale);
  const values = { code: m.code, organization: org.name };
  await insertMessages(trx, [{
    organizationId: org.id,
    channel: m.channel,
    kind: 'code',
    recipient: m.recipient,
    subject: text.subject === null ? null : renderTemplate(text.subject, values),
    body: renderTemplate(text.body, values),
    sendAt: m.now,
    expiresAt: m.expiresAt,
    dedupeKey: `code:${m.id}:${m.send}`,
    priority: CODE_PRIORITY,
  }]);
}

function challengeOf(handle: string, channel: 'sms' | 'email', recipient: string, sentAt: Date, expiresAt: Date): VerificationChallenge {
  return {
    verificationId: handle,
    channel,
    sentTo: maskRecipient(recipient),
    expiresAt: expiresAt.toISOString(),
    resendAt: new Date(sentAt.getTime() + RESEND_COOLDOWN_MS).toISOString(),
    expiresInSeconds: secondsBetween(sentAt, expiresAt),
    resendInSeconds: RESEND_COOLDOWN_MS / 1000,
  };
}
