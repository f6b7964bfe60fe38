import { sql, type Kysely } from 'kysely';

/**
 * Catalog administration (issue 9, W2/W3).
 *
 * - Consent to show a provider's photo and title is given per provider AND
 *   clinic (seed 001 asks it per clinic): `provider_clinics.consent_photo` /
 *   `consent_title`, backfilled from the provider's own consent at each of
 *   their clinics. The provider-level columns are then DROPPED on purpose:
 *   one place decides what patients see, so no code can read the old,
 *   broader consent by mistake.
 * - Treatments can be archived (`active` false): retired for good, unlike
 *   `online` false (still bookable by staff). Rows referenced by
 *   appointments stay.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE provider_clinics ADD COLUMN consent_photo boolean NOT NULL DEFAULT false`.execute(db);
  await sql`ALTER TABLE provider_clinics ADD COLUMN consent_title boolean NOT NULL DEFAULT false`.execute(db);
  await sql`UPDATE provider_clinics pc SET consent_photo = p.consent_photo, consent_title = p.consent_title FROM providers p WHERE p.id = pc.provider_id`.execute(db);
  await sql`ALTER TABLE providers DROP COLUMN consent_photo`.execute(db);
  await sql`ALTER TABLE providers DROP COLUMN consent_title`.execute(db);
  await sql`ALTER TABLE treatments ADD COLUMN active boolean NOT NULL DEFAULT true`.execute(db);
  await sql`CREATE INDEX treatments_organization ON treatments (organization_id, display_order)`.execute(db);
  await sql`CREATE INDEX providers_organization ON providers (organization_id, name)`.execute(db);
}

/** Back to provider-level consent: a provider consents if they did at every one of their clinics. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS providers_organization`.execute(db);
  await sql`DROP INDEX IF EXISTS treatments_organization`.execute(db);
  await sql`ALTER TABLE treatments DROP COLUMN IF EXISTS active`.execute(db);
  await sql`ALTER TABLE providers ADD COLUMN consent_photo boolean NOT NULL DEFAULT false`.execute(db);
  await sql`ALTER TABLE providers ADD COLUMN consent_title boolean NOT NULL DEFAULT false`.execute(db);
  await sql`UPDATE providers p SET
    consent_photo = coalesce((SELECT bool_and(pc.consent_photo) FROM provider_clinics pc WHERE pc.provider_id = p.id), false),
    consent_title = coalesce((SELECT bool_and(pc.consent_title) FROM provider_clinics pc WHERE pc.provider_id = p.id), false)`.execute(db);
  await sql`ALTER TABLE provider_clinics DROP COLUMN IF EXISTS consent_title`.execute(db);
  await sql`ALTER TABLE provider_clinics DROP COLUMN IF EXISTS consent_photo`.execute(db);
}
