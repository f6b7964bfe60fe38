import { loadConfig } from '../config/config.ts';
import { runEntry } from '../ops/run-entry.ts';
import { startDatabase } from '../ops/start-database.ts';

/**
 * `npm run migrate`: brings the database of DATABASE_URL (or PGlite in
 * DATA_DIR) up to date and prints what it applied. Refuses, exit code 1 and
 * nothing written, a database migrated by a newer version.
 */
await runEntry('migrate', async () => {
  const config = loadConfig(process.env);
  const { database, applied } = await startDatabase(config, { migrate: true });
  await database.close();
  const where = config.DATABASE_URL ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  console.log(applied.length > 0 ? `[migrate] ${where}: applied ${applied.join(', ')}` : `[migrate] ${where}: already up to date`);
});
