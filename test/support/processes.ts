import { freePort, ROOT, startNodeProcess, startServer, type ServerProcess } from '../e2e/support/server-process.ts';

export type { ServerProcess };

/**
 * The server's processes as production runs them, for load benchmarks and
 * fault tests: the one place that knows their commands and environment.
 */

/** An API process: a `ServerProcess` with its loopback address. */
export interface ApiProcess extends ServerProcess {
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
}

/**
 * An API process (no outbox worker, no demo seeding: the caller migrates and
 * seeds first) on PostgreSQL at `databaseUrl`, listening on loopback;
 * `nodeArgs` go to node before the entry (`--cpu-prof`, which NODE_OPTIONS refuses).
 *
 * @example
 * const api = await startApi({ databaseUrl: server.url });
 * await fetch(`${api.url}/api/v1/organizations/demo/clinics`);
 * await api.stop();
 */
export async function startApi(options: { databaseUrl: string; port?: number; env?: NodeJS.ProcessEnv; nodeArgs?: string[] }): Promise<ApiProcess> {
  const port = options.port ?? await freePort();
  const env = { ...process.env, DATABASE_URL: options.databaseUrl, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...options.env };
  const entry = 'server/api-main.ts'; // npm run start:api
  const started = await startServer(env, options.nodeArgs ? { cwd: ROOT, args: [...options.nodeArgs, '--import', 'tsx', entry] } : entry);

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
