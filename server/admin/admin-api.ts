import { Hono } from 'hono';
import type { Db } from '../db/database.ts';
import type { MessagingChannels } from '../messaging/worker-context.ts';
import { requireAdmin, type AdminEnv } from './access.ts';
import { auditRoutes } from './routes/audit-routes.ts';
import { bookRoutes } from './routes/book-routes.ts';
import { patientRoutes } from './routes/patient-routes.ts';
import { catalogRoutes } from './routes/catalog-routes.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { staffRoutes } from './routes/staff-routes.ts';
import type { ClientIp } from '../rate-limit/client-ip.ts';
import type { StaffAuthDeps } from './staff-auth.ts';
import { messagingRoutes } from './routes/messaging-routes.ts';
import { scheduleRoutes } from './routes/schedule-routes.ts';
import { settingsRoutes } from './routes/settings-routes.ts';
import { webhookRoutes } from './routes/webhook-routes.ts';
import { privacyRoutes } from './routes/privacy-routes.ts';

export interface AdminDeps {
  db: Db;
  now: () => Date;
  channels?: MessagingChannels | undefined;
  /** Where the service is reached, without a trailing slash: links in answers and e-mails (the logo's address, invite links) start with it. */
  publicUrl: string;
  /** The patient's link to manage a booking, for confirmations staff send (`notifyPatient`). */
  manageUrl?: ((subdomain: string, token: string) => string) | undefined;
  /** The hosted booking page, the link of a cancellation notice staff send. */
  pageUrl?: ((subdomain: string) => string) | undefined;
  /** The client's address, for login and reset limits. */
  clientIp: ClientIp;
  /** Staff login and accounts: where links point, rate limits, the TOTP key. */
  staff: StaffAuthDeps;
  /** Whether webhook endpoints may be on loopback (config `allowLoopback`; default no). */
  allowLoopback?: boolean | undefined;
}

/**
 * The staff API under `/api/v1/admin`: every route is authenticated by an
 * API key or a staff session and checked against what its area needs
 * (`access.ts`); handlers see only their organization's rows, validate with
 * the contract's schemas, call a service and answer; errors are problem+json.
 * Each area's routes live in `routes/`.
 *
 * @example
 * app.route('/api/v1/admin', adminApi({ db, now, publicUrl: 'https://book.example', clientIp, staff }));
 */
export function adminApi(deps: AdminDeps) {
  const api = new Hono<AdminEnv>();
  // Login, invite and reset take no credentials: mounted before requireAdmin, which never runs for them.
  api.route('/auth', authRoutes(deps));
  api.use('*', requireAdmin(deps.db, deps.now));
  api.route('/', staffRoutes(deps));
  api.route('/', messagingRoutes(deps));
  api.route('/', auditRoutes(deps));
  api.route('/', scheduleRoutes(deps));
  api.route('/', settingsRoutes(deps));
  api.route('/', bookRoutes(deps));
  api.route('/', privacyRoutes(deps));
  api.route('/', patientRoutes(deps));
  api.route('/', catalogRoutes(deps));
  api.route('/', webhookRoutes(deps));
  return api;
}
