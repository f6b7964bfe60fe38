import type { MiddlewareHandler } from 'hono';
import type { Logger } from './logger.ts';
import { routePattern } from '../ops/route-pattern.ts';

/** Probes that run every few seconds: logged at debug level only. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * One log line per request: method, route pattern, status, duration and
 * request id (the `requestId` middleware's). Never the path, query string,
 * headers or body: they carry manage tokens, phone numbers and national ids.
 *
 * @example
 * app.use('*', requestId(), requestLog(logger));
 */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async function requestLog(c, next) {
    const started = performance.now();
    await next();
    const route = routePattern(c);
    const line = { requestId: c.get('requestId') as string | undefined, method: c.req.method, route, status: c.res.status, ms: Math.round(performance.now() - started) };
    if (PROBES.has(route)) logger.debug(line, 'request');
    else logger.info(line, 'request');
  };
}
