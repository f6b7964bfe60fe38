/**
 * The opus-booking server: build the app with `createApp`, open the database
 * with `openDatabase`, seed demo data with `seedDemo`.
 *
 * @example
 * import { createApp, openDatabase } from 'opus-booking/server';
 * const { db } = await openDatabase({ dataDir: './data' });
 * const app = createApp({ db });
 */
export { createApp, type AppDeps } from './app.ts';
export { openDatabase, type Database, type DatabaseOptions, type Db } from './db/database.ts';
export { migrateToLatest } from './db/migrate.ts';
export { seedDemo } from './demo/seed-demo.ts';
export { findSlots, mergeAnyProvider } from './availability/engine.ts';
export type * from './availability/types.ts';
export type { EidBroker, EidLoginSecrets } from './verification/eid/eid-broker.ts';
export { oidcBroker } from './verification/eid/oidc/oidc-broker.ts';
export { memoryBroker } from './verification/eid/memory/memory-broker.ts';
