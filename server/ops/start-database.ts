import { mkdirSync } from 'node:fs';
import type { Config } from '../config/config.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { migrateToLatest, migrationState, UnknownMigrationsError } from '../db/migrate.ts';

/**
 * Opens the configured database (PostgreSQL at DATABASE_URL, else PGlite in
 * DATA_DIR, created if missing) and brings its schema up to date when
 * `migrate` says so. Refuses, before writing anything, a database migrated by
 * a newer version (`UnknownMigrationsError`). Answers the migrations it
 * applied and those still pending (when not migrating).
 *
 * @example
 * const { database, pending } = await startDatabase(config, { migrate: config.MIGRATE_ON_START ?? false });
 */
export async function startDatabase(config: Config, options: { migrate: boolean }): Promise<{ database: Database; applied: string[]; pending: string[] }> {
  if (!config.DATABASE_URL) mkdirSync(config.dataDir, { recursive: true });
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir, poolSize: config.DATABASE_POOL_SIZE, poolTimeoutMs: config.DATABASE_POOL_TIMEOUT_MS, migrate: false });
  try {
    const state = await migrationState(database.db);
    if (state.unknown.length > 0) throw new UnknownMigrationsError(state.unknown);
    if (!options.migrate) return { database, applied: [], pending: state.pending };
    return { database, applied: await migrateToLatest(database.db), pending: [] };
  } catch (error) {
    await database.close();
    throw error;
  }
}
