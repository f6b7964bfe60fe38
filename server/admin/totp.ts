import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as authenticator apps expect it: SHA-1, 6 digits, 30-second steps. */
const PERIOD_S = 30;
/** A code of the step before or after is accepted too (clock drift). */
const WINDOW = 1;

function totpOf(secretBase32: string, label = 'staff', issuer = 'Opus'): TOTP {
  return new TOTP({ issuer, label, secret: Secret.fromBase32(secretBase32), algorithm: 'SHA1', digits: 6, period: PERIOD_S });
}

/**
 * A new TOTP secret (160 random bits, base32) and the `otpauth://` URL an
 * authenticator app scans.
 *
 * @example
 * const { secret, otpauthUrl } = newTotpSecret('kari@clinic.no', 'Smilet Tannklinikk');
 */
export function newTotpSecret(label: string, issuer: string): { secret: string; otpauthUrl: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, otpauthUrl: totpOf(secret, label, issuer).toString() };
}

/**
 * The time step a code is right for (now, or one step either side), or
 * undefined. The caller accepts it only if it is later than the last step
 * accepted, so each code works once.
 *
 * @example
 * const step = totpStep(secret, '123456', now);
 * if (step === undefined || (lastStep !== null && step <= lastStep)) throw new DomainError('totp_required');
 */
export function totpStep(secretBase32: string, code: string, now: Date): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totpOf(secretBase32).validate({ token: code, timestamp: now.getTime(), window: WINDOW });
  return delta === null ? undefined : Math.floor(now.getTime() / 1000 / PERIOD_S) + delta;
}

/**
 * The code of a secret at an instant (tests, and the org CLI's checks).
 *
 * @example
 * const code = totpCode(secret, new Date());
 */
export function totpCode(secretBase32: string, at: Date): string {
  return totpOf(secretBase32).generate({ timestamp: at.getTime() });
}

const VERSION = 'v1';

function keyOf(secret: string): Buffer {
  return createHash('sha256').update(`opus staff totp\0${secret}`).digest();
}

/**
 * A TOTP secret as stored: AES-256-GCM under the server's key
 * (`STAFF_TOTP_KEY`, else one kept in the database), `v1.<iv>.<tag>.<data>`.
 *
 * @example
 * await db.updateTable('staff_users').set({ totp_secret: encryptTotpSecret(key, secret) }).where('id', '=', id).execute();
 */
export function encryptTotpSecret(key: string, secretBase32: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(key), iv);
  const data = Buffer.concat([cipher.update(secretBase32, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

/**
 * The TOTP secret back from its stored form; throws when the key is not the one it was stored with.
 *
 * @example
 * const secret = decryptTotpSecret(key, row.totp_secret);
 */
export function decryptTotpSecret(key: string, stored: string): string {
  const [version, iv, tag, data] = stored.split('.');
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('Not a stored TOTP secret');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(key), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
