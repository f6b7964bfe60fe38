import { sql } from 'kysely';
import type { BookingView } from '../../sdk/schemas/booking.ts';
import type { Executor } from '../db/database.ts';
import type { AppointmentStatus } from '../db/tables.ts';
import { formatInstant } from '../availability/time-zone.ts';
import { DomainError } from '../domain/domain-error.ts';
import type { Organization } from '../organizations/organization.ts';
import { appointmentContacts, CONTACT_COLUMNS } from './appointment-contacts.ts';
import { changeDeadline, decideChange } from './change-rules.ts';
import { minuteOf } from '../time/minutes.ts';

/**
 * An organization's appointments joined with their clinic, provider,
 * treatment and patient (holds left out), selecting what every view of one needs (its
 * contacts through {@link appointmentContacts}); callers add their own
 * columns and conditions.
 *
 * @example
 * const row = await appointmentDetails(trx, org.id).select(['a.reminders_enabled']).where('a.id', '=', id).executeTakeFirst();
 */
export function appointmentDetails(db: Executor, organizationId: string) {
  return db
    .selectFrom('appointments as a')
    .innerJoin('clinics as c', 'c.id', 'a.clinic_id')
    .innerJoin('providers as p', 'p.id', 'a.provider_id')
    .leftJoin('treatments as t', 't.id', 'a.treatment_id')
    .leftJoin('patients as pt', 'pt.id', 'a.patient_id')
    .select([
      'a.id', 'a.status', 'a.starts_at', 'a.ends_at', 'a.clinic_id', 'a.provider_id', 'a.patient_id',
      'c.name as clinic_name', 'c.address', 'c.postal_code', 'c.city', 'c.phone', 'c.time_zone',
      'p.name as provider_name', 't.name as treatment_name', ...CONTACT_COLUMNS,
    ])
    .where('a.organization_id', '=', organizationId)
    // A hold (issue 8.2) is not an appointment yet: no view, message or list shows one.
    // Literals naming both statuses: they prove the partial index `appointments_book` (the book's dates) in any plan.
    .where('a.status', 'in', [sql.lit<AppointmentStatus>('booked'), sql.lit<AppointmentStatus>('cancelled')])
    .$narrowType<{ status: 'booked' | 'cancelled' }>();
}

/** An appointment with what its manage view and the change rules need. */
export async function loadAppointment(trx: Executor, org: Organization, where: { tokenHash: string } | { id: string }, lock = false) {
  let q = appointmentDetails(trx, org.id).select(['a.from_template', 'a.treatment_id', 't.duration_minutes', 'a.locale']);
  q = 'tokenHash' in where ? q.where('a.manage_token_hash', '=', where.tokenHash) : q.where('a.id', '=', where.id);
  const row = await (lock ? q.forUpdate('a') : q).executeTakeFirst();
  if (!row) throw new DomainError('not_found', { detail: 'No booking for this link' });
  return row;
}

export type LoadedAppointment = Awaited<ReturnType<typeof loadAppointment>>;

/**
 * The manage view of an appointment (B16), with whether it may still be
 * rebooked or cancelled online at `now` (epoch minutes). The patient is shown
 * as the booking typed (issue 8.4), never as the record it landed on.
 */
export function toBookingView(row: LoadedAppointment, org: Organization, now: number): BookingView {
  const zone = row.time_zone ?? org.timeZone;
  const startMinute = minuteOf(row.starts_at);
  const changeable = { status: row.status, startMinute, fromTemplate: row.from_template };
  const contacts = appointmentContacts(row);
  return {
    id: row.id,
    status: row.status,
    start: formatInstant(startMinute, zone),
    end: formatInstant(minuteOf(row.ends_at), zone),
    timeZone: zone,
    clinic: { id: row.clinic_id, name: row.clinic_name, address: row.address, postalCode: row.postal_code, city: row.city, phone: row.phone },
    provider: { id: row.provider_id, name: row.provider_name },
    treatment:
      row.treatment_id && row.treatment_name !== null && row.duration_minutes !== null
        ? { id: row.treatment_id, name: row.treatment_name, durationMinutes: row.duration_minutes }
        : null,
    patient: { firstName: contacts.firstName, lastName: contacts.lastName },
    canRebook: decideChange('rebook', changeable, org.settings.booking, now).allowed,
    canCancel: decideChange('cancel', changeable, org.settings.booking, now).allowed,
    changeDeadline: formatInstant(changeDeadline(startMinute, org.settings.booking), zone),
    ...(row.locale ? { locale: row.locale } : {}),
  };
}
