import { createHash } from 'node:crypto';

/**
 * A strong entity tag for some content: a SHA-256 prefix, quoted, with an
 * optional suffix naming a representation (`br`, `gz`).
 *
 * @example
 * entityTag('<!doctype html>…');    // '"3q2-7w…"'
 * entityTag(bytes, 'br');           // '"3q2-7w…-br"'
 */
export function entityTag(content: string | Uint8Array, suffix?: string): string {
  const hash = createHash('sha256').update(content).digest('base64url').slice(0, 27);
  return `"${hash}${suffix ? `-${suffix}` : ''}"`;
}

/**
 * Whether an `If-None-Match` header matches an entity tag (weak comparison,
 * as RFC 9110 asks for it; `*` matches anything), so the answer is `304`.
 *
 * @example
 * notModified('W/"abc", "def"', '"abc"'); // true
 * notModified(undefined, '"abc"');        // false
 */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}
