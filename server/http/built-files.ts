import type { Context } from 'hono';
import { readFile } from 'node:fs/promises';
import { negotiateEncoding, type Encoding } from './compression.ts';
import { entityTag, notModified } from './etag.ts';

/** A content-hashed file: kept for a year, never asked again. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
};

/** The file beside each build output holding it compressed (vite.config.ts's `precompress`). */
const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };

/** How {@link serveBuiltFile} answers. */
export interface BuiltFileOptions {
  /** `Cache-Control`; with {@link IMMUTABLE} no ETag is given (the name changes with the content). */
  cacheControl: string;
  /** More headers (CORS for the widget). */
  headers?: Record<string, string>;
}

/**
 * Answers with a file of a build (`dist/…`) as it was written at build time:
 * the `.br` or `.gz` beside it when the request accepts one (nothing is
 * compressed per request), `Vary: Accept-Encoding`, and, unless the name is
 * content-hashed, a strong ETag per representation and `304` to a matching
 * `If-None-Match`. Undefined when the file is missing.
 *
 * @example
 * const response = await serveBuiltFile(c, `${WIDGET_DIR}opus-booking.js`, { cacheControl: 'public, max-age=300' });
 * if (!response) throw new DomainError('not_found');
 */
export async function serveBuiltFile(c: Context, path: string, options: BuiltFileOptions): Promise<Response | undefined> {
  const identity = await readFile(path).catch(() => undefined);
  if (!identity) return undefined;
  const variants = new Map<Encoding, Buffer>();
  for (const encoding of ['br', 'gzip'] as const) {
    const bytes = await readFile(`${path}${SUFFIX[encoding]}`).catch(() => undefined);
    if (bytes) variants.set(encoding, bytes);
  }
  const encoding = negotiateEncoding(c.req.header('accept-encoding'), [...variants.keys()]);
  const body = encoding ? variants.get(encoding)! : identity;
  const headers: Record<string, string> = {
    'content-type': TYPES[path.slice(path.lastIndexOf('.') + 1)] ?? 'application/octet-stream',
    'cache-control': options.cacheControl,
    vary: 'Accept-Encoding',
    ...options.headers,
  };
  if (encoding) headers['content-encoding'] = encoding;
  if (options.cacheControl !== IMMUTABLE) {
    // One tag per representation, all from the identity's bytes: a new build changes them all.
    headers['etag'] = entityTag(identity, encoding === 'gzip' ? 'gz' : encoding);
    if (notModified(c.req.header('if-none-match'), headers['etag'])) {
      delete headers['content-type'];
      delete headers['content-encoding'];
      return c.body(null, 304, headers);
    }
  }
  return c.body(new Uint8Array(body), 200, headers);
}
