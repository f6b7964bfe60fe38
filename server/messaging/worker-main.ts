import { resolve } from 'node:path';
import { openDatabase } from '../db/database.ts';
import { channelsFromEnv, workerTimingFromEnv } from './channels-from-env.ts';
import { createWorker } from './worker.ts';
import { startRetentionJob } from '../privacy/retention-job.ts';
import { publicUrlFromEnv } from '../server-env.ts';

/**
 * The outbox worker as its own process (`node --import tsx
 * server/messaging/worker-main.ts`): for PostgreSQL deployments that run
 * workers apart from the web server (several may run at once). PGlite is a
 * single-process database: there, `npm start` runs the worker in-process.
 */
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('[worker] set DATABASE_URL to a postgres:// URL; with PGlite the worker runs inside `npm start`');
  process.exit(1);
}
const database = await openDatabase({ url: databaseUrl });
const publicUrl = publicUrlFromEnv(process.env);
const { channels } = channelsFromEnv(process.env, { publicUrl, sinkFile: resolve(process.env.DATA_DIR ?? 'data', 'sms-outbox.jsonl') });
const worker = createWorker({ db: database.db, channels, listen: database.listen, ...workerTimingFromEnv(process.env), log: (line) => console.log(line) });
await worker.start();
const retention = startRetentionJob({ db: database.db, log: (line) => console.log(line) }); // issue 11.5: the retention purge beside the worker (its timer does not hold the process; retention?.stop() waits for a purge in progress)
console.log(`[worker] ${worker.id} started; SMS via ${channels.defaultGateway}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void worker.stop().then(() => database.close()).then(() => process.exit(0)));
}
