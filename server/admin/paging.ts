import { PAGE_SIZE, type PageQuery } from '../../sdk/schemas/admin-common.ts';
import { DomainError } from '../domain/domain-error.ts';

/**
 * The page size a query asks for (`limit`, default 50, at most 200).
 *
 * @example
 * const size = pageSize(query); // 50 without a limit
 */
export function pageSize(query: PageQuery): number {
  return query.limit === undefined ? PAGE_SIZE.default : Math.min(Number(query.limit), PAGE_SIZE.max);
}

/**
 * An opaque cursor for keyset paging: the sort key of the last row of a page.
 *
 * @example
 * const nextCursor = rows.length > size ? encodeCursor([last.at.toISOString(), last.id]) : null;
 */
export function encodeCursor(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/**
 * The sort key a cursor carries, or 422 on `cursor` when it is not one of ours.
 *
 * @example
 * const [at, id] = query.cursor ? decodeCursor(query.cursor, 2) : [];
 */
export function decodeCursor(cursor: string, length: number): string[] {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parts = undefined;
  }
  if (!Array.isArray(parts) || parts.length !== length || !parts.every((p) => typeof p === 'string')) throw invalidCursor();
  return parts;
}

/** 422 on `cursor`: the one answer for a cursor that is not one of ours. */
export function invalidCursor(): DomainError {
  return DomainError.invalid('cursor', 'Not a cursor from a previous page', 'invalid_cursor');
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A keyset cursor of an instant (as `toISOString` wrote it) and a row id, or
 * 422 on `cursor`: a forged time that does not read back the same (30 Feb,
 * year -100000) never reaches the database.
 *
 * @example
 * const { at, id } = decodeInstantCursor(query.cursor);
 */
export function decodeInstantCursor(cursor: string): { at: Date; id: string } {
  const [text, id] = decodeCursor(cursor, 2) as [string, string];
  const at = new Date(text);
  if (Number.isNaN(at.getTime()) || at.toISOString() !== text || at.getUTCFullYear() < 1970 || at.getUTCFullYear() > 2200 || !ID.test(id)) throw invalidCursor();
  return { at, id };
}

/**
 * Whether a timestamp as PostgreSQL writes it as text
 * (`2026-11-30 05:42:08.123456+00`) is a real moment, so that casting it back
 * cannot fail.
 *
 * @example
 * if (!isTimestampText(at)) throw invalidCursor();
 */
export function isTimestampText(text: string): boolean {
  const m = /^(\d{4})-(\d\d)-(\d\d) ([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(?:\.\d{1,6})?[+-](?:0\d|1[0-4])(?::[0-5]\d)?$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1970 && year <= 2200 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
