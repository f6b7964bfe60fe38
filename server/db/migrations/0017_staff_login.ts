import { sql, type Kysely } from 'kysely';

const KINDS_BEFORE = `'reminder1', 'reminder2', 'reminder3', 'general', 'note', 'recall', 'thanks', 'booked', 'rebooked', 'cancelled', 'code'`;

/**
 * Staff login (issue 9, staff slice): the last TOTP time step a user's code
 * was accepted for, so a code works once; and the two staff e-mails in the
 * outbox, the invite and the password reset (their links are blanked from
 * the stored body once settled, like one-time codes).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE staff_users ADD COLUMN totp_last_step bigint`.execute(db);
  await sql`ALTER TABLE messages DROP CONSTRAINT messages_kind_check`.execute(db);
  await sql.raw(`ALTER TABLE messages ADD CONSTRAINT messages_kind_check CHECK (kind IN (${KINDS_BEFORE}, 'staff_invite', 'password_reset'))`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM messages WHERE kind IN ('staff_invite', 'password_reset')`.execute(db);
  await sql`ALTER TABLE messages DROP CONSTRAINT messages_kind_check`.execute(db);
  await sql.raw(`ALTER TABLE messages ADD CONSTRAINT messages_kind_check CHECK (kind IN (${KINDS_BEFORE}))`).execute(db);
  await sql`ALTER TABLE staff_users DROP COLUMN IF EXISTS totp_last_step`.execute(db);
}
