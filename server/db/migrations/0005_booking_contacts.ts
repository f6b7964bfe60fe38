import { sql, type Kysely } from 'kysely';

/**
 * What an online booking typed (issue 8, item 4): the name, mobile, e-mail
 * and SMS wish given in that booking. A national id is no secret, so a
 * booking that lands on an existing patient's record shows and messages these,
 * never the record's. Null for staff appointments and rows made before: they
 * use the record.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE appointments
      ADD COLUMN contact_first_name text,
      ADD COLUMN contact_last_name text,
      ADD COLUMN contact_mobile text,
      ADD COLUMN contact_email text,
      ADD COLUMN contact_wants_sms boolean
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE appointments
      DROP COLUMN IF EXISTS contact_first_name,
      DROP COLUMN IF EXISTS contact_last_name,
      DROP COLUMN IF EXISTS contact_mobile,
      DROP COLUMN IF EXISTS contact_email,
      DROP COLUMN IF EXISTS contact_wants_sms
  `.execute(db);
}
