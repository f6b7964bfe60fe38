import type { Database } from '../../server/db/database.ts';
import { createApiKey, type ApiKeyScope } from '../../server/admin/api-keys.ts';
import { createAdminClient } from '../../sdk/admin-client.ts';
import { createMessagingHarness } from './messaging-harness.ts';
import { newSecretToken } from '../../server/domain/secret-token.ts';
import { STAFF_ABSOLUTE_MS, STAFF_COOKIE } from '../../server/admin/staff-sessions.ts';
import type { StaffRole } from '../../sdk/schemas/admin-common.ts';

/**
 * The messaging harness (app, fixture organization, clock, worker, outbox)
 * with an admin API key of every scope, a shorthand for admin calls and the
 * SDK's admin client wired to the app (no socket).
 *
 * @example
 * const a = await createAdminHarness(database, { subdomain: 'adm-a' });
 * const { status, body } = await a.admin('GET', '/audit');
 * const page = await a.client.listAudit();
 */
export async function createAdminHarness(database: Database, options: Parameters<typeof createMessagingHarness>[1]) {
  const h = await createMessagingHarness(database, options);
  const { key } = await createApiKey(database.db, h.fixture.orgId, 'test harness');
  const appFetch = ((input: RequestInfo | URL, init?: RequestInit) => h.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch;
  return {
    ...h,
    key,
    /** Another key of this organization with only these scopes. */
    keyWith: async (scopes: ApiKeyScope[]) => (await createApiKey(database.db, h.fixture.orgId, `scoped ${scopes.join('+')}`, scopes)).key,
    /**
     * `app.request` under `/api/v1/admin`, JSON in and out, with the harness key
     * (or `headers` that say otherwise: another key, a staff cookie and CSRF token).
     */
    async admin(method: string, path: string, body?: unknown, headers: Record<string, string> = { authorization: `Bearer ${key}` }) {
      const response = await h.app.request(`/api/v1/admin${path}`, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      let parsed: any = text;
      try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
      return { status: response.status, body: parsed, type: response.headers.get('content-type'), headers: response.headers };
    },
    /** The SDK's admin client with the harness key, talking to the app directly. */
    client: createAdminClient({ baseUrl: 'https://book.example', apiKey: key, fetch: appFetch }),
    /**
     * Headers of a logged-in staff user with this role (a user and a session
     * made directly in the database): the console's cookie and CSRF token as
     * request headers, and the user's id.
     */
    async staffHeaders(role: StaffRole, email = `${role}-${crypto.randomUUID().slice(0, 8)}@${options.subdomain}.example`) {
      const userId = crypto.randomUUID();
      await database.db.insertInto('staff_users').values({ id: userId, organization_id: h.fixture.orgId, email, name: role, role }).execute();
      const session = newSecretToken();
      const csrf = newSecretToken();
      await database.db.insertInto('staff_sessions').values({
        id: crypto.randomUUID(), organization_id: h.fixture.orgId, user_id: userId, token_hash: session.hash, csrf_hash: csrf.hash,
        last_seen_at: h.clock.now, expires_at: new Date(h.clock.now.getTime() + STAFF_ABSOLUTE_MS),
      }).execute();
      return { headers: { cookie: `${STAFF_COOKIE}=${session.token}`, 'x-csrf-token': csrf.token }, userId };
    },
    /** The organization's audit log rows, oldest first. */
    audit: () => database.db.selectFrom('audit_log').selectAll().where('organization_id', '=', h.fixture.orgId).orderBy('at').orderBy('id').execute(),
  };
}

export type AdminHarness = Awaited<ReturnType<typeof createAdminHarness>>;
