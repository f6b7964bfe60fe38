import * as z from 'zod/mini';
import { Locale, TitledText, requiredText } from './common.ts';
import { ImageType } from './media.ts';
import {
  BookingSettings, EidSettings, FlexibilitySettings, HostedPageSettings, OrganizationSettings, OrganizationTexts, RateLimitSettings, RegistrationFields, StepSettings, Theme,
} from './organization.ts';

/**
 * The organization's settings as admin API resources (issue 9, W1, W4–W9,
 * W12): each section is read (`GET /settings/{section}`), replaced whole
 * (`PUT`), changed in some fields (`PATCH`: the merged result must pass the
 * section's schema, so cross-field rules still hold) and reset to the
 * standard values (`DELETE`).
 */

/** The settings sections that are resources of their own, as their paths name them. */
export const SettingsSection = z.enum(['flexibility', 'fields', 'steps', 'booking', 'hostedPage', 'rateLimits', 'eid', 'texts', 'theme']);
export type SettingsSection = z.infer<typeof SettingsSection>;

const { clientSecret: _secret, ...eidShape } = EidSettings.shape;

/**
 * The e-ID broker's settings as the API answers them: the client secret is
 * never answered, only whether one is stored.
 */
export const EidSettingsView = z.object({ ...eidShape, clientSecretSet: z.boolean() });
export type EidSettingsView = z.infer<typeof EidSettingsView>;

/**
 * The e-ID settings a `PUT` sends: without `clientSecret` the stored one is
 * kept; an empty string clears it. The merged settings must pass
 * {@link EidSettings} (an enabled login needs an issuer and a client id).
 */
export const EidSettingsInput = z.object({ ...eidShape, clientSecret: z.optional(EidSettings.shape.clientSecret) });
export type EidSettingsInput = z.infer<typeof EidSettingsInput>;

/** What a `PATCH` of each section may send: any of its fields (texts: any of the nested ones). */
export const FlexibilityPatch = z.partial(FlexibilitySettings);
export const FieldsPatch = z.partial(RegistrationFields);
export const StepsPatch = z.partial(StepSettings);
export const BookingPatch = z.partial(BookingSettings);
export const HostedPagePatch = z.partial(HostedPageSettings);
export const RateLimitsPatch = z.partial(RateLimitSettings);
export const EidPatch = z.partial(EidSettingsInput);
export const TextsPatch = z.object({
  welcome: z.optional(OrganizationTexts.shape.welcome),
  patientInfo: z.optional(OrganizationTexts.shape.patientInfo),
  defaultClinicText: z.optional(z.partial(TitledText)),
  deviation: z.optional(z.partial(OrganizationTexts.shape.deviation)),
});
export const ThemePatch = z.partial(Theme);

/** Each section's answer, whole-section request and patch. */
export const SECTION_SCHEMAS = {
  flexibility: { view: FlexibilitySettings, input: FlexibilitySettings, patch: FlexibilityPatch },
  fields: { view: RegistrationFields, input: RegistrationFields, patch: FieldsPatch },
  steps: { view: StepSettings, input: StepSettings, patch: StepsPatch },
  booking: { view: BookingSettings, input: BookingSettings, patch: BookingPatch },
  hostedPage: { view: HostedPageSettings, input: HostedPageSettings, patch: HostedPagePatch },
  rateLimits: { view: RateLimitSettings, input: RateLimitSettings, patch: RateLimitsPatch },
  eid: { view: EidSettingsView, input: EidSettingsInput, patch: EidPatch },
  texts: { view: OrganizationTexts, input: OrganizationTexts, patch: TextsPatch },
  theme: { view: Theme, input: Theme, patch: ThemePatch },
} as const;

/** A section's answer. */
export type SectionView<S extends SettingsSection> = z.infer<(typeof SECTION_SCHEMAS)[S]['view']>;
/** A section's whole value, as a `PUT` sends it. */
export type SectionInput<S extends SettingsSection> = z.input<(typeof SECTION_SCHEMAS)[S]['input']>;
/** Some of a section's fields, as a `PATCH` sends them. */
export type SectionPatch<S extends SettingsSection> = z.input<(typeof SECTION_SCHEMAS)[S]['patch']>;

/** The organization itself: its subdomain (changed at `PUT /subdomain`), name, language and time zone. */
export const OrganizationProfile = z.object({
  subdomain: z.string(),
  name: z.string(),
  locale: Locale,
  /** An IANA time zone, e.g. `Europe/Oslo`. */
  timeZone: z.string(),
});
export type OrganizationProfile = z.infer<typeof OrganizationProfile>;

/** A change of the organization's name, language or time zone (an IANA zone, checked by the server). */
export const OrganizationProfilePatch = z.object({
  name: z.optional(requiredText(200)),
  locale: z.optional(Locale),
  timeZone: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
});
export type OrganizationProfilePatch = z.infer<typeof OrganizationProfilePatch>;

/** The uploaded logo (W8), served from the booking service's own origin. */
export const LogoInfo = z.object({ url: z.string(), type: ImageType, bytes: z.int() });
export type LogoInfo = z.infer<typeof LogoInfo>;

/** Every setting at once, for the console (`GET /settings`). */
export const SettingsOverview = z.extend(z.omit(OrganizationSettings, { eid: true }), {
  organization: OrganizationProfile,
  eid: EidSettingsView,
  texts: OrganizationTexts,
  theme: Theme,
  logo: z.nullable(LogoInfo),
});
export type SettingsOverview = z.infer<typeof SettingsOverview>;

/** W1: the name to check (`GET /subdomain/check?name=…`). */
export const SubdomainCheckQuery = z.object({ name: z.string().check(z.maxLength(253)) });
export type SubdomainCheckQuery = z.infer<typeof SubdomainCheckQuery>;

/**
 * Whether a subdomain can be taken: `invalid` (not a DNS label), `reserved`
 * (kept for the service), `taken` (another organization's), `current` (already
 * this organization's).
 */
export const SubdomainCheck = z.object({
  name: z.string(),
  available: z.boolean(),
  reason: z.optional(z.enum(['invalid', 'reserved', 'taken', 'current'])),
});
export type SubdomainCheck = z.infer<typeof SubdomainCheck>;

/** W1: a new subdomain (`PUT /subdomain`); the old address stops working at once. */
export const SubdomainChange = z.object({ subdomain: z.string().check(z.maxLength(253)) });
export type SubdomainChange = z.infer<typeof SubdomainChange>;
