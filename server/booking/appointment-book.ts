import type { BookAppointment, BookList, BookQuery } from '../../sdk/schemas/book.ts';
import { BOOK_MAX_DAYS } from '../../sdk/schemas/book.ts';
import type { Executor } from '../db/database.ts';
import { formatInstant, toInstant } from '../availability/time-zone.ts';
import { formatLocalDate, parseLocalDate } from '../availability/local-date.ts';
import { DomainError } from '../domain/domain-error.ts';
import type { Organization } from '../organizations/organization.ts';
import { reminderStatuses } from '../messaging/message-queries.ts';
import { validMobile } from '../messaging/sms-recipient.ts';
import { appointmentContacts } from './appointment-contacts.ts';
import { appointmentDetails } from './booking-view.ts';
import { dateAt, minuteOf } from '../time/minutes.ts';

/**
 * An organization's appointments (holds never) with every column the book
 * shows; callers add conditions, order and limit.
 *
 * @example
 * const rows = await bookRows(db, org.id).where('a.patient_id', '=', id).orderBy('a.starts_at', 'desc').execute();
 */
export function bookRows(db: Executor, organizationId: string) {
  return appointmentDetails(db, organizationId).select(['a.text', 'a.source', 'a.attendance', 'a.external_id', 'a.reminders_enabled', 'a.treatment_id']);
}

type BookRow = Awaited<ReturnType<ReturnType<typeof bookRows>['execute']>>[number];

/**
 * Book rows as the contract shows them, with each appointment's reminder
 * statuses (SMS 1/2/3/thanks) and the contacts its messages use.
 *
 * @example
 * const appointments = await toBookAppointments(db, org, rows);
 */
export async function toBookAppointments(db: Executor, org: Organization, rows: readonly BookRow[]): Promise<BookAppointment[]> {
  const reminders = await reminderStatuses(db, org.id, rows.map((r) => r.id));
  return rows.map((r) => {
    const zone = r.time_zone ?? org.timeZone;
    const contacts = appointmentContacts(r);
    return {
      id: r.id,
      status: r.status,
      start: formatInstant(minuteOf(r.starts_at), zone),
      end: formatInstant(minuteOf(r.ends_at), zone),
      timeZone: zone,
      clinic: { id: r.clinic_id, name: r.clinic_name },
      provider: { id: r.provider_id, name: r.provider_name },
      treatment: r.treatment_id && r.treatment_name !== null ? { id: r.treatment_id, name: r.treatment_name } : null,
      patient: r.patient_id ? { id: r.patient_id, firstName: contacts.firstName, lastName: contacts.lastName, mobile: validMobile(contacts.mobile) } : null,
      text: r.text,
      source: r.source,
      attendance: r.attendance,
      externalId: r.external_id,
      remindersEnabled: r.reminders_enabled,
      reminders: reminders.get(r.id)!,
    };
  });
}

/**
 * One appointment of the organization as the book shows it; `not_found`
 * for an unknown id or another organization's.
 *
 * @example
 * const appointment = await bookAppointment(db, org, id);
 */
export async function bookAppointment(db: Executor, org: Organization, id: string): Promise<BookAppointment> {
  const row = await bookRows(db, org.id).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('not_found', { detail: 'No such appointment' });
  return (await toBookAppointments(db, org, [row]))[0]!;
}

/**
 * The appointment book (issue 9.4): a day's or a week's appointments (at
 * most {@link BOOK_MAX_DAYS} local dates, in the clinic's time zone when one
 * clinic is asked for, else the organization's), by start, optionally for one
 * clinic and provider; booked ones, and cancelled ones when asked.
 *
 * @example
 * const week = await listBook(db, org, { from: '2026-12-07', to: '2026-12-13', providerId });
 */
export async function listBook(db: Executor, org: Organization, query: BookQuery): Promise<BookList> {
  const to = query.to ?? query.from;
  const days = parseLocalDate(to) - parseLocalDate(query.from) + 1;
  if (days < 1) throw DomainError.invalid('to', 'Must not be before from', 'invalid_range');
  if (days > BOOK_MAX_DAYS) throw DomainError.invalid('to', `At most ${BOOK_MAX_DAYS} days from from`, 'range_too_long');
  let zone = org.timeZone;
  if (query.clinicId) {
    const clinic = await db.selectFrom('clinics').select('time_zone').where('organization_id', '=', org.id).where('id', '=', query.clinicId).executeTakeFirst();
    zone = clinic?.time_zone ?? org.timeZone;
  }
  // Local midnight; a midnight skipped by a clock change starts an hour later at most.
  const start = toInstant(query.from, 0, zone) ?? toInstant(query.from, 60, zone)!;
  const next = formatLocalDate(parseLocalDate(to) + 1);
  const end = toInstant(next, 0, zone) ?? toInstant(next, 60, zone)!;
  let q = bookRows(db, org.id).where('a.starts_at', '>=', dateAt(start)).where('a.starts_at', '<', dateAt(end));
  if (query.includeCancelled !== 'true') q = q.where('a.status', '=', 'booked');
  if (query.clinicId) q = q.where('a.clinic_id', '=', query.clinicId);
  if (query.providerId) q = q.where('a.provider_id', '=', query.providerId);
  const rows = await q.orderBy('a.starts_at').orderBy('a.id').execute();
  return { from: query.from, to, appointments: await toBookAppointments(db, org, rows) };
}
