import { sql, type Kysely } from 'kysely';

/**
 * API keys (issue 9.1): a visible prefix for listing, scopes, and when a key
 * was last used. Keys made before keep every scope (they were full keys);
 * their prefix is unknown (only the hash was stored), so it stays empty.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE api_keys ADD COLUMN prefix text NOT NULL DEFAULT ''`.execute(db);
  await sql`ALTER TABLE api_keys ADD COLUMN scopes jsonb NOT NULL DEFAULT '["read","write","messaging"]'`.execute(db);
  await sql`ALTER TABLE api_keys ADD COLUMN last_used_at timestamptz`.execute(db);
  await sql`CREATE INDEX api_keys_organization ON api_keys (organization_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS api_keys_organization`.execute(db);
  await sql`ALTER TABLE api_keys DROP COLUMN IF EXISTS last_used_at`.execute(db);
  await sql`ALTER TABLE api_keys DROP COLUMN IF EXISTS scopes`.execute(db);
  await sql`ALTER TABLE api_keys DROP COLUMN IF EXISTS prefix`.execute(db);
}
