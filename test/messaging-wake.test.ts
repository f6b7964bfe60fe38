import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase, type Database } from '../server/db/database.ts';
import { insertMessages } from '../server/messaging/outbox-repository.ts';
import { createWorker } from '../server/messaging/worker.ts';
import { createMemoryGateway } from '../server/messaging/gateways/memory/memory-gateway.ts';
import { createMemoryEmailTransport } from '../server/messaging/email/email-transport.ts';
import { createPgliteTestDatabase } from './support/test-database.ts';
import { createPostgresDatabase } from './support/postgres-server.ts';
import { createMessagingHarness } from './support/messaging-harness.ts';

/**
 * A worker whose poll interval is ten minutes still sends at once: a commit
 * that wrote messages wakes it (LISTEN/NOTIFY), and when idle it sleeps only
 * until the next message falls due. Real clock, so these wait for delivery.
 */
const TEN_MINUTES = 600_000;

async function until(what: string, condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 60_000) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function scenario(database: Database, writer: Database) {
  const m = await createMessagingHarness(database, { subdomain: `wake-${database.kind}`, messaging: { pause: { night: false } } });
  const gateway = createMemoryGateway();
  const worker = createWorker({
    db: database.db, listen: database.listen, intervalMs: TEN_MINUTES,
    channels: { gateways: { memory: gateway }, defaultGateway: 'memory', email: createMemoryEmailTransport(), defaultEmailFrom: 'x@example.test' },
  });
  await worker.start();
  try {
    await until('the first, empty tick', () => gateway.requests.size === 0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const message = (sendAt: Date, body: string) => ({ organizationId: m.fixture.orgId, channel: 'sms' as const, kind: 'general' as const, recipient: '+4791234567', body, sendAt, expiresAt: new Date(Date.now() + 3_600_000) });
    await writer.db.transaction().execute(async (trx) => {
      await insertMessages(trx, [message(new Date(), 'due now')]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(gateway.delivered.length, 0, 'nothing is sent before the transaction commits');
    });
    await until('the message written now is sent', () => gateway.delivered.length === 1);
    await insertMessages(writer.db, [message(new Date(Date.now() + 1500), 'due in 1.5 s')]);
    await until('the message due in 1.5 s is sent', () => gateway.delivered.length === 2);
    assert.deepEqual(gateway.delivered.map((d) => d.body), ['due now', 'due in 1.5 s']);
  } finally {
    await worker.stop();
  }
}

const server = await createPostgresDatabase();

describe('an idle worker wakes when messages commit or fall due', () => {
  test('PGlite, in one process', async () => {
    const database = await createPgliteTestDatabase();
    try {
      await scenario(database, database);
    } finally {
      await database.close();
    }
  });

  test('PostgreSQL, written through another pool (as another process would)', { skip: server ? false : 'no PostgreSQL (set TEST_DATABASE_URL)' }, async () => {
    const database = await openDatabase({ url: server!.url });
    const writer = await openDatabase({ url: server!.url, migrate: false });
    try {
      await scenario(database, writer);
    } finally {
      await writer.close();
      await database.close();
      await server!.drop();
    }
  });
});
