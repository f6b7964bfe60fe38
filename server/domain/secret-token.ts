import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A new secret token (256 bits, URL-safe) and the hash that is stored: the
 * database never holds a token that would open anything. Manage links,
 * holds, verification ids, patient sessions and e-ID login states all use it.
 *
 * @example
 * const { token, hash } = newSecretToken(); // token goes to the patient, hash in the row
 */
export function newSecretToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecretToken(token) };
}

/** The stored form of a secret token (SHA-256, hex). */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Whether two hex digests (a stored hash and one just computed) are equal,
 * compared in constant time.
 *
 * @example
 * if (!sameHash(row.browser_hash, hashSecretToken(cookie))) return refused();
 */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
