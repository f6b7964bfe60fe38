import * as z from 'zod/mini';
import { Id, Locale } from './common.ts';
import { AuditEntry } from './admin-common.ts';
import { BookAppointment } from './book.ts';
import { MessageChannel, MessageKind, MessageStatus } from './messaging.ts';
import { JournalEntry, PatientRecord, PendingChange } from './patients.ts';
import { WebhookDeliveryStatus } from './webhooks.ts';

/**
 * Privacy (issue 11.5): everything held about one patient as JSON, erasing
 * a patient, and each organization's retention periods.
 */

/** An appointment in an export: as the book shows it, with what the booking typed. */
export const ExportedAppointment = z.extend(BookAppointment, {
  createdAt: z.string(),
  cancelledAt: z.nullable(z.string()),
  campaignCode: z.nullable(z.string()),
  userMessage: z.nullable(z.string()),
  locale: z.nullable(Locale),
  /** The details an online booking typed (null: the record's details apply). */
  contact: z.nullable(z.object({ firstName: z.string(), lastName: z.nullable(z.string()), mobile: z.nullable(z.string()), email: z.nullable(z.string()) })),
});
export type ExportedAppointment = z.infer<typeof ExportedAppointment>;

/** A message to the patient, its body as the console lists it (no live code, link or manage token). */
export const ExportedMessage = z.object({
  id: Id, channel: MessageChannel, kind: MessageKind, status: MessageStatus, recipient: z.string(), subject: z.nullable(z.string()), body: z.string(),
  createdAt: z.string(), sendAt: z.string(), sentAt: z.nullable(z.string()), appointmentId: z.nullable(Id),
});

export const ExportedInbound = z.object({ id: Id, from: z.string(), body: z.string(), receivedAt: z.string() });

/** A one-time code sent to the patient's mobile or e-mail: when and why, never the code. */
export const ExportedCode = z.object({
  id: Id, purpose: z.enum(['booking', 'login']), channel: MessageChannel, recipient: z.string(), createdAt: z.string(), expiresAt: z.string(), consumedAt: z.nullable(z.string()),
});

/** A patient login (SMS code or e-ID) by the patient's mobile or national id. */
export const ExportedSession = z.object({ id: Id, method: z.enum(['sms', 'eid']), createdAt: z.string(), expiresAt: z.string(), endedAt: z.nullable(z.string()) });

/** A webhook delivery whose event names the patient or one of their appointments (ids only). */
export const ExportedDelivery = z.object({ id: Id, event: z.string(), status: WebhookDeliveryStatus, createdAt: z.string(), payload: z.unknown() });

/**
 * Everything held about one patient (`GET /patients/{id}/export`): the
 * record (its `wantsSms` is the consent to SMS), every appointment, the
 * messages to and from them, codes and logins, the journal, every pending
 * change, the audit log's entries about them and webhook deliveries naming them.
 */
export const PatientExport = z.object({
  exportedAt: z.string(),
  organization: z.object({ id: Id, name: z.string() }),
  patient: PatientRecord,
  appointments: z.array(ExportedAppointment),
  messages: z.array(ExportedMessage),
  inboundSms: z.array(ExportedInbound),
  verificationCodes: z.array(ExportedCode),
  sessions: z.array(ExportedSession),
  journal: z.array(JournalEntry),
  pendingChanges: z.array(PendingChange),
  audit: z.array(AuditEntry),
  webhookDeliveries: z.array(ExportedDelivery),
});
export type PatientExport = z.infer<typeof PatientExport>;

/** `POST /patients/{id}/erase`: `confirm` must be true (erasing cannot be undone). */
export const EraseRequest = z.object({ confirm: z.literal(true, 'Set confirm to true: erasing cannot be undone') });
export type EraseRequest = z.infer<typeof EraseRequest>;

/** What an erasure did; `alreadyErased` when the patient had been erased before (nothing more to do). */
export const EraseResult = z.object({
  patientId: Id,
  alreadyErased: z.boolean(),
  appointmentsAnonymized: z.int(),
  appointmentsCancelled: z.int(),
  messagesCancelled: z.int(),
});
export type EraseResult = z.infer<typeof EraseResult>;

/** The bounds of each retention period, in days (the database checks the same). */
export const RETENTION_LIMITS = {
  messageBodiesDays: { min: 7, max: 3650, default: 365 },
  verificationCodesDays: { min: 1, max: 30, default: 1 },
  holdsDays: { min: 1, max: 30, default: 1 },
  auditLogDays: { min: 90, max: 3650, default: 730 },
  idempotencyKeysDays: { min: 1, max: 365, default: 7 },
  webhookDeliveriesDays: { min: 1, max: 365, default: 30 },
} as const;

export type RetentionField = keyof typeof RETENTION_LIMITS;

const days = (field: RetentionField) => z.int().check(z.minimum(RETENTION_LIMITS[field].min), z.maximum(RETENTION_LIMITS[field].max));

/**
 * How long an organization keeps what it no longer needs, in days: bodies of
 * messages that went (or will never go) are blanked, the rest deleted.
 * Expired rate-limit counters are deleted for everyone as they expire.
 */
export const RetentionSettings = z.object({
  /** Bodies of sent, replied, failed, cancelled and expired messages (and received SMS) are blanked after this. */
  messageBodiesDays: days('messageBodiesDays'),
  /** One-time codes, after they expired. */
  verificationCodesDays: days('verificationCodesDays'),
  /** Holds on times, after they expired. */
  holdsDays: days('holdsDays'),
  auditLogDays: days('auditLogDays'),
  idempotencyKeysDays: days('idempotencyKeysDays'),
  /** Delivered and failed webhook deliveries. */
  webhookDeliveriesDays: days('webhookDeliveriesDays'),
});
export type RetentionSettings = z.infer<typeof RetentionSettings>;

/** The standard retention periods. */
export const DEFAULT_RETENTION: RetentionSettings = Object.fromEntries(
  Object.entries(RETENTION_LIMITS).map(([field, limit]) => [field, limit.default]),
) as RetentionSettings;
