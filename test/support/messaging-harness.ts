import type { TestContext } from 'node:test';
import type { Database } from '../../server/db/database.ts';
import { createMemoryEmailTransport } from '../../server/messaging/email/email-transport.ts';
import { createMemoryGateway } from '../../server/messaging/gateways/memory/memory-gateway.ts';
import { createWorker } from '../../server/messaging/worker.ts';
import { createHarness } from './api-harness.ts';
import { patient } from './fixture.ts';
import { createTestDatabase, type DATABASE_KINDS } from './test-database.ts';

/**
 * The booking harness with messaging: an in-memory SMS gateway and e-mail
 * sink, a worker on the harness clock, and helpers to book and read the
 * organization's outbox.
 *
 * @example
 * const m = await createMessagingHarness(database, { subdomain: 'msg-1', messaging: { testMode: true } });
 */
export async function createMessagingHarness(database: Database, options: { subdomain: string; messaging?: Record<string, unknown>; settings?: Record<string, unknown> }) {
  const h = await createHarness(database, { subdomain: options.subdomain, ...(options.settings ? { settings: options.settings } : {}) });
  if (options.messaging) {
    await database.db.updateTable('organizations').set({ messaging: JSON.stringify(options.messaging) }).where('id', '=', h.fixture.orgId).execute();
  }
  const gateway = createMemoryGateway();
  const email = createMemoryEmailTransport();
  const channels = { gateways: { memory: gateway }, defaultGateway: 'memory' as const, email, defaultEmailFrom: 'Opus <no-reply@example.test>' };
  const worker = createWorker({ db: database.db, channels, now: () => h.clock.now, random: () => 0.5, webhooks: { allowLoopback: true } });
  return {
    ...h,
    gateway,
    email,
    channels,
    worker,
    /** Books Checkup with P1 at clinic A (default Thursday 2026-12-03 09:00 Oslo). */
    async book(start = '2026-12-03T09:00:00+01:00', details: Record<string, unknown> = {}) {
      const { status, body } = await h.call('POST', '/bookings', {
        treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1, start, patient: patient(details),
      });
      if (status !== 201) throw new Error(`booking failed: ${status} ${JSON.stringify(body)}`);
      return { token: body.manageToken as string, appointmentId: body.booking.id as string };
    },
    /** The organization's messages, oldest send time first. */
    async messages() {
      const rows = await database.db.selectFrom('messages').selectAll().where('organization_id', '=', h.fixture.orgId).orderBy('send_at').orderBy('kind').execute();
      return rows;
    },
    /** Moves the clock and runs one worker tick. */
    async at(iso: string) {
      h.clock.now = new Date(iso);
      return worker.runOnce();
    },
  };
}

export type MessagingHarness = Awaited<ReturnType<typeof createMessagingHarness>>;

/**
 * A messaging harness on a fresh database of its own (a worker claims across
 * organizations: a test that counts what it sends wants no neighbours),
 * closed by `await using`; undefined, with the test skipped, where there is
 * no PostgreSQL server.
 *
 * @example
 * await using m = await createMessagingHarnessAlone('postgres', t, { subdomain: 'race' });
 * if (!m) return;
 */
export async function createMessagingHarnessAlone(kind: (typeof DATABASE_KINDS)[number], t: TestContext, options: Parameters<typeof createMessagingHarness>[1]) {
  const database = await createTestDatabase(kind);
  if (!database) {
    t.skip('no PostgreSQL (set TEST_DATABASE_URL)');
    return undefined;
  }
  return Object.assign(await createMessagingHarness(database, options), { [Symbol.asyncDispose]: () => database.close() });
}
