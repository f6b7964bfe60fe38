import * as z from 'zod/mini';
import { Id, Instant, LocalDate, longText, shortText } from './common.ts';
import { PatientDetails } from './booking.ts';
import { ReminderStatuses } from './messaging.ts';

/**
 * The appointment book (issue 9.4): a day's or a week's appointments, staff
 * (phone) bookings, moves, cancellations, attendance, and the inbound sync of
 * a practice system by its own external ids (issue 9.6).
 */

/** Attended or no-show, as staff mark it; null while unmarked. */
export const Attendance = z.enum(['attended', 'no_show']);
export type Attendance = z.infer<typeof Attendance>;

/** A practice system's own id of an appointment: 1–200 printable characters. */
export const ExternalId = z.string().check(z.minLength(1), z.maxLength(200), z.regex(/^[\x21-\x7e]+$/, 'Printable ASCII without spaces'));

/** The longest range the book lists at once. */
export const BOOK_MAX_DAYS = 31;

const Bool = z.enum(['true', 'false']);

/** `GET /appointments`: local dates `from`–`to` (both included; `to` defaults to `from`) in the clinic's time zone. */
export const BookQuery = z.object({
  from: LocalDate,
  to: z.optional(LocalDate),
  clinicId: z.optional(Id),
  providerId: z.optional(Id),
  /** Cancelled appointments too (default false). */
  includeCancelled: z.optional(Bool),
});
export type BookQuery = z.infer<typeof BookQuery>;


/** One appointment as the book shows it. Holds are not appointments and never listed. */
export const BookAppointment = z.object({
  id: Id,
  status: z.enum(['booked', 'cancelled']),
  start: z.string(),
  end: z.string(),
  timeZone: z.string(),
  clinic: z.object({ id: Id, name: z.string() }),
  provider: z.object({ id: Id, name: z.string() }),
  treatment: z.nullable(z.object({ id: Id, name: z.string() })),
  /** As the appointment shows and messages it (an online booking's own typed details, issue 8.4). */
  patient: z.nullable(z.object({ id: Id, firstName: z.string(), lastName: z.string(), mobile: z.nullable(z.string()) })),
  text: z.string(),
  source: z.enum(['online', 'staff', 'api']),
  attendance: z.nullable(Attendance),
  externalId: z.nullable(z.string()),
  remindersEnabled: z.boolean(),
  reminders: ReminderStatuses,
});
export type BookAppointment = z.infer<typeof BookAppointment>;

export const BookList = z.object({ from: LocalDate, to: LocalDate, appointments: z.array(BookAppointment) });
export type BookList = z.infer<typeof BookList>;

/** A new patient given with a staff booking: validated as the public API validates a patient's details. */
export const NewPatient = z.pick(PatientDetails, { firstName: true, lastName: true, nationalId: true, mobile: true, email: true, wantsSms: true });
export type NewPatient = z.infer<typeof NewPatient>;

const Duration = z.int().check(z.minimum(1), z.maximum(24 * 60));

/**
 * What staff send to book (a phone booking): an existing `patientId` or a new
 * `patient` (one of them); any treatment and length (`end`, or
 * `durationMinutes`, else the treatment's duration); outside the online rules
 * (hours, cutoff, notice), and in the past for back-registration (the answer
 * warns `in_the_past`); never over another booked or held time (409
 * `slot_taken`). `notifyPatient` sends the confirmation an online booking
 * gets; reminders are scheduled either way, as the settings say.
 */
export const StaffBookingRequest = z.object({
  patientId: z.optional(Id),
  patient: z.optional(NewPatient),
  clinicId: Id,
  providerId: Id,
  treatmentId: z.optional(Id),
  start: Instant,
  end: z.optional(Instant),
  durationMinutes: z.optional(Duration),
  text: z.optional(longText(2000)),
  notifyPatient: z.optional(z.boolean()),
  externalId: z.optional(ExternalId),
});
export type StaffBookingRequest = z.infer<typeof StaffBookingRequest>;

/** `PUT /appointments/external/:externalId`: the same as a staff booking, its external id in the path. */
export const ExternalBookingRequest = z.omit(StaffBookingRequest, { externalId: true });
export type ExternalBookingRequest = z.infer<typeof ExternalBookingRequest>;

/** Moves an appointment: a new start, and optionally end or length, provider and clinic (the length is kept otherwise). */
export const MoveRequest = z.object({
  start: Instant,
  end: z.optional(Instant),
  durationMinutes: z.optional(Duration),
  providerId: z.optional(Id),
  clinicId: z.optional(Id),
  notifyPatient: z.optional(z.boolean()),
});
export type MoveRequest = z.infer<typeof MoveRequest>;

export const CancelRequest = z.object({ notifyPatient: z.optional(z.boolean()), reason: z.optional(shortText(500)) });
export type CancelRequest = z.infer<typeof CancelRequest>;

export const AttendanceRequest = z.object({ attendance: z.nullable(Attendance) });
export type AttendanceRequest = z.infer<typeof AttendanceRequest>;

/** The answer of a staff booking or change: the appointment, whether a patient record was created, and warnings (`in_the_past`). */
export const StaffBookingResult = z.object({ appointment: BookAppointment, patientCreated: z.boolean(), warnings: z.array(z.string()) });
export type StaffBookingResult = z.infer<typeof StaffBookingResult>;
