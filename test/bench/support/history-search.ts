import { sql, type Kysely } from 'kysely';
import { createApp } from '../../../server/app.ts';
import type { DB } from '../../../server/db/tables.ts';
import { benchClinic, fillHistory } from '../../support/history.ts';

/**
 * `slots.search.history_p95_ms` (issue 11.2), on PGlite (test/bench/slot-search-history.ts)
 * and on PostgreSQL (test/bench/load/load.ts): one clinic's week, 20
 * providers each with five years of past appointments (about 250,000), the
 * searched week about a third booked; p95 of the public search through the
 * real app over many requests, one at a time.
 */
const PROVIDERS = 20;
const YEARS = 5;
const PER_DAY = 7;
const RUNS = 300;
const NOW = new Date('2027-01-04T07:00:00Z');

/** What {@link measureHistorySearch} found. */
export interface HistorySearch {
  pastAppointments: number;
  fillSeconds: number;
  slots: number;
  p50Ms: number;
  p95Ms: number;
  /** CPU of this process per search (on PGlite the database runs on this thread too). */
  cpuMsPerSearch: number;
}

/**
 * Fills organization `subdomain` with the clinic and its history on `db`,
 * then searches its week `RUNS` times through an app on `db` whose clock
 * stands at the week's first morning.
 *
 * @example
 * const { p95Ms } = await measureHistorySearch(db, 'history');
 */
export async function measureHistorySearch(db: Kysely<DB>, subdomain: string): Promise<HistorySearch> {
  const { org, clinic, treatment, providers } = await benchClinic(db, subdomain, PROVIDERS);
  const filling = performance.now();
  const pastAppointments = await fillHistory(db, { organizationId: org, clinicId: clinic, providerIds: providers, until: NOW, days: YEARS * 365, perDay: PER_DAY, messages: false });
  // The searched week is about a third booked, at every third half hour from a provider's own offset.
  await sql`
    INSERT INTO appointments (id, organization_id, clinic_id, provider_id, starts_at, ends_at, status, source)
    SELECT gen_random_uuid(), ${org}::uuid, ${clinic}::uuid, p.id, t, t + interval '30 minutes', 'booked', 'online'
    FROM unnest(${providers}::uuid[]) WITH ORDINALITY AS p(id, n),
      generate_series(0, 4) AS d,
      LATERAL generate_series(${NOW}::timestamptz + d * interval '1 day' + (p.n % 3) * interval '30 minutes', ${NOW}::timestamptz + d * interval '1 day' + interval '7 hours 30 minutes', interval '90 minutes') AS t
  `.execute(db);
  await sql`ANALYZE`.execute(db);
  const fillSeconds = (performance.now() - filling) / 1000;

  const app = createApp({ db, now: () => NOW, log: (m) => console.error(m) });
  const url = `/api/v1/organizations/${subdomain}/slots?${new URLSearchParams({ treatmentId: treatment, clinicId: clinic, from: '2027-01-04', to: '2027-01-10' })}`;
  let body = '';
  for (let i = 0; i < 20; i++) body = await (await app.request(url)).text();
  const times: number[] = [];
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
  return {
    pastAppointments, fillSeconds, slots,
    p50Ms: times[Math.floor(RUNS * 0.5)]!, p95Ms: times[Math.floor(RUNS * 0.95) - 1]!,
    cpuMsPerSearch: (cpu.user + cpu.system) / 1000 / RUNS,
  };
}
