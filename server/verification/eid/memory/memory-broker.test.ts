import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApp } from '../../../app.ts';
import { NOW } from '../../../../test/support/api-harness.ts';
import { seedFixture } from '../../../../test/support/fixture.ts';
import { createPgliteTestDatabase } from '../../../../test/support/test-database.ts';
import { memoryBroker } from './memory-broker.ts';

test('the memory broker logs in as its one national id without a network, and holds the callback to its state', async () => {
  const database = await createPgliteTestDatabase();
  after(() => database.close());
  const app = createApp({ db: database.db, now: () => NOW, publicUrl: 'https://book.example', log: () => {}, eidBroker: memoryBroker('13097248022') });
  const { orgId } = await seedFixture(database.db, {
    subdomain: 'memory',
    settings: { flexibility: { login: true }, eid: { enabled: true, issuer: 'https://broker.invalid', clientId: 'opus', clientSecret: 'secret' } },
  });
  const started = await app.request('/api/v1/organizations/memory/auth/eid/start?returnTo=/o/memory/');
  const browser = { cookie: started.headers.get('set-cookie')!.split(';')[0]! };
  const callback = new URL(started.headers.get('location')!);
  assert.equal(callback.origin + callback.pathname, 'https://book.example/api/v1/organizations/memory/auth/eid/callback');

  const forged = new URL(callback);
  forged.searchParams.set('code', 'memory-999');
  assert.equal((await app.request(forged.pathname + forged.search, { headers: browser })).headers.get('location'), 'https://book.example/o/memory/?eid=failed');

  const restarted = await app.request('/api/v1/organizations/memory/auth/eid/start?returnTo=/o/memory/');
  const again = new URL(restarted.headers.get('location')!);
  const done = await app.request(again.pathname + again.search, { headers: { cookie: restarted.headers.get('set-cookie')!.split(';')[0]! } });
  assert.equal(done.status, 303);
  assert.equal(done.headers.get('location'), 'https://book.example/o/memory/');
  const session = await database.db.selectFrom('patient_sessions').selectAll().where('organization_id', '=', orgId).executeTakeFirstOrThrow();
  assert.equal(session.method, 'eid');
  assert.equal(session.national_id, '13097248022');
});
