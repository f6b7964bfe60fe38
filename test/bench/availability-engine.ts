/**
 * The pure availability engine alone: 20 providers over 60 days in
 * Europe/Oslo (Mon–Fri 08:00–16:00, lunch 11:30–12:00, 15-minute step,
 * 30-minute treatment) with 10,000 existing appointments of 15–60 minutes,
 * unsorted as a database hands them back. The window spans the autumn clock
 * change, so the slow path for that weekend is measured too.
 * Prints `availability.engine.median_ms` to stdout; details go to stderr.
 */
import { findSlots, mergeAnyProvider } from '../../server/availability/engine.ts';
import { at, query, schedule, weekly } from '../../server/availability/fixtures.ts';
import { eachLocalDate } from '../../server/availability/time-zone.ts';
import type { InstantRange } from '../../server/availability/types.ts';

const PROVIDERS = 20;
const APPOINTMENTS = 10_000;
const WARMUP = 50;
const RUNS = 200;
const FROM = '2026-10-01';
const TO = '2026-11-29';
const DATES = [...eachLocalDate(FROM, TO)];

// A fixed seed keeps runs comparable (mulberry32).
let seed = 0x5eed;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
const pick = (count: number): number => Math.floor(random() * count);

const busy: InstantRange[][] = Array.from({ length: PROVIDERS }, () => []);
for (let i = 0; i < APPOINTMENTS; i++) {
  const start = at(DATES[pick(DATES.length)]!, '08:00') + 15 * pick(32);
  busy[pick(PROVIDERS)]!.push({ start, end: start + 15 * (1 + pick(4)) });
}
const schedules = busy.map((ranges, i) => schedule({
  providerId: `provider-${i}`,
  clinicId: `clinic-${i % 3}`,
  workingHours: weekly([1, 2, 3, 4, 5], '08:00', '16:00'),
  breaks: weekly([1, 2, 3, 4, 5], '11:30', '12:00'),
  busy: ranges,
}));
const search = query({
  now: at(FROM, '00:00') - 1440,
  from: FROM,
  to: TO,
  durationMinutes: 30,
  stepMinutes: 15,
  minNoticeMinutes: 120,
  horizonDays: 120,
});

let found = 0;
for (let i = 0; i < WARMUP; i++) found = findSlots(schedules, search).length;
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  findSlots(schedules, search);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const median = (times[(RUNS - 1) >> 1]! + times[RUNS >> 1]!) / 2;
const merged = mergeAnyProvider(findSlots(schedules, search)).length;
console.error(`${found} slots (${merged} for any provider); min ${times[0]!.toFixed(2)} ms, p90 ${times[Math.floor(RUNS * 0.9)]!.toFixed(2)} ms`);
console.log(`availability.engine.median_ms: ${median.toFixed(2)}`);
