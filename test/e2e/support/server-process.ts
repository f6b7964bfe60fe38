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

/**
 * `npm start`'s server (`server/main.ts`) with `env`, resolved once it
 * prints that it listens; `output()` is everything it printed so far. `entry`
 * starts another entry (`server/api-main.ts`) or another build of it: a
 * source entry run through tsx, or node's arguments and where.
 *
 * @example
 * const server = await startServer({ ...process.env, PORT: String(port), DATA_DIR: dir });
 * const built = await startServer(env, { cwd: app, args: ['node_modules/opus-booking/dist/server/main.js'] });
 */
export async function startServer(
  env: NodeJS.ProcessEnv,
  entry: string | { cwd: string; args: string[] } = 'server/main.ts',
): Promise<{ process: ChildProcess; output: () => string; stop: () => Promise<void> }> {
  const run = typeof entry === 'string' ? { cwd: ROOT, args: ['--import', 'tsx', entry] } : entry;
  const child = spawn(process.execPath, run.args, { cwd: run.cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let printed = '';
  child.stdout!.on('data', (chunk: Buffer) => { printed += chunk.toString(); });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start')), 90_000);
    const check = () => { if (printed.includes('listening')) { clearTimeout(timer); resolve(); } };
    child.stdout!.on('data', check);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    process: child,
    output: () => printed,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
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
