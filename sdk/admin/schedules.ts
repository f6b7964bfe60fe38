import type { Call } from '../http-call.ts';
import {
  Schedule, ScheduleChange,
  type BreaksRequest, type ExceptionRequest, type ModeRequest, type OnlineSlotsRequest, type ScheduleQuery, type WorkingHoursRequest,
} from '../schemas/schedules.ts';

/**
 * Schedules per provider and clinic (issue 9.3): working hours, breaks,
 * dated exceptions, published online slots and the availability mode. Each
 * change answers the schedule after it and the appointments it `stranded`
 * (still booked, outside the provider's time now).
 *
 * @example
 * const { stranded } = await admin.setWorkingHours(providerId, clinicId, { workingHours: [{ weekday: 1, start: '08:00', end: '16:00' }] });
 */
export function scheduleMethods(call: Call) {
  const path = (providerId: string, clinicId: string, rest = '') => `schedules/${providerId}/${clinicId}${rest}`;
  return {
    getSchedule: (providerId: string, clinicId: string, query: ScheduleQuery = {}) => call(Schedule, path(providerId, clinicId), { searchParams: query }),
    setWorkingHours: (providerId: string, clinicId: string, request: WorkingHoursRequest) => call(ScheduleChange, path(providerId, clinicId, '/working-hours'), { method: 'put', json: request }),
    setBreaks: (providerId: string, clinicId: string, request: BreaksRequest) => call(ScheduleChange, path(providerId, clinicId, '/breaks'), { method: 'put', json: request }),
    setAvailabilityMode: (providerId: string, clinicId: string, request: ModeRequest) => call(ScheduleChange, path(providerId, clinicId, '/mode'), { method: 'put', json: request }),
    /** A closed day or part of one, or extra hours; the new id is in `created`. */
    addScheduleException: (providerId: string, clinicId: string, request: ExceptionRequest) => call(ScheduleChange, path(providerId, clinicId, '/exceptions'), { method: 'post', json: request }),
    deleteScheduleException: (providerId: string, clinicId: string, id: string) => call(ScheduleChange, path(providerId, clinicId, `/exceptions/${id}`), { method: 'delete' }),
    /** Publishes online slots (e-tider); their ids are in `created`. */
    addOnlineSlots: (providerId: string, clinicId: string, request: OnlineSlotsRequest) => call(ScheduleChange, path(providerId, clinicId, '/online-slots'), { method: 'post', json: request }),
    deleteOnlineSlot: (providerId: string, clinicId: string, id: string) => call(ScheduleChange, path(providerId, clinicId, `/online-slots/${id}`), { method: 'delete' }),
  };
}
