import { sql, type Kysely } from 'kysely';

/**
 * One-time code messages (issue 8, item 1) jump the queue: `priority` above
 * 0 is claimed before every other due message and is never held by quiet
 * hours (a patient waits for the code now). The claim's index orders by it.
 * A verification keeps the language its code went in, for a resend.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE messages ADD COLUMN priority smallint NOT NULL DEFAULT 0`.execute(db);
  await sql`CREATE INDEX messages_claim_order ON messages (priority DESC, send_at) WHERE status IN ('waiting', 'retrying')`.execute(db);
  await sql`ALTER TABLE verification_codes ADD COLUMN locale text CHECK (locale IN ('nb', 'sv', 'en'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE verification_codes DROP COLUMN IF EXISTS locale`.execute(db);
  await sql`DROP INDEX IF EXISTS messages_claim_order`.execute(db);
  await sql`ALTER TABLE messages DROP COLUMN IF EXISTS priority`.execute(db);
}
