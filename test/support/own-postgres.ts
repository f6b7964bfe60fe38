import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../e2e/support/server-process.ts';

const run = promisify(execFile);

/** A PostgreSQL server of one test's own, which the test may stop and start again. */
export interface OwnPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (the same after a restart). */
  url: string;
  /** Stops the server (`pg_ctl stop -m fast`: open connections are cut), keeping its data. */
  halt(): Promise<void>;
  /** Starts the halted server again on the same port and data. */
  resume(): Promise<void>;
  /** Stops it for good and deletes its data. Safe to call twice. */
  destroy(): Promise<void>;
}

/**
 * Starts a throwaway PostgreSQL server with `scripts/postgres.sh` under a
 * state file of its own (not the suite's shared server, which other test
 * files use): for fault tests that stop the database under load.
 *
 * @example
 * const pg = await startOwnPostgres('fault-pg');
 * await pg.halt(); await pg.resume();
 * await pg.destroy();
 */
export async function startOwnPostgres(name: string): Promise<OwnPostgres> {
  const stateFile = join(tmpdir(), `opus-booking-postgres-${name}-${process.pid}.state`);
  const env = { ...process.env, OPUS_PG_STATE_FILE: stateFile, OPUS_PG_OWNER_PID: String(process.pid) };
  const script = join(ROOT, 'scripts/postgres.sh');
  await run('bash', [script, 'start'], { env });
  const state = Object.fromEntries(readFileSync(stateFile, 'utf8').trim().split('\n').map((line) => line.split('=', 2) as [string, string]));
  const dataDir = join(state.dir!, 'data');
  // As root the server runs as `postgres`, as scripts/postgres.sh runs it.
  const pgCtl = (...args: string[]) => {
    const command = [join(state.bindir!, 'pg_ctl'), '-D', dataDir, ...args];
    return process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', ...command], { cwd: '/' }) : run(command[0]!, command.slice(1), { cwd: '/' });
  };
  let destroyed: Promise<void> | undefined;
  return {
    url: `postgres://postgres@127.0.0.1:${state.port}/postgres`,
    halt: async () => { await pgCtl('-m', 'fast', '-w', '-t', '60', 'stop'); },
    resume: async () => { await pgCtl('-l', join(state.dir!, 'postgres.log'), '-o', `-p ${state.port}`, '-w', '-t', '60', 'start'); },
    destroy: () => (destroyed ??= run('bash', [script, 'stop'], { env }).then(() => {})),
  };
}
