import * as z from 'zod/mini';
import { Locale, TitledText, longText, shortText } from './common.ts';
import { ClinicGroup, Provider, Treatment } from './catalog.ts';
import { SmsCountries } from './messaging.ts';

/** A first step of the booking flow (B1); time always comes after these. */
export const StepKind = z.enum(['clinic', 'provider', 'treatment']);
export type StepKind = z.infer<typeof StepKind>;

/** Whether a registration field (B8, W5) is asked for, and whether it must be filled in. */
export const FieldMode = z.enum(['off', 'optional', 'required']);
export type FieldMode = z.infer<typeof FieldMode>;

/** W4 flexibility switches. */
export const FlexibilitySettings = z.object({
  showBookings: z.boolean(),
  login: z.boolean(),
  smsLogin: z.boolean(),
  newBookingRequiresLogin: z.boolean(),
  weekendBooking: z.boolean(),
  /** B11: a code sent by SMS or e-mail before a booking is created. */
  codeChallenge: z.enum(['off', 'sms', 'email']),
  maintenanceMode: z.boolean(),
  published: z.boolean(),
  userMessage: z.boolean(),
  showAnyProvider: z.boolean(),
  showAnyClinic: z.boolean(),
  skipConfirmation: z.boolean(),
});
export type FlexibilitySettings = z.infer<typeof FlexibilitySettings>;

/** W5 registration fields. First name, last name and national id are always asked for. */
export const RegistrationFields = z.object({
  email: FieldMode,
  mobile: FieldMode,
  address1: FieldMode,
  address2: FieldMode,
  postalCode: FieldMode,
  city: FieldMode,
  campaignCode: FieldMode,
});
export type RegistrationFields = z.infer<typeof RegistrationFields>;

/** W6 step order (a permutation of the three first steps) and the merged view (B2). */
export const StepSettings = z.object({
  order: z.array(StepKind).check(
    z.length(3),
    z.refine((steps) => new Set(steps).size === 3, 'Each step must appear once'),
  ),
  mergeTreatmentAndProvider: z.boolean(),
});
export type StepSettings = z.infer<typeof StepSettings>;

/** W7 booking switches, plus the time-search settings. */
export const BookingSettings = z.object({
  newBooking: z.boolean(),
  rebooking: z.boolean(),
  cancellation: z.boolean(),
  rebookWithoutTemplate: z.boolean(),
  cancelWithoutTemplate: z.boolean(),
  journalRebooking: z.boolean(),
  journalCancellation: z.boolean(),
  /** No rebooking or cancellation online within this many hours of the appointment (B16); the widget's confirm step tells the patient. */
  cutoffHours: z.int().check(z.minimum(0), z.maximum(24 * 30)),
  slotStepMinutes: z.int().check(z.minimum(5), z.maximum(240)),
  minNoticeMinutes: z.int().check(z.minimum(0), z.maximum(60 * 24 * 30)),
  horizonDays: z.int().check(z.minimum(1), z.maximum(730)),
});
export type BookingSettings = z.infer<typeof BookingSettings>;

const attempts = () => z.int().check(z.minimum(0), z.maximum(1_000_000));

/**
 * Rate limits (issue 8): how many attempts the API allows before it answers
 * 429 `rate_limited` with `Retry-After`. Counters are kept per organization
 * in the database, shared by every API process. "Per IP" is the client's
 * address (behind a proxy only when `TRUST_PROXY` says so); national ids and
 * tokens are counted by a keyed hash, never stored as they are.
 *
 * Booking attempts (`POST /bookings`) and changes by manage link (rebook,
 * cancel) are limited, and so are the code challenge and SMS login (issue 8,
 * items 1 and 5) by the code, code-check and login limits.
 */
