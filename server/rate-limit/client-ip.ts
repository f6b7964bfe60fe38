import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/** Where a request came from, as the rate limits count it. */
export type ClientIp = (c: Context) => string;

/**
 * The client's address from the socket. Behind a reverse proxy every request
 * comes from the proxy, so with `trustProxy` set to the number of proxies in
 * front of the server (`TRUST_PROXY=1`) the address is taken from
 * `X-Forwarded-For` instead: the entry the nearest trusted proxy appended,
 * counting from the right, since anything further left the client may have
 * typed itself. Without a socket (`app.request()` in tests) the answer is
 * `unknown`, one shared bucket.
 *
 * @example
 * createApp({ db, clientIp: clientIpFrom({ trustProxy: Number(process.env.TRUST_PROXY ?? 0) }) });
 */
export function clientIpFrom(options: { trustProxy?: number } = {}): ClientIp {
  const hops = Math.max(0, Math.floor(options.trustProxy ?? 0));
  return function clientIp(c) {
    if (hops > 0) {
      const forwarded = (c.req.header('x-forwarded-for') ?? '').split(',').map((part) => part.trim()).filter(Boolean);
      const entry = forwarded[forwarded.length - hops] ?? forwarded[0];
      if (entry) return entry;
    }
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown';
    }
  };
}

/**
 * Reads `TRUST_PROXY`: unset, empty, `false` or `0` trust no proxy; `true`
 * trusts one; a number trusts that many.
 *
 * @example
 * trustProxyFromEnv('true'); // 1
 */
export function trustProxyFromEnv(value: string | undefined): number {
  if (value === undefined || value === '' || value === 'false') return 0;
  if (value === 'true') return 1;
  const hops = Number(value);
  if (!Number.isInteger(hops) || hops < 0) throw new Error(`TRUST_PROXY must be true, false or a number of proxies, not ${value}`);
  return hops;
}
