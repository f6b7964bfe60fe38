import * as z from 'zod/mini';
import { CreateWebhookRequest, WebhookDelivery, WebhookDeliveryList, WebhookDeliveryQuery, WebhookEndpoint, WebhookEndpointWithSecret, WebhookList, WebhookPatch } from '../../../sdk/schemas/webhooks.ts';
import { ADMIN, type ApiOperation } from '../api-operation.ts';

const TAG = 'Admin: webhooks';
const SIGNED = 'Deliveries are signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`); see the README, "Webhooks".';

/** Webhook endpoints and their deliveries (D4, issue 9.6). */
export const WEBHOOK_OPERATIONS: ApiOperation[] = [
  { method: 'get', path: `${ADMIN}/webhooks`, tag: TAG, summary: "The organization's webhook endpoints (never their secrets)", security: 'admin', ok: { status: 200, schema: WebhookList, name: 'WebhookList' } },
  { method: 'post', path: `${ADMIN}/webhooks`, tag: TAG, summary: 'Adds an endpoint; the answer carries its signing secret, shown this once', description: `https only (http to loopback in development); private and link-local addresses are refused. ${SIGNED}`, security: 'admin', body: { schema: CreateWebhookRequest, name: 'CreateWebhookRequest' }, ok: { status: 201, schema: WebhookEndpointWithSecret, name: 'WebhookEndpointWithSecret' } },
  { method: 'get', path: `${ADMIN}/webhooks/:id`, tag: TAG, summary: 'One endpoint', security: 'admin', ok: { status: 200, schema: WebhookEndpoint, name: 'WebhookEndpoint' } },
  { method: 'patch', path: `${ADMIN}/webhooks/:id`, tag: TAG, summary: "Changes an endpoint's URL, description, events or whether it is enabled", security: 'admin', body: { schema: WebhookPatch, name: 'WebhookPatch' }, ok: { status: 200, schema: WebhookEndpoint, name: 'WebhookEndpoint' } },
  { method: 'delete', path: `${ADMIN}/webhooks/:id`, tag: TAG, summary: 'Deletes an endpoint and its delivery log', security: 'admin', ok: { status: 200, schema: z.object({ deleted: z.literal(true) }) } },
  { method: 'post', path: `${ADMIN}/webhooks/:id/rotate-secret`, tag: TAG, summary: 'Gives the endpoint a new secret, shown this once; for 24 hours deliveries are signed with both', security: 'admin', ok: { status: 200, schema: WebhookEndpointWithSecret, name: 'WebhookEndpointWithSecret' } },
  { method: 'post', path: `${ADMIN}/webhooks/:id/test`, tag: TAG, summary: 'Queues a `webhook.test` delivery to the endpoint', security: 'admin', ok: { status: 202, schema: WebhookDelivery, name: 'WebhookDelivery' } },
  { method: 'get', path: `${ADMIN}/webhooks/:id/deliveries`, tag: TAG, summary: "The endpoint's deliveries, newest first (paged), with attempts and status codes", security: 'admin', query: WebhookDeliveryQuery, ok: { status: 200, schema: WebhookDeliveryList, name: 'WebhookDeliveryList' } },
  { method: 'post', path: `${ADMIN}/webhooks/:id/deliveries/:deliveryId/retry`, tag: TAG, summary: 'Sends a delivery again (same `webhook-id` and body)', security: 'admin', ok: { status: 202, schema: WebhookDelivery, name: 'WebhookDelivery' } },
];
