import { loadConfig } from './config/config.ts';
import { startApi } from './ops/start-api.ts';
import { runEntry } from './ops/run-entry.ts';

/**
 * `npm start`: the one-process demo. The server on the embedded database
 * (PGlite in DATA_DIR, default ./data) or on PostgreSQL when DATABASE_URL is
 * set, migrated at start, with the outbox worker inside and the demo
 * organization seeded unless SEED_DEMO=false. `npm run start:api` and
 * `npm run start:worker` split it for several processes on PostgreSQL.
 */
await runEntry('opus', () => startApi(loadConfig(process.env), 'demo'));
