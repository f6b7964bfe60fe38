import { sql, type Kysely } from 'kysely';

/** One statement per call: the PostgreSQL driver prepares each and refuses several at once. */
async function run(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*(?:\n|$)/).map((s) => s.trim()).filter(Boolean)) await sql.raw(statement).execute(db);
}

/**
 * Every tenant table keyed by organization (issue 11.7), so the schema can
 * be distributed by `organization_id` (Citus): the distribution column in
 * every primary key, unique and exclusion constraint, and foreign keys
 * between tenant tables co-located (they carry it on both sides).
 *
 * - The seven child tables without the column get it, copied from their
 *   provider or treatment, NOT NULL, referencing the organization.
 * - Every primary key of a table with `organization_id` that lacks it gains
 *   it as its LAST column, as do the unique constraints below: a lookup by
 *   `id` (or by a token's hash) alone still uses the index.
 * - Every foreign key to such a key becomes `(column, organization_id)`:
 *   a row can no longer point at another organization's provider, patient
 *   or appointment. `ON DELETE SET NULL` clears only the pointing column.
 * - The no-overlap constraint becomes `provider_id WITH =, organization_id
 *   WITH =, tstzrange(starts_at, ends_at) WITH &&`; provider first, so its
 *   GiST index serves a provider's busy times as before.
 *
 * Keys and foreign keys are found in the catalog, so tables added by earlier
 * migrations are covered; a foreign key from a table without the column
 * fails this migration by name.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [child, [parent, column]] of Object.entries(CHILDREN)) {
    await run(db, `
      ALTER TABLE ${child} ADD COLUMN organization_id uuid;
      UPDATE ${child} c SET organization_id = p.organization_id FROM ${parent} p WHERE p.id = c.${column};
      ALTER TABLE ${child} ALTER COLUMN organization_id SET NOT NULL;
      ALTER TABLE ${child} ADD CONSTRAINT ${child}_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations ON DELETE CASCADE
    `);
  }
  await rekey(db, 'add');
  for (const [table, name, columns] of UNIQUES) {
    await sql.raw(`ALTER TABLE ${table} DROP CONSTRAINT ${name}, ADD CONSTRAINT ${name} UNIQUE (${columns}, organization_id)`).execute(db);
  }
  await run(db, `
    DROP INDEX messages_gateway_id;
    CREATE UNIQUE INDEX messages_gateway_id ON messages (gateway, gateway_id, organization_id) WHERE gateway_id IS NOT NULL;
    ALTER TABLE appointments DROP CONSTRAINT appointments_no_overlap;
    ALTER TABLE appointments ADD CONSTRAINT appointments_no_overlap EXCLUDE USING gist (
      provider_id WITH =,
      organization_id WITH =,
      tstzrange(starts_at, ends_at, '[)') WITH &&
    ) WHERE (status IN ('booked', 'held'))
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    ALTER TABLE appointments DROP CONSTRAINT appointments_no_overlap;
    ALTER TABLE appointments ADD CONSTRAINT appointments_no_overlap EXCLUDE USING gist (
      provider_id WITH =,
      tstzrange(starts_at, ends_at, '[)') WITH &&
    ) WHERE (status IN ('booked', 'held'));
    DROP INDEX messages_gateway_id;
    CREATE UNIQUE INDEX messages_gateway_id ON messages (gateway, gateway_id) WHERE gateway_id IS NOT NULL
  `);
  for (const [table, name, columns] of UNIQUES) {
    await sql.raw(`ALTER TABLE ${table} DROP CONSTRAINT ${name}, ADD CONSTRAINT ${name} UNIQUE (${columns})`).execute(db);
  }
  await rekey(db, 'remove');
  for (const child of Object.keys(CHILDREN)) await sql.raw(`ALTER TABLE ${child} DROP COLUMN organization_id`).execute(db);
}

/** Child tables without `organization_id` before, and the parent (by which column) it is copied from. */
const CHILDREN: Record<string, [parent: string, column: string]> = {
  provider_clinics: ['providers', 'provider_id'],
  treatment_providers: ['treatments', 'treatment_id'],
  treatment_clinics: ['treatments', 'treatment_id'],
  working_hours: ['providers', 'provider_id'],
  breaks: ['providers', 'provider_id'],
  schedule_exceptions: ['providers', 'provider_id'],
  online_slots: ['providers', 'provider_id'],
};

