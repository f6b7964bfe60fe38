import { Kysely, PostgresDialect, type Dialect, type Transaction } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import type { DB } from './tables.ts';
import { migrateToLatest } from './migrate.ts';

export type Db = Kysely<DB>;

/** A database handle or an open transaction: repositories take either. */
export type Executor = Kysely<DB> | Transaction<DB>;

export interface DatabaseOptions {
  /** `postgres://…` selects a PostgreSQL server; otherwise PGlite is used. */
  url?: string | undefined;
  /** PGlite's data directory; `memory://` (the default) keeps it in memory. */
  dataDir?: string | undefined;
  /** Connections in the PostgreSQL pool (default 10). */
  poolSize?: number | undefined;
  /** Run migrations on open (default true). */
  migrate?: boolean | undefined;
}

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

const DATE_OID = 1082;
const INT8_OID = 20;

/**
 * Opens the database: PGlite (embedded PostgreSQL, no server to install) by
 * default, a PostgreSQL server when `url` is a `postgres://` URL. Both speak
 * the same SQL and run the same migrations.
 *
 * @example
 * const { db, close } = await openDatabase({ dataDir: './data' });
 * const { db: pgDb } = await openDatabase({ url: process.env.DATABASE_URL });
 */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const isPostgres = options.url !== undefined && /^postgres(ql)?:\/\//.test(options.url);
  const dialect = isPostgres ? await postgresDialect(options.url!, options.poolSize ?? 10) : await pgliteDialect(options.dataDir);
  const db = new Kysely<DB>({ dialect });
  if (options.migrate !== false) await migrateToLatest(db);
  return { db, kind: isPostgres ? 'postgres' : 'pglite', close: () => db.destroy() };
}

async function postgresDialect(url: string, max: number): Promise<Dialect> {
  const { default: pg } = await import('pg');
  // Dates stay `YYYY-MM-DD` strings and counts numbers, as on PGlite.
  pg.types.setTypeParser(DATE_OID, (value: string) => value);
  pg.types.setTypeParser(INT8_OID, (value: string) => Number(value));
  const pool = new pg.Pool({ connectionString: url, max });
  // A server restart or failover terminates idle connections; the pool drops
  // them and opens new ones. Without a listener that event would crash the process.
  pool.on('error', (error: Error & { code?: string }) => console.warn(`[opus] PostgreSQL dropped an idle connection (${error.code ?? error.message})`));
  return new PostgresDialect({ pool });
}

async function pgliteDialect(dataDir: string | undefined): Promise<Dialect> {
  const { PGliteDialect } = await import('kysely-pglite-dialect');
  return new PGliteDialect(await createPglite(dataDir));
}

/**
 * A PGlite instance with what the schema needs (btree_gist) and the same
 * type parsing as the PostgreSQL driver.
 */
export async function createPglite(dataDir = 'memory://'): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const pglite = new PGlite(dataDir, {
    extensions: { btree_gist },
    parsers: { [DATE_OID]: (value: string) => value, [INT8_OID]: (value: string) => Number(value) },
  });
  await pglite.waitReady;
  return pglite;
}

/** Wraps an open PGlite instance (e.g. a clone of a migrated template in tests). */
export async function databaseOnPglite(pglite: PGlite): Promise<Database> {
  const { PGliteDialect } = await import('kysely-pglite-dialect');
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}
