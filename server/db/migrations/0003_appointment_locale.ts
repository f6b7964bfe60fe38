import { sql, type Kysely } from 'kysely';

/**
 * The language an appointment was booked in (issue 7): its manage link opens
 * in it. Null for appointments made before, by staff, or through the API
 * without one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE appointments ADD COLUMN locale text CHECK (locale IN ('nb', 'sv', 'en'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE appointments DROP COLUMN IF EXISTS locale`.execute(db);
}
