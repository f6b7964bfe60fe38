import type { Context, MiddlewareHandler } from 'hono';
import type { Capability, StaffRole } from '../../sdk/schemas/admin-common.ts';
import type { Executor } from '../db/database.ts';
import { DomainError } from '../domain/domain-error.ts';
import type { Organization } from '../organizations/organization.ts';
import { identifyApiKey, type ApiKeyScope } from './api-keys.ts';
import { currentStaffSession, hasCsrfToken } from './staff-sessions.ts';

/** Who is calling the admin API: a logged-in staff user (console) or an API key (integration). */
export type Actor =
  | { kind: 'staff'; id: string; email: string; name: string; role: StaffRole; sessionId: string }
  | { kind: 'api_key'; id: string; name: string; prefix: string; scopes: ApiKeyScope[] };

/** What every admin route handler finds in its context. */
export type AdminEnv = { Variables: { org: Organization; actor: Actor } };

/** What each staff role may do (README, "Staff roles"). Owner-only acts (owners' accounts) are checked where they happen. */
export const ROLE_CAPABILITIES: Record<StaffRole, readonly Capability[]> = {
  owner: ['read', 'book', 'messaging', 'settings', 'integrations', 'audit', 'access', 'privacy'],
  admin: ['read', 'book', 'messaging', 'settings', 'integrations', 'audit', 'access', 'privacy'],
  reception: ['read', 'book', 'messaging'],
};

/** What each API key scope allows. No key manages staff users or keys (a leaked key cannot mint another), nor exports or erases a patient. */
export const SCOPE_CAPABILITIES: Record<ApiKeyScope, readonly Capability[]> = {
  read: ['read', 'audit'],
  write: ['book', 'settings', 'integrations'],
  messaging: ['messaging'],
};

/**
 * The admin API's areas, by path under `/api/v1/admin`: what reading and
 * what changing needs. A path in no area needs `access` (deny by default).
 * A new top-level path belongs here.
 */
const AREAS: ReadonlyArray<{ path: RegExp; read: Capability; change: Capability }> = [
  { path: /^\/(?:staff|api-keys)(?:\/|$)/, read: 'access', change: 'access' },
  { path: /^\/patients\/[^/]+\/(?:export|erase)$/, read: 'privacy', change: 'privacy' },
  { path: /^\/audit(?:\/|$)/, read: 'audit', change: 'access' },
  { path: /^\/webhooks(?:\/|$)/, read: 'integrations', change: 'integrations' },
  { path: /^\/messages(?:\/|$)/, read: 'read', change: 'messaging' },
  { path: /^\/(?:settings|subdomain|clinics|providers|treatments|schedules|messaging)(?:\/|$)/, read: 'read', change: 'settings' },
  { path: /^\/(?:appointments|patients|pending-changes|inbound)(?:\/|$)/, read: 'read', change: 'book' },
];

/**
 * What a request to the admin API needs, by method and path (relative to
 * `/api/v1/admin`, or the full path).
 *
 * @example
 * capabilityFor('GET', '/api/v1/admin/patients'); // 'read'
 * capabilityFor('PUT', '/settings/flexibility'); // 'settings'
 */
export function capabilityFor(method: string, path: string): Capability {
  const relative = path.replace(/^\/api\/v1\/admin(?=\/|$)/, '');
  const area = AREAS.find((a) => a.path.test(relative));
  if (!area) return 'access';
  return method === 'GET' || method === 'HEAD' ? area.read : area.change;
}

/**
 * Whether an actor may do what a capability covers.
 *
 * @example
 * if (!may(c.get('actor'), 'settings')) throw new DomainError('forbidden');
 */
export function may(actor: Actor, capability: Capability): boolean {
  return actor.kind === 'staff'
    ? ROLE_CAPABILITIES[actor.role].includes(capability)
    : actor.scopes.some((scope) => SCOPE_CAPABILITIES[scope].includes(capability));
}

function apiKeyOf(c: Context): string | undefined {
  const header = c.req.header('authorization');
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : c.req.header('x-api-key');
}

/**
 * Authenticates a request by the console's session cookie alone (no API
 * key): 401 without a live session, 403 for a change without the session's
 * `X-CSRF-Token`. Puts the organization and the staff actor in the context.
 * `requireAdmin` uses it, and the session routes under `/auth`.
 *
 * @example
 * api.use('/me', async (c, next) => { await authenticateStaff(db, c, now()); await next(); });
 */
export async function authenticateStaff(db: Executor, c: Context<AdminEnv>, at: Date): Promise<void> {
  const session = await currentStaffSession(db, c, at);
  if (!session) throw new DomainError('unauthorized', { detail: 'Log in, or give an API key' });
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !hasCsrfToken(c, session)) {
    throw new DomainError('forbidden', { detail: 'A change needs the X-CSRF-Token header the login answered' });
  }
  c.set('org', session.org);
  c.set('actor', { kind: 'staff', ...session.user, sessionId: session.sessionId });
}

/**
 * Authenticates an admin request and checks what it may do: an API key
 * (`Authorization: Bearer opk_…` or `X-Api-Key`) or the console's session
 * cookie, whose changes must carry the session's `X-CSRF-Token`. Puts the
 * organization and the actor in the context; every handler works only on
 * that organization's rows. 401 without a valid key or session, 403
 * `forbidden` without the capability the route's area needs.
 *
 * @example
 * api.use('*', requireAdmin(db, () => new Date()));
 */
export function requireAdmin(db: Executor, now: () => Date): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const at = now();
    const key = apiKeyOf(c);
    if (key !== undefined) {
      const identity = await identifyApiKey(db, key, at);
      if (!identity) throw new DomainError('unauthorized', { detail: 'Unknown or revoked API key' });
      c.set('org', identity.org);
      c.set('actor', { kind: 'api_key', ...identity.key });
    } else {
      await authenticateStaff(db, c, at);
    }
    const needed = capabilityFor(c.req.method, c.req.path);
    const actor = c.get('actor');
    if (!may(actor, needed)) {
      throw new DomainError('forbidden', {
        detail: actor.kind === 'api_key' ? `This API key lacks a scope for "${needed}"` : `The ${actor.role} role may not do "${needed}"`,
      });
    }
    await next();
  };
}
