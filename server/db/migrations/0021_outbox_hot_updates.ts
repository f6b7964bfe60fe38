import { sql, type Kysely } from 'kysely';

/**
 * Outbox throughput (issue 11, `outbox.10k.seconds`): each message row is
 * written three times on its way out (claimed, attempt begun, outcome
 * recorded). The claim and the beginning of an attempt change no indexed
 * column, so with room left on the row's page PostgreSQL writes them as
 * heap-only tuples (HOT): no entry in any of the table's eleven indexes.
 * A fill factor of 50 keeps that room on the pages new messages fill;
 * pages written before this migration keep theirs until rewritten
 * (`VACUUM FULL messages`, optional: settled history is rarely updated).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE messages SET (fillfactor = 50)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE messages RESET (fillfactor)`.execute(db);
}
