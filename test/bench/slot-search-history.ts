/**
 * Slot search with years of history (issue 11.2): one clinic's week, 20
 * providers each with five years of past appointments (about 250,000) on
 * PGlite; p95 of the public search through the real app over many requests.
 * History must cost nothing: the busy times come from the exclusion
 * constraint's GiST index, not from reading every past appointment.
 * Prints `slots.search.history_p95_ms` (budget 30).
 */
import { sql } from 'kysely';
import { createApp } from '../../server/app.ts';
import { openDatabase } from '../../server/db/database.ts';
import { benchClinic, fillHistory } from '../support/history.ts';

const PROVIDERS = 20;
const YEARS = 5;
const PER_DAY = 7;
const RUNS = 300;
const NOW = new Date('2027-01-04T07:00:00Z');

const { db, close } = await openDatabase();
const { org, clinic, treatment, providers } = await benchClinic(db, 'history', PROVIDERS);

const filling = performance.now();
const past = await fillHistory(db, { organizationId: org, clinicId: clinic, providerIds: providers, until: NOW, days: YEARS * 365, perDay: PER_DAY, messages: false });
// The searched week is about a third booked, at every third half hour from a provider's own offset.
await sql`
  INSERT INTO appointments (id, organization_id, clinic_id, provider_id, starts_at, ends_at, status, source)
  SELECT gen_random_uuid(), ${org}::uuid, ${clinic}::uuid, p.id, t, t + interval '30 minutes', 'booked', 'online'
  FROM unnest(${providers}::uuid[]) WITH ORDINALITY AS p(id, n),
    generate_series(0, 4) AS d,
    LATERAL generate_series(${NOW}::timestamptz + d * interval '1 day' + (p.n % 3) * interval '30 minutes', ${NOW}::timestamptz + d * interval '1 day' + interval '7 hours 30 minutes', interval '90 minutes') AS t
`.execute(db);
await sql`ANALYZE`.execute(db);
console.error(`[bench] ${past} past appointments for ${PROVIDERS} providers filled in ${((performance.now() - filling) / 1000).toFixed(1)} s`);

const app = createApp({ db, now: () => NOW, log: (m) => console.error(m) });
const url = `/api/v1/organizations/history/slots?${new URLSearchParams({ treatmentId: treatment, clinicId: clinic, from: '2027-01-04', to: '2027-01-10' })}`;
let body = '';
for (let i = 0; i < 20; i++) body = await (await app.request(url)).text();
const times: number[] = [];
// PGlite runs on this thread: its CPU time next to the wall clock tells a slow search from a busy machine.
const cpuBefore = process.cpuUsage();
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  const response = await app.request(url);
  body = await response.text();
  times.push(performance.now() - started);
  if (response.status !== 200) throw new Error(`search failed: ${response.status} ${body}`);
}
const cpu = process.cpuUsage(cpuBefore);
times.sort((a, b) => a - b);
const slots = (JSON.parse(body) as { slots: unknown[] }).slots.length;
if (slots === 0) throw new Error('the week has no free time: the bench measures nothing');
console.error(`[bench] ${slots} slots in the week, p50 ${times[Math.floor(RUNS * 0.5)]!.toFixed(2)} ms, CPU ${((cpu.user + cpu.system) / 1000 / RUNS).toFixed(2)} ms a search on average`);
console.log(`slots.search.history_p95_ms: ${times[Math.floor(RUNS * 0.95) - 1]!.toFixed(2)}`);
await close();
