import type { Locale } from '../../sdk/schemas/common.ts';
import {
  OrganizationSettings,
  OrganizationTexts,
  Theme,
  type OrganizationPublic,
} from '../../sdk/schemas/organization.ts';
import type { OrganizationRow } from '../db/tables.ts';
import { bookingOff } from '../../sdk/booking-off.ts';
import { DEFAULT_SETTINGS, DEFAULT_TEXTS, DEFAULT_THEME } from './defaults.ts';

/** An organization with its settings resolved over the defaults. */
export interface Organization {
  id: string;
  subdomain: string;
  name: string;
  locale: Locale;
  timeZone: string;
  settings: OrganizationSettings;
  texts: OrganizationTexts;
  theme: Theme;
}

/**
 * Maps a stored row to an Organization: each settings section stored in the
 * row overrides the default section key by key, and the result is checked
 * with the shared schema so a bad stored value fails loudly, not silently.
 */
export function organizationFromRow(row: OrganizationRow): Organization {
  const stored = asRecord(row.settings);
  const settings = OrganizationSettings.parse({
    flexibility: { ...DEFAULT_SETTINGS.flexibility, ...asRecord(stored.flexibility) },
    fields: { ...DEFAULT_SETTINGS.fields, ...asRecord(stored.fields) },
    steps: { ...DEFAULT_SETTINGS.steps, ...asRecord(stored.steps) },
    booking: { ...DEFAULT_SETTINGS.booking, ...asRecord(stored.booking) },
    hostedPage: { ...DEFAULT_SETTINGS.hostedPage, ...asRecord(stored.hostedPage) },
    rateLimits: { ...DEFAULT_SETTINGS.rateLimits, ...asRecord(stored.rateLimits) },
    eid: { ...DEFAULT_SETTINGS.eid, ...asRecord(stored.eid) },
  });
  const defaults = DEFAULT_TEXTS[row.locale];
  const texts = asRecord(row.texts);
  return {
    id: row.id,
    subdomain: row.subdomain,
    name: row.name,
    locale: row.locale,
    timeZone: row.time_zone,
    settings,
    texts: OrganizationTexts.parse({
      welcome: nonEmpty(texts.welcome) ?? defaults.welcome,
      patientInfo: nonEmpty(texts.patientInfo) ?? defaults.patientInfo,
      defaultClinicText: { ...defaults.defaultClinicText, ...asRecord(texts.defaultClinicText) },
      deviation: { ...defaults.deviation, ...asRecord(texts.deviation) },
    }),
    theme: Theme.parse({ ...DEFAULT_THEME, ...asRecord(row.theme) }),
  };
}

export { apiBookingOff, bookingOff } from '../../sdk/booking-off.ts';

/**
 * Whether e-ID login is on for an organization: a broker configured and
 * enabled (`EidSettings` then has an issuer and a client), and login
 * switched on (W4).
 *
 * @example
 * if (!eidLoginOn(org)) throw new DomainError('not_found');
 */
export function eidLoginOn(org: Organization): boolean {
  return org.settings.eid.enabled && org.settings.flexibility.login;
}

/**
 * The public face of an organization, as the API answers it: its settings
 * without the server's own, and of its messaging settings only the
 * countries it texts.
 *
 * @example
 * c.json(toPublicOrganization(org, (await loadMessagingSettings(db, org.id)).smsCountries));
 */
export function toPublicOrganization(org: Organization, smsCountries: readonly string[]): OrganizationPublic {
  const { rateLimits: _serverOnly, eid: _brokerClient, ...settings } = org.settings;
  return {
    subdomain: org.subdomain,
    name: org.name,
    locale: org.locale,
    timeZone: org.timeZone,
    settings,
    texts: org.texts,
    theme: org.theme,
    eidLogin: eidLoginOn(org),
    smsCountries: [...smsCountries],
    bookingOff: bookingOff(org),
  };
}

/**
 * A stored JSON value as an object, or an empty one when it is anything else.
 *
 * @example
 * asRecord(row.settings).flexibility; // the stored section, if any
 */
export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
