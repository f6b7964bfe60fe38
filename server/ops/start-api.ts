import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { createApp } from '../app.ts';
import type { Config } from '../config/config.ts';
import { DEMO_OWNER_EMAIL, seedDemo, seedDemoOwner } from '../demo/seed-demo.ts';
import { createApiKey } from '../admin/api-keys.ts';
import { clientIpFrom } from '../rate-limit/client-ip.ts';
import { channelsFromEnv } from '../messaging/channels-from-env.ts';
import { createWorker } from '../messaging/worker.ts';
import { startRetentionJob } from '../privacy/retention-job.ts';
import { createLogger } from '../logging/logger.ts';
import type { Db } from '../db/database.ts';
import { startDatabase } from './start-database.ts';
import { closeServer, exitOnSignal } from './shutdown.ts';

/**
 * The HTTP server as `npm start` (`demo`: the one-process demo, with the
 * outbox worker inside unless MESSAGING_WORKER=false, the demo organization
 * unless SEED_DEMO=false, migrations at start unless MIGRATE_ON_START=false,
 * and a plain-text banner) or `npm run start:api` (`api`: HTTP only and
 * stateless, so several may run on one PostgreSQL; no demo and no
 * migrations unless SEED_DEMO or MIGRATE_ON_START say so). Both log requests
 * as JSON lines and stop gracefully on SIGTERM.
 *
 * @example
 * await startApi(loadConfig(process.env), 'api');
 */
export async function startApi(config: Config, role: 'demo' | 'api'): Promise<void> {
  const demo = role === 'demo';
  const logger = createLogger({ name: 'opus-api', level: config.LOG_LEVEL });
  // The demo's banner stays readable text; a production process logs JSON only.
  const say = demo ? (line: string) => console.log(line) : (line: string) => logger.info(line);
  const { database, applied, pending } = await startDatabase(config, { migrate: config.MIGRATE_ON_START ?? demo });
  if (applied.length > 0) logger.info({ applied }, 'migrated');
  if (pending.length > 0) logger.warn({ pending }, 'migrations pending: /readyz answers 503 until `npm run migrate` applies them');
  const withDemo = config.SEED_DEMO ?? demo;
  if (withDemo) await seedDemoOrganization(database.db, config, say);
  // The demo asks for SMS codes (issue 8.9): with no SMS gateway configured, the console sink prints each SMS, code included.
  const messaging = channelsFromEnv(config, { printSmsBodies: withDemo, log: say });
  let draining = false;
  const app = createApp({
    db: database.db, publicUrl: config.publicUrl, messaging, examples: withDemo,
    clientIp: clientIpFrom({ trustProxy: config.TRUST_PROXY }),
    rateLimits: { secret: config.RATE_LIMIT_SECRET },
    captcha: { secret: config.CAPTCHA_SECRET },
    staff: { totpKey: config.STAFF_TOTP_KEY },
    verification: { secret: config.VERIFICATION_SECRET },
    allowLoopback: config.allowLoopback,
    ops: { logger, metricsToken: config.METRICS_TOKEN, draining: () => draining },
  });
  const worker = demo && config.MESSAGING_WORKER
    ? createWorker({ db: database.db, channels: messaging.channels, listen: database.listen, intervalMs: config.MESSAGING_WORKER_INTERVAL_MS, leaseMs: config.MESSAGING_WORKER_LEASE_MS, webhooks: { allowLoopback: config.allowLoopback }, log: say })
    : undefined;
  await worker?.start();
  // Issue 11.5: the retention purge runs beside the worker.
  const retention = worker && startRetentionJob({ db: database.db, log: say });
  const server = serve({ fetch: app.fetch, port: config.PORT }, (info) => {
    say(`[opus] ${database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'}`);
    const url = config.publicUrl;
    say(`[opus] listening on http://localhost:${info.port}  —  booking page: ${url}/o/demo/  —  staff console: ${url}/admin/${withDemo ? `  —  examples: ${url}/examples/` : ''}`);
  }) as Server;
  exitOnSignal(async () => {
    draining = true;
    await closeServer(server, config.SHUTDOWN_TIMEOUT_MS);
    await worker?.stop();
    await retention?.stop();
    await database.close();
  }, { logger, timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
}

/** The demo organization and its console owner; the API key and a generated password are printed this once (only their hashes are stored). */
async function seedDemoOrganization(db: Db, config: Config, say: (line: string) => void): Promise<void> {
  const { created } = await seedDemo(db);
  if (created) {
    say('[opus] demo organization created (subdomain "demo")');
    const demo = await db.selectFrom('organizations').select('id').where('subdomain', '=', 'demo').executeTakeFirstOrThrow();
    say(`[opus] demo admin API key (shown once): ${(await createApiKey(db, demo.id, 'demo')).key}`);
  }
  // The console's demo owner (also in a data directory from before the console), unless it exists.
  const password = config.DEMO_OWNER_PASSWORD || randomBytes(12).toString('base64url');
  if ((await seedDemoOwner(db, password)).created) {
    say(`[opus] demo staff console: log in at /admin/ to organization "demo" as ${DEMO_OWNER_EMAIL}${config.DEMO_OWNER_PASSWORD ? ' (password from DEMO_OWNER_PASSWORD)' : ` with the password ${password} (shown once)`}`);
  }
}
