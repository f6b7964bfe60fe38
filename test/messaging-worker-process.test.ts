import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../server/db/database.ts';
import { insertMessages } from '../server/messaging/outbox-repository.ts';
import { createPostgresDatabase } from './support/postgres-server.ts';

// The worker as its own process (server/messaging/worker-main.ts) on
// PostgreSQL, killed with SIGKILL in the middle of sending and started
// again: every message reaches the gateway (the file sink) exactly once.
const server = await createPostgresDatabase();

function startWorker(url: string, sinkFile: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'server/messaging/worker-main.ts'], {
    env: { ...process.env, DATABASE_URL: url, SMS_GATEWAY: 'console', SMS_SINK_FILE: sinkFile, MESSAGING_WORKER_LEASE_MS: '1500', MESSAGING_WORKER_INTERVAL_MS: '500' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function sunk(sinkFile: string): string[] {
  if (!existsSync(sinkFile)) return [];
  // Only whole lines: a worker may be appending while we read.
  const lines = readFileSync(sinkFile, 'utf8').split('\n').slice(0, -1);
  return lines.map((line) => (JSON.parse(line) as { messageId: string }).messageId);
}

async function until(what: string, condition: () => boolean | Promise<boolean>, limitMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > limitMs) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('a worker process killed mid-batch and restarted: no message lost, none sent twice', { skip: server ? false : 'no PostgreSQL (set TEST_DATABASE_URL)', timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'opus-worker-'));
  const sinkFile = join(dir, 'sms.jsonl');
  const database = await openDatabase({ url: server!.url });
  const processes: ChildProcess[] = [];
  try {
    const orgId = randomUUID();
    await database.db.insertInto('organizations').values({ id: orgId, subdomain: 'killed', name: 'Kill Klinikk', time_zone: 'Europe/Oslo', locale: 'nb', settings: '{}', texts: '{}', theme: '{}', messaging: JSON.stringify({ pause: { night: false, saturdays: false, sundays: false } }) }).execute();
    const COUNT = 3000;
    const now = new Date();
    const ids = await insertMessages(database.db, Array.from({ length: COUNT }, (_, i) => ({
      organizationId: orgId, channel: 'sms' as const, kind: 'general' as const, recipient: `+4791${String(i).padStart(6, '0')}`,
      body: `Melding ${i}`, sendAt: now, expiresAt: new Date(now.getTime() + 3_600_000),
    })));

    const first = startWorker(server!.url, sinkFile);
    processes.push(first);
    await until('the first worker has sent some', () => sunk(sinkFile).length >= 300);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const before = sunk(sinkFile).length;
    assert.ok(before < COUNT, `killed before the end (${before} of ${COUNT})`);

    processes.push(startWorker(server!.url, sinkFile));
    const statuses = async () => database.db.selectFrom('messages').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('organization_id', '=', orgId).groupBy('status').execute();
    await until('every message is sent', async () => (await statuses()).some((s) => s.status === 'sent' && Number(s.n) === COUNT), 120_000);

    const delivered = sunk(sinkFile);
    assert.equal(delivered.length, COUNT, 'each message once in the gateway');
    assert.equal(new Set(delivered).size, COUNT);
    assert.deepEqual(new Set(delivered), new Set(ids));
  } finally {
    for (const child of processes) if (child.exitCode === null && child.signalCode === null) { child.kill('SIGTERM'); await new Promise((resolve) => child.once('exit', resolve)); }
    await database.close();
    await server!.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
