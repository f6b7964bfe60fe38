import { sql, type Kysely } from 'kysely';

/**
 * Which mobile numbers were proved (issue 8): an SMS login reaches a patient
 * record by its mobile only when that number was proved, and an online
 * booking by its typed mobile only when the booking proved it (an SMS code or
 * an SMS login). A record created by a booking that proved nothing (a bot
 * check, an e-mail code, "skip confirmation") keeps `mobile_verified` false;
 * records from before, or written by staff, are the clinic's own data (true).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE patients ADD COLUMN mobile_verified boolean NOT NULL DEFAULT true`.execute(db);
  await sql`ALTER TABLE appointments ADD COLUMN contact_mobile_verified boolean NOT NULL DEFAULT false`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE appointments DROP COLUMN IF EXISTS contact_mobile_verified`.execute(db);
  await sql`ALTER TABLE patients DROP COLUMN IF EXISTS mobile_verified`.execute(db);
}
