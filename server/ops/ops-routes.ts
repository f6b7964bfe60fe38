import { Hono } from 'hono';
import type { Db } from '../db/database.ts';
import { migrationState } from '../db/migrate.ts';
import { DomainError } from '../domain/domain-error.ts';
import { UNAVAILABLE_RETRY_SECONDS } from '../http/problem.ts';
import { hashSecretToken, sameHash } from '../domain/secret-token.ts';
import type { Metrics } from './metrics.ts';

/** How long `/readyz` waits for the database. */
const READY_TIMEOUT_MS = 2_000;

export interface OpsDeps {
  db: Db;
  metrics: Metrics;
  /** The bearer token `/metrics` answers to; without one there is no `/metrics` (404). */
  metricsToken?: string | undefined;
  /** True once the process is shutting down: `/readyz` then says not ready. */
  draining?: () => boolean;
}

/**
 * `/healthz` (the process answers), `/readyz` (it should get traffic: the
 * database answers within 2 s, its migrations are this code's, and it is not
 * shutting down; otherwise 503 problem+json with `Retry-After`) and
 * `/metrics` (Prometheus text, to `Authorization: Bearer <METRICS_TOKEN>`
 * only: 401 with a wrong or missing token, 404 when none is configured).
 *
 * @example
 * app.route('/', opsRoutes({ db, metrics, metricsToken: config.METRICS_TOKEN }));
 */
export function opsRoutes(deps: OpsDeps) {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    if (deps.draining?.()) throw unavailable('Shutting down');
    const state = await withTimeout(migrationState(deps.db), READY_TIMEOUT_MS).catch(() => undefined);
    if (!state) throw unavailable('The database does not answer');
    if (state.unknown.length > 0) throw unavailable(`The database has migrations this version does not know: ${state.unknown.join(', ')}`);
    if (state.pending.length > 0) throw unavailable(`Migrations not applied yet (npm run migrate): ${state.pending.join(', ')}`);
    return c.json({ ok: true });
  });
  app.get('/metrics', async (c) => {
    if (!deps.metricsToken) throw new DomainError('not_found');
    const given = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    if (!sameHash(hashSecretToken(given), hashSecretToken(deps.metricsToken))) throw new DomainError('unauthorized');
    const text = await deps.metrics.scrape();
    return c.body(text, 200, { 'content-type': deps.metrics.registry.contentType, 'cache-control': 'no-store' });
  });
  return app;
}

function unavailable(detail: string): DomainError {
  return new DomainError('unavailable', { detail, retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
