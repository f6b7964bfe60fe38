import * as z from 'zod/mini';
import { Id, Instant, LocalDate, Locale } from './common.ts';

/**
 * The messaging contract (B14, W10, W11, S1–S16): settings, templates, the
 * outbox and the received list, as the admin API answers them and the admin
 * SDK parses them.
 */

export const MessageChannel = z.enum(['sms', 'email']);
export type MessageChannel = z.infer<typeof MessageChannel>;

/** Every kind of message; the first seven are the SMS texts of S2, the next three the confirmations of B14. */
export const MessageKind = z.enum(['reminder1', 'reminder2', 'reminder3', 'general', 'note', 'recall', 'thanks', 'booked', 'rebooked', 'cancelled', 'code', 'staff_invite', 'password_reset']);
export type MessageKind = z.infer<typeof MessageKind>;

/** The statuses of S13: V, S, SB, F, A, FV, U. */
export const MessageStatus = z.enum(['waiting', 'sent', 'replied', 'failed', 'cancelled', 'retrying', 'expired']);
export type MessageStatus = z.infer<typeof MessageStatus>;

/** Who gets reminders (S4). */
export const ReminderPolicy = z.enum(['all_valid_mobile', 'wants_sms', 'none']);
export type ReminderPolicy = z.infer<typeof ReminderPolicy>;

export const SmsGatewayName = z.enum(['twilio', '46elks', 'console', 'memory']);
export type SmsGatewayName = z.infer<typeof SmsGatewayName>;

const ClockTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:MM'));
const Hours = z.int().check(z.gte(0), z.lte(24 * 30));
/** An alphanumeric SMS sender: 1–11 letters, digits or spaces, at least one letter. */
const SenderText = z.string().check(z.regex(/^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/, '1–11 letters, digits or spaces, with a letter'));
const E164 = z.string().check(z.regex(/^\+[1-9]\d{6,14}$/, 'A phone number in E.164, e.g. +4791234567'));

/** S7, S10: countries (ISO 3166 codes) whose mobiles are texted; empty = any. Public too (`OrganizationPublic.smsCountries`). */
export const SmsCountries = z.array(z.string().check(z.regex(/^[A-Z]{2}$/, 'A country code such as NO'))).check(z.maxLength(60));

/** Pause settings (S6, S15): the worker sends no SMS in these local times. */
export const PauseSettings = z.object({
  night: z.boolean(),
  nightFrom: ClockTime,
  nightTo: ClockTime,
  saturdays: z.boolean(),
  sundays: z.boolean(),
});
export type PauseSettings = z.infer<typeof PauseSettings>;

/** An organization's messaging settings (S1, S3–S6, S15, W10), resolved over the defaults. */
export const MessagingSettings = z.object({
  /** S1: SMS on for this organization. */
  smsEnabled: z.boolean(),
  /** S1: which configured gateway sends its SMS; null = the server's default. */
  gateway: z.nullable(SmsGatewayName),
  /** S3: the sender text when replies are not allowed; null = derived from the organization's name. */
  senderId: z.nullable(SenderText),
  /** S3: replies allowed: the sender is `replyNumber`. */
  allowReplies: z.boolean(),
  replyNumber: z.nullable(E164),
  /** S7, S10: the countries (ISO 3166 codes) whose mobiles are texted; a number elsewhere is refused. Empty = any. */
  smsCountries: SmsCountries,
  /** S4 */
  reminderPolicy: ReminderPolicy,
  /** S5: hours before the appointment; null = that reminder is off. */
  reminderHours: z.object({ reminder1: z.nullable(Hours), reminder2: z.nullable(Hours), reminder3: z.nullable(Hours) }),
  /** S5: thanks N hours after the appointment ends; null = off. */
  thanksHoursAfter: z.nullable(Hours),
  /** S8: how long a general message stays sendable by default. */
  generalExpiryHours: z.int().check(z.gte(1), z.lte(24 * 30)),
  /** S6: ISO weekdays (1 = Monday) on which no reminder is scheduled; it moves earlier. */
  noSendWeekdays: z.array(z.int().check(z.gte(1), z.lte(7))).check(z.maxLength(7)),
  /** S6/S15 */
  pause: PauseSettings,
  /** S15: nothing is sent to an SMS gateway; messages are marked sent with the result "test mode". */
  testMode: z.boolean(),
  /** B14: confirmations on new booking, rebooking, cancellation per channel. */
  confirmations: z.object({ sms: z.boolean(), email: z.boolean() }),
  /** W10: the sender of confirmation e-mails; null = the server's default. */
  emailFrom: z.nullable(z.email().check(z.maxLength(254))),
  emailFromName: z.nullable(z.string().check(z.maxLength(100))),
});
export type MessagingSettings = z.infer<typeof MessagingSettings>;

