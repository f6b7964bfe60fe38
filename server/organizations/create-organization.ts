import { randomUUID } from 'node:crypto';
import { Locale } from '../../sdk/schemas/common.ts';
import { Subdomain } from '../../sdk/schemas/organization.ts';
import type { Executor } from '../db/database.ts';
import { DomainError } from '../domain/domain-error.ts';
import { validate } from '../domain/validate.ts';
import { isTimeZone } from '../../sdk/schemas/catalog-admin.ts';

/** Subdomains kept for the service itself (and the demo), never given to a clinic. */
export const RESERVED_SUBDOMAINS: ReadonlySet<string> = new Set([
  'www', 'api', 'admin', 'demo', 'mail', 'smtp', 'imap', 'app', 'static', 'assets', 'cdn', 'docs', 'status', 'help', 'support', 'login', 'auth', 'examples',
]);

export interface NewOrganization {
  subdomain: string;
  name: string;
  locale?: Locale | undefined;
  /** IANA zone, default `Europe/Oslo`. */
  timeZone?: string | undefined;
}

/**
 * Creates an organization with the standard settings, texts and theme
 * (server/organizations/defaults.ts apply wherever nothing is stored).
 * A malformed, reserved or taken subdomain, an empty name or an unknown
 * time zone is a `validation_failed` naming the field.
 *
 * @example
 * const { id } = await createOrganization(db, { subdomain: 'smile', name: 'Smile Tannklinikk' });
 */
export async function createOrganization(db: Executor, input: NewOrganization): Promise<{ id: string; subdomain: string }> {
  const subdomain = validate(Subdomain, input.subdomain, 'subdomain');
  if (RESERVED_SUBDOMAINS.has(subdomain)) throw DomainError.invalid('subdomain', `"${subdomain}" is reserved`, 'reserved');
  const name = input.name.trim();
  if (!name) throw DomainError.invalid('name', 'Give the organization a name', 'too_small');
  const locale = validate(Locale, input.locale ?? 'nb', 'locale');
  const timeZone = input.timeZone ?? 'Europe/Oslo';
  if (!isTimeZone(timeZone)) throw DomainError.invalid('timeZone', `Unknown time zone "${timeZone}"`, 'invalid_time_zone');
  const id = randomUUID();
  const inserted = await db.insertInto('organizations')
    .values({ id, subdomain, name, time_zone: timeZone, locale, settings: '{}', texts: '{}', theme: '{}', messaging: '{}' })
    .onConflict((oc) => oc.column('subdomain').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) throw DomainError.invalid('subdomain', `"${subdomain}" is taken`, 'taken');
  return { id, subdomain };
}