/** Unique constraints on a tenant table without `organization_id`: [table, constraint, columns before]. */
const UNIQUES: [table: string, name: string, columns: string][] = [
  ['api_keys', 'api_keys_key_hash_key', 'key_hash'],
  ['appointments', 'appointments_manage_token_hash_key', 'manage_token_hash'],
  ['appointments', 'appointments_hold_token_hash_key', 'hold_token_hash'],
  ['inbound_sms', 'inbound_sms_gateway_gateway_id_key', 'gateway, gateway_id'],
  ['messages', 'messages_dedupe_key_key', 'dedupe_key'],
  ['patient_sessions', 'patient_sessions_token_hash_key', 'token_hash'],
  ['staff_sessions', 'staff_sessions_token_hash_key', 'token_hash'],
  ['staff_tokens', 'staff_tokens_token_hash_key', 'token_hash'],
  ['verification_codes', 'verification_codes_handle_hash_key', 'handle_hash'],
];

interface Key { table: string; name: string; columns: string[] }
interface ForeignKey { table: string; name: string; columns: string[]; parent: string; parentColumns: string[]; onDelete: string }

const ON_DELETE: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/**
 * Appends `organization_id` to (or removes it from the end of) the primary
 * key of every table that has the column, rebuilding the foreign keys that
 * point at those keys to match.
 */
async function rekey(db: Kysely<unknown>, direction: 'add' | 'remove'): Promise<void> {
  const keys = (await primaryKeys(db)).filter((key) => direction === 'add'
    ? !key.columns.includes('organization_id')
    : key.columns.length > 1 && key.columns.at(-1) === 'organization_id');
  const rekeyed = new Set(keys.map((key) => key.table));
  const foreignKeys = (await foreignKeysOf(db)).filter((fk) => rekeyed.has(fk.parent));
  const withOrganization = new Set(await tablesWithOrganization(db));
  for (const fk of foreignKeys) {
    if (direction === 'add' && !withOrganization.has(fk.table)) {
      throw new Error(`${fk.table}.${fk.columns.join(', ')} references ${fk.parent}: give ${fk.table} an organization_id first`);
    }
    await sql.raw(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${fk.name}`).execute(db);
  }
  for (const key of keys) {
    const columns = direction === 'add' ? [...key.columns, 'organization_id'] : key.columns.slice(0, -1);
    await sql.raw(`ALTER TABLE ${key.table} DROP CONSTRAINT ${key.name}, ADD CONSTRAINT ${key.name} PRIMARY KEY (${columns.join(', ')})`).execute(db);
  }
  for (const fk of foreignKeys) {
    const own = direction === 'add' ? [...fk.columns, 'organization_id'] : fk.columns.filter((c) => c !== 'organization_id');
    const theirs = direction === 'add' ? [...fk.parentColumns, 'organization_id'] : fk.parentColumns.filter((c) => c !== 'organization_id');
    // SET NULL on a key with organization_id would null the NOT NULL column too: clear only the pointer.
    const pointers = own.filter((c) => c !== 'organization_id');
    const onDelete = ON_DELETE[fk.onDelete] === 'SET NULL' && direction === 'add' ? `SET NULL (${pointers.join(', ')})` : ON_DELETE[fk.onDelete];
    await sql.raw(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${fk.name} FOREIGN KEY (${own.join(', ')}) REFERENCES ${fk.parent} (${theirs.join(', ')}) ON DELETE ${onDelete}`).execute(db);
  }
}

async function tablesWithOrganization(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name = 'organization_id'`.execute(db);
  return rows.map((r) => r.table_name);
}

async function primaryKeys(db: Kysely<unknown>): Promise<Key[]> {
  const { rows } = await sql<{ table: string; name: string; columns: string }>`
    SELECT t.relname AS table, c.conname AS name,
      (SELECT string_agg(a.attname::text, ',' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(num, n)
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num) AS columns
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace s ON s.oid = t.relnamespace
    WHERE c.contype = 'p' AND s.nspname = current_schema()
      AND t.relname IN (SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'organization_id')
    ORDER BY t.relname`.execute(db);
  return rows.map((r) => ({ table: r.table, name: r.name, columns: r.columns.split(',') }));
}

async function foreignKeysOf(db: Kysely<unknown>): Promise<ForeignKey[]> {
  const { rows } = await sql<{ table: string; name: string; columns: string; parent: string; parent_columns: string; on_delete: string }>`
    SELECT t.relname AS table, c.conname AS name, p.relname AS parent, c.confdeltype::text AS on_delete,
      (SELECT string_agg(a.attname::text, ',' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(num, n)
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num) AS columns,
      (SELECT string_agg(a.attname::text, ',' ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY k(num, n)
         JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num) AS parent_columns
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class p ON p.oid = c.confrelid
      JOIN pg_namespace s ON s.oid = t.relnamespace
    WHERE c.contype = 'f' AND s.nspname = current_schema()
    ORDER BY t.relname, c.conname`.execute(db);
  return rows.map((r) => ({ table: r.table, name: r.name, columns: r.columns.split(','), parent: r.parent, parentColumns: r.parent_columns.split(','), onDelete: r.on_delete }));
}
