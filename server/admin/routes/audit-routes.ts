import { Hono } from 'hono';
import { AuditQuery } from '../../../sdk/schemas/admin-common.ts';
import { validate } from '../../domain/validate.ts';
import { listAudit } from '../../audit/audit-log.ts';
import type { AdminDeps } from '../admin-api.ts';
import type { AdminEnv } from '../access.ts';

/**
 * The audit log (issue 9.1): every change made through the admin API, newest first.
 *
 * @example
 * api.route('/', auditRoutes(deps));
 */
export function auditRoutes(deps: AdminDeps) {
  const api = new Hono<AdminEnv>();
  api.get('/audit', async (c) => c.json(await listAudit(deps.db, c.get('org').id, validate(AuditQuery, c.req.query()))));
  return api;
}