/** A partial update of the settings: top-level sections replace, `pause` and `reminderHours` merge. */
export const MessagingSettingsPatch = z.partial(
  z.object({
    ...MessagingSettings.shape,
    pause: z.partial(PauseSettings),
    reminderHours: z.partial(MessagingSettings.shape.reminderHours),
    confirmations: z.partial(MessagingSettings.shape.confirmations),
  }),
);
export type MessagingSettingsPatch = z.infer<typeof MessagingSettingsPatch>;

/** Estimated length of an SMS (W11): characters, parts and the encoding that decides them. */
export const SmsLength = z.object({
  encoding: z.enum(['gsm7', 'ucs2']),
  /** Characters as the phone counts them: GSM-7 extension characters count two, emoji two. */
  units: z.int(),
  characters: z.int(),
  parts: z.int(),
  /** Units left in the last part. */
  remaining: z.int(),
});
export type SmsLength = z.infer<typeof SmsLength>;

/** One template (S2, W10, W11), with the standard text it falls back to. */
export const MessageTemplate = z.object({
  channel: MessageChannel,
  kind: MessageKind,
  locale: Locale,
  subject: z.nullable(z.string()),
  body: z.string(),
  /** True when the organization has written its own text. */
  custom: z.boolean(),
  standardSubject: z.nullable(z.string()),
  standardBody: z.string(),
  length: z.nullable(SmsLength),
});
export type MessageTemplate = z.infer<typeof MessageTemplate>;
export const MessageTemplateList = z.object({ templates: z.array(MessageTemplate), mergeFields: z.array(z.string()) });
export type MessageTemplateList = z.infer<typeof MessageTemplateList>;

export const TemplateBody = z.string().check(z.minLength(1), z.maxLength(1600));

/** Saving a template. */
export const SaveTemplateRequest = z.object({ body: TemplateBody, subject: z.optional(z.nullable(z.string().check(z.maxLength(200)))) });
export type SaveTemplateRequest = z.infer<typeof SaveTemplateRequest>;

/** Previewing a text: rendered with sample values and counted. */
export const PreviewRequest = z.object({ channel: MessageChannel, body: TemplateBody });
export type PreviewRequest = z.infer<typeof PreviewRequest>;
export const PreviewResult = z.object({ rendered: z.string(), length: z.nullable(SmsLength) });
export type PreviewResult = z.infer<typeof PreviewResult>;

const MessageText = z.string().check(z.trim(), z.minLength(1), z.maxLength(1600));
const Timing = { sendAt: z.optional(Instant), expiresAt: z.optional(Instant) };

/** S8: a general text to a patient. */
export const SendToPatientRequest = z.object({ patientId: Id, body: MessageText, ...Timing });
export type SendToPatientRequest = z.infer<typeof SendToPatientRequest>;
/** S10: a text to any number. */
export const SendToNumberRequest = z.object({ to: z.string().check(z.minLength(3), z.maxLength(30)), body: MessageText, ...Timing });
export type SendToNumberRequest = z.infer<typeof SendToNumberRequest>;
/** S11: the same text to many patients. */
export const BulkSendRequest = z.object({ patientIds: z.array(Id).check(z.minLength(1), z.maxLength(5000)), body: MessageText, ...Timing });
export type BulkSendRequest = z.infer<typeof BulkSendRequest>;
/** S12: a kind of text to some of today's patients; the body defaults to that kind's template. */
export const SendToAppointmentsRequest = z.object({
  appointmentIds: z.array(Id).check(z.minLength(1), z.maxLength(1000)),
  kind: z.enum(['general', 'reminder1', 'reminder2', 'reminder3', 'thanks', 'note']),
  body: z.optional(MessageText),
  ...Timing,
});
export type SendToAppointmentsRequest = z.infer<typeof SendToAppointmentsRequest>;

export const SkipReason = z.enum(['no_valid_mobile', 'foreign_number', 'not_found']);
export const SendResult = z.object({
  queued: z.array(z.object({ messageId: Id, patientId: z.nullable(Id), appointmentId: z.nullable(Id) })),
  skipped: z.array(z.object({ patientId: z.nullable(Id), appointmentId: z.nullable(Id), reason: SkipReason })),
});
export type SendResult = z.infer<typeof SendResult>;

/** S9: per-appointment reminders on/off and texts (templates with merge fields; null = the organization's). */
export const AppointmentRemindersRequest = z.object({
  enabled: z.boolean(),
  texts: z.optional(z.partial(z.object({ reminder1: z.nullable(TemplateBody), reminder2: z.nullable(TemplateBody), reminder3: z.nullable(TemplateBody), thanks: z.nullable(TemplateBody) }))),
});
export type AppointmentRemindersRequest = z.infer<typeof AppointmentRemindersRequest>;

