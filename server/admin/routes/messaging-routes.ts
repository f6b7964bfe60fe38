import { Hono, type Context } from 'hono';
import type { Executor } from '../../db/database.ts';
import { withAudit, type AuditChange } from '../../audit/audit-log.ts';
import type { SendResult } from '../../../sdk/schemas/messaging.ts';
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
  /** Runs a change with its audit entry, in one transaction. */
  const audited = <T>(c: Context<AdminEnv>, work: (trx: Executor) => Promise<T>, describe: (result: T) => AuditChange) =>
    withAudit(deps.db, c.get('org').id, c.get('actor'), deps.now(), work, describe);
  /** What the audit log keeps of a send: how many, never the text. */
  const sent = (action: string) => (result: SendResult): AuditChange => ({ action, target: { type: 'messages', id: null }, after: { queued: result.queued.length, skipped: result.skipped.length, messageIds: result.queued.map((q) => q.messageId) } });

  api.get('/messaging/settings', async (c) => c.json(await loadMessagingSettings(deps.db, c.get('org').id)));
  api.put('/messaging/settings', async (c) => {
    const patch = validate(MessagingSettingsPatch, await readJson(c.req.raw));
    const before = await loadMessagingSettings(deps.db, c.get('org').id);
    return c.json(await audited(c, (trx) => saveMessagingSettings(trx, c.get('org').id, patch), (after) => ({ action: 'messaging.settings.update', target: { type: 'settings', id: 'messaging' }, before, after })));
  });

  api.get('/messaging/templates', async (c) => c.json({ templates: await listTemplates(deps.db, c.get('org').id, c.get('org').locale), mergeFields: [...MERGE_FIELDS] }));
  api.put('/messaging/templates/:channel/:kind', async (c) => {
    const org = c.get('org');
    const request = validate(SaveTemplateRequest, await readJson(c.req.raw));
    const channel = validate(MessageChannel, c.req.param('channel'), 'channel');
    const kind = validate(MessageKind, c.req.param('kind'), 'kind');
    return c.json(await audited(c, (trx) => saveTemplate(trx, org.id, org.locale, channel, kind, request), () => ({ action: 'template.save', target: { type: 'template', id: `${channel}/${kind}` }, after: request })));
  });
  api.delete('/messaging/templates/:channel/:kind', async (c) => {
    const org = c.get('org');
    const channel = validate(MessageChannel, c.req.param('channel'), 'channel');
    const kind = validate(MessageKind, c.req.param('kind'), 'kind');
    return c.json(await audited(c, (trx) => resetTemplate(trx, org.id, org.locale, channel, kind), () => ({ action: 'template.reset', target: { type: 'template', id: `${channel}/${kind}` } })));
  });
  api.post('/messaging/templates/preview', async (c) => {
    const request = validate(PreviewRequest, await readJson(c.req.raw));
    return c.json(previewText(request.channel, request.body, c.get('org').locale));
  });

  api.post('/messages/patient', async (c) => {
    const request = validate(SendToPatientRequest, await readJson(c.req.raw));
    return c.json(await audited(c, (trx) => sendToPatient(trx, c.get('org'), deps.now(), request), sent('message.send_patient')), 201);
  });
  api.post('/messages/number', async (c) => {
    const request = validate(SendToNumberRequest, await readJson(c.req.raw));
    return c.json(await audited(c, (trx) => sendToNumber(trx, c.get('org'), deps.now(), request), sent('message.send_number')), 201);
  });
  api.post('/messages/bulk', async (c) => {
    const request = validate(BulkSendRequest, await readJson(c.req.raw));
    return c.json(await audited(c, (trx) => sendToPatients(trx, c.get('org'), deps.now(), request), sent('message.send_bulk')), 201);
  });
  api.post('/messages/appointments', async (c) => {
    const request = validate(SendToAppointmentsRequest, await readJson(c.req.raw));
    return c.json(await audited(c, (trx) => sendToAppointments(trx, c.get('org'), deps.now(), request), sent('message.send_appointments')), 201);
  });
  api.get('/messages', async (c) => c.json(await listMessages(deps.db, c.get('org'), validate(MessageQuery, c.req.query()))));
  api.post('/messages/:id/cancel', async (c) => {
    const messageId = id(c.req.param('id'));
    // A refusal throws inside the transaction: nothing is audited for it.
    await audited(c, async (trx) => {
      const outcome = await cancelMessage(trx, c.get('org').id, messageId);
      if (outcome === 'not_found') throw new DomainError('not_found', { detail: 'No such message' });
      if (outcome === 'not_waiting') throw DomainError.invalid('id', 'Only a waiting message can be cancelled', 'not_waiting');
    }, () => ({ action: 'message.cancel', target: { type: 'message', id: messageId } }));
    return c.json({ cancelled: true });
  });

  api.get('/inbound', async (c) => c.json(await listInbound(deps.db, c.get('org'), validate(InboundQuery, c.req.query()))));
  api.patch('/inbound/:id', async (c) => {
    const inboundId = id(c.req.param('id'));
    const patch = validate(InboundPatch, await readJson(c.req.raw));
    await audited(c, async (trx) => {
      if (!(await markInbound(trx, c.get('org').id, inboundId, patch))) throw new DomainError('not_found', { detail: 'No such received message' });
    }, () => ({ action: 'inbound.update', target: { type: 'inbound_sms', id: inboundId }, after: patch }));
    return c.json({ updated: true });
  });

  api.get('/appointments/today', async (c) => c.json(await todaysAppointments(deps.db, c.get('org'), deps.now(), validate(z.optional(LocalDate), c.req.query('date'), 'date'))));
  api.put('/appointments/:id/reminders', async (c) => {
    const appointmentId = id(c.req.param('id'));
    return c.json(await setAppointmentReminders(deps.db, c.get('org'), appointmentId, validate(AppointmentRemindersRequest, await readJson(c.req.raw)), deps.now(), c.get('actor')));
  });

  api.get('/messaging/status', async (c) => c.json(await messagingStatus(deps.db, c.get('org'), deps.now(), deps.channels?.defaultGateway ?? 'none')));
  return api;
}
