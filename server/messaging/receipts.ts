import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Executor } from '../db/database.ts';
import type { DeliveryReport, InboundSms } from './gateways/sms-gateway.ts';
import { DomainError } from '../domain/domain-error.ts';
import { validMobile } from './sms-recipient.ts';
import { emitEvent } from '../webhooks/emit-event.ts';

const RANK: Record<DeliveryReport['status'], number> = { sent: 1, delivered: 2, failed: 2 };

/**
 * Applies a delivery report idempotently, by the gateway's message id (or
 * our id from the callback URL when the worker has not yet recorded the
 * gateway's): a repeated or late report never moves a message back, and a
 * report for a message whose send outcome was unknown settles it as sent.
 * `failed` marks a sent message failed with the operator's reason, and
 * announces it (`message.failed` webhook; pass a transaction to write both
 * at once).
 *
 * @example
 * await applyDeliveryReport(db, organizationId, 'twilio', { gatewayId: 'SM…', status: 'delivered' });
 */
export async function applyDeliveryReport(db: Executor, organizationId: string, gateway: string, report: DeliveryReport): Promise<boolean> {
  const row = await db
    .selectFrom('messages')
    .select(['id', 'status', 'delivery_status', 'gateway_id', 'channel', 'kind', 'appointment_id', 'patient_id'])
    .where('organization_id', '=', organizationId)
    .where((eb) => eb.or([
      eb.and([eb('gateway', '=', gateway), eb('gateway_id', '=', report.gatewayId)]),
      ...(report.messageId && /^[0-9a-f-]{36}$/.test(report.messageId) ? [eb.and([eb('id', '=', report.messageId), eb('gateway_id', 'is', null)])] : []),
    ]))
    .executeTakeFirst();
  if (!row) return false;
  const current = row.delivery_status as DeliveryReport['status'] | null;
  if (current && RANK[current] >= RANK[report.status]) return true;
  const failed = report.status === 'failed';
  const updated = await db
    .updateTable('messages')
    .set({
      delivery_status: report.status,
      ...(report.status === 'delivered' ? { delivered_at: report.at ?? new Date() } : {}),
      gateway: gateway,
      gateway_id: row.gateway_id ?? report.gatewayId,
      ...(failed ? { status: sql<'failed'>`CASE WHEN status IN ('sent', 'failed') THEN 'failed' ELSE status END`, last_error: report.error ?? 'Not delivered' } : {}),
      // An outcome the worker could not know (it died mid-send) is now known.
      ...(!failed && row.status === 'failed' && row.gateway_id === null ? { status: 'sent', sent_at: report.at ?? new Date(), last_error: null } : {}),
    })
    .where('id', '=', row.id)
    // Re-checked in the update: a report racing another (Twilio posts "sent" and "delivered" moments apart) may have read the row before it changed.
    .where((eb) => {
      const lower = (Object.keys(RANK) as Array<DeliveryReport['status']>).filter((s) => RANK[s] < RANK[report.status]);
      return eb.or([eb('delivery_status', 'is', null), ...(lower.length > 0 ? [eb('delivery_status', 'in', lower)] : [])]);
    })
    .returning('status')
    .executeTakeFirst();
  if (failed && updated?.status === 'failed' && row.status !== 'failed') {
    await emitEvent(db, { id: organizationId }, 'message.failed', { messageId: row.id, channel: row.channel, kind: row.kind, appointmentId: row.appointment_id, patientId: row.patient_id }, report.at ?? new Date());
  }
  return true;
}

/**
 * Records an inbound SMS once per gateway id (S14), matched to the last
 * message sent to that number in the organization, which becomes sent and
 * replied (SB), and to its patient (or a patient with that mobile).
 *
 * @example
 * await recordInbound(db, organizationId, '46elks', { gatewayId: 'abc', from: '+4791234567', to: '+4759440000', body: 'OK' }, new Date());
 */
export async function recordInbound(db: Db, organizationId: string, gateway: string, sms: InboundSms, now: Date): Promise<{ id: string; duplicate: boolean }> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('inbound_sms').select('id').where('gateway', '=', gateway).where('gateway_id', '=', sms.gatewayId).executeTakeFirst();
    if (existing) return { id: existing.id, duplicate: true };
    const from = validMobile(sms.from) ?? sms.from;
    const last = await trx
      .selectFrom('messages')
      .select(['id', 'patient_id'])
      .where('organization_id', '=', organizationId)
      .where('channel', '=', 'sms')
      .where('recipient', '=', from)
      .where('status', 'in', ['sent', 'replied'])
      // A reply answers what this gateway really sent (not a test-mode "sent", nor another gateway's).
      .where('gateway', '=', gateway)
      .where('sent_at', 'is not', null)
      .orderBy('sent_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const patientId = last?.patient_id
      ?? (await trx.selectFrom('patients').select('id').where('organization_id', '=', organizationId).where('mobile', '=', from).limit(1).executeTakeFirst())?.id
      ?? null;
    const id = randomUUID();
    const inserted = await trx
      .insertInto('inbound_sms')
      .values({ id, organization_id: organizationId, from_number: from, body: sms.body.slice(0, 2000), received_at: now, message_id: last?.id ?? null, patient_id: patientId, gateway, gateway_id: sms.gatewayId })
      .onConflict((oc) => oc.columns(['gateway', 'gateway_id', 'organization_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return { id: '', duplicate: true };
    if (last) await trx.updateTable('messages').set({ status: 'replied', replied_at: now }).where('id', '=', last.id).execute();
    return { id, duplicate: false };
  });
}

/**
 * Staff mark a received SMS read or unread and flag it for follow-up (S14).
 * Answers false when the organization has no such message.
 *
 * @example
 * await markInbound(db, org.id, inboundId, { read: true, followUp: true });
 */
export async function markInbound(db: Executor, organizationId: string, id: string, patch: { read?: boolean | undefined; followUp?: boolean | undefined }): Promise<boolean> {
  const set = { ...(patch.read !== undefined ? { read: patch.read } : {}), ...(patch.followUp !== undefined ? { follow_up: patch.followUp } : {}) };
  if (Object.keys(set).length === 0) throw DomainError.invalid('', 'Give read, followUp or both', 'empty');
  const result = await db.updateTable('inbound_sms').set(set).where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
