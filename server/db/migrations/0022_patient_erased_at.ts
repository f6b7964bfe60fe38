import { sql, type Kysely } from 'kysely';

/**
 * An erased patient (issue 11.5) stays as a blank record with `erased_at`:
 * the id is all that is left, so a second erasure is recognised from the
 * record itself, however long ago (the audit log's entry is purged after its
 * retention). The national id goes (NULL: no booking's upsert by national id
 * finds the row) and the check keeps every personal field of an erased
 * record empty. Erasures done before this migration (recorded only in the
 * audit log, the record deleted) get their blank record back.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE patients ADD COLUMN erased_at timestamptz`.execute(db);
  await sql`ALTER TABLE patients ALTER COLUMN national_id DROP NOT NULL`.execute(db);
  await sql`ALTER TABLE patients ADD CONSTRAINT patients_erased_blank CHECK (CASE WHEN erased_at IS NULL THEN national_id IS NOT NULL ELSE
    national_id IS NULL AND first_name = '' AND last_name = '' AND mobile IS NULL AND email IS NULL AND address1 IS NULL AND address2 IS NULL
    AND postal_code IS NULL AND city IS NULL AND next_recall_date IS NULL END)`.execute(db);
  await sql`
    INSERT INTO patients (id, organization_id, first_name, last_name, national_id, wants_sms, mobile_verified, created_at, erased_at)
      SELECT DISTINCT ON (a.organization_id, a.target_id) a.target_id::uuid, a.organization_id, '', '', NULL, false, false, a.at, a.at
      FROM audit_log a
      WHERE a.action = 'patient.erase' AND a.target_type = 'patient' AND a.target_id ~ '^[0-9a-f-]{36}$'
        AND NOT EXISTS (SELECT 1 FROM patients p WHERE p.id = a.target_id::uuid)
      ORDER BY a.organization_id, a.target_id, a.at`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM patients WHERE erased_at IS NOT NULL`.execute(db);
  await sql`ALTER TABLE patients DROP CONSTRAINT patients_erased_blank`.execute(db);
  await sql`ALTER TABLE patients ALTER COLUMN national_id SET NOT NULL`.execute(db);
  await sql`ALTER TABLE patients DROP COLUMN erased_at`.execute(db);
}
