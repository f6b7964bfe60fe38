import { ConfigError } from '../config/config.ts';
import { UnknownMigrationsError } from '../db/migrate.ts';
import { describeError } from '../logging/describe-error.ts';

/**
 * Runs an entry point's start; a start that fails (a bad variable, a
 * database migrated by a newer version, one that cannot be reached) prints
 * its reason on stderr and exits 1.
 *
 * @example
 * await runEntry('opus', () => startApi(loadConfig(process.env), 'api'));
 */
export async function runEntry(name: string, start: () => Promise<void>): Promise<void> {
  try {
    await start();
  } catch (error) {
    const known = error instanceof ConfigError || error instanceof UnknownMigrationsError;
    console.error(`[${name}] cannot start: ${known ? error.message : describeError(error)}`);
    process.exit(1);
  }
}