export const RateLimitSettings = z.object({
  /** Booking attempts, rebooks and cancellations from one client IP per minute. */
  bookingsPerIpPerMinute: attempts(),
  /** The same per hour. */
  bookingsPerIpPerHour: attempts(),
  /** Booking attempts with one national id per hour. */
  bookingsPerNationalIdPerHour: attempts(),
  /** Rebooks and cancellations with one manage link per hour. */
  changesPerTokenPerHour: attempts(),
  /** Codes sent to one mobile number or e-mail address per 15 minutes (item 1). */
  codeSendsPerRecipientPer15Minutes: attempts(),
  /** Codes sent at the request of one client IP per hour (item 1). */
  codeSendsPerIpPerHour: attempts(),
  /** Wrong tries at one code before it is spent (item 1). */
  codeChecksPerCode: attempts(),
  /** Code checks from one client IP per hour (item 1). */
  codeChecksPerIpPerHour: attempts(),
  /** Login attempts (SMS or e-ID) from one client IP per hour (item 5). */
  loginsPerIpPerHour: attempts(),
});
export type RateLimitSettings = z.infer<typeof RateLimitSettings>;

/** W8 and W9: media and deviation texts. */
export const OrganizationTexts = z.object({
  welcome: longText(),
  patientInfo: longText(),
  defaultClinicText: TitledText,
  deviation: z.object({
    maintenance: longText(),
    newBookingDisabled: longText(),
    notPublished: longText(),
  }),
});
export type OrganizationTexts = z.infer<typeof OrganizationTexts>;

const HexColor = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'A colour like #1a6b8f'));

