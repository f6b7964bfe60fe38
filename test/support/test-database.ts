import type { PGlite } from '@electric-sql/pglite';
import { createPglite, databaseOnPglite, openDatabase, type Database } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { createPostgresDatabase } from './postgres-server.ts';

let template: Promise<PGlite> | undefined;

/**
 * A fresh, migrated in-memory PGlite database. Migrating takes seconds, so
 * one template per process is migrated once and each call gets a clone.
 *
 * @example
 * const { db, close } = await createPgliteTestDatabase();
 */
export async function createPgliteTestDatabase(): Promise<Database> {
  template ??= (async () => {
    const pglite = await createPglite();
    const migrating = await databaseOnPglite(pglite);
    await migrateToLatest(migrating.db);
    return pglite;
  })();
  const clone = (await (await template).clone()) as PGlite;
  return databaseOnPglite(clone);
}

/**
 * A fresh, migrated database on the test PostgreSQL server, or undefined when
 * there is none outside CI (the caller skips). Closing drops it.
 */
export async function createPostgresTestDatabase(poolSize = 20): Promise<Database | undefined> {
  const server = await createPostgresDatabase();
  if (!server) return undefined;
  const database = await openDatabase({ url: server.url, poolSize });
  return {
    ...database,
    close: async () => {
      await database.close();
      await server.drop();
    },
  };
}

/** The databases a suite runs on: PGlite always, PostgreSQL where there is a server. */
export const DATABASE_KINDS = ['pglite', 'postgres'] as const;

/** Opens a test database of a kind; undefined when PostgreSQL is not available outside CI. */
export function createTestDatabase(kind: (typeof DATABASE_KINDS)[number]): Promise<Database | undefined> {
  return kind === 'pglite' ? createPgliteTestDatabase() : createPostgresTestDatabase();
}
