import * as z from 'zod/mini';
import { Id, shortText } from './common.ts';
import { NextCursor, PageQuery } from './admin-common.ts';

/**
 * Webhooks (D4, issue 9.6): events an organization's endpoints receive,
 * signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature`). README, "Webhooks".
 */

/** The events an endpoint can subscribe to; `webhook.test` goes only to the endpoint it is asked for. */
export const WebhookEventType = z.enum(['booking.created', 'booking.rebooked', 'booking.cancelled', 'patient.change_requested', 'message.failed', 'webhook.test']);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/**
 * Where deliveries go: `https://…`, or `http://` to a loopback address
 * (127.0.0.1, ::1, localhost) for development. Addresses in private,
 * link-local, shared or unspecified ranges are refused (checked again on the
 * resolved address before each delivery; README, "Webhooks").
 */
export const WebhookUrl = z.url({ protocol: /^https?$/ }).check(z.maxLength(2000));

export const CreateWebhookRequest = z.object({
  url: WebhookUrl,
  description: z.optional(shortText(200)),
  events: z.array(WebhookEventType).check(z.minLength(1), z.maxLength(10)),
  enabled: z.optional(z.boolean()),
});
export type CreateWebhookRequest = z.infer<typeof CreateWebhookRequest>;

export const WebhookPatch = z.object({
  url: z.optional(WebhookUrl),
  description: z.optional(shortText(200)),
  events: z.optional(z.array(WebhookEventType).check(z.minLength(1), z.maxLength(10))),
  enabled: z.optional(z.boolean()),
});
export type WebhookPatch = z.infer<typeof WebhookPatch>;

/** An endpoint as listed: never its secret. */
export const WebhookEndpoint = z.object({
  id: Id,
  url: z.string(),
  description: z.string(),
  events: z.array(WebhookEventType),
  enabled: z.boolean(),
  createdAt: z.string(),
  /** After a rotation: until when deliveries are also signed with the previous secret; else null. */
  previousSecretValidUntil: z.nullable(z.string()),
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

/** The answer to create and rotate: the only time the secret (`whsec_…`) is shown. */
export const WebhookEndpointWithSecret = z.extend(WebhookEndpoint, { secret: z.string() });
export type WebhookEndpointWithSecret = z.infer<typeof WebhookEndpointWithSecret>;

export const WebhookList = z.object({ webhooks: z.array(WebhookEndpoint) });
export type WebhookList = z.infer<typeof WebhookList>;

export const WebhookDeliveryStatus = z.enum(['pending', 'retrying', 'delivered', 'failed']);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatus>;

/** One event for one endpoint, as the delivery log shows it. `id` is the `webhook-id` header: the same on every attempt. */
export const WebhookDelivery = z.object({
  id: Id,
  event: WebhookEventType,
  status: WebhookDeliveryStatus,
  attempts: z.int(),
  lastStatusCode: z.nullable(z.int()),
  /** Why the last attempt failed, with at most a short excerpt of the answer. */
  lastError: z.nullable(z.string()),
  nextAttemptAt: z.nullable(z.string()),
  deliveredAt: z.nullable(z.string()),
  createdAt: z.string(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryQuery = PageQuery;
export type WebhookDeliveryQuery = z.infer<typeof WebhookDeliveryQuery>;

export const WebhookDeliveryList = z.object({ deliveries: z.array(WebhookDelivery), nextCursor: NextCursor });
export type WebhookDeliveryList = z.infer<typeof WebhookDeliveryList>;

/** A booking event's data: ids and times only. Fetch the patient through the admin API when needed. */
export const BookingEventData = z.object({
  appointmentId: Id,
  status: z.enum(['booked', 'cancelled']),
  start: z.string(),
  end: z.string(),
  clinicId: Id,
  providerId: Id,
  treatmentId: z.nullable(Id),
  patientId: z.nullable(Id),
  /** `booking.rebooked`: the start and provider before the move. */
  previousStart: z.optional(z.string()),
  previousProviderId: z.optional(Id),
  /** Who made it: a patient online, staff in the console, or an integration's API key. */
  source: z.enum(['online', 'staff', 'api']),
  /** The practice system's own id, when it made or synced the appointment: a system can skip the echo of its own change. */
  externalId: z.nullable(z.string()),
});
export type BookingEventData = z.infer<typeof BookingEventData>;

/** `patient.change_requested`: which fields a booking typed differently from the record (the values stay in the API). */
export const PatientChangeEventData = z.object({
  pendingChangeId: Id,
  patientId: Id,
  appointmentId: z.nullable(Id),
  fields: z.array(z.string()),
});
export type PatientChangeEventData = z.infer<typeof PatientChangeEventData>;

/** `message.failed`: which message, never its text or recipient. */
export const MessageFailedEventData = z.object({
  messageId: Id,
  channel: z.enum(['sms', 'email']),
  kind: z.string(),
  appointmentId: z.nullable(Id),
  patientId: z.nullable(Id),
});
export type MessageFailedEventData = z.infer<typeof MessageFailedEventData>;

export const TestEventData = z.object({ endpointId: Id, message: z.string() });

/** The JSON body of every delivery: `{ type, timestamp, data }` (Standard Webhooks' convention). */
export const WebhookPayload = z.discriminatedUnion('type', [
  z.object({ type: z.enum(['booking.created', 'booking.rebooked', 'booking.cancelled']), timestamp: z.string(), data: BookingEventData }),
  z.object({ type: z.literal('patient.change_requested'), timestamp: z.string(), data: PatientChangeEventData }),
  z.object({ type: z.literal('message.failed'), timestamp: z.string(), data: MessageFailedEventData }),
  z.object({ type: z.literal('webhook.test'), timestamp: z.string(), data: TestEventData }),
]);
export type WebhookPayload = z.infer<typeof WebhookPayload>;
