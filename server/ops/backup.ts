import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { createPglite } from '../db/database.ts';

const run = promisify(execFile);

/**
 * Backups and restores (issue 11.7), for `npm run backup` / `npm run restore`
 * (server/ops/backup-cli.ts) and docs/operations.md:
 *
 * - PGlite: a gzipped tarball of the data directory made by PGlite's own
 *   `dumpDataDir()`, with the server STOPPED (PGlite is one process at a
 *   time; a running server is refused by its `postmaster.pid`). Restored
 *   into a new, empty directory.
 * - PostgreSQL: `pg_dump --format=custom` while the servers run (a
 *   consistent snapshot), restored with `pg_restore` into a new, empty
 *   database. The password travels in PGPASSWORD, never on a command line.
 */

/** A backup or restore that must not go ahead; the CLI prints the message and exits 1. */
export class BackupError extends Error {}

/**
 * Writes a tarball of a stopped server's PGlite data directory to `file`.
 *
 * @example
 * await backupPglite('./data', '/var/backups/opus/2026-12-01.tar.gz');
 */
export async function backupPglite(dataDir: string, file: string): Promise<void> {
  if (!existsSync(join(dataDir, 'PG_VERSION'))) throw new BackupError(`${dataDir} holds no PGlite database`);
  if (existsSync(join(dataDir, 'postmaster.pid'))) {
    throw new BackupError(`${dataDir} is in use (postmaster.pid): stop the server first. If no process uses it, it was not shut down cleanly: start and stop the server once, then back up.`);
  }
  const pglite = await createPglite(dataDir);
  try {
    const tarball = await pglite.dumpDataDir('gzip');
    await writeFile(file, Buffer.from(await tarball.arrayBuffer()));
  } finally {
    await pglite.close();
  }
}

/**
 * Fills a new or empty `dataDir` from a tarball made by `backupPglite`.
 *
 * @example
 * await restorePglite('/var/backups/opus/2026-12-01.tar.gz', './data-restored');
 */
export async function restorePglite(file: string, dataDir: string): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) throw new BackupError(`${dataDir} is not empty: restore into a new directory`);
  const tarball = new Blob([await readFile(file)]);
  const pglite = await createPglite(dataDir, tarball);
  await pglite.close();
}

/**
 * `pg_dump --format=custom` of the database at `url` into `file`.
 *
 * @example
 * await backupPostgres(process.env.DATABASE_URL!, '/var/backups/opus/2026-12-01.dump');
 */
export async function backupPostgres(url: string, file: string): Promise<void> {
  const { dbname, env } = connection(url);
  await postgresTool('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${dbname}`], env);
}

/**
 * `pg_restore` of a `backupPostgres` file into the EMPTY database at `url`,
 * in one transaction: it is restored whole or not at all.
 *
 * @example
 * await restorePostgres('/var/backups/opus/2026-12-01.dump', 'postgres://opus@db/opus_restored');
 */
export async function restorePostgres(file: string, url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`);
    if (rows[0]!.n > 0) throw new BackupError('The target database is not empty: restore into a new database (createdb), then point DATABASE_URL at it');
  } finally {
    await client.end();
  }
  const { dbname, env } = connection(url);
  await postgresTool('pg_restore', ['--no-owner', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`, file], env);
}

/** The URL without its password (for the command line) and the password in the environment. */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** Runs pg_dump or pg_restore: from PG_BINDIR, else PATH, else Debian's newest /usr/lib/postgresql/<version>/bin. */
async function postgresTool(name: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await run(toolPath(name, env), args, { env, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new BackupError(`${name} failed: ${stderr || (error as Error).message}`);
  }
}

function toolPath(name: string, env: NodeJS.ProcessEnv): string {
  if (env.PG_BINDIR) return join(env.PG_BINDIR, name);
  const onPath = (env.PATH ?? '').split(':').find((dir) => dir && existsSync(join(dir, name)));
  if (onPath) return join(onPath, name);
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', name))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions[0]) return join(root, versions[0], 'bin', name);
  throw new BackupError(`${name} not found: install PostgreSQL's client tools (same major version as the server or newer) or set PG_BINDIR`);
}
