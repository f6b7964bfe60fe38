import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * Row types of the database, kept apart from the API's schemas: repositories
 * map between the two explicitly.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export interface OrganizationsTable {
  id: string;
  subdomain: string;
  name: string;
  time_zone: string;
  locale: 'nb' | 'sv' | 'en';
  settings: Json<unknown>;
  texts: Json<unknown>;
  theme: Json<unknown>;
  messaging: Json<unknown>;
  created_at: CreatedAt;
  /** Bumped by triggers with every change to settings, catalog or schedules (migration 0018): the config cache's key. */
  config_version: Generated<number>;
}

/** The organization's uploaded logo (W8; migration 0016). */
export interface OrganizationLogosTable {
  organization_id: string;
  image: Uint8Array;
  type: string;
  updated_at: Date;
}

export interface ApiKeysTable {
  id: string;
  organization_id: string;
  name: string;
  key_hash: string;
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
  /** The first characters after `opk_`, shown when listing keys. */
  prefix: ColumnType<string, string | undefined, string>;
  /** `read`, `write`, `messaging` (issue 9.1). */
  scopes: ColumnType<Array<'read' | 'write' | 'messaging'>, string | undefined, string>;
  last_used_at: Timestamp | null;
}

export interface ClinicsTable {
  id: string;
  organization_id: string;
  name: string;
  address: Generated<string>;
  postal_code: Generated<string>;
  city: Generated<string>;
  phone: Generated<string>;
  group_name: string | null;
  display_order: Generated<number>;
  time_zone: string | null;
  text_heading: string | null;
  text_body: string | null;
  active: Generated<boolean>;
}

export interface ProvidersTable {
  id: string;
  organization_id: string;
  name: string;
  title: Generated<string>;
  bio: Generated<string>;
  photo: Uint8Array | null;
  photo_type: string | null;
  active: Generated<boolean>;
}

export interface ProviderClinicsTable {
  provider_id: string;
  organization_id: string;
  clinic_id: string;
  display_order: Generated<number>;
  published: Generated<boolean>;
  availability_mode: Generated<'working_hours' | 'published_slots'>;
  /** Whether patients may see the provider's photo / title at this clinic (B13; consent is per clinic). */
  consent_photo: Generated<boolean>;
  consent_title: Generated<boolean>;
}

export interface TreatmentsTable {
  id: string;
  organization_id: string;
  name: string;
  duration_minutes: number;
  description: Generated<string>;
  display_order: Generated<number>;
  online: Generated<boolean>;
  /** False when archived: retired, kept for the appointments that name it. */
  active: Generated<boolean>;
}

export interface TreatmentProvidersTable {
  treatment_id: string;
  organization_id: string;
  provider_id: string;
}

export interface TreatmentClinicsTable {
  treatment_id: string;
  organization_id: string;
  clinic_id: string;
}

export interface WeeklySpanTable {
  id: string;
  organization_id: string;
  provider_id: string;
  clinic_id: string;
  weekday: number;
  start_minute: number;
  end_minute: number;
}

export interface ScheduleExceptionsTable {
  id: string;
  organization_id: string;
  provider_id: string;
  clinic_id: string;
  /** `YYYY-MM-DD`: the date type is read as text (see database.ts). */
  date: string;
  kind: 'closed' | 'open';
  start_minute: number | null;
  end_minute: number | null;
  note: Generated<string>;
}

export interface OnlineSlotsTable {
  id: string;
  organization_id: string;
  provider_id: string;
  clinic_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
}

export interface PatientsTable {
  id: string;
  organization_id: string;
  first_name: string;
  last_name: string;
  /** NULL only on an erased record. */
  national_id: string | null;
  mobile: string | null;
  email: string | null;
  address1: string | null;
  address2: string | null;
  postal_code: string | null;
  city: string | null;
  wants_sms: Generated<boolean>;
  /** False when an online booking that proved no mobile created the record: an SMS login does not reach it by this number. */
  mobile_verified: Generated<boolean>;
  next_recall_date: string | null;
  created_at: CreatedAt;
  /** Set when the patient was erased (issue 11.5): the record stays, blank, so a second erasure is recognised. */
  erased_at: Timestamp | null;
}

/** `held`: a time held while the patient verifies (issue 8.2); it blocks the time until `hold_expires_at`. */
export type AppointmentStatus = 'booked' | 'cancelled' | 'held';

