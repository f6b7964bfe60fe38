import type { BookingOffReason, BookingSettings, FlexibilitySettings, OrganizationTexts } from './schemas/organization.ts';

/** What decides whether booking is off: the switches and the deviation texts (an organization, public or not). */
export interface BookingOffInput {
  settings: { flexibility: Pick<FlexibilitySettings, 'published' | 'maintenanceMode'>; booking: Pick<BookingSettings, 'newBooking'> };
  texts: Pick<OrganizationTexts, 'deviation'>;
}

/**
 * Why new bookings are off (B17), first match wins: not published, then
 * maintenance, then new booking disabled. Null when booking is on. Shared
 * by the server and the console's live preview (draft settings).
 *
 * @example
 * bookingOff(org); // { reason: 'maintenance', text: 'Timebestillingen er …' }
 */
export function bookingOff(org: BookingOffInput): { reason: BookingOffReason; text: string } | null {
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
export function apiBookingOff(org: BookingOffInput): { reason: BookingOffReason; text: string } | null {
  const { flexibility, booking } = org.settings;
  if (flexibility.maintenanceMode) return { reason: 'maintenance', text: org.texts.deviation.maintenance };
  if (!booking.newBooking) return { reason: 'new_booking_disabled', text: org.texts.deviation.newBookingDisabled };
  return null;
}
