import { resolve } from 'node:path';
import { loadConfig } from '../config/config.ts';
import { BackupError, backupPglite, backupPostgres, restorePglite, restorePostgres } from './backup.ts';

const USAGE = `Usage: npm run backup -- <file>
       npm run restore -- <file>

On the database \`npm start\` uses: DATABASE_URL (PostgreSQL), else PGlite in
DATA_DIR (default ./data).

  backup   PostgreSQL: pg_dump --format=custom, servers may keep running.
           PGlite: a .tar.gz of the data directory; stop the server first.
  restore  Into a NEW place only: an empty database (createdb, then
           DATABASE_URL) or a new or empty DATA_DIR. Then start the server
           on it; it runs any newer migrations.

docs/operations.md, "Backups", has the schedule and the restore drill.`;

/** `npm run backup` / `npm run restore`: exit code 0 on success, 1 on any error (message on stderr). */
async function main([command, file, ...rest]: string[]): Promise<number> {
  if (command === '--help' || file === '--help' || file === '-h') {
    console.log(USAGE);
    return 0;
  }
  if ((command !== 'backup' && command !== 'restore') || !file || rest.length > 0) {
    console.error(`error: give one file\n\n${USAGE}`);
    return 1;
  }
  const { DATABASE_URL: url, dataDir } = loadConfig(process.env);
  const path = resolve(file);
  try {
    if (command === 'backup') await (url ? backupPostgres(url, path) : backupPglite(dataDir, path));
    else await (url ? restorePostgres(path, url) : restorePglite(path, dataDir));
    console.log(`${command === 'backup' ? 'Backed up to' : 'Restored from'} ${path} (${url ? 'PostgreSQL' : `PGlite in ${dataDir}`})`);
    return 0;
  } catch (error) {
    console.error(`error: ${error instanceof BackupError ? error.message : error instanceof Error ? error.stack : String(error)}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