export interface AppointmentsTable {
  id: string;
  organization_id: string;
  patient_id: string | null;
  clinic_id: string;
  provider_id: string;
  treatment_id: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  status: AppointmentStatus;
  source: 'online' | 'staff' | 'api';
  text: Generated<string>;
  from_template: Generated<boolean>;
  campaign_code: string | null;
  user_message: string | null;
  manage_token_hash: string | null;
  reminders_enabled: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  cancelled_at: Timestamp | null;
  /** Per-appointment reminder templates by kind (S9), e.g. `{ "reminder1": "Hei [firstName] …" }`. */
  reminder_texts: ColumnType<Record<string, string>, string | undefined, string>;
  /** The language it was booked in online (its manage link opens in it); null for staff and API bookings that said none. */
  locale: ColumnType<'nb' | 'sv' | 'en' | null, 'nb' | 'sv' | 'en' | null | undefined, 'nb' | 'sv' | 'en' | null>;
  /**
   * What an online booking typed (issue 8.4): shown and messaged instead of
   * the record's details, which a typed national id alone must not reach.
   * Null for staff appointments and older rows (`contact_first_name` null:
   * the record's details apply).
   */
  contact_first_name: ColumnType<string | null, string | null | undefined, string | null>;
  contact_last_name: ColumnType<string | null, string | null | undefined, string | null>;
  contact_mobile: ColumnType<string | null, string | null | undefined, string | null>;
  contact_email: ColumnType<string | null, string | null | undefined, string | null>;
  contact_wants_sms: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  /** The booking proved `contact_mobile` (an SMS code to it or an SMS login with it): an SMS login with that number reaches it. */
  contact_mobile_verified: Generated<boolean>;
  /** Set exactly when `status` is `held`: the hold stops blocking the time at this instant. */
  hold_expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** SHA-256 (hex, as `hashSecretToken` makes it) of the patient's hold id, while held. */
  hold_token_hash: ColumnType<string | null, string | null | undefined, string | null>;
  /** Marked by staff (issue 9.4); the row stays `booked`, so it keeps its time. */
  attendance: ColumnType<'attended' | 'no_show' | null, 'attended' | 'no_show' | null | undefined, 'attended' | 'no_show' | null>;
  /** The practice system's own id (issue 9.6), unique per organization where set. */
  external_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A one-time code (issue 8.1); the code itself is stored only as an HMAC. */
export interface VerificationCodesTable {
  id: string;
  organization_id: string;
  /** SHA-256 of the verification id the patient holds. */
  handle_hash: string;
  purpose: 'booking' | 'login';
  channel: 'sms' | 'email';
  /** E.164 mobile or e-mail address the code went to. */
  recipient: string;
  code_hash: string;
  hold_id: string | null;
  wrong_tries: Generated<number>;
  sends: Generated<number>;
  created_at: CreatedAt;
  last_sent_at: ColumnType<Date, Date | string | undefined, Date | string>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  consumed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The language the code went in (a resend uses it); null before migration 0007. */
  locale: ColumnType<'nb' | 'sv' | 'en' | null, 'nb' | 'sv' | 'en' | null | undefined, 'nb' | 'sv' | 'en' | null>;
}

/** A logged-in patient (issue 8.5/8.6): SMS login carries the verified mobile, e-ID the national id. */
export interface PatientSessionsTable {
  id: string;
  organization_id: string;
  token_hash: string;
  method: 'sms' | 'eid';
  mobile: string | null;
  national_id: string | null;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  ended_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** A solved captcha challenge, kept until it would have expired anyway so it is accepted once. */
export interface SpentChallengesTable {
  hash: string;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export interface JournalEntriesTable {
  id: string;
  organization_id: string;
  patient_id: string;
  appointment_id: string | null;
  at: ColumnType<Date, Date | string | undefined, Date | string>;
  kind: string;
  text: string;
}

export interface PatientFieldChange {
  field: string;
  old: string | null;
  new: string | null;
}

export interface PendingPatientChangesTable {
  id: string;
  organization_id: string;
  patient_id: string;
  appointment_id: string | null;
  changes: Json<PatientFieldChange[]>;
  status: Generated<'pending' | 'accepted' | 'rejected'>;
  created_at: CreatedAt;
  decided_at: Timestamp | null;
}

export interface MessageTemplatesTable {
  id: string;
  organization_id: string;
  channel: 'sms' | 'email';
  kind: string;
  locale: 'nb' | 'sv' | 'en';
  subject: string | null;
  body: string;
}

export type MessageStatus = 'waiting' | 'sent' | 'replied' | 'failed' | 'cancelled' | 'retrying' | 'expired';

export interface MessagesTable {
  id: string;
  organization_id: string;
  channel: 'sms' | 'email';
  kind: string;
  recipient: string;
  subject: string | null;
  body: string;
  status: Generated<MessageStatus>;
  created_at: CreatedAt;
  send_at: Timestamp;
  expires_at: Timestamp | null;
  sent_at: Timestamp | null;
  replied_at: Timestamp | null;
  attempts: Generated<number>;
  last_error: string | null;
  gateway: string | null;
  gateway_id: string | null;
  locked_until: Timestamp | null;
  appointment_id: string | null;
  patient_id: string | null;
  dedupe_key: string | null;
  /** The worker holding the message while its lease (`locked_until`) runs. */
  claimed_by: string | null;
  /** Set when an attempt is handed to the gateway, cleared when its outcome is written. */
  attempt_started_at: Timestamp | null;
  last_attempt_at: Timestamp | null;
  /** The gateway's answer to the last attempt, for staff (S15). */
  result: string | null;
  delivery_status: string | null;
  delivered_at: Timestamp | null;
  /** Above 0 (one-time codes): claimed before every other message, never held by quiet hours. */
  priority: Generated<number>;
  sender: string | null;
  /** The calendar attachment of a confirmation e-mail. */
  ics: string | null;
}

export interface InboundSmsTable {
  id: string;
  organization_id: string;
  from_number: string;
  body: string;
  received_at: CreatedAt;
  message_id: string | null;
  patient_id: string | null;
  read: Generated<boolean>;
  follow_up: Generated<boolean>;
  gateway: string;
  gateway_id: string;
}

export interface IdempotencyKeysTable {
  organization_id: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response: Json<unknown> | null;
  created_at: CreatedAt;
}

export interface WorkerHeartbeatsTable {
  id: string;
  host: string;
  started_at: Timestamp;
  beat_at: Timestamp;
  stopped_at: Timestamp | null;
  interval_ms: number;
  last_result: string | null;
}

export interface RateLimitCountersTable {
  key: string;
  window_start: Timestamp;
  expires_at: Timestamp;
  count: number;
}

/** The database as Kysely sees it. */
export interface DB {
  organizations: OrganizationsTable;
  organization_logos: OrganizationLogosTable;
  api_keys: ApiKeysTable;
  clinics: ClinicsTable;
  providers: ProvidersTable;
  provider_clinics: ProviderClinicsTable;
  treatments: TreatmentsTable;
  treatment_providers: TreatmentProvidersTable;
  treatment_clinics: TreatmentClinicsTable;
  working_hours: WeeklySpanTable;
  breaks: WeeklySpanTable;
  schedule_exceptions: ScheduleExceptionsTable;
  online_slots: OnlineSlotsTable;
  patients: PatientsTable;
  appointments: AppointmentsTable;
  verification_codes: VerificationCodesTable;
  patient_sessions: PatientSessionsTable;
  spent_challenges: SpentChallengesTable;
  journal_entries: JournalEntriesTable;
  pending_patient_changes: PendingPatientChangesTable;
  message_templates: MessageTemplatesTable;
  messages: MessagesTable;
  inbound_sms: InboundSmsTable;
  idempotency_keys: IdempotencyKeysTable;
  worker_heartbeats: WorkerHeartbeatsTable;
  rate_limit_counters: RateLimitCountersTable;
  server_secrets: ServerSecretsTable;
  eid_logins: EidLoginsTable;
  staff_users: StaffUsersTable;
  staff_sessions: StaffSessionsTable;
  staff_tokens: StaffTokensTable;
  audit_log: AuditLogTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  retention_settings: RetentionSettingsTable;
}

/**
 * An e-ID login on its way through the broker (issue 8.6): kept from `start`
 * to `callback`, by the SHA-256 of its OAuth `state`, used once, 10 minutes,
 * in the browser that started it.
 */
export interface EidLoginsTable {
  state_hash: string;
  organization_id: string;
  /** SHA-256 of the cookie the starting browser got: the callback must come from the same browser. */
  browser_hash: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  mode: 'redirect' | 'popup';
  origin: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

/** A staff login (issue 9.1); the e-mail is stored lower-case. */
export interface StaffUsersTable {
  id: string;
  organization_id: string;
  email: string;
  name: Defaulted<string>;
  role: 'owner' | 'admin' | 'reception';
  /** argon2id (PHC string); null until an invite is accepted. */
  password_hash: Nullable<string>;
  totp_secret: Nullable<string>;
  totp_enabled: Defaulted<boolean>;
  /** The TOTP time step (30 s) of the last code accepted: a code works once (0017). */
  totp_last_step: Nullable<number | string>;
  failed_logins: Defaulted<number>;
  locked_until: Nullable<Date | string>;
  disabled_at: Nullable<Date | string>;
  created_at: CreatedAt;
}

/** A console login, by the SHA-256 of its cookie token; `csrf_hash` is the SHA-256 of its CSRF token. */
export interface StaffSessionsTable {
  id: string;
  organization_id: string;
  user_id: string;
  token_hash: string;
  csrf_hash: string;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  expires_at: Timestamp;
  ended_at: Nullable<Date | string>;
}

/** A single-use invite or password-reset link, by hash. */
export interface StaffTokensTable {
  id: string;
  organization_id: string;
  user_id: string;
  purpose: 'invite' | 'reset';
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Nullable<Date | string>;
}

/** One change made through the admin API (issue 9.1). */
export interface AuditLogTable {
  id: string;
  organization_id: string;
  at: ColumnType<Date, Date | string, never>;
  actor_kind: 'staff' | 'api_key' | 'system';
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string | null;
  before: ColumnType<unknown, string | null | undefined, never>;
  after: ColumnType<unknown, string | null | undefined, never>;
}

/** Where an organization's webhook events go (D4, issue 9.6). */
export interface WebhookEndpointsTable {
  id: string;
  organization_id: string;
  url: string;
  description: Generated<string>;
  events: Json<string[]>;
  enabled: Generated<boolean>;
  /** `whsec_…`: needed in the clear to sign; never answered but on create and rotate. */
  secret: string;
  previous_secret: Nullable<string>;
  previous_secret_until: Nullable<Date | string>;
  created_at: CreatedAt;
}

/** One event for one endpoint: the outbox row the worker delivers (D4). */
export interface WebhookDeliveriesTable {
  id: string;
  organization_id: string;
  endpoint_id: string;
  event: string;
  /** The JSON body exactly as signed and sent. */
  payload: string;
  status: ColumnType<'pending' | 'retrying' | 'delivered' | 'failed', 'pending' | 'retrying' | 'delivered' | 'failed' | undefined, 'pending' | 'retrying' | 'delivered' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  claimed_by: Nullable<string>;
  locked_until: Nullable<Date | string>;
  last_attempt_at: Nullable<Date | string>;
  last_status_code: Nullable<number>;
  last_error: Nullable<string>;
  delivered_at: Nullable<Date | string>;
  created_at: Timestamp;
}

/** An organization's retention periods in days (issue 11.5; migration 0019); no row: the standard ones. */
export interface RetentionSettingsTable {
  organization_id: string;
  message_bodies_days: number;
  verification_codes_days: number;
  holds_days: number;
  audit_log_days: number;
  idempotency_keys_days: number;
  webhook_deliveries_days: number;
  updated_at: Timestamp;
}

export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: Generated<Date>;
}

export type OrganizationRow = Selectable<OrganizationsTable>;
export type ClinicRow = Selectable<ClinicsTable>;
export type ProviderRow = Selectable<ProvidersTable>;
export type TreatmentRow = Selectable<TreatmentsTable>;
export type PatientRow = Selectable<PatientsTable>;
/** A patient not erased: every query for patients to show or book leaves erased (blank) records out. */
export type LivePatientRow = PatientRow & { national_id: string; erased_at: null };
export type AppointmentRow = Selectable<AppointmentsTable>;
export type NewAppointment = Insertable<AppointmentsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type WebhookEndpointRow = Selectable<WebhookEndpointsTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
