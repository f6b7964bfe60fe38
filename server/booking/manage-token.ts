import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A new secret manage token (256 bits, URL-safe) and the hash that is stored:
 * the database never holds a token that would open a booking.
 *
 * @example
 * const { token, hash } = newManageToken(); // token goes in the patient's link, hash in the row
 */
export function newManageToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashManageToken(token) };
}

/** The stored form of a manage token. */
export function hashManageToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Whether two hex digests (a stored hash and one just computed) are equal,
 * compared in constant time.
 *
 * @example
 * if (!sameHash(row.browser_hash, hashManageToken(cookie))) return refused();
 */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
