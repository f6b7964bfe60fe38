import { createServer } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { startNodeProcess, type ServerProcess } from '../../support/processes.ts';

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
 * prints that it listens; `output()` is everything it printed so far.
 *
 * @example
 * const server = await startServer({ ...process.env, PORT: String(port), DATA_DIR: dir });
 */
export async function startServer(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  return startNodeProcess('server/main.ts', env, 'listening');
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
