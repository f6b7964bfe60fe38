import { Hono } from 'hono';
import { Id } from '../../../sdk/schemas/common.ts';
import { CreateApiKeyRequest, InviteStaffRequest, StaffPatch, StaffQuery, type ApiKeyView } from '../../../sdk/schemas/staff.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { DomainError } from '../../domain/domain-error.ts';
import { validate } from '../../domain/validate.ts';
import { readJson } from '../../http/read-json.ts';
import type { AdminDeps } from '../admin-api.ts';
import type { AdminEnv } from '../access.ts';
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyListing } from '../api-keys.ts';
import { inviteStaff, listStaff, resendInvite, updateStaff } from '../staff-users.ts';

function keyView(k: ApiKeyListing): ApiKeyView {
  return {
    id: k.id, name: k.name, prefix: k.prefix, scopes: k.scopes,
    createdAt: new Date(k.createdAt).toISOString(),
    lastUsedAt: k.lastUsedAt === null ? null : new Date(k.lastUsedAt).toISOString(),
    revokedAt: k.revokedAt === null ? null : new Date(k.revokedAt).toISOString(),
  };
}

/**
 * Staff users and API keys (capability `access`: owners and admins, never
 * an API key, so a leaked key cannot mint another). Every change is audited.
 *
 * @example
 * api.route('/', staffRoutes(deps));
 */
export function staffRoutes(deps: AdminDeps) {
  const api = new Hono<AdminEnv>();
  const id = (raw: string | undefined) => validate(Id, raw, 'id');

  api.get('/staff', async (c) => c.json(await listStaff(deps.db, c.get('org').id, validate(StaffQuery, c.req.query()))));
  api.post('/staff', async (c) => c.json(await inviteStaff(deps.staff, c.get('org'), c.get('actor'), validate(InviteStaffRequest, await readJson(c.req.raw))), 201));
  api.patch('/staff/:id', async (c) => {
    const userId = id(c.req.param('id'));
    return c.json(await updateStaff(deps.staff, c.get('org'), c.get('actor'), userId, validate(StaffPatch, await readJson(c.req.raw))));
  });
  api.post('/staff/:id/invite', async (c) => c.json(await resendInvite(deps.staff, c.get('org'), c.get('actor'), id(c.req.param('id')))));

  api.get('/api-keys', async (c) => c.json({ keys: (await listApiKeys(deps.db, c.get('org').id)).map(keyView) }));
  api.post('/api-keys', async (c) => {
    const org = c.get('org');
    const request = validate(CreateApiKeyRequest, await readJson(c.req.raw));
    const now = deps.now();
    const created = await deps.db.transaction().execute(async (trx) => {
      const made = await createApiKey(trx, org.id, request.name, request.scopes);
      await recordAudit(trx, org.id, c.get('actor'), { action: 'api_key.create', target: { type: 'api_key', id: made.id }, after: { name: request.name, prefix: made.prefix, scopes: request.scopes } }, now);
      const listed = (await listApiKeys(trx, org.id)).find((k) => k.id === made.id)!;
      return { ...keyView(listed), key: made.key };
    });
    return c.json(created, 201);
  });
  api.delete('/api-keys/:id', async (c) => {
    const org = c.get('org');
    const keyId = id(c.req.param('id'));
    const now = deps.now();
    await deps.db.transaction().execute(async (trx) => {
      if (!(await revokeApiKey(trx, org.id, keyId, now))) throw new DomainError('not_found', { detail: 'No such API key, or revoked already' });
      await recordAudit(trx, org.id, c.get('actor'), { action: 'api_key.revoke', target: { type: 'api_key', id: keyId } }, now);
    });
    return c.json({ ok: true });
  });
  return api;
}
