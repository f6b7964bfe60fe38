import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { MiddlewareHandler } from 'hono';
import type { Db } from '../db/database.ts';
import { routePattern } from './route-pattern.ts';
import { outboxStatus } from './outbox-status.ts';

/** Routes that create a booking (public and staff) and routes that may find the time taken. */
const CREATES = new Set(['POST /api/v1/organizations/:org/bookings', 'POST /api/v1/admin/appointments']);
const MAY_CONFLICT = new Set([...CREATES, 'POST /api/v1/organizations/:org/bookings/:token/rebook', 'POST /api/v1/admin/appointments/:id/move']);

/**
 * The app's Prometheus metrics, in a registry of its own (an app per test
 * must not share counters): requests by route, method and status, latency
 * by route, bookings created and refused as taken, and, read from the
 * database at each scrape, messages by channel and status, the outbox's
 * depth and the worker's lag (how long the oldest due message has waited).
 * Those come from the database, so every API process reports the same
 * figures for them (aggregate with `max`, not `sum`) and no worker has to be
 * scraped. With `processMetrics`, also the process's CPU, memory and event loop.
 *
 * @example
 * const metrics = createMetrics(db);
 * app.use('*', metrics.middleware);
 * const text = await metrics.scrape();
 */
export function createMetrics(db: Db, options: { now?: () => Date; processMetrics?: boolean } = {}) {
  const registry = new Registry();
  const registers = [registry];
  const now = options.now ?? (() => new Date());
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered, by route pattern, method and status', labelNames: ['route', 'method', 'status'] as const, registers });
  const duration = new Histogram({ name: 'http_request_duration_seconds', help: 'Time to answer an HTTP request, by route pattern', labelNames: ['route'] as const, buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers });
  const created = new Counter({ name: 'bookings_created_total', help: 'Bookings created (patients and staff)', registers });
  const conflicted = new Counter({ name: 'bookings_conflicted_total', help: 'Bookings and moves refused because the time was taken meanwhile (409)', registers });
  // A gauge: a status's count falls as messages move on (a counter that fell would read as a reset to rate()).
  const messages = new Gauge({ name: 'outbox_messages', help: 'Messages in the outbox by channel and status, now (from the database)', labelNames: ['channel', 'status'] as const, registers });
  const due = new Gauge({ name: 'outbox_due_messages', help: 'Messages due and not yet sent (from the database)', registers });
  const lag = new Gauge({ name: 'worker_lag_seconds', help: 'How long the oldest due, unsent message has waited, 0 when none (from the database)', registers });

  /** The scrape's text; a database that does not answer leaves the outbox figures as they were. */
  async function scrape(): Promise<string> {
    const status = await outboxStatus(db, now()).catch(() => undefined);
    if (status) {
      messages.reset();
      for (const row of status.byStatus) messages.set({ channel: row.channel, status: row.status }, row.count);
      due.set(status.due);
      lag.set(status.lagSeconds);
    }
    return registry.metrics();
  }

  const middleware: MiddlewareHandler = async function requestMetrics(c, next) {
    const stop = duration.startTimer();
    await next();
    const route = routePattern(c);
    const status = c.res.status;
    stop({ route });
    requests.inc({ route, method: c.req.method, status: String(status) });
    const key = `${c.req.method} ${route}`;
    if (status === 201 && CREATES.has(key)) created.inc();
    if (status === 409 && MAY_CONFLICT.has(key)) conflicted.inc();
  };
  return { registry, middleware, scrape };
}

export type Metrics = ReturnType<typeof createMetrics>;
