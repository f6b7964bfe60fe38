import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
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
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Brings the schema up to date; throws with the failing migration's error.
 *
 * @example
 * await migrateToLatest(db);
 */
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
