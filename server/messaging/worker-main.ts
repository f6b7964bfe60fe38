import { loadConfig } from '../config/config.ts';
import { createLogger } from '../logging/logger.ts';
import { runEntry } from '../ops/run-entry.ts';
import { startDatabase } from '../ops/start-database.ts';
import { exitOnSignal } from '../ops/shutdown.ts';
import { channelsFromEnv } from './channels-from-env.ts';
import { createWorker } from './worker.ts';
import { startRetentionJob } from '../privacy/retention-job.ts';

/**
 * `npm run start:worker`: the outbox worker as its own process, for
 * PostgreSQL deployments that run workers apart from the web server (several
 * may run at once). PGlite is a single-process database: there, `npm start`
 * runs the worker in-process. It does not migrate unless MIGRATE_ON_START=true,
 * and refuses a database whose migrations are not current.
 */
await runEntry('worker', async () => {
  const config = loadConfig(process.env);
  if (!config.DATABASE_URL) throw new Error('set DATABASE_URL to a postgres:// URL; with PGlite the worker runs inside `npm start`');
  const logger = createLogger({ name: 'opus-worker', level: config.LOG_LEVEL });
  const { database, pending } = await startDatabase(config, { migrate: config.MIGRATE_ON_START ?? false });
  if (pending.length > 0) {
    await database.close();
    throw new Error(`migrations not applied yet (${pending.join(', ')}): run \`npm run migrate\` first, or set MIGRATE_ON_START=true`);
  }
  const log = (line: string) => logger.info(line);
  const { channels } = channelsFromEnv(config, { log });
  const worker = createWorker({ db: database.db, channels, listen: database.listen, intervalMs: config.MESSAGING_WORKER_INTERVAL_MS, leaseMs: config.MESSAGING_WORKER_LEASE_MS, webhooks: { allowLoopback: config.allowLoopback }, log });
  await worker.start();
  // Issue 11.5: the retention purge runs beside the worker.
  const retention = startRetentionJob({ db: database.db, log });
  logger.info({ workerId: worker.id, gateway: channels.defaultGateway }, 'worker started');
  exitOnSignal(async () => {
    await worker.stop();
    await retention.stop();
    await database.close();
  }, { logger, timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
});
