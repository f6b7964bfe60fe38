import { sql, type Kysely } from 'kysely';

/**
 * The organization's uploaded logo (W8), served from our own origin at
 * `GET /api/v1/organizations/{org}/logo`. A table of its own rather than
 * columns on `organizations`: every request reads the organization row (its
 * settings), and should not carry the image's bytes along.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE organization_logos (
      organization_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
      image bytea NOT NULL,
      type text NOT NULL CHECK (type IN ('image/png', 'image/jpeg', 'image/webp', 'image/gif')),
      updated_at timestamptz NOT NULL
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS organization_logos`.execute(db);
}
