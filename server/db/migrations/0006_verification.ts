import { sql, type Kysely } from 'kysely';

/** One statement per call: the PostgreSQL driver prepares each and refuses several at once. */
async function run(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*(?:\n|$)/).map((s) => s.trim()).filter(Boolean)) await sql.raw(statement).execute(db);
}

/**
 * Verification and identity (issue 8).
 *
 * - Holds: an appointment row with status `held` and `hold_expires_at`,
 *   covered by the same exclusion constraint as bookings, so nothing can
 *   double-book a held time. A constraint cannot read the clock, so an
 *   expired hold is removed by whoever needs its time (in the booking
 *   transaction) and by the worker's sweep; every read of busy times ignores
 *   a hold whose `hold_expires_at` has passed. `hold_token_hash` is the
 *   SHA-256 of the patient's hold id.
 * - `verification_codes`: one-time codes, stored as an HMAC only.
 * - `patient_sessions`: logged-in patients (SMS code or e-ID), by token hash.
 * - `spent_challenges`: solved captcha challenges, so a solution is used once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    ALTER TABLE appointments DROP CONSTRAINT appointments_no_overlap;
    ALTER TABLE appointments DROP CONSTRAINT appointments_status_check;
    ALTER TABLE appointments ADD CONSTRAINT appointments_status_check CHECK (status IN ('booked', 'cancelled', 'held'));
    ALTER TABLE appointments
      ADD COLUMN hold_expires_at timestamptz,
      ADD COLUMN hold_token_hash text UNIQUE,
      ADD CONSTRAINT appointments_hold_expiry CHECK ((status = 'held') = (hold_expires_at IS NOT NULL));
    ALTER TABLE appointments ADD CONSTRAINT appointments_no_overlap EXCLUDE USING gist (
      provider_id WITH =,
      tstzrange(starts_at, ends_at, '[)') WITH &&
    ) WHERE (status IN ('booked', 'held'));
    DROP INDEX appointments_provider_time;
    CREATE INDEX appointments_provider_time ON appointments (provider_id, starts_at) WHERE status IN ('booked', 'held');
    CREATE INDEX appointments_holds ON appointments (hold_expires_at) WHERE status = 'held';

    CREATE TABLE verification_codes (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
      handle_hash text NOT NULL UNIQUE,
      purpose text NOT NULL CHECK (purpose IN ('booking', 'login')),
      channel text NOT NULL CHECK (channel IN ('sms', 'email')),
      recipient text NOT NULL,
      code_hash text NOT NULL,
      hold_id uuid REFERENCES appointments ON DELETE SET NULL,
      wrong_tries integer NOT NULL DEFAULT 0,
      sends integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_sent_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      consumed_at timestamptz
    );
    CREATE INDEX verification_codes_expiry ON verification_codes (expires_at);

    CREATE TABLE patient_sessions (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      method text NOT NULL CHECK (method IN ('sms', 'eid')),
      mobile text,
      national_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      ended_at timestamptz,
      CHECK (mobile IS NOT NULL OR national_id IS NOT NULL)
    );
    CREATE INDEX patient_sessions_expiry ON patient_sessions (expires_at);

    CREATE TABLE spent_challenges (
      hash text PRIMARY KEY,
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX spent_challenges_expiry ON spent_challenges (expires_at);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    DROP TABLE IF EXISTS spent_challenges;
    DROP TABLE IF EXISTS patient_sessions;
    DROP TABLE IF EXISTS verification_codes;
    DELETE FROM appointments WHERE status = 'held';
    DROP INDEX IF EXISTS appointments_holds;
    ALTER TABLE appointments DROP CONSTRAINT appointments_no_overlap;
    ALTER TABLE appointments DROP CONSTRAINT appointments_hold_expiry;
    ALTER TABLE appointments DROP COLUMN hold_expires_at, DROP COLUMN hold_token_hash;
    ALTER TABLE appointments DROP CONSTRAINT appointments_status_check;
    ALTER TABLE appointments ADD CONSTRAINT appointments_status_check CHECK (status IN ('booked', 'cancelled'));
    ALTER TABLE appointments ADD CONSTRAINT appointments_no_overlap EXCLUDE USING gist (
      provider_id WITH =,
      tstzrange(starts_at, ends_at, '[)') WITH &&
    ) WHERE (status = 'booked');
    DROP INDEX appointments_provider_time;
    CREATE INDEX appointments_provider_time ON appointments (provider_id, starts_at) WHERE status = 'booked';
  `);
}
