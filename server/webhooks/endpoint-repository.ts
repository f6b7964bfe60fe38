import { randomUUID } from 'node:crypto';
import type { CreateWebhookRequest, WebhookEndpoint, WebhookEndpointWithSecret, WebhookEventType, WebhookPatch } from '../../sdk/schemas/webhooks.ts';
import type { Executor } from '../db/database.ts';
import type { WebhookEndpointRow } from '../db/tables.ts';
import { DomainError } from '../domain/domain-error.ts';
import { newWebhookSecret } from './webhook-signature.ts';

/** How long the previous secret still signs after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60_000;

/**
 * An endpoint row as the API shows it: never the secret.
 *
 * @example
 * return c.json(toWebhookEndpoint(row, deps.now()));
 */
export function toWebhookEndpoint(row: WebhookEndpointRow, now: Date): WebhookEndpoint {
  const until = row.previous_secret_until ? new Date(row.previous_secret_until) : null;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events as WebhookEventType[],
    enabled: row.enabled,
    createdAt: new Date(row.created_at).toISOString(),
    previousSecretValidUntil: until && until > now ? until.toISOString() : null,
  };
}

/**
 * Adds an endpoint with a new secret, answered this once.
 *
 * @example
 * const { secret } = await createEndpoint(trx, org.id, { url: 'https://pms.example/hooks', events: ['booking.created'] }, now);
 */
export async function createEndpoint(db: Executor, organizationId: string, request: CreateWebhookRequest, now: Date): Promise<WebhookEndpointWithSecret> {
  const row = await db.insertInto('webhook_endpoints').values({
    id: randomUUID(),
    organization_id: organizationId,
    url: request.url,
    description: request.description ?? '',
    events: JSON.stringify([...new Set(request.events)]),
    enabled: request.enabled ?? true,
    secret: newWebhookSecret(),
    created_at: now,
  }).returningAll().executeTakeFirstOrThrow();
  return { ...toWebhookEndpoint(row, now), secret: row.secret };
}

/**
 * The organization's endpoints, oldest first.
 *
 * @example
 * const { webhooks } = { webhooks: await listEndpoints(db, org.id, now) };
 */
export async function listEndpoints(db: Executor, organizationId: string, now: Date): Promise<WebhookEndpoint[]> {
  const rows = await db.selectFrom('webhook_endpoints').selectAll().where('organization_id', '=', organizationId).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => toWebhookEndpoint(r, now));
}

/**
 * One endpoint of the organization (locked with `lock`), or 404 `not_found`
 * for an unknown id and for another organization's alike.
 *
 * @example
 * const row = await requireEndpoint(trx, org.id, id, true);
 */
export async function requireEndpoint(db: Executor, organizationId: string, id: string, lock = false): Promise<WebhookEndpointRow> {
  let q = db.selectFrom('webhook_endpoints').selectAll().where('organization_id', '=', organizationId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new DomainError('not_found', { detail: 'No such webhook endpoint' });
  return row;
}

/**
 * Changes an endpoint's URL, description, events or whether it is enabled.
 *
 * @example
 * await updateEndpoint(trx, row, { enabled: false });
 */
export async function updateEndpoint(db: Executor, row: WebhookEndpointRow, patch: WebhookPatch): Promise<WebhookEndpointRow> {
  if (Object.values(patch).every((v) => v === undefined)) throw DomainError.invalid('', 'Give url, description, events or enabled', 'empty');
  return db.updateTable('webhook_endpoints').set({
    ...(patch.url !== undefined ? { url: patch.url } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.events !== undefined ? { events: JSON.stringify([...new Set(patch.events)]) } : {}),
    ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
  }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
}

/**
 * Gives an endpoint a new secret, answered this once; the previous one
 * still signs deliveries for {@link ROTATION_OVERLAP_MS} so the receiver
 * can switch without losing any.
 *
 * @example
 * const { secret } = await rotateSecret(trx, row, now);
 */
export async function rotateSecret(db: Executor, row: WebhookEndpointRow, now: Date): Promise<WebhookEndpointWithSecret> {
  const updated = await db.updateTable('webhook_endpoints').set({
    secret: newWebhookSecret(),
    previous_secret: row.secret,
    previous_secret_until: new Date(now.getTime() + ROTATION_OVERLAP_MS),
  }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
  return { ...toWebhookEndpoint(updated, now), secret: updated.secret };
}
