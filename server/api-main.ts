import { loadConfig } from './config/config.ts';
import { startApi } from './ops/start-api.ts';
import { runEntry } from './ops/run-entry.ts';

/**
 * `npm run start:api`: the HTTP server only, stateless, so N of them can
 * serve one PostgreSQL behind a load balancer (`npm run start:worker` sends
 * the messages). It does not migrate (`npm run migrate`, or
 * MIGRATE_ON_START=true) nor seed the demo (SEED_DEMO=true) by itself.
 */
await runEntry('opus', () => startApi(loadConfig(process.env), 'api'));
