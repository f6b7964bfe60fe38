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
  if (!Array.isArray(parts) || parts.length !== length || !parts.every((p) => typeof p === 'string')) {
    throw DomainError.invalid('cursor', 'Not a cursor from a previous page', 'invalid_cursor');
  }
  return parts;
}
