import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPglite, databaseOnPglite, openDatabase, type Database } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { createPostgresDatabase } from './postgres-server.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const TARBALL_PREFIX = 'opus-booking-pglite-migrated-';

/**
 * Where the migrated template of this code lives: a name hashed from what
 * makes the schema (the migrations, the database modules, PGlite's version),
 * so a changed migration gets a new template and never a stale one.
 */
function templatePath(): string {
  const migrations = join(ROOT, 'server', 'db', 'migrations');
  const inputs = [
    join(ROOT, 'server', 'db', 'migrate.ts'),
    join(ROOT, 'server', 'db', 'database.ts'),
    join(ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json'),
    ...readdirSync(migrations).sort().map((name) => join(migrations, name)),
  ];
  const hash = createHash('sha256');
  for (const file of inputs) hash.update(file.slice(ROOT.length)).update(readFileSync(file));
  return join(tmpdir(), `${TARBALL_PREFIX}${hash.digest('hex').slice(0, 20)}.tar`);
}

let tarball: Promise<Blob> | undefined;

/**
 * A tarball (PGlite's `dumpDataDir`) of a new PGlite database with every
 * migration applied. A new PGlite runs initdb (seconds of CPU) and the
 * migrations (more seconds); loading this tarball costs a fraction of that.
 * Made once and kept in the temporary directory, so every test process of a
 * run, and the next run, shares it.
 *
 * @example
 * const pglite = await createPglite('memory://', await migratedPgliteTarball());
 */
export function migratedPgliteTarball(): Promise<Blob> {
  tarball ??= (async () => {
    const file = templatePath();
    try {
      return new Blob([await readFile(file)]);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const pglite = await createPglite();
    const migrating = await databaseOnPglite(pglite);
    await migrateToLatest(migrating.db);
    const dump = await pglite.dumpDataDir('none');
    await migrating.close();
    removeStaleTemplates();
    // Written aside and renamed: a process starting at the same time reads a whole file or none.
    const partial = `${file}.${process.pid}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  })();
  return tarball;
}

/** Templates of other schemas (other checkouts may still use recent ones) older than a day. */
function removeStaleTemplates(): void {
  const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(TARBALL_PREFIX))) {
    const path = join(tmpdir(), name);
    try {
      if (statSync(path).mtimeMs < dayAgo) rmSync(path, { force: true });
    } catch {
      // another process removed it first
    }
  }
}

/**
 * A fresh, migrated in-memory PGlite database, loaded from the migrated
 * template (`migratedPgliteTarball`) instead of running initdb and the
 * migrations again.
 *
 * @example
 * const { db, close } = await createPgliteTestDatabase();
 */
export async function createPgliteTestDatabase(): Promise<Database> {
  return databaseOnPglite(await createPglite('memory://', await migratedPgliteTarball()));
}

/**
 * Fills a new, empty PGlite data directory with the migrated template, as
 * `npm run restore` fills one from a backup: for a server process whose test
 * is about what it serves, not about its first start's initdb and migrations.
 *
 * @example
 * await restoreMigratedPglite(dataDir);
 * await startServer({ ...process.env, DATA_DIR: dataDir });
 */
export async function restoreMigratedPglite(dataDir: string): Promise<void> {
  const pglite = await createPglite(dataDir, await migratedPgliteTarball());
  await pglite.close();
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
