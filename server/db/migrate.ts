import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as domain from './migrations/0001_domain.ts';
import * as messaging from './migrations/0002_messaging.ts';
import * as appointmentLocale from './migrations/0003_appointment_locale.ts';
import * as rateLimits from './migrations/0004_rate_limits.ts';
import * as bookingContacts from './migrations/0005_booking_contacts.ts';
import * as verification from './migrations/0006_verification.ts';
import * as eidLogins from './migrations/0007_eid_logins.ts';
import * as codeMessages from './migrations/0008_code_messages.ts';
import * as verifiedMobiles from './migrations/0009_verified_mobiles.ts';
import * as apiKeyScopes from './migrations/0010_api_key_scopes.ts';
import * as staffAccounts from './migrations/0011_staff_accounts.ts';
import * as providerClinicConsent from './migrations/0012_provider_clinic_consent.ts';
import * as appointmentBook from './migrations/0014_appointment_book.ts';
import * as webhooks from './migrations/0015_webhooks.ts';
import * as organizationLogo from './migrations/0016_organization_logo.ts';
import * as staffLogin from './migrations/0017_staff_login.ts';
import * as hotQueryIndexes from './migrations/0018_hot_query_indexes.ts';
import * as privacyRetention from './migrations/0019_privacy_retention.ts';
import * as tenantKeys from './migrations/0020_tenant_keys.ts';
import * as outboxHotUpdates from './migrations/0021_outbox_hot_updates.ts';
import * as patientErasedAt from './migrations/0022_patient_erased_at.ts';

/** Migrations in order; names sort lexically. Add new ones here. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_domain': domain,
  '0002_messaging': messaging,
  '0003_appointment_locale': appointmentLocale,
  '0004_rate_limits': rateLimits,
  '0005_booking_contacts': bookingContacts,
  '0006_verification': verification,
  '0007_eid_logins': eidLogins,
  '0008_code_messages': codeMessages,
  '0009_verified_mobiles': verifiedMobiles,
  '0010_api_key_scopes': apiKeyScopes,
  '0011_staff_accounts': staffAccounts,
  '0012_provider_clinic_consent': providerClinicConsent,
  '0014_appointment_book': appointmentBook,
  '0015_webhooks': webhooks,
  '0016_organization_logo': organizationLogo,
  '0017_staff_login': staffLogin,
  '0018_hot_query_indexes': hotQueryIndexes,
  '0019_privacy_retention': privacyRetention,
  '0020_tenant_keys': tenantKeys,
  '0021_outbox_hot_updates': outboxHotUpdates,
  '0022_patient_erased_at': patientErasedAt,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Where a database stands against this code's migrations. */
export interface MigrationState {
  /** Known migrations not applied yet, in order. */
  pending: string[];
  /** Applied migrations this code does not know: a newer version migrated this database. */
  unknown: string[];
}

/** A database migrated by a newer version of the code: nothing may be written to it. */
export class UnknownMigrationsError extends Error {
  override readonly name = 'UnknownMigrationsError';
  constructor(readonly unknown: string[]) {
    super(`The database has migrations this version does not know (${unknown.join(', ')}): it was migrated by a newer version. Run that version, or restore a backup from before it.`);
  }
}

/**
 * Compares the database's applied migrations with this code's, reading
 * only (a database never migrated has every migration pending).
 *
 * @example
 * const { pending, unknown } = await migrationState(db);
 */
export async function migrationState(db: Kysely<any>): Promise<MigrationState> {
  const exists = await sql<{ name: string | null }>`SELECT to_regclass('kysely_migration')::text AS name`.execute(db);
  const applied = exists.rows[0]?.name ? (await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db)).rows.map((r) => r.name) : [];
  const done = new Set(applied);
  return {
    pending: Object.keys(MIGRATIONS).filter((name) => !done.has(name)),
    unknown: applied.filter((name) => !(name in MIGRATIONS)).sort(),
  };
}

/**
 * Brings the schema up to date and answers the names of the migrations it
 * applied; throws with the failing migration's error, and throws
 * `UnknownMigrationsError` without writing anything when the database was
 * migrated by a newer version.
 *
 * @example
 * const applied = await migrateToLatest(db); // ['0017_staff_login'] or []
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { unknown } = await migrationState(db);
  if (unknown.length > 0) throw new UnknownMigrationsError(unknown);
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
