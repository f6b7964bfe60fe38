import type { Locale } from '../../sdk/schemas/common.ts';
import {
  OrganizationSettings,
  OrganizationTexts,
  Theme,
  type BookingOffReason,
  type OrganizationPublic,
} from '../../sdk/schemas/organization.ts';
import type { OrganizationRow } from '../db/tables.ts';
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

/**
 * Why new bookings are off (B17), first match wins: not published, then
 * maintenance, then new booking disabled. Null when booking is on.
 *
 * @example
 * bookingOff(org); // { reason: 'maintenance', text: 'Timebestillingen er …' }
 */
export function bookingOff(org: Organization): { reason: BookingOffReason; text: string } | null {
  if (!org.settings.flexibility.published) return { reason: 'not_published', text: org.texts.deviation.notPublished };
  return apiBookingOff(org);
}

/**
 * Why the API refuses new bookings and holds: maintenance, then new booking
 * disabled. Unlike {@link bookingOff}, "published" off does not count here:
 * it closes the hosted page and the widget, while bookings through the API
 * (an integration, the clinic's own site) still work (seed 001; issue 9.2).
 *
 * @example
 * apiBookingOff(org); // null while unpublished but otherwise open
 */
export function apiBookingOff(org: Organization): { reason: BookingOffReason; text: string } | null {
  const { flexibility, booking } = org.settings;
  if (flexibility.maintenanceMode) return { reason: 'maintenance', text: org.texts.deviation.maintenance };
  if (!booking.newBooking) return { reason: 'new_booking_disabled', text: org.texts.deviation.newBookingDisabled };
  return null;
}

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

/** The public face of an organization, as the API answers it. */
export function toPublicOrganization(org: Organization): OrganizationPublic {
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
