import * as z from 'zod/mini';
import type { ErrorCode } from '../../sdk/schemas/problem.ts';
import { Problem } from '../../sdk/schemas/problem.ts';
import { Id, LocalDate, Secret } from '../../sdk/schemas/common.ts';
import { OrganizationPublic, OrganizationQuery, Subdomain } from '../../sdk/schemas/organization.ts';
import { CatalogQuery, ClinicList, PhotoQuery, ProviderList, TreatmentList } from '../../sdk/schemas/catalog.ts';
import { SlotQuery, SlotSearchResult } from '../../sdk/schemas/slots.ts';
import { BookingRequest, BookingResult, BookingView, RebookRequest } from '../../sdk/schemas/booking.ts';
import {
  CaptchaChallenge, Hold, HoldRequest, Me, MyBookings, PatientSession, SessionRequest, VerificationChallenge, VerificationRequest,
} from '../../sdk/schemas/verification.ts';
import { EidCallbackQuery, EidStartQuery } from '../../sdk/schemas/eid.ts';
import {
  AppointmentRemindersRequest, BulkSendRequest, InboundList, InboundPatch, InboundQuery, MessageChannel, MessageKind, MessageList, MessageQuery,
  MessageTemplate, MessageTemplateList, MessagingSettings, MessagingSettingsPatch, MessagingStatus, PreviewRequest, PreviewResult, SaveTemplateRequest,
  SendResult, SendToAppointmentsRequest, SendToNumberRequest, SendToPatientRequest, TodayList,
} from '../../sdk/schemas/messaging.ts';
import { ExternalId } from '../../sdk/schemas/book.ts';
import { STATUS } from '../http/problem.ts';
import { SESSION_COOKIE } from '../verification/patient-sessions.ts';
import { STAFF_COOKIE } from '../admin/staff-sessions.ts';
import { AUDIT_OPERATIONS } from './operations/audit.ts';
import { SCHEDULE_OPERATIONS } from './operations/schedules.ts';
import { SETTINGS_OPERATIONS } from './operations/settings.ts';
import { BOOK_OPERATIONS } from './operations/book.ts';
import { PATIENT_OPERATIONS } from './operations/patients.ts';
import { CATALOG_OPERATIONS } from './operations/catalog.ts';
import { STAFF_OPERATIONS } from './operations/staff.ts';
import { WEBHOOK_OPERATIONS } from './operations/webhooks.ts';
import { PRIVACY_OPERATIONS } from './operations/privacy.ts';
import { ADMIN, type ApiOperation, type Schema } from './api-operation.ts';


/** A path parameter's schema, by the name the routes use. */
const PATH_PARAMS: Record<string, { schema: Schema; description: string }> = {
  org: { schema: Subdomain, description: "The organization's subdomain" },
  id: { schema: Id, description: 'The id of the item' },
  token: { schema: z.string(), description: 'The manage token from the booking confirmation' },
  holdId: { schema: Secret, description: 'The `holdId` from the hold' },
  channel: { schema: MessageChannel, description: 'The message channel' },
  kind: { schema: MessageKind, description: 'The kind of message' },
  providerId: { schema: Id, description: 'The id of the provider' },
  clinicId: { schema: Id, description: 'The id of the clinic' },
  externalId: { schema: ExternalId, description: "The practice system's own id of the appointment" },
  deliveryId: { schema: Id, description: 'The id of the webhook delivery (its `webhook-id`)' },
};

const PUBLIC = '/api/v1/organizations/:org';
const WEBHOOKS = '/api/v1/webhooks/sms';
const DateQuery = z.object({ date: z.optional(LocalDate) });
/** The form a gateway posts (its fields are the gateway's own); `secret` / `m` ride in the query. */
const GatewayForm = z.record(z.string(), z.string());
const GatewayQuery = z.object({ m: z.optional(z.string()), secret: z.optional(z.string()) });
const Cancelled = z.object({ cancelled: z.literal(true) });
const Updated = z.object({ updated: z.literal(true) });

