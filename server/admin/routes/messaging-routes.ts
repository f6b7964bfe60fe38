import { Hono } from 'hono';
import { Id, LocalDate } from '../../../sdk/schemas/common.ts';
import {
  AppointmentRemindersRequest, BulkSendRequest, InboundPatch, InboundQuery, MessageChannel, MessageKind, MessageQuery, MessagingSettingsPatch,
  PreviewRequest, SaveTemplateRequest, SendToAppointmentsRequest, SendToNumberRequest, SendToPatientRequest,
} from '../../../sdk/schemas/messaging.ts';
import * as z from 'zod/mini';
import { DomainError } from '../../domain/domain-error.ts';
import { readJson } from '../../http/read-json.ts';
import { validate } from '../../domain/validate.ts';
import { setAppointmentReminders } from '../../messaging/appointment-reminders.ts';
import { listInbound, listMessages, messagingStatus, todaysAppointments } from '../../messaging/message-queries.ts';
import { cancelMessage } from '../../messaging/outbox-repository.ts';
import { loadMessagingSettings, saveMessagingSettings } from '../../messaging/settings.ts';
import { markInbound } from '../../messaging/receipts.ts';
import { sendToAppointments, sendToNumber, sendToPatient, sendToPatients } from '../../messaging/staff-send.ts';
import { MERGE_FIELDS } from '../../messaging/templates/merge-fields.ts';
import { previewText } from '../../messaging/templates/preview.ts';
import { listTemplates, resetTemplate, saveTemplate } from '../../messaging/templates/template-repository.ts';
import type { AdminDeps } from '../admin-api.ts';
import type { AdminEnv } from '../access.ts';

/**
 * Messaging settings and templates (S1–S6, W10, W11), sending (S8–S12), the
 * sent and received lists (S13, S14), a day's appointments with their
 * reminders, and service status (S15).
 *
 * @example
 * api.route('/', messagingRoutes(deps));
 */
export function messagingRoutes(deps: AdminDeps) {
  const api = new Hono<AdminEnv>();
  const id = (raw: string | undefined) => validate(Id, raw, 'id');

  api.get('/messaging/settings', async (c) => c.json(await loadMessagingSettings(deps.db, c.get('org').id)));
  api.put('/messaging/settings', async (c) => c.json(await saveMessagingSettings(deps.db, c.get('org').id, validate(MessagingSettingsPatch, await readJson(c.req.raw)))));

  api.get('/messaging/templates', async (c) => c.json({ templates: await listTemplates(deps.db, c.get('org').id, c.get('org').locale), mergeFields: [...MERGE_FIELDS] }));
  api.put('/messaging/templates/:channel/:kind', async (c) => {
    const org = c.get('org');
    const request = validate(SaveTemplateRequest, await readJson(c.req.raw));
    return c.json(await saveTemplate(deps.db, org.id, org.locale, validate(MessageChannel, c.req.param('channel'), 'channel'), validate(MessageKind, c.req.param('kind'), 'kind'), request));
  });
  api.delete('/messaging/templates/:channel/:kind', async (c) => {
    const org = c.get('org');
    return c.json(await resetTemplate(deps.db, org.id, org.locale, validate(MessageChannel, c.req.param('channel'), 'channel'), validate(MessageKind, c.req.param('kind'), 'kind')));
  });
  api.post('/messaging/templates/preview', async (c) => {
    const request = validate(PreviewRequest, await readJson(c.req.raw));
    return c.json(previewText(request.channel, request.body, c.get('org').locale));
  });

  api.post('/messages/patient', async (c) => c.json(await sendToPatient(deps.db, c.get('org'), deps.now(), validate(SendToPatientRequest, await readJson(c.req.raw))), 201));
  api.post('/messages/number', async (c) => c.json(await sendToNumber(deps.db, c.get('org'), deps.now(), validate(SendToNumberRequest, await readJson(c.req.raw))), 201));
  api.post('/messages/bulk', async (c) => c.json(await sendToPatients(deps.db, c.get('org'), deps.now(), validate(BulkSendRequest, await readJson(c.req.raw))), 201));
  api.post('/messages/appointments', async (c) => c.json(await sendToAppointments(deps.db, c.get('org'), deps.now(), validate(SendToAppointmentsRequest, await readJson(c.req.raw))), 201));
  api.get('/messages', async (c) => c.json(await listMessages(deps.db, c.get('org'), validate(MessageQuery, c.req.query()))));
  api.post('/messages/:id/cancel', async (c) => {
    const outcome = await cancelMessage(deps.db, c.get('org').id, id(c.req.param('id')));
    if (outcome === 'not_found') throw new DomainError('not_found', { detail: 'No such message' });
    if (outcome === 'not_waiting') throw DomainError.invalid('id', 'Only a waiting message can be cancelled', 'not_waiting');
    return c.json({ cancelled: true });
  });

  api.get('/inbound', async (c) => c.json(await listInbound(deps.db, c.get('org'), validate(InboundQuery, c.req.query()))));
  api.patch('/inbound/:id', async (c) => {
    const inboundId = id(c.req.param('id'));
    if (!(await markInbound(deps.db, c.get('org').id, inboundId, validate(InboundPatch, await readJson(c.req.raw))))) throw new DomainError('not_found', { detail: 'No such received message' });
    return c.json({ updated: true });
  });

  api.get('/appointments/today', async (c) => c.json(await todaysAppointments(deps.db, c.get('org'), deps.now(), validate(z.optional(LocalDate), c.req.query('date'), 'date'))));
  api.put('/appointments/:id/reminders', async (c) => {
    const appointmentId = id(c.req.param('id'));
    return c.json(await setAppointmentReminders(deps.db, c.get('org'), appointmentId, validate(AppointmentRemindersRequest, await readJson(c.req.raw)), deps.now()));
  });

  api.get('/messaging/status', async (c) => c.json(await messagingStatus(deps.db, c.get('org'), deps.now(), deps.channels?.defaultGateway ?? 'none')));
  return api;
}
