import * as z from 'zod/mini';
import { Id, LocalDate, requiredText, shortText } from './common.ts';
import { NextCursor, PageQuery } from './admin-common.ts';
import { BookAppointment } from './book.ts';
import { MessageChannel, MessageKind, MessageStatus } from './messaging.ts';

/**
 * Patients (issue 9.5): search, view, edit, the recall search (S11) and the
 * pending changes online bookings left for staff (B18).
 */

/** A patient as lists show them. `mobileVerified`: the mobile was proved (an SMS code); staff edits never prove one. */
export const PatientSummary = z.object({
  id: Id,
  firstName: z.string(),
  lastName: z.string(),
  nationalId: z.string(),
  mobile: z.nullable(z.string()),
  mobileVerified: z.boolean(),
  email: z.nullable(z.string()),
  wantsSms: z.boolean(),
  nextRecallDate: z.nullable(LocalDate),
});
export type PatientSummary = z.infer<typeof PatientSummary>;

export const PatientRecord = z.extend(PatientSummary, {
  address1: z.nullable(z.string()),
  address2: z.nullable(z.string()),
  postalCode: z.nullable(z.string()),
  city: z.nullable(z.string()),
  createdAt: z.string(),
});
export type PatientRecord = z.infer<typeof PatientRecord>;

/** `q` matches a name (part of first or last name), a national id, a mobile in any format, or an e-mail. */
export const PatientSearchQuery = z.extend(PageQuery, { q: z.optional(z.string().check(z.maxLength(200))) });
export type PatientSearchQuery = z.infer<typeof PatientSearchQuery>;

export const PatientList = z.object({ patients: z.array(PatientSummary), nextCursor: NextCursor });
export type PatientList = z.infer<typeof PatientList>;

/** Patients whose recall is due between the local dates `from` and `to` (both included), soonest first (S11). */
export const RecallQuery = z.extend(PageQuery, { from: LocalDate, to: LocalDate });
export type RecallQuery = z.infer<typeof RecallQuery>;

export const JournalEntry = z.object({ id: Id, at: z.string(), kind: z.string(), text: z.string(), appointmentId: z.nullable(Id) });
export type JournalEntry = z.infer<typeof JournalEntry>;

export const PatientMessage = z.object({
  id: Id, channel: MessageChannel, kind: MessageKind, status: MessageStatus, recipient: z.string(), subject: z.nullable(z.string()), body: z.string(),
  sendAt: z.string(), sentAt: z.nullable(z.string()), appointmentId: z.nullable(Id),
});
export type PatientMessage = z.infer<typeof PatientMessage>;

/** One field a booking typed differently from the record (B18). */
export const FieldChange = z.object({ field: z.string(), old: z.nullable(z.string()), new: z.nullable(z.string()) });

export const PendingChangeStatus = z.enum(['pending', 'accepted', 'rejected']);
export type PendingChangeStatus = z.infer<typeof PendingChangeStatus>;

export const PendingChange = z.object({
  id: Id,
  status: PendingChangeStatus,
  createdAt: z.string(),
  decidedAt: z.nullable(z.string()),
  appointmentId: z.nullable(Id),
  patient: z.object({ id: Id, firstName: z.string(), lastName: z.string() }),
  changes: z.array(FieldChange),
});
export type PendingChange = z.infer<typeof PendingChange>;

export const PendingChangeQuery = z.extend(PageQuery, { status: z.optional(PendingChangeStatus) });
export type PendingChangeQuery = z.infer<typeof PendingChangeQuery>;

export const PendingChangeList = z.object({ changes: z.array(PendingChange), nextCursor: NextCursor });
export type PendingChangeList = z.infer<typeof PendingChangeList>;

/** A patient with the latest of their appointments, journal, messages and open pending changes (each newest first, at most `PATIENT_VIEW_LIMIT`). */
export const PatientView = z.object({
  patient: PatientRecord,
  appointments: z.array(BookAppointment),
  journal: z.array(JournalEntry),
  messages: z.array(PatientMessage),
  pendingChanges: z.array(PendingChange),
});
export type PatientView = z.infer<typeof PatientView>;

/** How many of each a patient view shows. */
export const PATIENT_VIEW_LIMIT = 50;

const optionalNullable = (max: number) => z.optional(z.nullable(shortText(max)));

/**
 * Edits a patient record. A mobile is read in the organization's country and
 * kept in E.164; a changed mobile is not proved (`mobileVerified` false).
 * Null clears a contact field or the recall date.
 */
export const PatientPatch = z.object({
  firstName: z.optional(requiredText(100)),
  lastName: z.optional(requiredText(100)),
  mobile: optionalNullable(30),
  email: z.optional(z.nullable(z.email().check(z.maxLength(254)))),
  address1: optionalNullable(200),
  address2: optionalNullable(200),
  postalCode: optionalNullable(20),
  city: optionalNullable(100),
  wantsSms: z.optional(z.boolean()),
  nextRecallDate: z.optional(z.nullable(LocalDate)),
});
export type PatientPatch = z.infer<typeof PatientPatch>;