const BOOKING_CHANGE: ErrorCode[] = ['slot_taken', 'slot_unavailable', 'rebooking_disabled', 'cutoff_passed', 'already_cancelled'];

/**
 * Every route of the HTTP API (public, admin, gateway webhooks) with the
 * schemas it validates with and answers: the one table the OpenAPI document
 * and the reference page are built from. A test fails when a route of the
 * app is missing here.
 */
export const API_OPERATIONS: ApiOperation[] = [
  // Public API: the organization and its catalog.
  { method: 'get', path: PUBLIC, tag: 'Organization', summary: "The organization's public settings, texts and theme; with include=catalog its clinics, providers and treatments too", query: OrganizationQuery, ok: { status: 200, schema: OrganizationPublic, name: 'OrganizationPublic' } },
  { method: 'get', path: `${PUBLIC}/`, tag: 'Organization', summary: 'The same as without the trailing slash', query: OrganizationQuery, ok: { status: 200, schema: OrganizationPublic, name: 'OrganizationPublic' } },
  { method: 'get', path: `${PUBLIC}/clinics`, tag: 'Catalog', summary: 'Clinics by group, ungrouped last', ok: { status: 200, schema: ClinicList, name: 'ClinicList' } },
  { method: 'get', path: `${PUBLIC}/providers`, tag: 'Catalog', summary: 'Providers, optionally those at one clinic or offering one treatment', query: CatalogQuery, ok: { status: 200, schema: ProviderList, name: 'ProviderList' } },
  { method: 'get', path: `${PUBLIC}/providers/:id/photo`, tag: 'Catalog', summary: "A provider's photo, where they consented to show it (at the clinic given, or at all their clinics)", query: PhotoQuery, ok: { status: 200, description: 'The image', contentType: 'image/*' } },
  { method: 'get', path: `${PUBLIC}/treatments`, tag: 'Catalog', summary: 'Treatments, optionally those offered at one clinic or by one provider', query: CatalogQuery, ok: { status: 200, schema: TreatmentList, name: 'TreatmentList' } },
  { method: 'get', path: `${PUBLIC}/slots`, tag: 'Slots', summary: 'Free start times', query: SlotQuery, ok: { status: 200, schema: SlotSearchResult, name: 'SlotSearchResult' }, errors: ['booking_off'] },
  // Bookings.
  {
    method: 'post', path: `${PUBLIC}/bookings`, tag: 'Bookings', summary: 'Books a slot', security: 'optionalSession',
    description: 'Send an `Idempotency-Key` header when retrying: the retry gets the original answer. Which patient fields are required depends on the organization\'s settings; a proved mobile (code), a captcha or a session may be required.',
    body: { schema: BookingRequest, name: 'BookingRequest' }, ok: { status: 201, schema: BookingResult, name: 'BookingResult' },
    errors: ['slot_taken', 'slot_unavailable', 'booking_off', 'idempotency_key_reused', 'rate_limited', 'verification_required', 'verification_failed', 'verification_expired', 'hold_expired'],
  },
  { method: 'get', path: `${PUBLIC}/captcha`, tag: 'Verification', summary: 'A captcha challenge (ALTCHA) to solve when the organization asks for one', ok: { status: 200, schema: CaptchaChallenge, name: 'CaptchaChallenge' } },
  { method: 'get', path: `${PUBLIC}/bookings/:token`, tag: 'Bookings', summary: 'The booking behind a manage token', ok: { status: 200, schema: BookingView, name: 'BookingView' } },
  { method: 'post', path: `${PUBLIC}/bookings/:token/rebook`, tag: 'Bookings', summary: 'Moves the booking to another free time', body: { schema: RebookRequest, name: 'RebookRequest' }, ok: { status: 200, schema: BookingView, name: 'BookingView' }, errors: BOOKING_CHANGE },
  { method: 'post', path: `${PUBLIC}/bookings/:token/cancel`, tag: 'Bookings', summary: 'Cancels the booking', ok: { status: 200, schema: BookingView, name: 'BookingView' }, errors: ['cancellation_disabled', 'cutoff_passed', 'already_cancelled'] },
  // Holds.
  { method: 'post', path: `${PUBLIC}/holds`, tag: 'Holds', summary: 'Holds a time for a few minutes while the patient verifies', body: { schema: HoldRequest, name: 'HoldRequest' }, ok: { status: 201, schema: Hold, name: 'Hold' }, errors: ['slot_taken', 'slot_unavailable', 'booking_off', 'rate_limited'] },
  { method: 'post', path: `${PUBLIC}/holds/:holdId/renew`, tag: 'Holds', summary: 'Renews a hold', ok: { status: 200, schema: Hold, name: 'Hold' }, errors: ['hold_expired'] },
  { method: 'delete', path: `${PUBLIC}/holds/:holdId`, tag: 'Holds', summary: 'Releases a hold', ok: { status: 204, description: 'Released' } },
  // Verification and sessions.
  { method: 'post', path: `${PUBLIC}/verifications`, tag: 'Verification', summary: 'Sends a one-time code by SMS or e-mail', body: { schema: VerificationRequest, name: 'VerificationRequest' }, ok: { status: 201, schema: VerificationChallenge, name: 'VerificationChallenge' }, errors: ['rate_limited', 'hold_expired', 'verification_required'] },
  { method: 'post', path: `${PUBLIC}/verifications/:id/resend`, tag: 'Verification', summary: 'Sends a new code for the same verification, after its cooldown', ok: { status: 200, schema: VerificationChallenge, name: 'VerificationChallenge' }, errors: ['rate_limited', 'verification_expired'] },
  { method: 'post', path: `${PUBLIC}/sessions`, tag: 'Patient session', summary: 'Logs in with a code sent for `purpose: login`', body: { schema: SessionRequest, name: 'SessionRequest' }, ok: { status: 201, schema: PatientSession, name: 'PatientSession' }, errors: ['rate_limited', 'verification_failed', 'verification_expired'] },
  { method: 'get', path: `${PUBLIC}/me`, tag: 'Patient session', summary: 'Who is logged in, and the records the session may book for', security: 'session', ok: { status: 200, schema: Me, name: 'Me' }, errors: ['login_required'] },
  { method: 'get', path: `${PUBLIC}/me/bookings`, tag: 'Patient session', summary: "The logged-in patient's upcoming bookings", security: 'session', ok: { status: 200, schema: MyBookings, name: 'MyBookings' }, errors: ['login_required'] },
  { method: 'post', path: `${PUBLIC}/me/bookings/:id/rebook`, tag: 'Patient session', summary: "Moves one of the logged-in patient's bookings", security: 'session', body: { schema: RebookRequest, name: 'RebookRequest' }, ok: { status: 200, schema: BookingView, name: 'BookingView' }, errors: ['login_required', ...BOOKING_CHANGE] },
  { method: 'post', path: `${PUBLIC}/me/bookings/:id/cancel`, tag: 'Patient session', summary: "Cancels one of the logged-in patient's bookings", security: 'session', ok: { status: 200, schema: BookingView, name: 'BookingView' }, errors: ['login_required', 'cancellation_disabled', 'cutoff_passed', 'already_cancelled'] },
  { method: 'delete', path: `${PUBLIC}/me/session`, tag: 'Patient session', summary: 'Ends the session (logs out)', security: 'session', ok: { status: 204, description: 'Logged out' }, errors: ['login_required'] },
  { method: 'get', path: `${PUBLIC}/auth/eid/start`, tag: 'Patient session', summary: 'Starts a national e-ID login: redirects to the identity broker', query: EidStartQuery, ok: { status: 302, description: 'A redirect to the broker' }, errors: ['rate_limited'] },
  {
    method: 'get', path: `${PUBLIC}/auth/eid/callback`, tag: 'Patient session', summary: 'Where the identity broker returns; starts a session', query: EidCallbackQuery,
    ok: { status: 303, description: 'A redirect back to `returnTo`, or (popup mode) an HTML page that posts the session to its opener' }, errors: ['rate_limited'],
    description: 'A failed login goes back the same way, as `?eid=failed` or a popup message; without a known return, an HTML page with status 400.',
  },
  // Admin API.
  { method: 'get', path: `${ADMIN}/messaging/settings`, tag: 'Admin: messaging', summary: "The organization's messaging settings", security: 'admin', ok: { status: 200, schema: MessagingSettings, name: 'MessagingSettings' } },
  { method: 'put', path: `${ADMIN}/messaging/settings`, tag: 'Admin: messaging', summary: 'Changes messaging settings (the fields given)', security: 'admin', body: { schema: MessagingSettingsPatch, name: 'MessagingSettingsPatch' }, ok: { status: 200, schema: MessagingSettings, name: 'MessagingSettings' } },
  { method: 'get', path: `${ADMIN}/messaging/templates`, tag: 'Admin: messaging', summary: 'The message templates and their merge fields', security: 'admin', ok: { status: 200, schema: MessageTemplateList, name: 'MessageTemplateList' } },
  { method: 'put', path: `${ADMIN}/messaging/templates/:channel/:kind`, tag: 'Admin: messaging', summary: 'Saves a template', security: 'admin', body: { schema: SaveTemplateRequest, name: 'SaveTemplateRequest' }, ok: { status: 200, schema: MessageTemplate, name: 'MessageTemplate' } },
  { method: 'delete', path: `${ADMIN}/messaging/templates/:channel/:kind`, tag: 'Admin: messaging', summary: 'Resets a template to the default text', security: 'admin', ok: { status: 200, schema: MessageTemplate, name: 'MessageTemplate' } },
  { method: 'post', path: `${ADMIN}/messaging/templates/preview`, tag: 'Admin: messaging', summary: 'Previews a template text with sample data', security: 'admin', body: { schema: PreviewRequest, name: 'PreviewRequest' }, ok: { status: 200, schema: PreviewResult, name: 'PreviewResult' } },
  { method: 'get', path: `${ADMIN}/messaging/status`, tag: 'Admin: messaging', summary: 'Whether messages are going out, and the gateway', security: 'admin', ok: { status: 200, schema: MessagingStatus, name: 'MessagingStatus' } },
  { method: 'post', path: `${ADMIN}/messages/patient`, tag: 'Admin: messages', summary: 'Sends a message to one patient', security: 'admin', body: { schema: SendToPatientRequest, name: 'SendToPatientRequest' }, ok: { status: 201, schema: SendResult, name: 'SendResult' } },
  { method: 'post', path: `${ADMIN}/messages/number`, tag: 'Admin: messages', summary: 'Sends an SMS to a number', security: 'admin', body: { schema: SendToNumberRequest, name: 'SendToNumberRequest' }, ok: { status: 201, schema: SendResult, name: 'SendResult' } },
  { method: 'post', path: `${ADMIN}/messages/bulk`, tag: 'Admin: messages', summary: 'Sends a message to several patients', security: 'admin', body: { schema: BulkSendRequest, name: 'BulkSendRequest' }, ok: { status: 201, schema: SendResult, name: 'SendResult' } },
  { method: 'post', path: `${ADMIN}/messages/appointments`, tag: 'Admin: messages', summary: 'Sends a message to the patients of appointments', security: 'admin', body: { schema: SendToAppointmentsRequest, name: 'SendToAppointmentsRequest' }, ok: { status: 201, schema: SendResult, name: 'SendResult' } },
  { method: 'get', path: `${ADMIN}/messages`, tag: 'Admin: messages', summary: 'Sent and waiting messages', security: 'admin', query: MessageQuery, ok: { status: 200, schema: MessageList, name: 'MessageList' } },
  { method: 'post', path: `${ADMIN}/messages/:id/cancel`, tag: 'Admin: messages', summary: 'Cancels a waiting message', security: 'admin', ok: { status: 200, schema: Cancelled } },
  { method: 'get', path: `${ADMIN}/inbound`, tag: 'Admin: messages', summary: 'Received messages', security: 'admin', query: InboundQuery, ok: { status: 200, schema: InboundList, name: 'InboundList' } },
  { method: 'patch', path: `${ADMIN}/inbound/:id`, tag: 'Admin: messages', summary: 'Marks a received message read or for follow-up', security: 'admin', body: { schema: InboundPatch, name: 'InboundPatch' }, ok: { status: 200, schema: Updated } },
  { method: 'get', path: `${ADMIN}/appointments/today`, tag: 'Admin: appointments', summary: "A day's appointments and their reminders (default today)", security: 'admin', query: DateQuery, ok: { status: 200, schema: TodayList, name: 'TodayList' } },
  { method: 'put', path: `${ADMIN}/appointments/:id/reminders`, tag: 'Admin: appointments', summary: "Turns an appointment's reminders on or off, or changes their texts", security: 'admin', body: { schema: AppointmentRemindersRequest, name: 'AppointmentRemindersRequest' }, ok: { status: 200, schema: z.pick(MessageList, { messages: true }), description: "The appointment's reminder messages now" } },
  ...AUDIT_OPERATIONS,
  ...SCHEDULE_OPERATIONS,
  ...SETTINGS_OPERATIONS,
  ...BOOK_OPERATIONS,
  ...PATIENT_OPERATIONS,
  ...CATALOG_OPERATIONS,
  ...STAFF_OPERATIONS,
  ...WEBHOOK_OPERATIONS,
  ...PRIVACY_OPERATIONS,
  // Gateway webhooks (served when messaging is configured).
  ...(['46elks', 'twilio'] as const).flatMap((gateway): ApiOperation[] => [
    { method: 'post', path: `${WEBHOOKS}/${gateway}/:org/status`, tag: 'Gateway webhooks', summary: `Delivery reports from ${gateway}`, description: gateway === 'twilio' ? 'Signed with `X-Twilio-Signature`.' : 'Carries the shared secret in `?secret=`.', query: GatewayQuery, body: { schema: GatewayForm, form: true }, ok: { status: 204, description: 'Recorded' }, errors: ['unauthorized'] },
    { method: 'post', path: `${WEBHOOKS}/${gateway}/:org/inbound`, tag: 'Gateway webhooks', summary: `Incoming SMS from ${gateway}`, description: gateway === 'twilio' ? 'Signed with `X-Twilio-Signature`; answers empty TwiML.' : 'Carries the shared secret in `?secret=`.', query: GatewayQuery, body: { schema: GatewayForm, form: true }, ok: { status: 200, description: 'Recorded', ...(gateway === 'twilio' ? { contentType: 'text/xml' } : {}) }, errors: ['unauthorized'] },
  ]),
];

