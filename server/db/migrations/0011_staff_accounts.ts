import { sql, type Kysely } from 'kysely';

/** One statement per call: the PostgreSQL driver prepares each and refuses several at once. */
async function run(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*(?:\n|$)/).map((s) => s.trim()).filter(Boolean)) await sql.raw(statement).execute(db);
}

/**
 * Staff accounts and the audit log (issue 9.1).
 *
 * - `staff_users`: one login per organization and e-mail (stored lower-case),
 *   a role, an argon2id password hash (null until an invite is accepted), an
 *   optional TOTP second factor, the lockout counter.
 * - `staff_sessions`: console logins by token hash, each with the hash of its
 *   CSRF token.
 * - `staff_tokens`: single-use invite and password-reset links, by hash.
 * - `audit_log`: every change made through the admin API, by whom (a staff
 *   user or an API key), with before/after where a setting changed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    CREATE TABLE staff_users (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
      email text NOT NULL CHECK (email = lower(email)),
      name text NOT NULL DEFAULT '',
      role text NOT NULL CHECK (role IN ('owner', 'admin', 'reception')),
      password_hash text,
      totp_secret text,
      totp_enabled boolean NOT NULL DEFAULT false,
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      disabled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (organization_id, email)
    );

    CREATE TABLE staff_sessions (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES staff_users ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      csrf_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      ended_at timestamptz
    );
    CREATE INDEX staff_sessions_user ON staff_sessions (user_id);
    CREATE INDEX staff_sessions_expiry ON staff_sessions (expires_at);

    CREATE TABLE staff_tokens (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES staff_users ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('invite', 'reset')),
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );
    CREATE INDEX staff_tokens_user ON staff_tokens (user_id);

    CREATE TABLE audit_log (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
      at timestamptz NOT NULL DEFAULT now(),
      actor_kind text NOT NULL CHECK (actor_kind IN ('staff', 'api_key', 'system')),
      actor_id uuid,
      actor_label text NOT NULL,
      action text NOT NULL,
      target_type text NOT NULL,
      target_id text,
      before jsonb,
      after jsonb
    );
    CREATE INDEX audit_log_organization ON audit_log (organization_id, at DESC, id)
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    DROP TABLE IF EXISTS audit_log;
    DROP TABLE IF EXISTS staff_tokens;
    DROP TABLE IF EXISTS staff_sessions;
    DROP TABLE IF EXISTS staff_users
  `);
}
