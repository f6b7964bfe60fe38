import { randomBytes, randomUUID } from 'node:crypto';
import { hashSecretToken } from '../domain/secret-token.ts';
import { ApiKeyScope } from '../../sdk/schemas/staff.ts';
import type { Executor } from '../db/database.ts';
import { DomainError } from '../domain/domain-error.ts';
import { organizationFromRow, type Organization } from '../organizations/organization.ts';

/** What an admin API key may do (the contract's `ApiKeyScope`). */
export { ApiKeyScope };

/** Every scope: a first admin key, and keys made before scopes existed. */
export const ALL_SCOPES: readonly ApiKeyScope[] = ApiKeyScope.options;

/** Characters after `opk_` kept in clear to tell keys apart in a list. */
const PREFIX_LENGTH = 8;

/** A key's use is written at most this often, so a busy integration does not write on every request. */
const LAST_USED_EVERY_MS = 60_000;

/** An API key as listed: never the key itself, only its prefix. */
export interface ApiKeyListing {
  id: string;
  name: string;
  /** `opk_` and the key's first characters (empty for keys made before prefixes were kept). */
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/**
 * Creates an admin API key for an organization: the one way keys are made.
 * The key (192 random bits) is answered once; only its SHA-256 and a short
 * prefix are stored. Without `scopes` the key has every scope.
 *
 * @example
 * const { key } = await createApiKey(db, org.id, 'reception');
 * const { key: reader } = await createApiKey(db, org.id, 'dashboard', ['read']);
 */
export async function createApiKey(db: Executor, organizationId: string, name: string, scopes: readonly ApiKeyScope[] = ALL_SCOPES): Promise<{ id: string; key: string; prefix: string }> {
  if (scopes.length === 0) throw DomainError.invalid('scopes', 'Give at least one scope', 'too_small');
  const key = `opk_${randomBytes(24).toString('base64url')}`;
  const prefix = key.slice(0, 4 + PREFIX_LENGTH);
  const id = randomUUID();
  await db.insertInto('api_keys').values({
    id, organization_id: organizationId, name, key_hash: hashSecretToken(key), prefix, scopes: JSON.stringify([...new Set(scopes)]),
  }).execute();
  return { id, key, prefix };
}

/**
 * The organization's API keys, oldest first, without the keys.
 *
 * @example
 * for (const k of await listApiKeys(db, org.id)) console.log(k.prefix, k.scopes);
 */
export async function listApiKeys(db: Executor, organizationId: string): Promise<ApiKeyListing[]> {
  const rows = await db.selectFrom('api_keys')
    .select(['id', 'name', 'prefix', 'scopes', 'created_at', 'last_used_at', 'revoked_at'])
    .where('organization_id', '=', organizationId)
    .orderBy('created_at').orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, prefix: r.prefix, scopes: r.scopes, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
}

/**
 * Revokes a key of the organization; from then on it answers 401. Answers
 * false when the organization has no such key (or it was already revoked).
 *
 * @example
 * await revokeApiKey(db, org.id, keyId);
 */
export async function revokeApiKey(db: Executor, organizationId: string, id: string, now: Date = new Date()): Promise<boolean> {
  const result = await db.updateTable('api_keys').set({ revoked_at: now })
    .where('organization_id', '=', organizationId).where('id', '=', id).where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** An API key that authenticated a request: which, and what it may do. */
export interface KeyIdentity {
  org: Organization;
  key: { id: string; name: string; prefix: string; scopes: ApiKeyScope[] };
}

/**
 * The organization and key behind an API key, or undefined for an unknown
 * or revoked key. Notes the key's last use (at most once a minute).
 *
 * @example
 * const identity = await identifyApiKey(db, 'opk_…', new Date());
 */
export async function identifyApiKey(db: Executor, key: string, at: Date): Promise<KeyIdentity | undefined> {
  const row = await db
    .selectFrom('api_keys as k')
    .innerJoin('organizations as o', 'o.id', 'k.organization_id')
    .selectAll('o')
    .select(['k.id as key_id', 'k.name as key_name', 'k.prefix as key_prefix', 'k.scopes as key_scopes', 'k.last_used_at as key_last_used_at'])
    .where('k.key_hash', '=', hashSecretToken(key))
    .where('k.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  if (!row.key_last_used_at || at.getTime() - row.key_last_used_at.getTime() >= LAST_USED_EVERY_MS) {
    const stale = new Date(at.getTime() - LAST_USED_EVERY_MS);
    await db.updateTable('api_keys').set({ last_used_at: at })
      .where('id', '=', row.key_id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', stale)]))
      .execute();
  }
  const { key_id, key_name, key_prefix, key_scopes, key_last_used_at: _used, ...org } = row;
  return { org: organizationFromRow(org), key: { id: key_id, name: key_name, prefix: key_prefix, scopes: key_scopes } };
}