type JsonSchema = Record<string, unknown>;

/** JSON Schema (2020-12, as OpenAPI 3.1 takes it) of a zod schema: what a client may send, or what it gets. */
function jsonSchema(schema: Schema, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** `/a/:b/c` → `/a/{b}/c`. */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

/** The error codes an operation can answer with: its own and those of every operation like it. */
function errorCodes(op: ApiOperation): ErrorCode[] {
  const codes = new Set<ErrorCode>(op.errors ?? []);
  if (op.path.includes(':')) codes.add('not_found');
  if (op.body || op.query || op.path.includes(':')) codes.add('validation_failed');
  if (op.body && !op.body.form) {
    codes.add('unsupported_media_type');
    codes.add('payload_too_large');
  }
  if (op.security === 'admin') {
    codes.add('unauthorized');
    codes.add('forbidden');
  }
  codes.add('internal');
  return [...codes];
}

/**
 * Builds the OpenAPI 3.1 document of the HTTP API from {@link API_OPERATIONS}
 * and the shared zod schemas: parameters, bodies, answers, problem+json errors
 * and the security schemes (admin API key, patient session).
 *
 * @example
 * const doc = openApiDocument('https://book.example');
 * doc.paths['/api/v1/organizations/{org}/slots'].get.parameters; // treatmentId, clinicId, …
 */
export function openApiDocument(serverUrl: string) {
  const schemas: Record<string, JsonSchema> = { Problem: jsonSchema(Problem, 'output') };
  /** A named schema goes to components once (requests as input, answers as output); others inline. */
  const ref = (schema: Schema, io: 'input' | 'output', name?: string): JsonSchema => {
    if (!name) return jsonSchema(schema, io);
    schemas[name] ??= jsonSchema(schema, io);
    return { $ref: `#/components/schemas/${name}` };
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of API_OPERATIONS) {
    const parameters: unknown[] = [];
    for (const [, name] of op.path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)) {
      const param = PATH_PARAMS[name!] ?? { schema: z.string(), description: name! };
      parameters.push({ name, in: 'path', required: true, description: param.description, schema: jsonSchema(param.schema, 'input') });
    }
    if (op.query) {
      const query = jsonSchema(op.query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
      for (const [name, schema] of Object.entries(query.properties ?? {})) {
        parameters.push({ name, in: 'query', required: (query.required ?? []).includes(name), schema });
      }
    }
    if (op.method === 'post' && op.path.endsWith('/bookings')) {
      parameters.push({ name: 'Idempotency-Key', in: 'header', required: false, description: 'Makes a retry return the first answer instead of booking twice', schema: { type: 'string', maxLength: 200 } });
    }
    const responses: Record<string, unknown> = {};
    const okContent = op.ok.schema
      ? { content: { 'application/json': { schema: ref(op.ok.schema, 'output', op.ok.name) } } }
      : op.ok.contentType ? { content: { [op.ok.contentType]: {} } } : {};
    responses[String(op.ok.status)] = { description: op.ok.description ?? 'Success', ...okContent };
    const byStatus = new Map<number, ErrorCode[]>();
    for (const code of errorCodes(op)) byStatus.set(STATUS[code], [...(byStatus.get(STATUS[code]) ?? []), code]);
    for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
      responses[String(status)] = {
        description: `Problem: ${codes.map((code) => `\`${code}\``).join(', ')}`,
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        ...(status === STATUS.rate_limited ? { headers: { 'Retry-After': { description: 'Seconds until a new attempt may pass', schema: { type: 'integer' } } } } : {}),
      };
    }
    const security = op.security === 'admin' ? [{ adminApiKey: [] }, { staffCookie: [], staffCsrf: [] }]
      : op.security === 'session' ? [{ patientBearer: [] }, { patientCookie: [] }]
        : op.security === 'optionalSession' ? [{}, { patientBearer: [] }, { patientCookie: [] }]
          : [];
    const operation: Record<string, unknown> = {
      operationId: `${op.method}${openApiPath(op.path).replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
      tags: [op.tag],
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { [op.body.form ? 'application/x-www-form-urlencoded' : 'application/json']: { schema: ref(op.body.schema, 'input', op.body.name) } } } } : {}),
      responses,
      security,
    };
    (paths[openApiPath(op.path)] ??= {})[op.method] = operation;
  }
  const tags = [...new Set(API_OPERATIONS.map((op) => op.tag))].map((name) => ({ name }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'opus-booking API',
      version: '1',
      description: 'Online booking for clinics. Every error is `application/problem+json` (RFC 9457) naming the wrong field. The public API (`/api/v1/organizations/{org}`) answers any origin; the admin API takes an API key or a staff login; what each key scope and staff role may do is in the README.',
    },
    servers: [{ url: serverUrl }],
    tags,
    paths,
    components: {
      schemas,
      securitySchemes: {
        adminApiKey: { type: 'http', scheme: 'bearer', description: "An organization's API key (`Authorization: Bearer <key>`, or `X-Api-Key`)" },
        staffCookie: { type: 'apiKey', in: 'cookie', name: STAFF_COOKIE, description: 'A staff login (`POST /api/v1/admin/auth/login`), as the console uses it' },
        staffCsrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'With the staff cookie, every change carries the CSRF token the login answered' },
        patientBearer: { type: 'http', scheme: 'bearer', description: 'The patient session token from `POST /sessions` or the e-ID login (embedded widget)' },
        patientCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The same session as a cookie (hosted page)' },
      },
    },
  };
}
