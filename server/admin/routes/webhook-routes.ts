import { Hono } from 'hono';
import { Id } from '../../../sdk/schemas/common.ts';
import { CreateWebhookRequest, WebhookDeliveryQuery, WebhookPatch } from '../../../sdk/schemas/webhooks.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { DomainError } from '../../domain/domain-error.ts';
import { validate } from '../../domain/validate.ts';
import { readJson } from '../../http/read-json.ts';
import { createEndpoint, listEndpoints, requireEndpoint, rotateSecret, toWebhookEndpoint, updateEndpoint } from '../../webhooks/endpoint-repository.ts';
import { listDeliveries, queueTestDelivery, retryDelivery } from '../../webhooks/delivery-repository.ts';
import { webhookUrlProblem } from '../../webhooks/webhook-url.ts';
import type { AdminDeps } from '../admin-api.ts';
import type { AdminEnv } from '../access.ts';

/** 422 on `url` when the SSRF rule refuses it (README, "Webhooks"). */
function requireAllowedUrl(url: string | undefined, allowLoopback = false): void {
  const problem = url === undefined ? null : webhookUrlProblem(url, { allowLoopback });
  if (problem) throw DomainError.invalid('url', problem, 'url_refused');
}

/**
 * Webhook endpoints (D4, issue 9.6): add, list, change, delete, rotate the
 * secret, send a test event, read and retry deliveries. The secret is
 * answered only by create and rotate, and never audited. Endpoints are
 * requested only by the worker, never during these requests.
 *
 * @example
 * api.route('/', webhookRoutes(deps));
 */
export function webhookRoutes(deps: AdminDeps) {
  const api = new Hono<AdminEnv>();
  const id = (raw: string | undefined, name = 'id') => validate(Id, raw, name);

  api.get('/webhooks', async (c) => c.json({ webhooks: await listEndpoints(deps.db, c.get('org').id, deps.now()) }));

  api.post('/webhooks', async (c) => {
    const org = c.get('org');
    const request = validate(CreateWebhookRequest, await readJson(c.req.raw));
    requireAllowedUrl(request.url, deps.allowLoopback);
    const created = await deps.db.transaction().execute(async (trx) => {
      const endpoint = await createEndpoint(trx, org.id, request, deps.now());
      const { secret: _, ...after } = endpoint;
      await recordAudit(trx, org.id, c.get('actor'), { action: 'webhook.create', target: { type: 'webhook', id: endpoint.id }, after: forAudit(after) }, deps.now());
      return endpoint;
    });
    return c.json(created, 201);
  });

  api.get('/webhooks/:id', async (c) => c.json(toWebhookEndpoint(await requireEndpoint(deps.db, c.get('org').id, id(c.req.param('id'))), deps.now())));

  api.patch('/webhooks/:id', async (c) => {
    const org = c.get('org');
    const endpointId = id(c.req.param('id'));
    const patch = validate(WebhookPatch, await readJson(c.req.raw));
    requireAllowedUrl(patch.url, deps.allowLoopback);
    return c.json(await deps.db.transaction().execute(async (trx) => {
      const row = await requireEndpoint(trx, org.id, endpointId, true);
      const updated = await updateEndpoint(trx, row, patch);
      const before = toWebhookEndpoint(row, deps.now());
      const after = toWebhookEndpoint(updated, deps.now());
      await recordAudit(trx, org.id, c.get('actor'), { action: 'webhook.update', target: { type: 'webhook', id: row.id }, before: forAudit(before), after: forAudit(after) }, deps.now());
      return after;
    }));
  });

  api.delete('/webhooks/:id', async (c) => {
    const org = c.get('org');
    const endpointId = id(c.req.param('id'));
    await deps.db.transaction().execute(async (trx) => {
      const row = await requireEndpoint(trx, org.id, endpointId, true);
      await trx.deleteFrom('webhook_endpoints').where('id', '=', row.id).execute();
      await recordAudit(trx, org.id, c.get('actor'), { action: 'webhook.delete', target: { type: 'webhook', id: row.id }, before: forAudit(toWebhookEndpoint(row, deps.now())) }, deps.now());
    });
    return c.json({ deleted: true as const });
  });

  api.post('/webhooks/:id/rotate-secret', async (c) => {
    const org = c.get('org');
    const endpointId = id(c.req.param('id'));
    return c.json(await deps.db.transaction().execute(async (trx) => {
      const rotated = await rotateSecret(trx, await requireEndpoint(trx, org.id, endpointId, true), deps.now());
      await recordAudit(trx, org.id, c.get('actor'), { action: 'webhook.rotate_secret', target: { type: 'webhook', id: rotated.id } }, deps.now());
      return rotated;
    }));
  });

  api.post('/webhooks/:id/test', async (c) => {
    const org = c.get('org');
    const endpointId = id(c.req.param('id'));
    return c.json(await deps.db.transaction().execute(async (trx) => {
      await requireEndpoint(trx, org.id, endpointId);
      const delivery = await queueTestDelivery(trx, org.id, endpointId, deps.now());
      await recordAudit(trx, org.id, c.get('actor'), { action: 'webhook.test', target: { type: 'webhook', id: endpointId } }, deps.now());
      return delivery;
    }), 202);
  });

  api.get('/webhooks/:id/deliveries', async (c) => {
    const org = c.get('org');
    const endpoint = await requireEndpoint(deps.db, org.id, id(c.req.param('id')));
    return c.json(await listDeliveries(deps.db, org.id, endpoint.id, validate(WebhookDeliveryQuery, c.req.query())));
  });

  api.post('/webhooks/:id/deliveries/:deliveryId/retry', async (c) => {
    const org = c.get('org');
    const endpointId = id(c.req.param('id'));
    const deliveryId = id(c.req.param('deliveryId'), 'deliveryId');
    return c.json(await deps.db.transaction().execute(async (trx) => {
      await requireEndpoint(trx, org.id, endpointId);
      const delivery = await retryDelivery(trx, org.id, endpointId, deliveryId, deps.now());
      await recordAudit(trx, org.id, c.get('actor'), { action: 'webhook.retry', target: { type: 'webhook_delivery', id: deliveryId } }, deps.now());
      return delivery;
    }), 202);
  });

  return api;
}

/**
 * An endpoint as the audit log keeps it: the URL's origin only, since a
 * receiver may carry a credential in its path or query, and the audit log is
 * readable by keys that may not read webhooks.
 */
function forAudit<E extends { url: string }>(endpoint: E): E {
  return { ...endpoint, url: new URL(endpoint.url).origin };
}
