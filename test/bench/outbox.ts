/**
 * `npm run bench`: 10,000 due SMS through one worker to the in-memory
 * gateway on PGlite. Prints `outbox.10k.seconds: <n>` (target ≤ 10).
 */
import { randomUUID } from 'node:crypto';
import { createPgliteTestDatabase } from '../support/test-database.ts';
import { insertMessages } from '../../server/messaging/outbox-repository.ts';
import { createWorker } from '../../server/messaging/worker.ts';
import { createMemoryGateway } from '../../server/messaging/gateways/memory/memory-gateway.ts';
import { createMemoryEmailTransport } from '../../server/messaging/email/email-transport.ts';

const COUNT = 10_000;
const database = await createPgliteTestDatabase();
const orgId = randomUUID();
await database.db.insertInto('organizations').values({ id: orgId, subdomain: 'bench', name: 'Bench Klinikk', time_zone: 'Europe/Oslo', locale: 'nb', settings: '{}', texts: '{}', theme: '{}', messaging: JSON.stringify({ pause: { night: false } }) }).execute();
const now = new Date();
await insertMessages(database.db, Array.from({ length: COUNT }, (_, i) => ({
  organizationId: orgId, channel: 'sms' as const, kind: 'general' as const, recipient: `+4791${String(i).padStart(6, '0')}`,
  body: `Hei! Dette er melding ${i}.`, sendAt: now, expiresAt: new Date(now.getTime() + 3_600_000),
})));

const gateway = createMemoryGateway();
const worker = createWorker({ db: database.db, channels: { gateways: { memory: gateway }, defaultGateway: 'memory', email: createMemoryEmailTransport(), defaultEmailFrom: 'bench@example.test' }, batchSize: 500, concurrency: 32 });
const started = performance.now();
let sent = 0;
while (sent < COUNT) {
  const tick = await worker.runOnce();
  if (tick.claimed === 0) break;
  sent += tick.sent;
}
const seconds = (performance.now() - started) / 1000;
await database.close();
if (gateway.delivered.length !== COUNT) {
  console.error(`only ${gateway.delivered.length} of ${COUNT} messages reached the gateway`);
  process.exit(1);
}
console.log(`outbox.10k.seconds: ${seconds.toFixed(2)}`);
