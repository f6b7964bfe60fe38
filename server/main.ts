import { serve } from '@hono/node-server';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp } from './app.ts';
import { openDatabase } from './db/database.ts';
import { seedDemo } from './demo/seed-demo.ts';

/**
 * `npm start`: the server on the embedded database (PGlite in DATA_DIR,
 * default ./data) or on PostgreSQL when DATABASE_URL is set, with the demo
 * organization seeded unless SEED_DEMO=false.
 */
const port = Number(process.env.PORT ?? 3000);
const databaseUrl = process.env.DATABASE_URL;
const dataDir = resolve(process.env.DATA_DIR ?? 'data');
if (!databaseUrl) mkdirSync(dataDir, { recursive: true });

const database = await openDatabase({ url: databaseUrl, dataDir });
if (process.env.SEED_DEMO !== 'false') {
  const { created } = await seedDemo(database.db);
  if (created) console.log('[opus] demo organization created (subdomain "demo")');
}
const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
const app = createApp({ db: database.db, publicUrl });
const server = serve({ fetch: app.fetch, port }, (info) => {
  console.log(`[opus] ${database.kind === 'pglite' ? `PGlite in ${dataDir}` : 'PostgreSQL'}`);
  console.log(`[opus] listening on http://localhost:${info.port}  —  booking page: ${publicUrl}/o/demo/`);
});

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close(() => void database.close().then(() => process.exit(0)));
  });
}
