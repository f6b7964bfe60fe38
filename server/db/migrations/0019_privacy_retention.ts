import { sql, type Kysely } from 'kysely';

/**
 * Privacy (issue 11.5): each organization's retention periods, in a table of
 * their own (every request reads the organization row; these are read by the
 * purge and the settings page only). No row: the standard periods. Indexes
 * let the purge find old rows without reading the young ones, and find them
 * again only while there is something left to purge.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE retention_settings (
      organization_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
      message_bodies_days integer NOT NULL CHECK (message_bodies_days BETWEEN 7 AND 3650),
      verification_codes_days integer NOT NULL CHECK (verification_codes_days BETWEEN 1 AND 30),
      holds_days integer NOT NULL CHECK (holds_days BETWEEN 1 AND 30),
      audit_log_days integer NOT NULL CHECK (audit_log_days BETWEEN 90 AND 3650),
      idempotency_keys_days integer NOT NULL CHECK (idempotency_keys_days BETWEEN 1 AND 365),
      webhook_deliveries_days integer NOT NULL CHECK (webhook_deliveries_days BETWEEN 1 AND 365),
      updated_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX messages_retention ON messages (organization_id, created_at)
    WHERE body <> '' AND status IN ('sent', 'replied', 'failed', 'cancelled', 'expired')`.execute(db);
  await sql`CREATE INDEX idempotency_keys_created ON idempotency_keys (organization_id, created_at)`.execute(db);
  await sql`CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (organization_id, created_at) WHERE status IN ('delivered', 'failed')`.execute(db);
  await sql`CREATE INDEX verification_codes_organization ON verification_codes (organization_id, expires_at)`.execute(db);
  // An export or erasure finds a patient's rows by these, not by reading the organization's whole history.
  await sql`CREATE INDEX messages_patient ON messages (patient_id) WHERE patient_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX inbound_sms_from ON inbound_sms (organization_id, from_number)`.execute(db);
  await sql`CREATE INDEX audit_log_target ON audit_log (organization_id, target_type, target_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ['audit_log_target', 'inbound_sms_from', 'messages_patient', 'verification_codes_organization', 'webhook_deliveries_finished', 'idempotency_keys_created', 'messages_retention']) {
    await sql`DROP INDEX IF EXISTS ${sql.ref(index)}`.execute(db);
  }
  await sql`DROP TABLE IF EXISTS retention_settings`.execute(db);
}
