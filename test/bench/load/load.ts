/**
 * `npm run bench:load` (through scripts/bench-load.sh, which starts a
 * throwaway PostgreSQL and sets DATABASE_URL): migrates and seeds the demo
 * and a load organization, starts 2 API processes and 1 outbox worker on
 * loopback, then for LOAD_SECONDS (default 15) runs two autocannon loads at
 * once against both API processes: week slot searches of the demo clinic
 * and bookings in the load organization (no code or bot check; taken times
 * answer 409, as expected). Prints `load.slots.rps`, `load.slots.p95_ms`,
 * `load.book.rps` (bookings answered 201 or 409 per second) and
 * `load.errors` (any other answer, socket error or timeout). Then, load
 * over, `slots.search.history_p95_ms.postgres`: the PGlite history bench's
 * week search (test/bench/support/history-search.ts) on this PostgreSQL
 * (LOAD_HISTORY=false skips it).
 * On stderr: the CPU each part used during the load (API processes,
 * PostgreSQL, worker, and this process, the load generator).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { sql } from 'kysely';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClinicList, TreatmentList } from '../../../sdk/schemas/catalog.ts';
import { openDatabase } from '../../../server/db/database.ts';
import { seedDemo } from '../../../server/demo/seed-demo.ts';
import { bookingRequest, freeTimes, seedLoadOrganization } from '../../support/load-org.ts';
import { startApi, startWorker, type ApiProcess, type ServerProcess } from '../../support/processes.ts';
import { runLoad, type LoadResult } from './autocannon-run.ts';
import { measureHistorySearch } from '../support/history-search.ts';
import { postmasterPid, sampleCpu, subtractCpu } from './cpu-usage.ts';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 15);
// 5 searches in flight per API process: each process is one thread on a 2-core machine shared with PostgreSQL and
// this generator; more only queue in it (measured: 20 raised p95 two- to three-fold and lowered throughput).
const SEARCH_CONNECTIONS = Number(process.env.LOAD_SEARCH_CONNECTIONS ?? 10);
const BOOK_CONNECTIONS = Number(process.env.LOAD_BOOK_CONNECTIONS ?? 4);
// With LOAD_CPU_PROF_DIR, the API processes write V8 CPU profiles there (`--cpu-prof`) when they stop.
const PROFILE_DIR = process.env.LOAD_CPU_PROF_DIR;
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('Set DATABASE_URL (npm run bench:load starts a PostgreSQL server and sets it)');

const log = (line: string) => console.error(`[bench:load] ${line}`);
const dir = mkdtempSync(join(tmpdir(), 'opus-load-'));
const processes: ServerProcess[] = [];
// As production runs them.
const env = { NODE_ENV: 'production' };
const nodeArgs = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : undefined;
const database = await openDatabase({ url: databaseUrl, poolSize: 2 });
try {
  await seedDemo(database.db);
  const org = await seedLoadOrganization(database.db, 'load');
  const started = await Promise.allSettled([startApi({ databaseUrl, nodeArgs, env }), startApi({ databaseUrl, nodeArgs, env }), startWorker({ databaseUrl, env: { ...env, SMS_GATEWAY: 'console', SMS_SINK_FILE: join(dir, 'sms.jsonl') } })]);
  for (const result of started) if (result.status === 'fulfilled') processes.push(result.value);
  for (const result of started) if (result.status === 'rejected') throw result.reason;
  const apis = processes.slice(0, 2) as ApiProcess[];
  const urls = apis.map((api) => api.url);
  log(`2 API processes (${urls.join(', ')}) and 1 worker on PostgreSQL; ${SECONDS} s of load`);

  const demo = `/api/v1/organizations/demo`;
  const clinic = ClinicList.parse(await (await fetch(`${urls[0]}${demo}/clinics`)).json()).groups[0]!.clinics[0]!;
  const treatment = TreatmentList.parse(await (await fetch(`${urls[0]}${demo}/treatments?clinicId=${clinic.id}`)).json()).treatments[0]!;
  const weeks = Array.from({ length: 8 }, (_, k) => {
    const day = (offset: number) => new Date(Date.now() + (k * 7 + offset) * 86_400_000).toISOString().slice(0, 10);
    return `${demo}/slots?${new URLSearchParams({ treatmentId: treatment.id, clinicId: clinic.id, from: day(0), to: day(6) })}`;
  });
  const times = await freeTimes(urls[0]!, org, 60);
  log(`demo week searches over ${weeks.length} weeks; bookings among ${times.length} free times of the load organization`);

  let search = 0;
  let booking = 0;
  const searches = () => runLoad({ url: urls, connections: SEARCH_CONNECTIONS, seconds: SECONDS, next: () => ({ method: 'GET', path: weeks[search++ % weeks.length]! }) });
  const bookings = () => runLoad({
    url: urls, connections: BOOK_CONNECTIONS, seconds: SECONDS, expected: [409],
    next: () => {
      const n = booking++;
      return { method: 'POST', path: `/api/v1/organizations/load/bookings`, headers: { 'content-type': 'application/json' }, body: JSON.stringify(bookingRequest(org, times[Math.floor(Math.random() * times.length)]!, n)) };
    },
  });
  // A short warm-up (JIT, pools, plans) that is not counted.
  await runLoad({ url: urls, connections: SEARCH_CONNECTIONS, seconds: 2, next: () => ({ method: 'GET', path: weeks[search++ % weeks.length]! }) });

  const { rows: [where] } = await sql<{ data_directory: string }>`SELECT current_setting('data_directory') AS data_directory`.execute(database.db);
  const parts = { apis: apis.map((api) => api.process.pid!), worker: processes[2]!.process.pid, postmaster: postmasterPid(where!.data_directory) };
  const before = sampleCpu(parts);
  const [slots, book] = await Promise.all([searches(), bookings()]);
  const cpu = subtractCpu(sampleCpu(parts), before);
  report('searches', slots);
  report('bookings', book);
  const answered = (result: LoadResult) => Object.values(result.statuses).reduce((sum, n) => sum + n, 0);
  const requests = answered(slots) + answered(book);
  const total = Object.values(cpu).reduce((sum, ms) => sum + ms, 0);
  log(`CPU over the run (${requests} requests): ${Object.entries(cpu).map(([part, ms]) => `${part} ${(ms / 1000).toFixed(1)} s (${(100 * ms / total).toFixed(0)}%, ${(ms / requests).toFixed(2)} ms a request)`).join(', ')}`);
  console.log(`load.slots.rps: ${slots.okPerSecond.toFixed(0)}`);
  console.log(`load.slots.p95_ms: ${slots.p95Ms.toFixed(1)}`);
  console.log(`load.book.rps: ${book.okPerSecond.toFixed(1)}`);
  console.log(`load.errors: ${slots.errors + book.errors}`);

  if (process.env.LOAD_HISTORY !== 'false') {
    // After the load, on its own: five years of one clinic's history on this PostgreSQL (the PGlite bench's data set), searched one at a time.
    const history = await measureHistorySearch(database.db, 'history');
    log(`history: ${history.pastAppointments} past appointments filled in ${history.fillSeconds.toFixed(1)} s; ${history.slots} slots in the week, p50 ${history.p50Ms.toFixed(2)} ms, CPU of the app ${history.cpuMsPerSearch.toFixed(2)} ms a search`);
    console.log(`slots.search.history_p95_ms.postgres: ${history.p95Ms.toFixed(2)}`);
  }
} finally {
  await Promise.all(processes.map((child) => child.stop()));
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}

function report(what: string, result: LoadResult): void {
  log(`${what}: ${JSON.stringify(result.statuses)} ${result.errors} errors (${result.errorSamples.join('; ') || 'none'}), p50 ${result.p50Ms.toFixed(1)} ms, p95 ${result.p95Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms`);
}
