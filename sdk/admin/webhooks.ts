import * as z from 'zod/mini';
import type { Call } from '../http-call.ts';
import {
  WebhookDelivery, WebhookDeliveryList, WebhookEndpoint, WebhookEndpointWithSecret, WebhookList,
  type CreateWebhookRequest, type WebhookDeliveryQuery, type WebhookPatch,
} from '../schemas/webhooks.ts';

const Deleted = z.object({ deleted: z.literal(true) });

/**
 * Webhooks (D4): endpoints, their secrets (answered only by create and
 * rotate: store them then), test events and the delivery log.
 *
 * @example
 * const { id, secret } = await admin.createWebhook({ url: 'https://pms.example/hooks', events: ['booking.created'] });
 * const { deliveries } = await admin.listWebhookDeliveries(id);
 */
export function webhookMethods(call: Call) {
  return {
    listWebhooks: () => call(WebhookList, 'webhooks'),
    createWebhook: (request: CreateWebhookRequest) => call(WebhookEndpointWithSecret, 'webhooks', { method: 'post', json: request }),
    getWebhook: (id: string) => call(WebhookEndpoint, `webhooks/${id}`),
    updateWebhook: (id: string, patch: WebhookPatch) => call(WebhookEndpoint, `webhooks/${id}`, { method: 'patch', json: patch }),
    deleteWebhook: (id: string) => call(Deleted, `webhooks/${id}`, { method: 'delete' }),
    /** A new secret, answered this once; the previous one still signs for 24 hours. */
    rotateWebhookSecret: (id: string) => call(WebhookEndpointWithSecret, `webhooks/${id}/rotate-secret`, { method: 'post', json: {} }),
    sendTestWebhook: (id: string) => call(WebhookDelivery, `webhooks/${id}/test`, { method: 'post', json: {} }),
    listWebhookDeliveries: (id: string, query: WebhookDeliveryQuery = {}) => call(WebhookDeliveryList, `webhooks/${id}/deliveries`, { searchParams: query }),
    retryWebhookDelivery: (id: string, deliveryId: string) => call(WebhookDelivery, `webhooks/${id}/deliveries/${deliveryId}/retry`, { method: 'post', json: {} }),
  };
}
