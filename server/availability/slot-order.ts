import type { ProviderSchedule, Slot } from './types.ts';

const RADIX_BITS = 11;
const BUCKETS = 1 << RADIX_BITS;

/**
 * Turns per-schedule start lists (each sorted) into slots sorted by start,
 * ties in schedule order (the display order). Each (start, schedule) pair
 * is packed into one integer key and radix-sorted: with ~10,000 starts
 * that is several times faster than merging slot objects, and the slot
 * objects are created once, already in their final order.
 *
 * @example
 * orderSlots([kari, ola], [[480, 510], [480]], 30);
 * // 480 Kari, 480 Ola, 510 Kari
 */
export function orderSlots(schedules: readonly ProviderSchedule[], starts: readonly (readonly number[])[], duration: number): Slot[] {
  let total = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const list of starts) {
    if (list.length === 0) continue;
    total += list.length;
    min = Math.min(min, list[0]!);
    max = Math.max(max, list[list.length - 1]!);
  }
  const out: Slot[] = [];
  if (total === 0) return out;
  const count = starts.length;
  if (count === 1) return slotsOf(schedules[0]!, starts[0]!, duration);
  // Unsigned 32-bit keys; a range too wide for them (years, or thousands of
  // schedules) falls back to a comparator sort.
  if ((max - min + 1) * count > 0xffff_ffff) return fallback(schedules, starts, duration);
  let keys = new Uint32Array(total);
  let n = 0;
  for (let owner = 0; owner < count; owner++) {
    for (const start of starts[owner]!) keys[n++] = (start - min) * count + owner;
  }
  let spare = new Uint32Array(total);
  const histogram = new Int32Array(BUCKETS);
  const topKey = (max - min + 1) * count - 1;
  // LSD radix passes are stable, though the keys are unique anyway.
  for (let shift = 0; shift < 32 && topKey / 2 ** shift >= 1; shift += RADIX_BITS) {
    histogram.fill(0);
    for (let i = 0; i < total; i++) histogram[(keys[i]! >>> shift) & (BUCKETS - 1)]!++;
    for (let b = 0, sum = 0; b < BUCKETS; b++) {
      const size = histogram[b]!;
      histogram[b] = sum;
      sum += size;
    }
    for (let i = 0; i < total; i++) {
      const key = keys[i]!;
      spare[histogram[(key >>> shift) & (BUCKETS - 1)]!++] = key;
    }
    const sorted = spare;
    spare = keys;
    keys = sorted;
  }
  const providers = schedules.map((schedule) => schedule.providerId);
  const clinics = schedules.map((schedule) => schedule.clinicId);
  for (let i = 0; i < total; i++) {
    const key = keys[i]!;
    const owner = key % count;
    const start = min + (key - owner) / count;
    out.push({ start, end: start + duration, providerId: providers[owner]!, clinicId: clinics[owner]! });
  }
  return out;
}

function slotsOf(schedule: ProviderSchedule, starts: readonly number[], duration: number): Slot[] {
  return starts.map((start) => ({ start, end: start + duration, providerId: schedule.providerId, clinicId: schedule.clinicId }));
}

function fallback(schedules: readonly ProviderSchedule[], starts: readonly (readonly number[])[], duration: number): Slot[] {
  const pairs: Array<[number, number]> = [];
  starts.forEach((list, owner) => list.forEach((start) => pairs.push([start, owner])));
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return pairs.map(([start, owner]) => {
    const schedule = schedules[owner]!;
    return { start, end: start + duration, providerId: schedule.providerId, clinicId: schedule.clinicId };
  });
}

/**
 * One slot per distinct start, for "any provider" (B4) and "any clinic in
 * this group" (B5): the first in input order wins, which after `findSlots`
 * is the provider and clinic shown first. The slot keeps its provider and
 * clinic, so booking it books that person at that clinic.
 *
 * @example
 * mergeAnyProvider(findSlots(schedules, query)); // e.g. 08:00 (Kari, Sentrum), 08:15 (Ola, Sentrum), …
 */
export function mergeAnyProvider(slots: readonly Slot[]): Slot[] {
  const seen = new Set<number>();
  const out: Slot[] = [];
  for (const slot of slots) {
    if (seen.has(slot.start)) continue;
    seen.add(slot.start);
    out.push(slot);
  }
  return out;
}
