import { sql, type Kysely } from 'kysely';

/** One statement per call: the PostgreSQL driver prepares each and refuses several at once. */
async function run(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*(?:\n|$)/).map((s) => s.trim()).filter(Boolean)) await sql.raw(statement).execute(db);
}

/**
 * Webhooks (D4, issue 9.6).
 *
 * - `webhook_endpoints`: where an organization wants its events, which
 *   events, and the Standard Webhooks signing secret (with the previous one
 *   and until when it still signs, after a rotation).
 * - `webhook_deliveries`: one row per event and endpoint, written in the
 *   transaction of the change (an outbox): the body exactly as it is sent,
 *   the delivery's state, its attempts and a lease (`claimed_by`,
 *   `locked_until`) so a worker that dies mid-send hands it on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    CREATE TABLE webhook_endpoints (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
      url text NOT NULL,
      description text NOT NULL DEFAULT '',
      events jsonb NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      secret text NOT NULL,
      previous_secret text,
      previous_secret_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX webhook_endpoints_organization ON webhook_endpoints (organization_id, created_at, id);

    CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
      endpoint_id uuid NOT NULL REFERENCES webhook_endpoints ON DELETE CASCADE,
      event text NOT NULL,
      payload text NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'retrying', 'delivered', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      claimed_by text,
      locked_until timestamptz,
      last_attempt_at timestamptz,
      last_status_code integer,
      last_error text,
      delivered_at timestamptz,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status IN ('pending', 'retrying');
    CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at DESC, id DESC)
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    DROP TABLE IF EXISTS webhook_deliveries;
    DROP TABLE IF EXISTS webhook_endpoints
  `);
}
