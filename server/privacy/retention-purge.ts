import { sql, type RawBuilder } from 'kysely';
import type { RetentionSettings } from '../../sdk/schemas/privacy.ts';
import type { Executor } from '../db/database.ts';
import { allRetention } from './retention-settings.ts';

const DAY_MS = 86_400_000;

/** What one purge removed (deleted rows, or blanked bodies), by kind. */
export interface PurgeResult {
  messageBodies: number;
  inboundBodies: number;
  verificationCodes: number;
  holds: number;
  auditLog: number;
  idempotencyKeys: number;
  webhookDeliveries: number;
  rateLimitCounters: number;
}

export interface PurgeOptions {
  now: Date;
  /** Rows per statement (default 500): each batch is its own short statement, so no table is locked for long. */
  batchSize?: number;
  /** Batches per kind and organization in one purge (default 20); what is left waits for the next. */
  maxBatches?: number;
}

/** One kind of row the purge removes: the statement for one batch of an organization's rows older than `cutoff`. */
type Step = (organizationId: string, cutoff: Date, limit: number) => RawBuilder<unknown>;

// Each batch picks at most `limit` rows (SKIP LOCKED: a row another process holds waits for the next purge) and removes them.
const STEPS: Record<Exclude<keyof PurgeResult, 'rateLimitCounters'>, { days: keyof RetentionSettings; step: Step }> = {
  messageBodies: {
    days: 'messageBodiesDays',
    step: (org, cutoff, limit) => sql`UPDATE messages SET body = '', subject = NULL, ics = NULL WHERE id IN (
      SELECT id FROM messages WHERE organization_id = ${org} AND body <> '' AND status IN ('sent', 'replied', 'failed', 'cancelled', 'expired')
        AND created_at < ${cutoff} LIMIT ${limit} FOR UPDATE SKIP LOCKED)`,
  },
  inboundBodies: {
    days: 'messageBodiesDays',
    step: (org, cutoff, limit) => sql`UPDATE inbound_sms SET body = '' WHERE id IN (
      SELECT id FROM inbound_sms WHERE organization_id = ${org} AND body <> '' AND received_at < ${cutoff} LIMIT ${limit} FOR UPDATE SKIP LOCKED)`,
  },
  verificationCodes: {
    days: 'verificationCodesDays',
    step: (org, cutoff, limit) => sql`DELETE FROM verification_codes WHERE id IN (
      SELECT id FROM verification_codes WHERE organization_id = ${org} AND expires_at < ${cutoff} LIMIT ${limit} FOR UPDATE SKIP LOCKED)`,
  },
  holds: {
    days: 'holdsDays',
    step: (org, cutoff, limit) => sql`DELETE FROM appointments WHERE id IN (
      SELECT id FROM appointments WHERE organization_id = ${org} AND status = 'held' AND hold_expires_at < ${cutoff} LIMIT ${limit} FOR UPDATE SKIP LOCKED)`,
  },
  auditLog: {
    days: 'auditLogDays',
    step: (org, cutoff, limit) => sql`DELETE FROM audit_log WHERE id IN (
      SELECT id FROM audit_log WHERE organization_id = ${org} AND at < ${cutoff} LIMIT ${limit} FOR UPDATE SKIP LOCKED)`,
  },
  idempotencyKeys: {
    days: 'idempotencyKeysDays',
    step: (org, cutoff, limit) => sql`DELETE FROM idempotency_keys WHERE organization_id = ${org} AND key IN (
      SELECT key FROM idempotency_keys WHERE organization_id = ${org} AND created_at < ${cutoff} LIMIT ${limit} FOR UPDATE SKIP LOCKED)`,
  },
  webhookDeliveries: {
    days: 'webhookDeliveriesDays',
    step: (org, cutoff, limit) => sql`DELETE FROM webhook_deliveries WHERE id IN (
      SELECT id FROM webhook_deliveries WHERE organization_id = ${org} AND status IN ('delivered', 'failed') AND created_at < ${cutoff}
        LIMIT ${limit} FOR UPDATE SKIP LOCKED)`,
  },
};

/** Runs batches of one statement until a batch comes back short or the budget is spent; answers the rows affected. */
async function inBatches(db: Executor, batch: (limit: number) => RawBuilder<unknown>, batchSize: number, maxBatches: number): Promise<number> {
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const n = Number((await batch(batchSize).execute(db)).numAffectedRows ?? 0);
    total += n;
    if (n < batchSize) break;
  }
  return total;
}

/**
 * The retention purge (issue 11.5): for every organization, by its own
 * periods (or the standard ones), blanks the bodies of settled messages and
 * received SMS and deletes expired codes and holds, audit entries, stored
 * idempotent answers and finished webhook deliveries older than the period;
 * expired rate-limit counters go for everyone. In bounded batches, each its
 * own statement: a big backlog is worked off over several purges without
 * holding locks for long. Several processes may purge at once.
 *
 * @example
 * const purged = await purgeExpired(db, { now: new Date() });
 */
export async function purgeExpired(db: Executor, options: PurgeOptions): Promise<PurgeResult> {
  const batchSize = options.batchSize ?? 500;
  const maxBatches = options.maxBatches ?? 20;
  const result: PurgeResult = { messageBodies: 0, inboundBodies: 0, verificationCodes: 0, holds: 0, auditLog: 0, idempotencyKeys: 0, webhookDeliveries: 0, rateLimitCounters: 0 };
  for (const { organizationId, settings } of await allRetention(db)) {
    for (const [kind, { days, step }] of Object.entries(STEPS) as Array<[keyof typeof STEPS, (typeof STEPS)[keyof typeof STEPS]]>) {
      const cutoff = new Date(options.now.getTime() - settings[days] * DAY_MS);
      result[kind] += await inBatches(db, (limit) => step(organizationId, cutoff, limit), batchSize, maxBatches);
    }
  }
  result.rateLimitCounters = await inBatches(db, (limit) => sql`DELETE FROM rate_limit_counters WHERE (key, window_start) IN (
    SELECT key, window_start FROM rate_limit_counters WHERE expires_at <= ${options.now} LIMIT ${limit} FOR UPDATE SKIP LOCKED)`, batchSize, maxBatches);
  return result;
}
