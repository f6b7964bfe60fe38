import type { Call } from '../http-call.ts';
import {
  BookAppointment, BookList, StaffBookingResult,
  type AttendanceRequest, type BookQuery, type CancelRequest, type ExternalBookingRequest, type MoveRequest, type StaffBookingRequest,
} from '../schemas/book.ts';

/**
 * The appointment book (issue 9.4) and the inbound sync by a practice
 * system's external ids (issue 9.6).
 *
 * @example
 * const { appointments } = await admin.listAppointments({ from: '2026-12-07', to: '2026-12-13' });
 * const { appointment } = await admin.createAppointment({ patientId, clinicId, providerId, start: '2026-12-08T18:00:00+01:00', durationMinutes: 90 });
 * await admin.syncExternalAppointment('pms-4711', { patientId, clinicId, providerId, start, durationMinutes: 30 });
 */
export function bookMethods(call: Call) {
  const path = (externalId: string) => `appointments/external/${encodeURIComponent(externalId)}`;
  return {
    listAppointments: (query: BookQuery) => call(BookList, 'appointments', { searchParams: query }),
    getAppointment: (id: string) => call(BookAppointment, `appointments/${id}`),
    /** A phone booking: 409 `slot_taken` when it overlaps another booked or held time. */
    createAppointment: (request: StaffBookingRequest) => call(StaffBookingResult, 'appointments', { method: 'post', json: request }),
    moveAppointment: (id: string, request: MoveRequest) => call(BookAppointment, `appointments/${id}/move`, { method: 'post', json: request }),
    cancelAppointment: (id: string, request: CancelRequest = {}) => call(BookAppointment, `appointments/${id}/cancel`, { method: 'post', json: request }),
    setAttendance: (id: string, request: AttendanceRequest) => call(BookAppointment, `appointments/${id}/attendance`, { method: 'post', json: request }),
    /** Creates or moves the appointment with this external id, idempotently. */
    syncExternalAppointment: (externalId: string, request: ExternalBookingRequest) => call(StaffBookingResult, path(externalId), { method: 'put', json: request }),
    /** Cancels the appointment with this external id; again is fine. */
    cancelExternalAppointment: (externalId: string, request: CancelRequest = {}) => call(BookAppointment, path(externalId), { method: 'delete', json: request }),
  };
}
