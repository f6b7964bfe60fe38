import {
  BreaksRequest, ExceptionRequest, ModeRequest, OnlineSlotsRequest, Schedule, ScheduleChange, ScheduleQuery, WorkingHoursRequest,
} from '../../../sdk/schemas/schedules.ts';
import { ADMIN, type ApiOperation } from '../api-operation.ts';

const BASE = `${ADMIN}/schedules/:providerId/:clinicId`;
const TAG = 'Admin: schedules';
const CHANGE = { schema: ScheduleChange, name: 'ScheduleChange' } as const;
const STRANDING = 'Allowed even when it leaves booked future appointments outside the provider\'s open time: the answer lists them in `stranded`, still booked, for staff to move or cancel.';

/** Working hours, breaks, exceptions, published slots and availability mode per provider and clinic (issue 9.3). */
export const SCHEDULE_OPERATIONS: ApiOperation[] = [
  { method: 'get', path: BASE, tag: TAG, summary: "A provider's schedule at a clinic; exceptions and published slots in the window (default the coming 90 days)", security: 'admin', query: ScheduleQuery, ok: { status: 200, schema: Schedule, name: 'Schedule' }, errors: ['not_found'] },
  { method: 'put', path: `${BASE}/working-hours`, tag: TAG, summary: 'Replaces the week of working hours', description: STRANDING, security: 'admin', body: { schema: WorkingHoursRequest, name: 'WorkingHoursRequest' }, ok: { status: 200, ...CHANGE }, errors: ['not_found'] },
  { method: 'put', path: `${BASE}/breaks`, tag: TAG, summary: 'Replaces the week of breaks', description: `A break need not lie within working hours: outside them it takes nothing. ${STRANDING}`, security: 'admin', body: { schema: BreaksRequest, name: 'BreaksRequest' }, ok: { status: 200, ...CHANGE }, errors: ['not_found'] },
  { method: 'put', path: `${BASE}/mode`, tag: TAG, summary: 'Online times from working hours or only from published slots', description: STRANDING, security: 'admin', body: { schema: ModeRequest, name: 'ModeRequest' }, ok: { status: 200, ...CHANGE }, errors: ['not_found'] },
  { method: 'post', path: `${BASE}/exceptions`, tag: TAG, summary: 'Adds a closed day (or part) or extra hours on a date', description: STRANDING, security: 'admin', body: { schema: ExceptionRequest, name: 'ExceptionRequest' }, ok: { status: 201, ...CHANGE }, errors: ['not_found'] },
  { method: 'delete', path: `${BASE}/exceptions/:id`, tag: TAG, summary: 'Removes a dated exception', description: STRANDING, security: 'admin', ok: { status: 200, ...CHANGE }, errors: ['not_found'] },
  { method: 'post', path: `${BASE}/online-slots`, tag: TAG, summary: 'Publishes online slots (instants; no overlaps, not in the past, at most two years ahead)', security: 'admin', body: { schema: OnlineSlotsRequest, name: 'OnlineSlotsRequest' }, ok: { status: 201, ...CHANGE }, errors: ['not_found'] },
  { method: 'delete', path: `${BASE}/online-slots/:id`, tag: TAG, summary: 'Withdraws a published slot', description: STRANDING, security: 'admin', ok: { status: 200, ...CHANGE }, errors: ['not_found'] },
];
