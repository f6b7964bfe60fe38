import { sql, type Kysely } from 'kysely';

/**
 * Cost that does not grow with history (issue 11.2).
 *
 * - `online_slots_overlap`: published slots found by range overlap, like the
 *   busy appointments on the exclusion constraint's GiST index (see
 *   `overlaps` in server/slots/schedule-loader.ts); the b-tree on
 *   `starts_at` has no lower bound for `starts_at < to AND ends_at > from`.
 * - `appointments_cancelled`: the outbox sweep asks, for each pending
 *   message, whether its appointment was cancelled; the planner may answer
 *   that by reading every cancelled appointment ever, which this index
 *   bounds to a lookup by id.
 * - `organizations.config_version`: bumped in the transaction of every change
 *   to what the public API caches per organization (settings, catalog,
 *   schedules; server/cache/config-cache.ts), by triggers, so no code path
 *   can forget it. A cache entry read at version v is good while the
 *   organization's row still says v, in any process.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX online_slots_overlap ON online_slots USING gist (provider_id, clinic_id, tstzrange(starts_at, ends_at, '[)'))`.execute(db);
  await sql`CREATE INDEX appointments_cancelled ON appointments (id) WHERE status = 'cancelled'`.execute(db);
  await sql`ALTER TABLE organizations ADD COLUMN config_version bigint NOT NULL DEFAULT 0`.execute(db);
  // Any change to the organization's own row, unless the change is the bump itself.
  await sql`
    CREATE FUNCTION organization_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.config_version = OLD.config_version THEN NEW.config_version := OLD.config_version + 1; END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER organizations_config_version BEFORE UPDATE ON organizations
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION organization_row_changed()`.execute(db);
  // A row of a table the cache reads changed: bump its organization, found through the column named by the trigger.
  await sql`
    CREATE FUNCTION organization_config_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      changed jsonb;
      org uuid;
    BEGIN
      IF TG_OP = 'DELETE' THEN changed := to_jsonb(OLD); ELSE changed := to_jsonb(NEW); END IF;
      org := CASE TG_ARGV[0]
        WHEN 'organization_id' THEN (changed->>'organization_id')::uuid
        WHEN 'provider_id' THEN (SELECT p.organization_id FROM providers p WHERE p.id = (changed->>'provider_id')::uuid)
        WHEN 'clinic_id' THEN (SELECT c.organization_id FROM clinics c WHERE c.id = (changed->>'clinic_id')::uuid)
      END;
      -- A row deleted with its organization (or its provider) finds none, or the one being deleted: nothing to bump.
      UPDATE organizations SET config_version = config_version + 1 WHERE id = org;
      RETURN NULL;
    END $$`.execute(db);
  for (const [table, column] of CONFIG_TABLES) {
    await sql.raw(`CREATE TRIGGER ${table}_config_version AFTER INSERT OR UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION organization_config_changed('${column}')`).execute(db);
  }
}

/** The tables behind the cached settings, catalog and schedules, with the column that leads to their organization. */
const CONFIG_TABLES = [
  ['clinics', 'organization_id'],
  ['providers', 'organization_id'],
  ['treatments', 'organization_id'],
  ['provider_clinics', 'provider_id'],
  ['treatment_providers', 'provider_id'],
  ['treatment_clinics', 'clinic_id'],
  ['working_hours', 'provider_id'],
  ['breaks', 'provider_id'],
  ['schedule_exceptions', 'provider_id'],
  ['online_slots', 'provider_id'],
] as const;

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table] of CONFIG_TABLES) await sql.raw(`DROP TRIGGER IF EXISTS ${table}_config_version ON ${table}`).execute(db);
  await sql`DROP TRIGGER IF EXISTS organizations_config_version ON organizations`.execute(db);
  await sql`DROP FUNCTION IF EXISTS organization_config_changed()`.execute(db);
  await sql`DROP FUNCTION IF EXISTS organization_row_changed()`.execute(db);
  await sql`ALTER TABLE organizations DROP COLUMN IF EXISTS config_version`.execute(db);
  await sql`DROP INDEX IF EXISTS appointments_cancelled`.execute(db);
  await sql`DROP INDEX IF EXISTS online_slots_overlap`.execute(db);
}
