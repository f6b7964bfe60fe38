import type { MiddlewareHandler } from 'hono';
import { parseAccept } from 'hono/utils/accept';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** A content coding this server sends: brotli or gzip. */
export type Encoding = 'br' | 'gzip';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);
const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i;

/**
 * The content coding to answer with, by the request's `Accept-Encoding`
 * (q-values and `*` included): among `offered`, the one with the highest q,
 * ties won by the earlier in `offered` (brotli before gzip); undefined for
 * identity (no header, nothing offered acceptable).
 *
 * @example
 * negotiateEncoding('gzip, deflate, br');          // 'br'
 * negotiateEncoding('br;q=0.5, gzip');             // 'gzip'
 * negotiateEncoding('gzip', ['br']);               // undefined (send it as is)
 */
export function negotiateEncoding(acceptEncoding: string | undefined, offered: readonly Encoding[] = ['br', 'gzip']): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepts = parseAccept(acceptEncoding);
  const wildcard = accepts.find((a) => a.type === '*')?.q ?? 0;
  let best: { encoding: Encoding; q: number } | undefined;
  for (const encoding of offered) {
    const q = accepts.find((a) => a.type.toLowerCase() === encoding)?.q ?? wildcard;
    if (q > 0 && (!best || q > best.q)) best = { encoding, q };
  }
  return best?.encoding;
}

/**
 * Adds `Accept-Encoding` to a response's `Vary` (once; not beside `*`).
 *
 * @example
 * varyOnEncoding(response.headers); // Vary: Accept-Language, Accept-Encoding
 */
export function varyOnEncoding(headers: Headers): void {
  const vary = headers.get('vary');
  if (vary === '*' || (vary && /(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary))) return;
  headers.set('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
}

/** How {@link compression} compresses. */
export interface CompressionOptions {
  /** Bodies smaller than this many bytes go as they are (default 512: below it the bytes saved are a few dozen; a clinic list of 800 bytes halves). */
  threshold?: number;
  /** Brotli quality for answers made per request (default 5: measured at q4's CPU cost on our answers, and far smaller on repetitive ones: 500 free times 3.0 → 1.8 KB). */
  brotliQuality?: number;
  /** gzip level (default 6). */
  gzipLevel?: number;
}

/**
 * Compresses every text answer (JSON, problem+json, HTML, JavaScript, CSS,
 * SVG, text) by the request's `Accept-Encoding`, brotli preferred, then gzip,
 * and says `Vary: Accept-Encoding`. Leaves alone: HEAD, 204, 206 and 304,
 * bodies under the threshold, types that are compressed already (images),
 * `Cache-Control: no-transform`, streams (`text/event-stream`) and answers
 * that already have a `Content-Encoding` (precompressed files). A strong
 * ETag becomes weak: the compressed bytes are not the identity's.
 *
 * @example
 * app.use('*', compression());
 */
export function compression(options: CompressionOptions = {}): MiddlewareHandler {
  const threshold = options.threshold ?? 512;
  const brotliParams = { [constants.BROTLI_PARAM_QUALITY]: options.brotliQuality ?? 5 };
  const gzipOptions = { level: options.gzipLevel ?? 6 };
  return async function compress(c, next) {
    await next();
    const res = c.res;
    const type = res.headers.get('content-type');
    if (c.req.method === 'HEAD' || [204, 206, 304].includes(res.status) || res.headers.has('content-encoding')
      || !type || !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) || NO_TRANSFORM.test(res.headers.get('cache-control') ?? '')) return;
    const length = res.headers.get('content-length');
    const encoding = negotiateEncoding(c.req.header('accept-encoding'));
    // Sent as it is (small, or the client takes no coding we offer): the answer stays the one the route made,
    // its body untouched (asking for it would turn the server's plain string into a stream).
    if ((length !== null && Number(length) < threshold) || !encoding) {
      varyOnEncoding(res.headers);
      return;
    }
    if (!res.body) return;
    const body = new Uint8Array(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    varyOnEncoding(headers);
    let sent: Uint8Array<ArrayBuffer> = body;
    if (body.byteLength >= threshold) {
      sent = new Uint8Array(encoding === 'br'
        ? await brotli(body, { params: { ...brotliParams, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } })
        : await gzipped(body, gzipOptions));
      headers.set('content-encoding', encoding);
      const etag = headers.get('etag');
      if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
    }
    headers.set('content-length', String(sent.byteLength));
    // Replaced whole: assigning over c.res would merge the old headers back in.
    c.res = undefined;
    c.res = new Response(sent, { status: res.status, statusText: res.statusText, headers });
  };
}
