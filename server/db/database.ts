import { Kysely, PostgresDialect, type Dialect, type Transaction } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import type { DB } from './tables.ts';
import { migrateToLatest } from './migrate.ts';
import { prepareMarkedStatements } from './prepared.ts';

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
  /**
   * How long a query waits for a pooled PostgreSQL connection, in ms; then it
   * fails as unavailable (`isDatabaseUnavailable`: 503). Unset: it waits as
   * long as it takes (servers pass DATABASE_POOL_TIMEOUT_MS, default 10000).
   */
  poolTimeoutMs?: number | undefined;
  /** Run migrations on open (default true). */
  migrate?: boolean | undefined;
}

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /**
   * Calls `onNotify` for each `NOTIFY <channel>` committed by anyone on this
   * database (another process too, on PostgreSQL). Answers the unsubscribe.
   */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
}

/** A notification channel name: a plain identifier, since LISTEN takes no parameters. */
function channelName(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`Not a channel name: ${channel}`);
  return channel;
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
  if (!isPostgres) {
    const database = await databaseOnPglite(await createPglite(options.dataDir));
    if (options.migrate !== false) await migrateToLatest(database.db);
    return database;
  }
  const db = new Kysely<DB>({ dialect: await postgresDialect(options.url!, { max: options.poolSize ?? 10, connectionTimeoutMillis: options.poolTimeoutMs ?? 0 }) });
  if (options.migrate !== false) await migrateToLatest(db);
  const listeners = new Set<() => Promise<void>>();
  return {
    db,
    kind: 'postgres',
    listen: async (channel, onNotify) => {
      const stop = await listenOnPostgres(options.url!, channelName(channel), onNotify);
      listeners.add(stop);
      return async () => { listeners.delete(stop); await stop(); };
    },
    close: async () => {
      await Promise.all([...listeners].map((stop) => stop()));
      await db.destroy();
    },
  };
}

/**
 * LISTEN on a connection of its own (a pooled one would be handed to other
 * queries). If the connection drops, notifications stop and the worker
 * falls back to polling, so a lost connection delays messages, never loses them.
 */
async function listenOnPostgres(url: string, channel: string, onNotify: () => void): Promise<() => Promise<void>> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  client.on('error', (error: Error & { code?: string }) => console.warn(`[opus] LISTEN ${channel} connection lost (${error.code ?? error.message}); polling continues`));
  client.on('notification', (message) => { if (message.channel === channel) onNotify(); });
  await client.connect();
  await client.query(`LISTEN ${channel}`);
  return async () => { await client.end().catch(() => {}); };
}

async function postgresDialect(url: string, limits: { max: number; connectionTimeoutMillis: number }): Promise<Dialect> {
  const { default: pg } = await import('pg');
  // Dates stay `YYYY-MM-DD` strings and counts numbers, as on PGlite.
  pg.types.setTypeParser(DATE_OID, (value: string) => value);
  pg.types.setTypeParser(INT8_OID, (value: string) => Number(value));
  // Without a connection timeout, a query waits for a free connection as long as the pool stays
  // exhausted; with one it fails ('timeout exceeded when trying to connect': a 503, not a hung request).
  const pool = new pg.Pool({ connectionString: url, ...limits });
  // A server restart or failover terminates idle connections; the pool drops
  // them and opens new ones. Without a listener that event would crash the process.
  pool.on('error', (error: Error & { code?: string }) => console.warn(`[opus] PostgreSQL dropped an idle connection (${error.code ?? error.message})`));
  // The pool listens only while a connection is idle: one dropped while checked out (between a
  // transaction's queries) would crash the process. Its next query fails instead; released, it is discarded.
  // Each connection also prepares the hot statements marked `preparedStatement()` once.
  pool.on('connect', (client) => {
    client.on('error', (error: Error & { code?: string }) => console.warn(`[opus] PostgreSQL dropped a connection in use (${error.code ?? error.message})`));
    prepareMarkedStatements(client as unknown as Parameters<typeof prepareMarkedStatements>[0]);
  });
  return new PostgresDialect({ pool });
}

/**
 * A PGlite instance with what the schema needs (btree_gist) and the same
 * type parsing as the PostgreSQL driver. `loadDataDir` fills a new, empty
 * `dataDir` from a tarball of `dumpDataDir()` (a restore).
 */
export async function createPglite(dataDir = 'memory://', loadDataDir?: Blob): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const pglite = new PGlite(dataDir, {
    ...(loadDataDir ? { loadDataDir } : {}),
    extensions: { btree_gist },
    parsers: { [DATE_OID]: (value: string) => value, [INT8_OID]: (value: string) => Number(value) },
  });
  await pglite.waitReady;
  return pglite;
}

/** Wraps an open PGlite instance (e.g. a clone of a migrated template in tests). */
export async function databaseOnPglite(pglite: PGlite): Promise<Database> {
  const { PgliteDialect } = await import('./pglite-dialect.ts');
  const db = new Kysely<DB>({ dialect: new PgliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    // Kysely closes the instance only if it ever connected: close it here too, or an unused one keeps the process alive.
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
    // LISTEN and UNLISTEN wait for the one connection: run inside a caller's open transaction, a rollback would undo
    // them while PGlite still believed it listened.
    listen: async (channel, onNotify) => {
      const unlisten = await db.connection().execute(() => pglite.listen(channelName(channel), () => onNotify()));
      return async () => { if (!pglite.closed) await db.connection().execute(() => unlisten()); };
    },
  };
}
