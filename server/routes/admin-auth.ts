import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Executor } from '../db/database.ts';
import { DomainError } from '../domain/domain-error.ts';
import { organizationFromRow, type Organization } from '../organizations/organization.ts';

/**
 * Creates an admin API key for an organization. The key is answered once;
 * only its SHA-256 is stored.
 *
 * @example
 * const { key } = await createApiKey(db, org.id, 'reception');
 */
export async function createApiKey(db: Executor, organizationId: string, name: string): Promise<{ id: string; key: string }> {
  const key = `opk_${randomBytes(24).toString('base64url')}`;
  const id = randomUUID();
  await db.insertInto('api_keys').values({ id, organization_id: organizationId, name, key_hash: hashKey(key) }).execute();
  return { id, key };
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Authenticates `Authorization: Bearer <key>` (or `X-Api-Key`) and puts the
 * key's organization in the context; anything else is 401.
 */
export function requireApiKey(db: Executor): MiddlewareHandler<{ Variables: { org: Organization } }> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const key = header?.startsWith('Bearer ') ? header.slice(7).trim() : c.req.header('x-api-key');
    if (!key) throw new DomainError('unauthorized', { detail: 'An API key is required' });
    const row = await db
      .selectFrom('api_keys as k')
      .innerJoin('organizations as o', 'o.id', 'k.organization_id')
      .selectAll('o')
      .where('k.key_hash', '=', hashKey(key))
      .where('k.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw new DomainError('unauthorized', { detail: 'Unknown or revoked API key' });
    c.set('org', organizationFromRow(row));
    await next();
  };
}
