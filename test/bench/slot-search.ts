/**
 * The slot-search endpoint for one clinic's month: server time (p95 over
 * repeated searches through the real app on PGlite), the gzip size of the
 * answer, and how many database queries one search makes.
 * Prints `slots.search.p95_ms`, `slots.search.gzip_kb`, `slots.search.queries`.
 */
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Kysely } from 'kysely';
import { PgliteDialect } from '../../server/db/pglite-dialect.ts';
import { createApp } from '../../server/app.ts';
import { createPglite } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import type { DB } from '../../server/db/tables.ts';
import { benchClinic } from '../support/history.ts';

const PROVIDERS = 10;
const RUNS = 100;
let queries = 0;
const db = new Kysely<DB>({ dialect: new PgliteDialect(await createPglite()), log: () => { queries++; } });
await migrateToLatest(db);

const { org, clinic, treatment, providers } = await benchClinic(db, 'bench', PROVIDERS);
// About a third of each provider's time is booked, at random half hours.
const appointments = [];
for (const provider of providers) {
  for (let day = 0; day < 31; day++) {
    for (let slot = 0; slot < 16; slot++) {
      if (Math.random() < 0.33) {
        const start = Date.parse('2027-01-01T07:00:00Z') + day * 86_400_000 + slot * 1_800_000;
        appointments.push({ id: randomUUID(), organization_id: org, clinic_id: clinic, provider_id: provider, starts_at: new Date(start), ends_at: new Date(start + 1_800_000), status: 'booked' as const, source: 'staff' as const });
      }
    }
  }
}
for (let i = 0; i < appointments.length; i += 500) await db.insertInto('appointments').values(appointments.slice(i, i + 500)).execute();

const app = createApp({ db, now: () => new Date('2026-12-15T07:00:00Z'), log: (m) => console.error(m) });
const url = `/api/v1/organizations/bench/slots?${new URLSearchParams({ treatmentId: treatment, clinicId: clinic, from: '2027-01-01', to: '2027-01-31' })}`;

let body = '';
for (let i = 0; i < 10; i++) body = await (await app.request(url)).text();
const times: number[] = [];
let perSearch = 0;
for (let i = 0; i < RUNS; i++) {
  queries = 0;
  const started = performance.now();
  const response = await app.request(url);
  body = await response.text();
  times.push(performance.now() - started);
  perSearch = Math.max(perSearch, queries);
  if (response.status !== 200) throw new Error(`search failed: ${response.status} ${body}`);
}
times.sort((a, b) => a - b);
const slots = (JSON.parse(body) as { slots: unknown[] }).slots.length;
console.error(`[bench] ${PROVIDERS} providers, ${appointments.length} appointments, ${slots} slots, ${body.length} bytes raw`);
console.log(`slots.search.p95_ms: ${times[Math.floor(RUNS * 0.95) - 1]!.toFixed(2)}`);
console.log(`slots.search.gzip_kb: ${(gzipSync(body).length / 1024).toFixed(2)}`);
console.log(`slots.search.queries: ${perSearch}`);
await db.destroy();
