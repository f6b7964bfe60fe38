import { sql, type Kysely } from 'kysely';

/** One statement per call: the PostgreSQL driver prepares each and refuses several at once. */
async function run(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*(?:\n|$)/).map((s) => s.trim()).filter(Boolean)) await sql.raw(statement).execute(db);
}

/**
 * The appointment book (issue 9.4, 9.6).
 *
 * - `attendance`: attended / no-show, marked by staff; the row stays
 *   `booked`, so it keeps its time in the exclusion constraint.
 * - `external_id`: the practice system's own id of an appointment (inbound
 *   sync), unique per organization where set, so a repeated create finds the
 *   first one.
 * - Patient search by name, e-mail and mobile, and the recall search (S11).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    ALTER TABLE appointments
      ADD COLUMN attendance text CHECK (attendance IN ('attended', 'no_show')),
      ADD COLUMN external_id text CHECK (external_id IS NULL OR length(external_id) BETWEEN 1 AND 200);
    CREATE UNIQUE INDEX appointments_external_id ON appointments (organization_id, external_id) WHERE external_id IS NOT NULL;
    CREATE INDEX appointments_book ON appointments (organization_id, starts_at) WHERE status IN ('booked', 'cancelled');
    CREATE INDEX patients_name ON patients (organization_id, last_name, first_name, id);
    CREATE INDEX patients_mobile ON patients (organization_id, mobile) WHERE mobile IS NOT NULL;
    CREATE INDEX patients_recall ON patients (organization_id, next_recall_date, id) WHERE next_recall_date IS NOT NULL;
    CREATE INDEX pending_patient_changes_list ON pending_patient_changes (organization_id, status, created_at, id)
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    DROP INDEX IF EXISTS pending_patient_changes_list;
    DROP INDEX IF EXISTS patients_recall;
    DROP INDEX IF EXISTS patients_mobile;
    DROP INDEX IF EXISTS patients_name;
    DROP INDEX IF EXISTS appointments_book;
    DROP INDEX IF EXISTS appointments_external_id;
    ALTER TABLE appointments DROP COLUMN IF EXISTS external_id, DROP COLUMN IF EXISTS attendance
  `);
}
