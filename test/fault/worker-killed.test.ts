import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from '../../server/db/database.ts';
import { insertMessages } from '../../server/messaging/outbox-repository.ts';
import { startFakeElks } from '../support/fake-elks.ts';
import { seedLoadOrganization } from '../support/load-org.ts';
import { createPostgresDatabase } from '../support/postgres-server.ts';
import { startWorker, type ServerProcess } from '../support/processes.ts';
import { until } from '../support/traffic.ts';

// A worker process killed (SIGKILL) while a slow SMS gateway (46elks, faked
// over HTTP) has its requests: a new worker settles every message, and none
// is lost or sent twice. A message whose attempt was cut off is "in doubt":
// 46elks cannot say whether it sent it, so it is failed as "Outcome
// unknown", not resent (the outbox's rule).
const server = await createPostgresDatabase();
const COUNT = 20;

test('a worker killed mid-send: each message is sent exactly once or marked in doubt, never lost', { skip: server ? false : 'no PostgreSQL (set TEST_DATABASE_URL)', timeout: 120_000 }, async () => {
  await using elks = await startFakeElks({ delayMs: 400 });
  const database = await openDatabase({ url: server!.url, poolSize: 2 });
  const workers: ServerProcess[] = [];
  const env = { SMS_GATEWAY: '46elks', ELKS_USERNAME: 'fault', ELKS_PASSWORD: 'test', ELKS_BASE_URL: elks.url, MESSAGING_WORKER_LEASE_MS: '2000', MESSAGING_WORKER_INTERVAL_MS: '500' };
  try {
    const org = await seedLoadOrganization(database.db, 'worker-fault');
    const now = new Date();
    await insertMessages(database.db, Array.from({ length: COUNT }, (_, i) => ({
      organizationId: org.orgId, channel: 'sms' as const, kind: 'general' as const, recipient: `+4792${String(i).padStart(6, '0')}`,
      body: `Melding ${i}`, sendAt: now, expiresAt: new Date(now.getTime() + 3_600_000),
    })));

    workers.push(await startWorker({ databaseUrl: server!.url, env }));
    await until('the gateway has some requests', () => elks.received.length >= 3);
    workers[0]!.process.kill('SIGKILL');
    await workers[0]!.exited;
    const reachedBeforeKill = elks.received.length;
    assert.ok(reachedBeforeKill < COUNT, 'killed before the end');

    workers.push(await startWorker({ databaseUrl: server!.url, env }));
    const messages = () => database.db.selectFrom('messages').select(['recipient', 'status', 'last_error']).where('organization_id', '=', org.orgId).execute();
    await until('every message is settled', async () => (await messages()).every((m) => m.status === 'sent' || m.status === 'failed'), 90_000);

    const received = new Map<string, number>();
    for (const sms of elks.received) received.set(sms.to, (received.get(sms.to) ?? 0) + 1);
    const settled = await messages();
    assert.equal(settled.length, COUNT);
    for (const m of settled) {
      const times = received.get(m.recipient) ?? 0;
      if (m.status === 'sent') assert.equal(times, 1, `${m.recipient} sent, and reached the gateway once`);
      else {
        assert.match(m.last_error ?? '', /^Outcome unknown/, `${m.recipient} failed only as in doubt`);
        assert.ok(times <= 1, `${m.recipient} in doubt reached the gateway at most once`);
      }
    }
    const inDoubt = settled.filter((m) => m.status === 'failed').length;
    // The attempt cut off in the gateway is in doubt; so is any other the dead worker had begun.
    assert.ok(inDoubt >= 1, 'the cut-off attempt is marked in doubt');
    console.error(`[fault] ${reachedBeforeKill} reached the gateway before the kill; ${COUNT - inDoubt} sent, ${inDoubt} in doubt`);
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
    await database.close();
    await server!.drop();
  }
});
