import { hashSecretToken } from '../domain/secret-token.ts';
import { createChallenge, randomInt, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { CaptchaPayload, type CaptchaChallenge } from '../../sdk/schemas/verification.ts';
import type { Executor } from '../db/database.ts';
import { DomainError } from '../domain/domain-error.ts';

/**
 * The bot check (issue 8 item 3): a self-hosted ALTCHA v2 proof of work.
 * Nothing goes to a third party. The server signs a challenge (HMAC-SHA256
 * under the captcha secret), the browser searches for the counter, the
 * server verifies the answer and spends it once (`spent_challenges`).
 *
 * Difficulty: PBKDF2/SHA-256 with 100 iterations per try, and the answer is
 * a counter picked at random in 200–1000 ("deterministic mode": the solver
 * must reach exactly that counter, so the work is bounded, not luck). That
 * is at most 100,000 SHA-256 rounds in at most 1,000 Web Crypto calls: about
 * 0.2 s in Node on a busy CI core, less in a phone's browser with the ALTCHA
 * workers. The server's check is one HMAC of the answer (the derived key is
 * signed in the challenge), so checking costs nothing worth attacking.
 */
const ALGORITHM = 'PBKDF2/SHA-256';
const COST = 100;
const COUNTER_MIN = 200;
const COUNTER_MAX = 1_000;
/** How long a challenge may be solved and used. */
export const CAPTCHA_LIFETIME_MS = 10 * 60_000;

/**
 * A fresh signed challenge, valid for 10 minutes from `now`.
 *
 * The expiry is in the signed `data.expiresAt` rather than ALTCHA's own
 * `expiresAt`, because altcha-lib checks that one against the system clock
 * and the server's clock is `now` (tests move it).
 *
 * @example
 * const challenge = await createCaptchaChallenge(await deps.captchaSecret(), deps.now());
 */
export async function createCaptchaChallenge(key: string, now: Date): Promise<CaptchaChallenge> {
  const challenge = await createChallenge({
    algorithm: ALGORITHM,
    cost: COST,
    counter: randomInt(COUNTER_MAX, COUNTER_MIN),
    deriveKey,
    data: { expiresAt: Math.floor((now.getTime() + CAPTCHA_LIFETIME_MS) / 1000) },
    hmacSignatureSecret: key,
    hmacKeySignatureSecret: keySignatureSecret(key),
  });
  return challenge as CaptchaChallenge;
}

/** A valid solution, not yet spent: what `spendCaptcha` records. */
export interface SolvedCaptcha {
  /** SHA-256 of the challenge's signature: one per challenge. */
  hash: string;
  expiresAt: Date;
}

/**
 * Checks a solved challenge (the booking's `captcha`: base64 of ALTCHA's
 * JSON payload) without spending it: signed with `key`, not expired at
 * `now`, the answer right. Anything else is `verification_failed` (422) on
 * `captcha`. Spend it with `spendCaptcha` in the transaction that uses it.
 *
 * @example
 * const solved = await checkCaptcha(key, request.captcha, deps.now());
 * await db.transaction().execute(async (trx) => { await spendCaptcha(trx, solved); ... });
 */
export async function checkCaptcha(key: string, payload: string, now: Date): Promise<SolvedCaptcha> {
  const parsed = CaptchaPayload.safeParse(decodePayload(payload));
  if (!parsed.success) throw failed('Not a solved bot check', 'malformed');
  const { challenge, solution } = parsed.data;
  const expiresAtSeconds = challenge.parameters.data?.expiresAt;
  if (typeof expiresAtSeconds !== 'number') throw failed('The bot check is not right; solve a new one', 'invalid');
  const result = await verifySolution({ challenge, solution, deriveKey, hmacSignatureSecret: key, hmacKeySignatureSecret: keySignatureSecret(key) })
    .catch(() => ({ verified: false }));
  // Only a signed expiry is believed: the expiry is read after the signature checked out.
  if (!result.verified) throw failed('The bot check is not right; solve a new one', 'invalid');
  const expiresAt = new Date(expiresAtSeconds * 1000);
  if (expiresAt <= now) throw failed('The bot check has expired; solve a new one', 'expired');
  return { hash: hashSecretToken(challenge.signature), expiresAt };
}

/**
 * Records a checked solution as used, or refuses it (`verification_failed`,
 * code `replayed`) when it was used before. In the booking's transaction, a
 * rollback (say `slot_taken`) leaves it unspent, so the patient may try
 * another time with the same solution; a concurrent second use waits for the
 * first and is refused when that commits.
 *
 * @example
 * await spendCaptcha(trx, solved);
 */
export async function spendCaptcha(db: Executor, solved: SolvedCaptcha): Promise<void> {
  const inserted = await db
    .insertInto('spent_challenges')
    .values({ hash: solved.hash, expires_at: solved.expiresAt })
    .onConflict((oc) => oc.column('hash').doNothing())
    .returning('hash')
    .executeTakeFirst();
  if (!inserted) throw failed('This bot check was already used; solve a new one', 'replayed');
}

/**
 * The booking's bot check, once `verifyBooking` decided it needs one (no
 * code challenge, confirmation not skipped, no session): none →
 * `verification_required` (403, `verification: 'captcha'`); wrong, forged or
 * expired → `verification_failed` (422) on `captcha`. Answers the checked
 * solution for the booking transaction to spend.
 *
 * @example
 * const solved = await requireCaptcha(request.captcha, deps.captchaSecret, now);
 * // in the transaction: await spendCaptcha(trx, solved);
 */
export async function requireCaptcha(payload: string | undefined, key: () => Promise<string>, now: Date): Promise<SolvedCaptcha> {
  if (payload === undefined) throw new DomainError('verification_required', { detail: 'Solve the bot check (GET captcha) and send it as captcha', verification: 'captcha' });
  return checkCaptcha(await key(), payload, now);
}

/**
 * Deletes the record of spent challenges once they have expired (nothing
 * expired can be replayed anyway). The messaging worker runs it every tick.
 *
 * @example
 * const deleted = await sweepSpentChallenges(db, new Date());
 */
export async function sweepSpentChallenges(db: Executor, now: Date): Promise<number> {
  const result = await db.deleteFrom('spent_challenges').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The derived key's signature is under a key of its own, derived from the captcha secret. */
function keySignatureSecret(key: string): string {
  return `${key}:derived-key`;
}

function decodePayload(payload: string): unknown {
  try {
    return JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
}

function failed(message: string, code: 'malformed' | 'invalid' | 'expired' | 'replayed'): DomainError {
  return new DomainError('verification_failed', { detail: message, verification: 'captcha', issues: [{ path: 'captcha', message, code }] });
}