/** A message in the sent list (S13). */
export const MessageView = z.object({
  id: Id,
  channel: MessageChannel,
  kind: MessageKind,
  status: MessageStatus,
  recipient: z.string(),
  subject: z.nullable(z.string()),
  body: z.string(),
  createdAt: z.string(),
  sendAt: z.string(),
  expiresAt: z.nullable(z.string()),
  sentAt: z.nullable(z.string()),
  repliedAt: z.nullable(z.string()),
  attempts: z.int(),
  lastError: z.nullable(z.string()),
  /** What the last attempt came to, e.g. "Twilio: queued" or "Test mode: nothing was sent (S15)". */
  result: z.nullable(z.string()),
  deliveryStatus: z.nullable(z.string()),
  gateway: z.nullable(z.string()),
  appointmentId: z.nullable(Id),
  appointmentStart: z.nullable(z.string()),
  patient: z.nullable(z.object({ id: Id, firstName: z.string(), lastName: z.string() })),
  providerId: z.nullable(Id),
  clinicId: z.nullable(Id),
});
export type MessageView = z.infer<typeof MessageView>;

export const MessageDateField = z.enum(['created', 'sendAt', 'sent', 'replied']);
/** Filters of the sent list (S13); dates are local dates of the organization, both included. */
export const MessageQuery = z.object({
  recipient: z.optional(z.string().check(z.maxLength(30))),
  kind: z.optional(MessageKind),
  status: z.optional(MessageStatus),
  channel: z.optional(MessageChannel),
  clinicId: z.optional(Id),
  providerId: z.optional(Id),
  patientId: z.optional(Id),
  appointmentId: z.optional(Id),
  dateField: z.optional(MessageDateField),
  from: z.optional(LocalDate),
  to: z.optional(LocalDate),
  limit: z.optional(z.string().check(z.regex(/^\d{1,4}$/))),
});
export type MessageQuery = z.infer<typeof MessageQuery>;
export const MessageList = z.object({ messages: z.array(MessageView), count: z.int() });
export type MessageList = z.infer<typeof MessageList>;

/** A received SMS (S14). */
export const InboundView = z.object({
  id: Id,
  from: z.string(),
  body: z.string(),
  receivedAt: z.string(),
  read: z.boolean(),
  followUp: z.boolean(),
  messageId: z.nullable(Id),
  patient: z.nullable(z.object({ id: Id, firstName: z.string(), lastName: z.string() })),
});
export type InboundView = z.infer<typeof InboundView>;
export const InboundQuery = z.object({
  from: z.optional(z.string().check(z.maxLength(30))),
  read: z.optional(z.enum(['true', 'false'])),
  followUp: z.optional(z.enum(['true', 'false'])),
  patientId: z.optional(Id),
  since: z.optional(LocalDate),
  until: z.optional(LocalDate),
});
export type InboundQuery = z.infer<typeof InboundQuery>;
export const InboundList = z.object({ messages: z.array(InboundView), count: z.int(), unread: z.int() });
export type InboundList = z.infer<typeof InboundList>;
export const InboundPatch = z.object({ read: z.optional(z.boolean()), followUp: z.optional(z.boolean()) });
export type InboundPatch = z.infer<typeof InboundPatch>;

/** The latest status of each reminder kind of an appointment (seed 000's SMS1, SMS2, SMS3, thanks), null where it has none. */
export const ReminderStatuses = z.object({
  reminder1: z.nullable(MessageStatus),
  reminder2: z.nullable(MessageStatus),
  reminder3: z.nullable(MessageStatus),
  thanks: z.nullable(MessageStatus),
});
export type ReminderStatuses = z.infer<typeof ReminderStatuses>;

/** Today's patients (S12). */
export const TodayList = z.object({
  date: LocalDate,
  appointments: z.array(z.object({
    appointmentId: Id, start: z.string(), clinicId: Id, providerId: Id, providerName: z.string(),
    patient: z.nullable(z.object({ id: Id, firstName: z.string(), lastName: z.string(), wantsSms: z.boolean() })),
    mobile: z.nullable(z.string()), remindersEnabled: z.boolean(),
    /** The latest status of each reminder kind, null where there is none (seed 000's SMS1, SMS2, SMS3, thanks). */
    reminders: ReminderStatuses,
  })),
});
export type TodayList = z.infer<typeof TodayList>;

/** Service status (S15). */
export const MessagingStatus = z.object({
  counts: z.record(MessageStatus, z.int()),
  waiting: z.int(),
  sent: z.int(),
  lastSuccessAt: z.nullable(z.string()),
  lastReceivedAt: z.nullable(z.string()),
  lastErrorAt: z.nullable(z.string()),
  lastError: z.nullable(z.string()),
  lastResult: z.nullable(z.string()),
  workers: z.array(z.object({ id: z.string(), startedAt: z.string(), beatAt: z.string(), stoppedAt: z.nullable(z.string()), intervalSeconds: z.number(), alive: z.boolean(), lastResult: z.nullable(z.string()) })),
  pause: PauseSettings,
  pausedNow: z.boolean(),
  testMode: z.boolean(),
  smsEnabled: z.boolean(),
  gateway: z.string(),
});
export type MessagingStatus = z.infer<typeof MessagingStatus>;
