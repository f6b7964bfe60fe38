import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createPostgresTestDatabase } from './support/test-database.ts';
import { createMessagingHarness } from './support/messaging-harness.ts';
import { insertMessages } from '../server/messaging/outbox-repository.ts';
import { applyDeliveryReport } from '../server/messaging/receipts.ts';

const postgres = await createPostgresTestDatabase();

describe('delivery reports at once (PostgreSQL)', () => {
  test('a "sent" report racing a "delivered" one never moves the message back', { skip: postgres ? false : 'no PostgreSQL (set TEST_DATABASE_URL)' }, async () => {
    const database = postgres!;
    try {
      const m = await createMessagingHarness(database, { subdomain: 'receipts-race' });
      const [id] = await insertMessages(database.db, [{ organizationId: m.fixture.orgId, channel: 'sms', kind: 'general', recipient: '+4791234567', body: 'Hei', sendAt: m.clock.now, expiresAt: null }]);
      await database.db.updateTable('messages').set({ status: 'sent', sent_at: m.clock.now, gateway: 'twilio', gateway_id: 'SM1' }).where('id', '=', id!).execute();
      // Twilio posts "sent" and "delivered" moments apart; both read the row before either writes.
      let release!: () => void;
      const held = new Promise<void>((r) => { release = r; });
      const locking = database.db.transaction().execute(async (trx) => {
        await sql`SELECT 1 FROM messages WHERE id = ${id} FOR UPDATE`.execute(trx);
        await held;
      });
      const waiting = async (n: number) => {
        for (;;) {
          const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'update "messages"%'`.execute(database.db);
          if (r.rows[0]!.n >= n) return;
          await new Promise((res) => setTimeout(res, 10));
        }
      };
      await new Promise((r) => setTimeout(r, 50));
      const delivered = applyDeliveryReport(database.db, m.fixture.orgId, 'twilio', { gatewayId: 'SM1', status: 'delivered', at: m.clock.now });
      await waiting(1);
      const sent = applyDeliveryReport(database.db, m.fixture.orgId, 'twilio', { gatewayId: 'SM1', status: 'sent' });
      await waiting(2);
      release();
      await Promise.all([locking, delivered, sent]);
      const row = await database.db.selectFrom('messages').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
      assert.equal(row.delivery_status, 'delivered');
    } finally {
      await database.close();
    }
  });
});
