import { sql, type Kysely } from 'kysely';

/**
 * e-ID logins in flight (issue 8.6): what `auth/eid/start` must remember for
 * `auth/eid/callback` — the PKCE verifier, the nonce, where to return and, in
 * popup mode, the opener's origin — keyed by the SHA-256 of the OAuth state
 * (the state itself travels only through the browser). A row is deleted when
 * its callback arrives (single use) and is worthless after `expires_at`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE eid_logins (
      state_hash text PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
      browser_hash text NOT NULL,
      nonce text NOT NULL,
      code_verifier text NOT NULL,
      return_to text NOT NULL,
      mode text NOT NULL CHECK (mode IN ('redirect', 'popup')),
      origin text,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      CHECK ((mode = 'popup') = (origin IS NOT NULL))
    )`.execute(db);
  await sql`CREATE INDEX eid_logins_expiry ON eid_logins (expires_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS eid_logins`.execute(db);
}
