import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { chromium, type Browser } from 'playwright-core';

/** The repository's root, where `server/main.ts` runs from. */
export const ROOT = new URL('../../../', import.meta.url).pathname;

/**
 * A free TCP port on the loopback interface.
 *
 * @example
 * const port = await freePort();
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

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

/**
 * Spawns `node --import tsx <entry>` in the repository (or node with `args`
 * in `cwd`) with `env` and
 * resolves once its stdout contains `ready` (rejects if it exits first or
 * after `limitMs`).
 *
 * @example
 * const worker = await startNodeProcess('server/messaging/worker-main.ts', { ...process.env, DATABASE_URL: url }, 'worker started');
 */
export async function startNodeProcess(entry: string | { cwd: string; args: string[] }, env: NodeJS.ProcessEnv, ready: string, limitMs = 90_000): Promise<ServerProcess> {
  const run = typeof entry === 'string' ? { cwd: ROOT, args: ['--import', 'tsx', entry] } : entry;
  const name = typeof entry === 'string' ? entry : entry.args.join(' ');
  const child = spawn(process.execPath, run.args, { cwd: run.cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let printed = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${name} did not start in ${limitMs} ms`)); }, limitMs);
    let seen = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      // Searched until found only: a server under load prints a log line per request.
      if (!seen && printed.includes(ready)) { seen = true; clearTimeout(timer); resolve(); }
    });
    void exited.then(({ code, signal }) => { clearTimeout(timer); reject(new Error(`${name} exited with ${code ?? signal} before it was ready`)); });
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
 * `npm start`'s server (`server/main.ts`) with `env`, resolved once it
 * prints that it listens; `output()` is everything it printed so far.
 * `entry` starts another entry (`server/api-main.ts`) through tsx, or
 * another build of it: node's arguments and where.
 *
 * @example
 * const server = await startServer({ ...process.env, PORT: String(port), DATA_DIR: dir });
 * const built = await startServer(env, { cwd: app, args: ['node_modules/opus-booking/dist/server/main.js'] });
 */
export function startServer(env: NodeJS.ProcessEnv, entry: string | { cwd: string; args: string[] } = 'server/main.ts'): Promise<ServerProcess> {
  return startNodeProcess(entry, env, 'listening');
}

/**
 * Headless Debian Chromium, as the browser tests run it.
 *
 * @example
 * const browser = await launchChromium();
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
