import { serve } from '@hono/node-server';
import { resolve } from 'node:path';
import { createApp } from './app.ts';
import { openDatabase } from './db/database.ts';
import { DEMO_OWNER_EMAIL, seedDemo, seedDemoOwner } from './demo/seed-demo.ts';
import { randomBytes } from 'node:crypto';
import { clientIpFrom, trustProxyFromEnv } from './rate-limit/client-ip.ts';
import { channelsFromEnv, workerTimingFromEnv } from './messaging/channels-from-env.ts';
import { createWorker } from './messaging/worker.ts';
import { startRetentionJob } from './privacy/retention-job.ts';
import { createApiKey } from './admin/api-keys.ts';
import { databaseFromEnv, portFromEnv, publicUrlFromEnv } from './server-env.ts';

/**
 * `npm start`: the server on the embedded database (PGlite in DATA_DIR,
 * default ./data) or on PostgreSQL when DATABASE_URL is set, with the demo
 * organization seeded unless SEED_DEMO=false.
 */
const port = portFromEnv(process.env);
const { url: databaseUrl, dataDir } = databaseFromEnv(process.env);

const database = await openDatabase({ url: databaseUrl, dataDir });
const withDemo = process.env.SEED_DEMO !== 'false';
if (withDemo) {
  const { created } = await seedDemo(database.db);
  if (created) console.log('[opus] demo organization created (subdomain "demo")');
  if (created) {
    // Shown once: only its hash is stored.
    const demo = await database.db.selectFrom('organizations').select('id').where('subdomain', '=', 'demo').executeTakeFirstOrThrow();
    console.log(`[opus] demo admin API key (shown once): ${(await createApiKey(database.db, demo.id, 'demo')).key}`);
  }
  // The console's demo owner (also in a data directory from before the console); the password is printed this once (only its hash is stored), unless given.
  const password = process.env.DEMO_OWNER_PASSWORD || randomBytes(12).toString('base64url');
  if ((await seedDemoOwner(database.db, password)).created) {
    console.log(`[opus] demo staff console: log in at /admin/ to organization "demo" as ${DEMO_OWNER_EMAIL}${process.env.DEMO_OWNER_PASSWORD ? ' (password from DEMO_OWNER_PASSWORD)' : ` with the password ${password} (shown once)`}`);
  }
}
const publicUrl = publicUrlFromEnv(process.env);
// The demo asks for SMS codes (issue 8.9): with no SMS gateway configured, the console sink prints each SMS, code included.
const messaging = channelsFromEnv(process.env, { publicUrl, sinkFile: resolve(dataDir, 'sms-outbox.jsonl'), printSmsBodies: withDemo });
const app = createApp({
  db: database.db, publicUrl, messaging, examples: withDemo,
  clientIp: clientIpFrom({ trustProxy: trustProxyFromEnv(process.env.TRUST_PROXY) }),
  rateLimits: { secret: process.env.RATE_LIMIT_SECRET },
  captcha: { secret: process.env.CAPTCHA_SECRET },
  staff: { totpKey: process.env.STAFF_TOTP_KEY },
  verification: { secret: process.env.VERIFICATION_SECRET },
});
// The outbox worker runs in this process unless MESSAGING_WORKER=false (then run server/messaging/worker-main.ts).
const worker = process.env.MESSAGING_WORKER === 'false' ? undefined
  : createWorker({ db: database.db, channels: messaging.channels, listen: database.listen, ...workerTimingFromEnv(process.env), log: (line) => console.log(line) });
await worker?.start();
const retention = worker && startRetentionJob({ db: database.db, log: (line) => console.log(line) }); // issue 11.5: the retention purge beside the worker (its timer does not hold the process; retention?.stop() waits for a purge in progress)
const server = serve({ fetch: app.fetch, port }, (info) => {
  console.log(`[opus] ${database.kind === 'pglite' ? `PGlite in ${dataDir}` : 'PostgreSQL'}`);
  console.log(`[opus] listening on http://localhost:${info.port}  —  booking page: ${publicUrl}/o/demo/  —  staff console: ${publicUrl}/admin/${withDemo ? `  —  examples: ${publicUrl}/examples/` : ''}`);
});

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close(() => void (worker?.stop() ?? Promise.resolve()).then(() => database.close()).then(() => process.exit(0)));
  });
}
