import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

type Env = Record<string, string | undefined>;

/**
 * Where `npm start` and `npm run org` keep their data: PostgreSQL when
 * DATABASE_URL is set, otherwise PGlite in DATA_DIR (default ./data, created
 * if missing). `dataDir` also holds local files such as the SMS sink.
 *
 * @example
 * const { url, dataDir } = databaseFromEnv(process.env);
 * const database = await openDatabase({ url, dataDir });
 */
export function databaseFromEnv(env: Env): { url: string | undefined; dataDir: string } {
  const url = env.DATABASE_URL || undefined;
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  if (!url) mkdirSync(dataDir, { recursive: true });
  return { url, dataDir };
}

/**
 * The address patients reach the server at: PUBLIC_URL, or localhost on PORT (default 3000).
 *
 * @example
 * const bookingPage = `${publicUrlFromEnv(process.env)}/o/demo/`;
 */
export function publicUrlFromEnv(env: Env): string {
  return (env.PUBLIC_URL ?? `http://localhost:${portFromEnv(env)}`).replace(/\/+$/, '');
}

/**
 * The port `npm start` listens on: PORT, default 3000.
 *
 * @example
 * serve({ fetch: app.fetch, port: portFromEnv(process.env) });
 */
export function portFromEnv(env: Env): number {
  return Number(env.PORT ?? 3000);
}
