import type { Executor } from '../db/database.ts';
import { appointmentContacts } from '../booking/appointment-contacts.ts';
import { appointmentDetails } from '../booking/booking-view.ts';
import { toLocal } from '../availability/time-zone.ts';
import { DomainError } from '../domain/domain-error.ts';
import type { Organization } from '../organizations/organization.ts';
import { formatAppointmentTime, type MergeValues } from './templates/merge-fields.ts';
import { minuteOf } from '../time/minutes.ts';

/** An appointment with everything its messages are made of. */
export interface AppointmentContext {
  id: string;
  status: 'booked' | 'cancelled';
  start: number;
  end: number;
  zone: string;
  remindersEnabled: boolean;
  reminderTexts: Record<string, string>;
  clinicId: string;
  providerId: string;
  /** The record's id, with the mobile, e-mail and SMS wish messages go to: the booking's own for an online booking (issue 8.4). */
  patient: { id: string; mobile: string | null; email: string | null; wantsSms: boolean } | null;
  values: MergeValues;
  clinicName: string;
  treatmentName: string | null;
}

/**
 * Loads an appointment with its patient, clinic, provider and treatment and
 * the merge values its texts are rendered with. Recipients and names are the
 * appointment's contacts ({@link appointmentContacts}): what an online
 * booking typed, never the record a typed national id matched.
 *
 * @example
 * const ctx = await loadAppointmentContext(trx, org, appointmentId, manageUrl);
 */
export async function loadAppointmentContext(db: Executor, org: Organization, appointmentId: string, manageUrl?: string): Promise<AppointmentContext> {
  const row = await appointmentDetails(db, org.id)
    .select(['a.reminders_enabled', 'a.reminder_texts'])
    .where('a.id', '=', appointmentId)
    .executeTakeFirst();
  if (!row) throw new DomainError('not_found', { detail: 'No such appointment' });
  const zone = row.time_zone ?? org.timeZone;
  const start = minuteOf(row.starts_at);
  const end = minuteOf(row.ends_at);
  const local = toLocal(start, zone);
  const contacts = appointmentContacts(row);
  const address = [row.address, [row.postal_code, row.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return {
    id: row.id,
    status: row.status,
    start,
    end,
    zone,
    remindersEnabled: row.reminders_enabled,
    reminderTexts: (row.reminder_texts ?? {}) as Record<string, string>,
    clinicId: row.clinic_id,
    providerId: row.provider_id,
    patient: row.patient_id ? { id: row.patient_id, mobile: contacts.mobile, email: contacts.email, wantsSms: contacts.wantsSms } : null,
    clinicName: row.clinic_name,
    treatmentName: row.treatment_name,
    values: {
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      time: formatAppointmentTime(local.date, local.minute, org.locale),
      date: formatAppointmentTime(local.date, local.minute, org.locale).split(/ (kl\.|at) /)[0]!,
      provider: row.provider_name,
      clinic: row.clinic_name,
      clinicAddress: address,
      clinicPhone: row.phone,
      treatment: row.treatment_name ?? '',
      manageLink: manageUrl ?? '',
      organization: org.name,
    },
  };
}

/** Merge values for a patient without an appointment (general texts, S8, S11). */
export async function patientValues(db: Executor, org: Organization, patientId: string) {
  const row = await db.selectFrom('patients').select(['id', 'first_name', 'last_name', 'mobile', 'wants_sms']).where('organization_id', '=', org.id).where('id', '=', patientId).executeTakeFirst();
  if (!row) return undefined;
  const values: MergeValues = { firstName: row.first_name, lastName: row.last_name, organization: org.name };
  return { id: row.id, mobile: row.mobile, wantsSms: row.wants_sms, values };
}
