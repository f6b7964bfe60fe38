import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { BookingEventData, MessageFailedEventData, PatientChangeEventData, WebhookEventType } from '../../sdk/schemas/webhooks.ts';
import type { Executor } from '../db/database.ts';
import { OUTBOX_CHANNEL } from '../messaging/outbox-repository.ts';

/** The data each event carries (README, "Webhooks"). */
export interface WebhookEventData {
  'booking.created': BookingEventData;
  'booking.rebooked': BookingEventData;
  'booking.cancelled': BookingEventData;
  'patient.change_requested': PatientChangeEventData;
  'message.failed': MessageFailedEventData;
  'webhook.test': { endpointId: string; message: string };
}

/**
 * The body of a delivery, fixed when the event happens: what is signed and sent on every attempt.
 *
 * @example
 * eventBody('webhook.test', { endpointId, message: 'Hello' }, now); // '{"type":"webhook.test","timestamp":"…","data":{…}}'
 */
export function eventBody<T extends WebhookEventType>(type: T, data: WebhookEventData[T], at: Date): string {
  return JSON.stringify({ type, timestamp: at.toISOString(), data });
}

/**
 * Queues an event for every enabled endpoint of the organization that
 * subscribes to it, in the caller's transaction: a change that commits has
 * its deliveries, one that rolls back sends nothing. Wakes the worker when
 * it commits. Answers how many deliveries it queued.
 *
 * @example
 * await emitEvent(trx, org, 'booking.created', data, deps.now());
 */
export async function emitEvent<T extends Exclude<WebhookEventType, 'webhook.test'>>(trx: Executor, org: { id: string }, type: T, data: WebhookEventData[T], now: Date): Promise<number> {
  const endpoints = await trx
    .selectFrom('webhook_endpoints')
    .select('id')
    .where('organization_id', '=', org.id)
    .where('enabled', '=', true)
    .where(sql<boolean>`events @> ${JSON.stringify([type])}::jsonb`)
    .execute();
  if (endpoints.length === 0) return 0;
  const payload = eventBody(type, data, now);
  await trx.insertInto('webhook_deliveries').values(endpoints.map((e) => ({
    id: randomUUID(), organization_id: org.id, endpoint_id: e.id, event: type, payload, next_attempt_at: now, created_at: now,
  }))).execute();
  await sql`NOTIFY ${sql.raw(OUTBOX_CHANNEL)}`.execute(trx);
  return endpoints.length;
}

/**
 * Queues a `booking.*` event for an appointment as it is now (ids and times,
 * no patient details), with where it was before for a rebooking. One call
 * after the change, in its transaction; staff paths call it the same way.
 *
 * @example
 * await emitBookingEvent(trx, org, 'booking.rebooked', appointment.id, deps.now(), { start: oldStartsAt, providerId: oldProviderId });
 */
export async function emitBookingEvent(
  trx: Executor,
  org: { id: string },
  type: 'booking.created' | 'booking.rebooked' | 'booking.cancelled',
  appointmentId: string,
  now: Date,
  previous?: { start: Date; providerId: string },
): Promise<number> {
  const a = await trx
    .selectFrom('appointments')
    .select(['id', 'status', 'starts_at', 'ends_at', 'clinic_id', 'provider_id', 'treatment_id', 'patient_id', 'source', 'external_id'])
    .where('organization_id', '=', org.id)
    .where('id', '=', appointmentId)
    .executeTakeFirstOrThrow();
  return emitEvent(trx, org, type, {
    appointmentId: a.id,
    status: a.status === 'cancelled' ? 'cancelled' : 'booked',
    start: new Date(a.starts_at).toISOString(),
    end: new Date(a.ends_at).toISOString(),
    clinicId: a.clinic_id,
    providerId: a.provider_id,
    treatmentId: a.treatment_id,
    patientId: a.patient_id,
    ...(previous ? { previousStart: previous.start.toISOString(), previousProviderId: previous.providerId } : {}),
    source: a.source,
    externalId: a.external_id,
  }, now);
}