/** W8 colours and logo, used as the widget's default theme. */
export const Theme = z.object({
  primaryColor: HexColor,
  accentColor: HexColor,
  logoUrl: z.nullable(shortText(2000)),
  /**
   * W12: an analytics script (https) the hosted booking page loads; it follows
   * the booking through the widget's `opus-*` events on `document`. Never
   * loaded on manage-link pages, whose address is the patient's secret.
   */
  analyticsScriptUrl: z.optional(z.nullable(z.string().check(z.maxLength(2000), z.regex(/^https:\/\/[^\s"'<>\\]+$/, 'An https URL')))),
});
export type Theme = z.infer<typeof Theme>;

/**
 * An https origin a browser may match in CSP `frame-ancestors`: lower-case
 * host (optionally one leading `*.` over at least two labels), optional port,
 * no path, nothing a policy could be smuggled through.
 */
export const EMBEDDING_ORIGIN = /^https:\/\/(?:\*\.(?=[a-z0-9-]+\.[a-z0-9-]))?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/;

/**
 * The hosted page's own settings: the sites (https origins, e.g.
 * `https://www.clinic.no` or `https://*.clinic.no`) allowed to show it in a
 * frame. Empty (the default): no site may frame it.
 */
export const HostedPageSettings = z.object({
  frameAncestors: z.array(
    z.string().check(z.maxLength(253), z.regex(EMBEDDING_ORIGIN, 'An https origin such as https://www.clinic.no (no path; a wildcard only as https://*.clinic.no)')),
  ).check(z.maxLength(20), z.refine((origins) => new Set(origins).size === origins.length, 'Each origin once')),
});
export type HostedPageSettings = z.infer<typeof HostedPageSettings>;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether a URL may be an e-ID broker's issuer: https, or http on a loopback
 * host (a broker on the same machine, as in tests); no credentials, query or
 * fragment.
 *
 * @example
 * isIssuerUrl('https://idporten.no'); // true
 * isIssuerUrl('http://127.0.0.1:4000'); // true
 * isIssuerUrl('http://broker.example'); // false
 */
export function isIssuerUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const scheme = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  return scheme && url.username === '' && url.password === '' && url.search === '' && url.hash === '' && !/[\s"'<>\\]/.test(value);
}

/**
 * National e-ID login (B15; issue 8.6) through an OpenID Connect broker
 * (ID-porten, BankID, Criipto, …): server-only, like the rate limits, since it
 * holds the client secret. Login is offered when `enabled` and
 * `flexibility.login` are both on.
 */
export const EidSettings = z.object({
  enabled: z.boolean(),
  /** The broker's issuer identifier; its `/.well-known/openid-configuration` is read from it. */
  issuer: z.string().check(z.maxLength(2000), z.refine((v) => v === '' || isIssuerUrl(v), 'An https URL (http only on a loopback host)')),
  clientId: z.string().check(z.maxLength(500), z.regex(/^[\x21-\x7e]*$/, 'Printable characters without spaces')),
  clientSecret: z.string().check(z.maxLength(500), z.regex(/^[\x21-\x7e]*$/, 'Printable characters without spaces')),
  /** The id-token claim carrying the national id: `pid` at ID-porten, e.g. `ssn` or `socialno` elsewhere. */
  nationalIdClaim: z.string().check(z.regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'A claim name')),
  /** The scopes asked for; `openid` first. */
  scope: z.string().check(z.maxLength(500), z.regex(/^openid(?: [\x21\x23-\x5b\x5d-\x7e]+)*$/, 'Space-separated scopes starting with openid')),
}).check(z.refine((eid) => !eid.enabled || (eid.issuer !== '' && eid.clientId !== ''), { message: 'An enabled e-ID login needs an issuer and a client id', path: ['issuer'] }));
export type EidSettings = z.infer<typeof EidSettings>;

/** Every setting the patient-facing flow needs. */
export const OrganizationSettings = z.object({
  flexibility: FlexibilitySettings,
  fields: RegistrationFields,
  steps: StepSettings,
  booking: BookingSettings,
  hostedPage: HostedPageSettings,
  rateLimits: RateLimitSettings,
  eid: EidSettings,
});
export type OrganizationSettings = z.infer<typeof OrganizationSettings>;

/** The settings the patient-facing flow reads; the rate limits and the e-ID broker's client stay on the server. */
export const PublicSettings = z.omit(OrganizationSettings, { rateLimits: true, eid: true });
export type PublicSettings = z.infer<typeof PublicSettings>;

/** Why booking is off (B17), in the order they are checked. */
export const BookingOffReason = z.enum(['not_published', 'maintenance', 'new_booking_disabled']);
export type BookingOffReason = z.infer<typeof BookingOffReason>;

/**
 * What `GET /api/v1/organizations/{subdomain}` answers: the public face of an
 * organization with its settings, texts and theme; with `?include=catalog`
 * also its whole catalog, so a first screen needs one request.
 */
export const OrganizationPublic = z.object({
  subdomain: z.string(),
  name: z.string(),
  locale: Locale,
  timeZone: z.string(),
  settings: PublicSettings,
  texts: OrganizationTexts,
  theme: Theme,
  /**
   * Whether patients may log in with national e-ID (B15; issue 8.6): the
   * organization has an OpenID Connect broker configured and login on. The
   * widget starts it at `GET auth/eid/start`.
   */
  eidLogin: z.boolean(),
  /**
   * The countries (ISO 3166 codes) whose mobile numbers the organization
   * texts (S7, S10; its messaging settings' `smsCountries`, the only one of
   * them that is public); empty = any. The widget refuses a number of
   * another country at the mobile field, as the server refuses to text it
   * (`foreign_number`).
   */
  smsCountries: SmsCountries,
  /** Null while new bookings can be made; otherwise why not (B17). */
  bookingOff: z.nullable(z.object({ reason: BookingOffReason, text: z.string() })),
  /** With `?include=catalog`: what `/clinics`, `/providers` and `/treatments` answer, unfiltered. */
  catalog: z.optional(z.object({ groups: z.array(ClinicGroup), providers: z.array(Provider), treatments: z.array(Treatment) })),
});
export type OrganizationPublic = z.infer<typeof OrganizationPublic>;

/** The organization's query: `include=catalog` adds the catalog to the answer. */
export const OrganizationQuery = z.object({ include: z.optional(z.literal('catalog')) });
export type OrganizationQuery = z.infer<typeof OrganizationQuery>;

/** DNS-label rules for a subdomain (W1). */
export const Subdomain = z.string().check(
  z.regex(/^(?!-)[a-z0-9-]{1,63}(?<!-)$/, 'Lower-case letters, digits and hyphens; not starting or ending with a hyphen'),
);

