import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, DATABASE_KINDS } from '../../test/support/test-database.ts';
import { serverSecret } from './server-secret.ts';

for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  const other = await createTestDatabase(kind);
  describe(`server secrets on ${kind}`, { skip: database && other ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
    after(async () => { await database?.close(); await other?.close(); });

    test('one secret per name and database: every caller (every process) gets the same, another database its own', async () => {
      const [a, b] = await Promise.all([serverSecret(database!.db, 'rate-limit-keys'), serverSecret(database!.db, 'rate-limit-keys')]);
      assert.equal(a, b);
      assert.match(a, /^[\w-]{43}$/, '256 random bits');
      assert.equal(await serverSecret(database!.db, 'rate-limit-keys'), a);
      assert.notEqual(await serverSecret(database!.db, 'another'), a);
      assert.notEqual(await serverSecret(other!.db, 'rate-limit-keys'), a);
    });
  });
}
