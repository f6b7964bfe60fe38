import type { Executor } from '../db/database.ts';
import { DomainError } from '../domain/domain-error.ts';
import { organizationFromRow, type Organization } from './organization.ts';

/**
 * The organization with this subdomain, or a `not_found` DomainError.
 *
 * @example
 * const org = await findOrganization(db, 'demo');
 */
export async function findOrganization(db: Executor, subdomain: string): Promise<Organization> {
  const row = await db.selectFrom('organizations').selectAll().where('subdomain', '=', subdomain.toLowerCase()).executeTakeFirst();
  if (!row) throw new DomainError('not_found', { detail: `No organization with subdomain "${subdomain}"` });
  return organizationFromRow(row);
}
