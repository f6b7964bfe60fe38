import type { Context } from 'hono';
import { routePath } from 'hono/route';

/**
 * The pattern of the route that answered (`/api/v1/organizations/:org/bookings/:token`),
 * never the address itself: paths carry manage tokens, and metrics need few
 * distinct labels. Read after `await next()` in a middleware.
 *
 * @example
 * await next();
 * logger.info({ route: routePattern(c) }, 'request');
 */
export function routePattern(c: Context): string {
  return routePath(c) || 'unmatched';
}
