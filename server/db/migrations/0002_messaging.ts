import { sql, type Kysely } from 'kysely';

/**
 * What the messaging outbox and its worker need beyond 0001 (issue 4):
 * the worker's claim (who holds a message and since when an attempt is in
 * flight), delivery reports, the calendar attachment, per-appointment
 * reminder texts (S9), worker heartbeats (S15) and indexes for the sent
 * list (S13) and reply matching (S14).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of DDL.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) {
    await sql.raw(statement).execute(db);
  }
}

const DDL = `
    ALTER TABLE messages
      ADD COLUMN claimed_by text,
      ADD COLUMN attempt_started_at timestamptz,
      ADD COLUMN last_attempt_at timestamptz,
      ADD COLUMN result text,
      ADD COLUMN delivery_status text,
      ADD COLUMN delivered_at timestamptz,
      ADD COLUMN sender text,
      ADD COLUMN ics text;
    CREATE INDEX messages_org_created ON messages (organization_id, created_at DESC);
    CREATE INDEX messages_appointment ON messages (appointment_id) WHERE appointment_id IS NOT NULL;
    CREATE INDEX messages_org_last_attempt ON messages (organization_id, last_attempt_at DESC) WHERE last_error IS NOT NULL;
    CREATE INDEX inbound_sms_org_received ON inbound_sms (organization_id, received_at DESC);

    ALTER TABLE appointments ADD COLUMN reminder_texts jsonb NOT NULL DEFAULT '{}';

    CREATE TABLE worker_heartbeats (
      id text PRIMARY KEY,
      host text NOT NULL,
      started_at timestamptz NOT NULL,
      beat_at timestamptz NOT NULL,
      stopped_at timestamptz,
      interval_ms integer NOT NULL,
      last_result text
    );
`;

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS worker_heartbeats`.execute(db);
  await sql`ALTER TABLE appointments DROP COLUMN IF EXISTS reminder_texts`.execute(db);
  await sql`DROP INDEX IF EXISTS messages_org_created, messages_appointment, messages_org_last_attempt, inbound_sms_org_received`.execute(db);
  await sql`ALTER TABLE messages DROP COLUMN IF EXISTS claimed_by, DROP COLUMN IF EXISTS attempt_started_at, DROP COLUMN IF EXISTS last_attempt_at,
    DROP COLUMN IF EXISTS result, DROP COLUMN IF EXISTS delivery_status, DROP COLUMN IF EXISTS delivered_at, DROP COLUMN IF EXISTS sender, DROP COLUMN IF EXISTS ics`.execute(db);
}
