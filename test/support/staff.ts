import { randomUUID } from 'node:crypto';
import type { StaffRole } from '../../sdk/schemas/admin-common.ts';
import { hashPassword } from '../../server/admin/passwords.ts';
import type { Db } from '../../server/db/database.ts';
import type { AdminHarness } from './admin-harness.ts';
import { TEST_CLIENT_IP } from './api-harness.ts';

/** The password test users get unless told otherwise. */
export const PASSWORD = 'correct horse battery';

let ips = 0;
/** A client address of its own, so one test's login attempts do not count against another's. */
export function freshIp(): string {
  ips += 1;
  return `198.51.${Math.floor(ips / 250)}.${(ips % 250) + 1}`;
}

/**
 * A staff user straight in the database: active with {@link PASSWORD}, or
 * invited (no password) or disabled.
 *
 * @example
 * const { id, email } = await addStaffUser(db, orgId, { role: 'reception' });
 */
export async function addStaffUser(db: Db, organizationId: string, options: { role?: StaffRole; email?: string; password?: string | null; disabled?: boolean; name?: string } = {}) {
  const id = randomUUID();
  const email = options.email ?? `${id.slice(0, 8)}@staff.example`;
  await db.insertInto('staff_users').values({
    id, organization_id: organizationId, email, name: options.name ?? 'Test User', role: options.role ?? 'admin',
    password_hash: options.password === null ? null : await hashPassword(options.password ?? PASSWORD),
    disabled_at: options.disabled ? new Date() : null,
  }).execute();
  return { id, email };
}

/**
 * `POST /auth/login` on a harness; answers the response and, on success,
 * the headers a console sends after (`cookie`, `x-csrf-token`).
 *
 * @example
 * const { status, session } = await login(h, { email, password: PASSWORD });
 * await h.admin('GET', '/staff', undefined, session);
 */
export async function login(h: AdminHarness, credentials: { email: string; password: string; totp?: string; organization?: string }, ip = freshIp()) {
  const response = await h.app.request('/api/v1/admin/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TEST_CLIENT_IP]: ip },
    body: JSON.stringify({ organization: credentials.organization ?? h.fixture.subdomain, ...credentials }),
  });
  const body = await response.json() as any;
  const setCookie = response.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  return {
    status: response.status,
    body,
    headers: response.headers,
    setCookie,
    session: { cookie, 'x-csrf-token': body?.csrfToken ?? '' } as Record<string, string>,
  };
}

/** A fresh staff user of a role, logged in: its id and console headers. */
export async function loggedIn(h: AdminHarness, role: StaffRole) {
  const user = await addStaffUser(h.database.db, h.fixture.orgId, { role });
  const result = await login(h, { email: user.email, password: PASSWORD });
  if (result.status !== 200) throw new Error(`login failed: ${result.status} ${JSON.stringify(result.body)}`);
  return { ...user, session: result.session, csrfToken: result.body.csrfToken as string };
}
