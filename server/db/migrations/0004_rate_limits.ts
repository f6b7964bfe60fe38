import { sql, type Kysely } from 'kysely';

/**
 * Rate-limit counters (issue 8, item 7): one row per key and fixed window,
 * shared by every API process. Rows whose window has ended are deleted by
 * the limiter as it goes (`expires_at` indexed for that). And the server's
 * generated secrets (e.g. the key of the counters' hashes when no
 * RATE_LIMIT_SECRET is set), the same for every process of one database.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE rate_limit_counters (
      key text NOT NULL,
      window_start timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      count integer NOT NULL CHECK (count >= 0),
      PRIMARY KEY (key, window_start)
    )`.execute(db);
  await sql`CREATE INDEX rate_limit_counters_expires_at ON rate_limit_counters (expires_at)`.execute(db);
  await sql`CREATE TABLE server_secrets (name text PRIMARY KEY, value text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS server_secrets`.execute(db);
  await sql`DROP TABLE IF EXISTS rate_limit_counters`.execute(db);
}
