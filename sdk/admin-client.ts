import ky, { type KyInstance } from 'ky';
import * as z from 'zod/mini';
import { OpusApiError } from './errors.ts';
import { Problem } from './schemas/problem.ts';
import {
  InboundList, MessageList, MessageTemplate, MessageTemplateList, MessagingSettings, MessagingStatus, PreviewResult, SendResult, TodayList,
  type AppointmentRemindersRequest, type BulkSendRequest, type InboundPatch, type InboundQuery, type MessageChannel, type MessageKind, type MessageQuery,
  type MessagingSettingsPatch, type PreviewRequest, type SaveTemplateRequest, type SendToAppointmentsRequest, type SendToNumberRequest, type SendToPatientRequest,
} from './schemas/messaging.ts';

export interface AdminClientOptions {
  /** Where the API lives, e.g. `http://localhost:3000`. */
  baseUrl: string;
  /** The organization's admin API key (`opk_…`). Keep it on a server, never in a browser. */
  apiKey: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const Ok = z.object({ cancelled: z.optional(z.boolean()), updated: z.optional(z.boolean()) });

/**
 * A typed client for the staff API (`/api/v1/admin`): messaging settings
 * and templates, sending, the sent and received lists and service status.
 * Responses are parsed with the server's own schemas; failures are
 * {@link OpusApiError}.
 *
 * @example
 * const admin = createAdminClient({ baseUrl: 'http://localhost:3000', apiKey: process.env.OPUS_API_KEY! });
 * await admin.sendToNumber({ to: '+4791234567', body: 'Hei!' });
 * const { messages } = await admin.listMessages({ status: 'failed' });
 */
export function createAdminClient(options: AdminClientOptions) {
  const http: KyInstance = ky.create({
    prefixUrl: `${options.baseUrl.replace(/\/$/, '')}/api/v1/admin/`,
    retry: 0,
    timeout: options.timeoutMs ?? 15_000,
    throwHttpErrors: false,
    headers: { authorization: `Bearer ${options.apiKey}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  async function call<S extends z.ZodMiniType>(schema: S, path: string, init: { method?: string; json?: unknown; searchParams?: Record<string, string | undefined> } = {}): Promise<z.infer<S>> {
    let response: Response;
    try {
      const searchParams = init.searchParams ? Object.fromEntries(Object.entries(init.searchParams).filter((e): e is [string, string] => e[1] !== undefined)) : undefined;
      response = await http(path, { method: init.method ?? 'get', json: init.json, searchParams });
    } catch (error) {
      throw new OpusApiError(0, 'network', error instanceof Error ? error.message : String(error));
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const problem = Problem.safeParse(body);
      if (problem.success) throw new OpusApiError(response.status, problem.data.code, problem.data.detail ?? problem.data.title, problem.data);
      throw new OpusApiError(response.status, 'invalid_response', `HTTP ${response.status}`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new OpusApiError(response.status, 'invalid_response', `Unexpected response from ${path}`);
    return parsed.data as z.infer<S>;
  }

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

/** The client {@link createAdminClient} returns. */
export type OpusAdminClient = ReturnType<typeof createAdminClient>;
