import type { Context } from 'hono';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db/database.ts';
import { seedFixture, type Fixture } from './fixture.ts';

/** The request header the harness takes the client's IP from. */
export const TEST_CLIENT_IP = 'x-test-client-ip';

/** 2026-12-01 is a Tuesday; 07:00Z is 08:00 in Oslo. */
export const NOW = new Date('2026-12-01T07:00:00Z');

export interface Harness {
  database: Database;
  fixture: Fixture;
  clock: { now: Date };
  app: ReturnType<typeof createApp>;
  /** `app.request` under the fixture organization's API prefix, JSON in and out. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; type: string | null; headers: Headers }>;
  /** Rows of the fixture organization in a table. */
  count(table: 'appointments' | 'patients' | 'pending_patient_changes' | 'journal_entries' | 'idempotency_keys'): Promise<number>;
}

/**
 * The real app over a test database with the fixture organization, a movable
 * clock and a shorthand for calling it.
 *
 * @example
 * const h = await createHarness(database);
 * const { status, body } = await h.call('GET', '/clinics');
 */
export async function createHarness(database: Database, options: Parameters<typeof seedFixture>[1] = {}): Promise<Harness> {
  const fixture = await seedFixture(database.db, options);
  const clock = { now: NOW };
  // app.request() has no socket: a test names its client's address in a header.
  const clientIp = (c: Context) => c.req.header(TEST_CLIENT_IP) ?? '192.0.2.1';
  const app = createApp({ db: database.db, now: () => clock.now, publicUrl: 'https://book.example', log: () => {}, clientIp, allowLoopback: true });
  return {
    database,
    fixture,
    clock,
    app,
    async call(method, path, body, headers = {}) {
      const init: RequestInit = { method, headers: { ...headers } };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] = 'application/json';
      }
      const response = await app.request(`/api/v1/organizations/${fixture.subdomain}${path}`, init);
      const text = await response.text();
      return { status: response.status, type: response.headers.get('content-type'), headers: response.headers, body: text ? JSON.parse(text) : undefined };
    },
    async count(table) {
      const row = await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('organization_id', '=', fixture.orgId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
