import { Hono, type Context } from 'hono';
import { Id } from '../../../sdk/schemas/common.ts';
import { BreaksRequest, ExceptionRequest, ModeRequest, OnlineSlotsRequest, ScheduleQuery, WorkingHoursRequest } from '../../../sdk/schemas/schedules.ts';
import { validate } from '../../domain/validate.ts';
import { readJson } from '../../http/read-json.ts';
import {
  addException, addOnlineSlots, deleteException, deleteOnlineSlot, getSchedule, setBreaks, setMode, setWorkingHours, type ScheduleCaller,
} from '../../schedules/schedule-service.ts';
import type { AdminDeps } from '../admin-api.ts';
import type { AdminEnv } from '../access.ts';

/**
 * Schedules per provider and clinic (issue 9.3, W2/W3): working hours,
 * breaks, dated exceptions, published online slots and the availability
 * mode. Every change answers the schedule and the appointments it stranded.
 *
 * @example
 * api.route('/', scheduleRoutes(deps));
 */
export function scheduleRoutes(deps: AdminDeps) {
  const api = new Hono<AdminEnv>();
  const base = '/schedules/:providerId/:clinicId';
  const caller = (c: Context<AdminEnv>): ScheduleCaller => ({
    org: c.get('org'),
    actor: c.get('actor'),
    providerId: validate(Id, c.req.param('providerId'), 'providerId'),
    clinicId: validate(Id, c.req.param('clinicId'), 'clinicId'),
  });
  const id = (c: Context<AdminEnv>) => validate(Id, c.req.param('id'), 'id');

  api.get(base, async (c) => c.json(await getSchedule(deps, caller(c), validate(ScheduleQuery, c.req.query()))));
  api.put(`${base}/working-hours`, async (c) => {
    const who = caller(c);
    return c.json(await setWorkingHours(deps, who, validate(WorkingHoursRequest, await readJson(c.req.raw))));
  });
  api.put(`${base}/breaks`, async (c) => {
    const who = caller(c);
    return c.json(await setBreaks(deps, who, validate(BreaksRequest, await readJson(c.req.raw))));
  });
  api.put(`${base}/mode`, async (c) => {
    const who = caller(c);
    return c.json(await setMode(deps, who, validate(ModeRequest, await readJson(c.req.raw))));
  });
  api.post(`${base}/exceptions`, async (c) => {
    const who = caller(c);
    return c.json(await addException(deps, who, validate(ExceptionRequest, await readJson(c.req.raw))), 201);
  });
  api.delete(`${base}/exceptions/:id`, async (c) => c.json(await deleteException(deps, caller(c), id(c))));
  api.post(`${base}/online-slots`, async (c) => {
    const who = caller(c);
    return c.json(await addOnlineSlots(deps, who, validate(OnlineSlotsRequest, await readJson(c.req.raw))), 201);
  });
  api.delete(`${base}/online-slots/:id`, async (c) => c.json(await deleteOnlineSlot(deps, caller(c), id(c))));
  return api;
}
