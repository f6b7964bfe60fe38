import { createHash } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import { DomainError } from '../domain/domain-error.ts';

/** A stable fingerprint of a request body, to tell a retry from a different request. */
export function requestFingerprint(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/**
 * Claims an Idempotency-Key inside the caller's transaction. Returns the
 * stored answer when the key was already used for the same request (a retry),
 * throws when it was used for a different one, and returns undefined when
 * the key is new: the caller then does the work and calls
 * {@link storeIdempotentResponse} in the same transaction. A concurrent
 * request with the same key waits on the key's row until the first commits.
 *
 * @example
 * const prior = await claimIdempotencyKey(trx, orgId, key, fingerprint);
 * if (prior) return prior.response;
 */
export async function claimIdempotencyKey(
  trx: Executor,
  organizationId: string,
  key: string,
  fingerprint: string,
): Promise<{ status: number; response: unknown } | undefined> {
  const claimed = await trx
    .insertInto('idempotency_keys')
    .values({ organization_id: organizationId, key, request_hash: fingerprint, status_code: null, response: null })
    .onConflict((oc) => oc.columns(['organization_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (claimed) return undefined;
  const row = await trx
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status_code', 'response'])
    .where('organization_id', '=', organizationId)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  if (row.request_hash !== fingerprint) throw new DomainError('idempotency_key_reused');
  return { status: row.status_code ?? 200, response: typeof row.response === 'string' ? JSON.parse(row.response) : row.response };
}

/** Stores the answer for a claimed key, in the transaction that did the work. */
export async function storeIdempotentResponse(trx: Executor, organizationId: string, key: string, status: number, response: unknown): Promise<void> {
  await trx
    .updateTable('idempotency_keys')
    .set({ status_code: status, response: JSON.stringify(response) })
    .where('organization_id', '=', organizationId)
    .where('key', '=', key)
    .execute();
}
