/**
 * `npm run bench`: the outbox on PGlite with the in-memory gateway.
 *
 * - `outbox.10k.seconds`: 10,000 due SMS through one worker, 32 sends at a
 *   time, each attempt begun before its send (budget ≤ 2). The process's
 *   CPU seconds go to stderr beside it: on a busy machine wall time is
 *   mostly waiting for a core.
 * - `outbox.due_to_attempt.p99_seconds` (and `.max_seconds`): from a
 *   message's due time to its first send attempt, with a worker running as
 *   `npm start` runs it (default 5 s interval, woken by commits) for 20 s
 *   while bookings commit confirmations and scheduled reminders fall due
 *   (budget: p99 ≤ 60). `.polling_only.p99_seconds` is the same load with
 *   no LISTEN: the worker still sleeps only until the next due message, and
 *   a confirmation waits at most one interval when nothing else is due.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../server/db/database.ts';
import { createPgliteTestDatabase } from '../support/test-database.ts';
import { insertMessages, type NewMessage } from '../../server/messaging/outbox-repository.ts';
import { createWorker } from '../../server/messaging/worker.ts';
import { createMemoryGateway } from '../../server/messaging/gateways/memory/memory-gateway.ts';
import { createMemoryEmailTransport } from '../../server/messaging/email/email-transport.ts';

async function organization(database: Database): Promise<string> {
  const id = randomUUID();
  await database.db.insertInto('organizations').values({ id, subdomain: `bench-${id.slice(0, 8)}`, name: 'Bench Klinikk', time_zone: 'Europe/Oslo', locale: 'nb', settings: '{}', texts: '{}', theme: '{}', messaging: JSON.stringify({ pause: { night: false } }) }).execute();
  return id;
}

function sms(organizationId: string, i: number, sendAt: Date): NewMessage {
  return {
    organizationId, channel: 'sms', kind: 'general', recipient: `+4791${String(i % 1_000_000).padStart(6, '0')}`,
    body: `Hei! Dette er melding ${i}.`, sendAt, expiresAt: new Date(sendAt.getTime() + 3_600_000),
  };
}

const INTERVAL_MS = Number(process.env.MESSAGING_WORKER_INTERVAL_MS ?? 5000);

function channels(gateway: ReturnType<typeof createMemoryGateway>) {
  return { gateways: { memory: gateway }, defaultGateway: 'memory' as const, email: createMemoryEmailTransport(), defaultEmailFrom: 'bench@example.test' };
}

async function throughput(): Promise<number> {
  const COUNT = 10_000;
  const database = await createPgliteTestDatabase();
  const orgId = await organization(database);
  const now = new Date();
  await insertMessages(database.db, Array.from({ length: COUNT }, (_, i) => sms(orgId, i, now)));
  const gateway = createMemoryGateway();
  const worker = createWorker({ db: database.db, channels: channels(gateway), batchSize: 500, concurrency: 32 });
  const started = performance.now();
  const cpu = process.cpuUsage();
  let sent = 0;
  while (sent < COUNT) {
    const tick = await worker.runOnce();
    if (tick.claimed === 0) break;
    sent += tick.sent;
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  console.error(`10k messages: ${seconds.toFixed(2)} s, of which CPU ${((used.user + used.system) / 1e6).toFixed(2)} s`);
  await database.close();
  if (gateway.delivered.length !== COUNT) throw new Error(`only ${gateway.delivered.length} of ${COUNT} messages reached the gateway`);
  return seconds;
}

async function dueToAttempt(wake: boolean): Promise<{ p99: number; max: number; count: number }> {
  const RUN_MS = 20_000;
  const database = await createPgliteTestDatabase();
  const orgId = await organization(database);
  const dueAt = new Map<string, number>();
  const latencies: number[] = [];
  const gateway = createMemoryGateway();
  const attempted = new Set<string>();
  gateway.onSend((message) => {
    const due = dueAt.get(message.messageId);
    if (due === undefined || attempted.has(message.messageId)) return;
    attempted.add(message.messageId);
    latencies.push(Math.max(0, Date.now() - due));
  });
  const worker = createWorker({ db: database.db, channels: channels(gateway), listen: wake ? database.listen : undefined, intervalMs: INTERVAL_MS });
  await worker.start();
  const started = Date.now();
  let n = 0;
  // Reminders written in advance, falling due throughout the run.
  const scheduled = Array.from({ length: 2000 }, () => sms(orgId, n++, new Date(started + 500 + Math.random() * (RUN_MS - 3000))));
  for (const [i, id] of (await insertMessages(database.db, scheduled)).entries()) dueAt.set(id, scheduled[i]!.sendAt.getTime());
  // Bookings committing confirmations due at once, a few every 100 ms.
  while (Date.now() - started < RUN_MS - 2000) {
    await database.db.transaction().execute(async (trx) => {
      const batch = Array.from({ length: 3 }, () => sms(orgId, n++, new Date()));
      for (const [i, id] of (await insertMessages(trx, batch)).entries()) dueAt.set(id, batch[i]!.sendAt.getTime());
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  while (latencies.length < dueAt.size && Date.now() - started < RUN_MS + 30_000) await new Promise((resolve) => setTimeout(resolve, 50));
  await worker.stop();
  await database.close();
  if (latencies.length !== dueAt.size) throw new Error(`only ${latencies.length} of ${dueAt.size} messages were attempted`);
  latencies.sort((x, y) => x - y);
  return { p99: latencies[Math.ceil(latencies.length * 0.99) - 1]! / 1000, max: latencies[latencies.length - 1]! / 1000, count: latencies.length };
}

console.log(`outbox.10k.seconds: ${(await throughput()).toFixed(2)}`);
const latency = await dueToAttempt(true);
console.error(`due to first attempt: ${latency.count} messages, worker interval ${INTERVAL_MS} ms, woken by commits`);
console.log(`outbox.due_to_attempt.p99_seconds: ${latency.p99.toFixed(2)}`);
console.log(`outbox.due_to_attempt.max_seconds: ${latency.max.toFixed(2)}`);
// The same load without LISTEN (a lost notification connection).
const polling = await dueToAttempt(false);
console.log(`outbox.due_to_attempt.polling_only.p99_seconds: ${polling.p99.toFixed(2)}`);
