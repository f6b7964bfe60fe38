import { createHash, randomBytes } from 'node:crypto';

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
