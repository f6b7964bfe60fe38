import { Hono } from 'hono';
import { BookQuery } from '../../../sdk/schemas/book.ts';
import { Id } from '../../../sdk/schemas/common.ts';
import { validate } from '../../domain/validate.ts';
import { readJson } from '../../http/read-json.ts';
import { bookAppointment, listBook } from '../../booking/appointment-book.ts';
import { cancelExternalBooking, cancelStaffBooking, createStaffBooking, markAttendance, moveStaffBooking, putExternalBooking } from '../../booking/staff-booking.ts';
import type { AdminDeps } from '../admin-api.ts';
import type { AdminEnv } from '../access.ts';

/**
 * The appointment book (issue 9.4): list a day or a week, one appointment,
 * staff bookings, moves, cancellations and attendance; the inbound sync by a
 * practice system's external ids (issue 9.6). Mounted after the messaging
 * routes, whose `/appointments/today` comes first.
 *
 * @example
 * api.route('/', bookRoutes(deps));
 */
export function bookRoutes(deps: AdminDeps) {
  const api = new Hono<AdminEnv>();
  const id = (raw: string | undefined) => validate(Id, raw, 'id');

  api.get('/appointments', async (c) => c.json(await listBook(deps.db, c.get('org'), validate(BookQuery, c.req.query()))));
  api.post('/appointments', async (c) => c.json(await createStaffBooking(deps, c.get('org'), c.get('actor'), await readJson(c.req.raw)), 201));
  api.put('/appointments/external/:externalId', async (c) => {
    const { status, body } = await putExternalBooking(deps, c.get('org'), c.get('actor'), c.req.param('externalId'), await readJson(c.req.raw));
    return c.json(body, status);
  });
  api.delete('/appointments/external/:externalId', async (c) => c.json(await cancelExternalBooking(deps, c.get('org'), c.get('actor'), c.req.param('externalId'), await readJson(c.req.raw))));
  api.get('/appointments/:id', async (c) => c.json(await bookAppointment(deps.db, c.get('org'), id(c.req.param('id')))));
  api.post('/appointments/:id/move', async (c) => {
    const appointmentId = id(c.req.param('id'));
    return c.json(await moveStaffBooking(deps, c.get('org'), c.get('actor'), appointmentId, await readJson(c.req.raw)));
  });
  api.post('/appointments/:id/cancel', async (c) => {
    const appointmentId = id(c.req.param('id'));
    return c.json(await cancelStaffBooking(deps, c.get('org'), c.get('actor'), appointmentId, await readJson(c.req.raw)));
  });
  api.post('/appointments/:id/attendance', async (c) => {
    const appointmentId = id(c.req.param('id'));
    return c.json(await markAttendance(deps, c.get('org'), c.get('actor'), appointmentId, await readJson(c.req.raw)));
  });
  return api;
}
