import { Hono } from 'hono';
import type { Db } from '../db/database.ts';
import type { MessagingChannels } from '../messaging/worker-context.ts';
import { requireAdmin, type AdminEnv } from './access.ts';
import { auditRoutes } from './routes/audit-routes.ts';
import { messagingRoutes } from './routes/messaging-routes.ts';
import { webhookRoutes } from './routes/webhook-routes.ts';

export interface AdminDeps {
  db: Db;
  now: () => Date;
  channels?: MessagingChannels | undefined;
}

/**
 * The staff API under `/api/v1/admin`: every route is authenticated by an
 * API key or a staff session and checked against what its area needs
 * (`access.ts`); handlers see only their organization's rows, validate with
 * the contract's schemas, call a service and answer; errors are problem+json.
 * Each area's routes live in `routes/`.
 *
 * @example
 * app.route('/api/v1/admin', adminApi({ db, now }));
 */
export function adminApi(deps: AdminDeps) {
  const api = new Hono<AdminEnv>();
  api.use('*', requireAdmin(deps.db, deps.now));
  api.route('/', messagingRoutes(deps));
  api.route('/', auditRoutes(deps));
  api.route('/', webhookRoutes(deps));
  return api;
}
