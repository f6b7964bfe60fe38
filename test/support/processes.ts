import { spawn, type ChildProcess } from 'node:child_process';
import { freePort, ROOT } from '../e2e/support/server-process.ts';

/**
 * The server's processes as production runs them, for load benchmarks and
 * fault tests: the one place that knows their commands and environment.
 */

/** A running child process of the server. */
export interface ServerProcess {
  process: ChildProcess;
  /** Everything it printed on stdout so far. */
  output(): string;
  /** Resolves with its exit code (null when a signal ended it) and that signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then waits for it to exit; answers the exit code. Does nothing once it exited. */
  stop(): Promise<number | null>;
}

/** An API process: a `ServerProcess` with its loopback address. */
export interface ApiProcess extends ServerProcess {
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
}

/**
 * Spawns `node --import tsx <entry>` in the repository with `env` and
 * resolves once its stdout contains `ready` (rejects if it exits first or
 * after `limitMs`).
 *
 * @example
 * const worker = await startNodeProcess('server/messaging/worker-main.ts', { ...process.env, DATABASE_URL: url }, 'worker started');
 */
export async function startNodeProcess(entry: string, env: NodeJS.ProcessEnv, ready: string, limitMs = 90_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let printed = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${entry} did not start in ${limitMs} ms`)); }, limitMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      if (printed.includes(ready)) { clearTimeout(timer); resolve(); }
    });
    void exited.then(({ code, signal }) => { clearTimeout(timer); reject(new Error(`${entry} exited with ${code ?? signal} before it was ready`)); });
  });
  return {
    process: child,
    output: () => printed,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return (await exited).code;
    },
  };
}

/**
 * An API process (no outbox worker, no demo seeding: the caller migrates and
 * seeds first) on PostgreSQL at `databaseUrl`, listening on loopback.
 *
 * @example
 * const api = await startApi({ databaseUrl: server.url });
 * await fetch(`${api.url}/api/v1/organizations/demo/clinics`);
 * await api.stop();
 */
export async function startApi(options: { databaseUrl: string; port?: number; env?: NodeJS.ProcessEnv }): Promise<ApiProcess> {
  const port = options.port ?? await freePort();
  const env = { ...process.env, DATABASE_URL: options.databaseUrl, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...options.env };
  const started = await startNodeProcess('server/api-main.ts', env, 'listening'); // npm run start:api

  return { ...started, port, url: `http://127.0.0.1:${port}` };
}

/**
 * An outbox worker process on PostgreSQL at `databaseUrl`; `env` adds its
 * gateway and timing (SMS_GATEWAY, SMS_SINK_FILE, MESSAGING_WORKER_LEASE_MS…).
 *
 * @example
 * const worker = await startWorker({ databaseUrl: server.url, env: { SMS_SINK_FILE: '/tmp/sms.jsonl' } });
 */
export function startWorker(options: { databaseUrl: string; env?: NodeJS.ProcessEnv }): Promise<ServerProcess> {
  return startNodeProcess('server/messaging/worker-main.ts', { ...process.env, DATABASE_URL: options.databaseUrl, ...options.env }, 'worker started'); // npm run start:worker
}
