import {
  AttendanceRequest, BookAppointment, BookList, BookQuery, CancelRequest, ExternalBookingRequest, MoveRequest, StaffBookingRequest, StaffBookingResult,
} from '../../../sdk/schemas/book.ts';
import { ADMIN, type ApiOperation } from '../api-operation.ts';

const TAG = 'Admin: appointments';
const One = { status: 200, schema: BookAppointment, name: 'BookAppointment' } as const;

/** The appointment book and the inbound sync by external id (issue 9.4, 9.6). */
export const BOOK_OPERATIONS: ApiOperation[] = [
  { method: 'get', path: `${ADMIN}/appointments`, tag: TAG, summary: "A day's or a week's appointments (at most 31 days) with patient, treatment, source, attendance and reminder statuses", security: 'admin', query: BookQuery, ok: { status: 200, schema: BookList, name: 'BookList' } },
  { method: 'post', path: `${ADMIN}/appointments`, tag: TAG, summary: 'Books an appointment as staff (a phone booking): any treatment and length, outside the online rules, never over another booking', security: 'admin', body: { schema: StaffBookingRequest, name: 'StaffBookingRequest' }, ok: { status: 201, schema: StaffBookingResult, name: 'StaffBookingResult' }, errors: ['slot_taken'] },
  { method: 'get', path: `${ADMIN}/appointments/:id`, tag: TAG, summary: 'One appointment as the book shows it', security: 'admin', ok: One },
  { method: 'post', path: `${ADMIN}/appointments/:id/move`, tag: TAG, summary: 'Moves an appointment (reminders follow; notifyPatient confirms)', security: 'admin', body: { schema: MoveRequest, name: 'MoveRequest' }, ok: One, errors: ['slot_taken', 'already_cancelled'] },
  { method: 'post', path: `${ADMIN}/appointments/:id/cancel`, tag: TAG, summary: 'Cancels an appointment (waiting reminders cancelled; notifyPatient confirms)', security: 'admin', body: { schema: CancelRequest, name: 'CancelRequest' }, ok: One, errors: ['already_cancelled'] },
  { method: 'post', path: `${ADMIN}/appointments/:id/attendance`, tag: TAG, summary: 'Marks an appointment attended or no-show, or clears the mark', security: 'admin', body: { schema: AttendanceRequest, name: 'AttendanceRequest' }, ok: One, errors: ['already_cancelled'] },
  { method: 'put', path: `${ADMIN}/appointments/external/:externalId`, tag: TAG, summary: "Creates (201) or moves (200) the appointment with a practice system's id; the same body again changes nothing", security: 'admin', body: { schema: ExternalBookingRequest, name: 'ExternalBookingRequest' }, ok: { status: 200, schema: StaffBookingResult, name: 'StaffBookingResult', description: 'Moved or unchanged; 201 when created' }, errors: ['slot_taken', 'already_cancelled'] },
  { method: 'delete', path: `${ADMIN}/appointments/external/:externalId`, tag: TAG, summary: "Cancels the appointment with a practice system's id; again answers it as it is", security: 'admin', body: { schema: CancelRequest, name: 'CancelRequest' }, ok: One },
];
