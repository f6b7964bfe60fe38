import * as z from 'zod/mini';
import type { Call } from '../http-call.ts';
import {
  InboundList, MessageList, MessageTemplate, MessageTemplateList, MessagingSettings, MessagingStatus, PreviewResult, SendResult, TodayList,
  type AppointmentRemindersRequest, type BulkSendRequest, type InboundPatch, type InboundQuery, type MessageChannel, type MessageKind, type MessageQuery,
  type MessagingSettingsPatch, type PreviewRequest, type SaveTemplateRequest, type SendToAppointmentsRequest, type SendToNumberRequest, type SendToPatientRequest,
} from '../schemas/messaging.ts';

const Ok = z.object({ cancelled: z.optional(z.boolean()), updated: z.optional(z.boolean()) });

/**
 * Messaging: settings and templates (S1–S6, W10, W11), sending (S8–S12), the
 * sent and received lists (S13, S14), a day's appointments and service status.
 *
 * @example
 * const admin = createAdminClient({ baseUrl, apiKey });
 * await admin.sendToNumber({ to: '+4791234567', body: 'Hei!' });
 */
export function messagingMethods(call: Call) {
  return {
    getSettings: () => call(MessagingSettings, 'messaging/settings'),
    updateSettings: (patch: MessagingSettingsPatch) => call(MessagingSettings, 'messaging/settings', { method: 'put', json: patch }),
    listTemplates: () => call(MessageTemplateList, 'messaging/templates'),
    /** Saves a template; the answer carries its SMS length and parts (W11). */
    saveTemplate: (channel: MessageChannel, kind: MessageKind, request: SaveTemplateRequest) => call(MessageTemplate, `messaging/templates/${channel}/${kind}`, { method: 'put', json: request }),
    /** "Reset to the standard text" (S2). */
    resetTemplate: (channel: MessageChannel, kind: MessageKind) => call(MessageTemplate, `messaging/templates/${channel}/${kind}`, { method: 'delete' }),
    previewTemplate: (request: PreviewRequest) => call(PreviewResult, 'messaging/templates/preview', { method: 'post', json: request }),
    sendToPatient: (request: SendToPatientRequest) => call(SendResult, 'messages/patient', { method: 'post', json: request }),
    sendToNumber: (request: SendToNumberRequest) => call(SendResult, 'messages/number', { method: 'post', json: request }),
    /** S11: patients without a valid mobile come back in `skipped`. */
    sendBulk: (request: BulkSendRequest) => call(SendResult, 'messages/bulk', { method: 'post', json: request }),
    sendToAppointments: (request: SendToAppointmentsRequest) => call(SendResult, 'messages/appointments', { method: 'post', json: request }),
    listMessages: (query: MessageQuery = {}) => call(MessageList, 'messages', { searchParams: query }),
    cancelMessage: (id: string) => call(Ok, `messages/${id}/cancel`, { method: 'post', json: {} }),
    listInbound: (query: InboundQuery = {}) => call(InboundList, 'inbound', { searchParams: query }),
    updateInbound: (id: string, patch: InboundPatch) => call(Ok, `inbound/${id}`, { method: 'patch', json: patch }),
    todaysAppointments: (date?: string) => call(TodayList, 'appointments/today', { searchParams: { date } }),
    setAppointmentReminders: (appointmentId: string, request: AppointmentRemindersRequest) => call(z.object({ messages: MessageList.shape.messages }), `appointments/${appointmentId}/reminders`, { method: 'put', json: request }),
    getStatus: () => call(MessagingStatus, 'messaging/status'),
  };
}
