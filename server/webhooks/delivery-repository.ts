import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { WebhookDelivery, WebhookDeliveryList, WebhookDeliveryQuery, WebhookEventType } from '../../sdk/schemas/webhooks.ts';
import type { Executor } from '../db/database.ts';
import type { WebhookDeliveryRow } from '../db/tables.ts';
import { DomainError } from '../domain/domain-error.ts';
import { decodeInstantCursor, encodeCursor, pageSize } from '../admin/paging.ts';
import { OUTBOX_CHANNEL } from '../messaging/outbox-repository.ts';
import { eventBody } from './emit-event.ts';
import { instantText } from '../time/minutes.ts';

/** A delivery claimed by a worker: what it sends, and which attempt this is. */
export type ClaimedDelivery = Pick<WebhookDeliveryRow, 'id' | 'organization_id' | 'endpoint_id' | 'event' | 'payload' | 'attempts'>;

/**
 * Claims due deliveries of enabled endpoints for one worker, counting the
 * attempt and leasing them for `leaseMs`: a worker that dies before
 * recording the outcome leaves a lease that runs out, and the delivery is
 * claimed and sent again (at least once; receivers de-duplicate by
 * `webhook-id`). `SKIP LOCKED` lets several workers claim at once.
 *
 * @example
 * const claimed = await claimDueDeliveries(db, { now, workerId, limit: 50, leaseMs: 300_000 });
 */
export async function claimDueDeliveries(db: Executor, options: { now: Date; workerId: string; limit: number; leaseMs: number }): Promise<ClaimedDelivery[]> {
  const { now, workerId, limit, leaseMs } = options;
  const result = await sql<ClaimedDelivery>`
    WITH due AS (
      SELECT d.id
      FROM webhook_deliveries d
      JOIN webhook_endpoints e ON e.id = d.endpoint_id
      WHERE d.status IN ('pending', 'retrying') AND d.next_attempt_at <= ${now} AND e.enabled
        AND (d.locked_until IS NULL OR d.locked_until < ${now})
      ORDER BY d.next_attempt_at
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE webhook_deliveries d
    SET claimed_by = ${workerId}, locked_until = ${new Date(now.getTime() + leaseMs)}, attempts = d.attempts + 1, last_attempt_at = ${now}
    FROM due
    WHERE d.id = due.id
    RETURNING d.id, d.organization_id, d.endpoint_id, d.event, d.payload, d.attempts
  `.execute(db);
  return result.rows;
}

/** What one attempt came to. */
export interface DeliveryOutcome {
  id: string;
  status: 'delivered' | 'retrying' | 'failed';
  statusCode: number | null;
  error: string | null;
  at: Date;
  /** For `retrying`: when to try again. */
  retryAt?: Date | undefined;
}

/**
 * Records an attempt's outcome and releases the claim, only while this
 * worker still holds the delivery (a worker whose lease ran out and was
 * taken over records nothing).
 *
 * @example
 * await recordDeliveryOutcome(db, workerId, { id, status: 'delivered', statusCode: 200, error: null, at: now });
 */
export async function recordDeliveryOutcome(db: Executor, workerId: string, outcome: DeliveryOutcome): Promise<boolean> {
  const result = await db.updateTable('webhook_deliveries').set({
    status: outcome.status,
    last_status_code: outcome.statusCode,
    last_error: outcome.error,
    ...(outcome.status === 'delivered' ? { delivered_at: outcome.at } : {}),
    ...(outcome.retryAt ? { next_attempt_at: outcome.retryAt } : {}),
    claimed_by: null,
    locked_until: null,
  }).where('id', '=', outcome.id).where('claimed_by', '=', workerId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** When the next delivery falls due after `now`, or null (an idle worker sleeps until then). */
export async function nextDeliveryDueAfter(db: Executor, now: Date): Promise<Date | null> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.min('next_attempt_at').as('at'))
    .where('status', 'in', ['pending', 'retrying'])
    .where('next_attempt_at', '>', now)
    .executeTakeFirst();
  return row?.at ? new Date(row.at as Date) : null;
}

function toDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  const waiting = row.status === 'pending' || row.status === 'retrying';
  return {
    id: row.id,
    event: row.event as WebhookEventType,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    nextAttemptAt: waiting ? instantText(row.next_attempt_at) : null,
    deliveredAt: instantText(row.delivered_at),
    createdAt: instantText(row.created_at),
  };
}

/**
 * An endpoint's delivery log, newest first, paged by cursor. The caller has
 * checked the endpoint is the organization's.
 *
 * @example
 * const { deliveries, nextCursor } = await listDeliveries(db, org.id, endpoint.id, { limit: '20' });
 */
export async function listDeliveries(db: Executor, organizationId: string, endpointId: string, query: WebhookDeliveryQuery): Promise<WebhookDeliveryList> {
  const size = pageSize(query);
  let select = db.selectFrom('webhook_deliveries').selectAll().where('organization_id', '=', organizationId).where('endpoint_id', '=', endpointId);
  if (query.cursor) {
    const { at: after, id } = decodeInstantCursor(query.cursor);
    select = select.where((eb) => eb.or([eb('created_at', '<', after), eb.and([eb('created_at', '=', after), eb('id', '<', id)])]));
  }
  const rows = await select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(size + 1).execute();
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return {
    deliveries: page.map(toDelivery),
    nextCursor: rows.length > size && last ? encodeCursor([new Date(last.created_at).toISOString(), last.id]) : null,
  };
}

/**
 * Sends a delivery again as soon as a worker ticks (staff's "retry"): the
 * same `webhook-id` and body; a failed or delivered one is queued again, a
 * waiting one is brought forward. Another organization's delivery or one of
 * another endpoint is 404.
 *
 * @example
 * const delivery = await retryDelivery(trx, org.id, endpoint.id, deliveryId, now);
 */
export async function retryDelivery(db: Executor, organizationId: string, endpointId: string, id: string, now: Date): Promise<WebhookDelivery> {
  const row = await db.updateTable('webhook_deliveries')
    .set({ status: 'pending', next_attempt_at: now })
    .where('organization_id', '=', organizationId)
    .where('endpoint_id', '=', endpointId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new DomainError('not_found', { detail: 'No such delivery' });
  await sql`NOTIFY ${sql.raw(OUTBOX_CHANNEL)}`.execute(db);
  return toDelivery(row);
}

/**
 * Queues a `webhook.test` delivery to one endpoint (enabled or not; a
 * disabled one gets it when enabled again).
 *
 * @example
 * const delivery = await queueTestDelivery(trx, org.id, endpoint.id, now);
 */
export async function queueTestDelivery(db: Executor, organizationId: string, endpointId: string, now: Date): Promise<WebhookDelivery> {
  const row = await db.insertInto('webhook_deliveries').values({
    id: randomUUID(), organization_id: organizationId, endpoint_id: endpointId, event: 'webhook.test',
    payload: eventBody('webhook.test', { endpointId, message: 'A test event from opus-booking' }, now),
    next_attempt_at: now, created_at: now,
  }).returningAll().executeTakeFirstOrThrow();
  await sql`NOTIFY ${sql.raw(OUTBOX_CHANNEL)}`.execute(db);
  return toDelivery(row);
}
