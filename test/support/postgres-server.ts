import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { ClientConfig } from 'pg';

/** A database of its own on the test PostgreSQL server. */
export interface PostgresTestServerDatabase {
  /** `postgres://…/opus_test_<hex>`: the server's URL with this database's name. */
  url: string;
  /**
   * Drops the database WITH (FORCE), terminating connections still open to it
   * (close your pool first, or give it an `error` listener). Safe to call twice.
   */
  drop(): Promise<void>;
}

/** True when running in CI, where PostgreSQL tests must never be skipped. */
function inCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/** The URL without its password, for messages. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

async function withClient<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const config: ClientConfig = { connectionString: serverUrl, connectionTimeoutMillis: 60_000 };
  const client = new pg.Client(config);
  client.on('error', () => {}); // a dropped connection surfaces through the query instead
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Cannot connect to the test PostgreSQL server at TEST_DATABASE_URL=${redacted(serverUrl)} ` +
        '(start one with `bash scripts/postgres.sh start` and `export TEST_DATABASE_URL=$(bash scripts/postgres.sh url)`, or run `npm test`)',
      { cause: error },
    );
  }
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Creates a fresh, empty database on the test PostgreSQL server named by
 * `TEST_DATABASE_URL` (which `npm test` sets, see scripts/test.sh), so each
 * caller gets its own database on one shared server.
 *
 * When `TEST_DATABASE_URL` is unset it returns `undefined` and the caller
 * skips its PostgreSQL tests — except in CI (`CI` set), where it throws, so
 * CI can never silently skip them.
 *
 * @example
 * const server = await createPostgresDatabase();
 * describe('on PostgreSQL', { skip: server ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
 *   after(() => server?.drop());
 *   test('connects', async () => {
 *     const pool = new pg.Pool({ connectionString: server!.url });
 *     // … use the database, then: await pool.end();
 *   });
 * });
 */
export async function createPostgresDatabase(): Promise<PostgresTestServerDatabase | undefined> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl === undefined || serverUrl === '') {
    if (inCi()) {
      throw new Error(
        'TEST_DATABASE_URL is not set, but CI is: PostgreSQL tests must not be skipped in CI. ' +
          'Run the tests with `npm test` (scripts/test.sh starts a PostgreSQL server and sets it).',
      );
    }
    return undefined;
  }

  // Only [a-z0-9_]: safe to put in SQL without quoting.
  const name = `opus_test_${randomBytes(8).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;

  let dropping: Promise<void> | undefined;
  return {
    url: url.toString(),
    drop: () =>
      (dropping ??= withClient(serverUrl, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      })),
  };
}
