import type { BusyRanges } from './busy-ranges.ts';
import { offsetAt, wallToInstant } from './time-zone.ts';

/**
 * One schedule's walk over candidate starts: the limits, the free starts
 * found so far (slot objects are built once, later, in final order) and a
 * pointer into the busy ranges that only moves forward while starts ascend.
 */
export interface Sweep {
  readonly zone: string;
  readonly busy: BusyRanges;
  readonly duration: number;
  readonly step: number;
  /** First allowed start (notice) and first disallowed start (horizon). */
  readonly earliest: number;
  readonly latest: number;
  readonly out: number[];
  /** Busy index valid for any start at or after `checked`. */
  cursor: number;
  checked: number;
}

/**
 * Offers the grid `start, start + step, …` inside the open span
 * `[start, end)`, which has one UTC offset throughout so the wall-clock
 * grid is the instant grid. Only starts in `[from, until)`, the day being
 * swept, are offered: a published slot across midnight belongs to both
 * days. The hot loop of the engine: integer steps, and a candidate that
 * hits a busy range jumps straight to the first grid point after it.
 *
 * @example
 * sweepSteady(sweep, 29_935_140, 29_935_620, 29_934_660, 29_936_100); // 08:00–16:00 Oslo on 2026-12-01
 */
export function sweepSteady(sweep: Sweep, start: number, end: number, from: number, until: number): void {
  const { busy, duration, step, out } = sweep;
  const first = Math.max(sweep.earliest, from);
  let candidate = start;
  if (candidate < first) candidate += Math.ceil((first - candidate) / step) * step;
  const last = Math.min(end - duration, sweep.latest - 1, until - 1);
  if (candidate > last) return;
  let p = candidate < sweep.checked ? firstEndAfter(busy, candidate) : sweep.cursor;
  while (candidate <= last) {
    sweep.checked = candidate;
    while (p < busy.length && busy[p + 1]! <= candidate) p += 2;
    if (p < busy.length && busy[p]! < candidate + duration) {
      candidate += Math.ceil((busy[p + 1]! - candidate) / step) * step;
    } else {
      out.push(candidate);
      candidate += step;
    }
  }
  sweep.cursor = p;
}

/**
 * Offers candidates in a span the clocks change in: steps the wall clock
 * from the span's start and maps each reading in `[from, until)` (wall
 * minutes of the day being swept), skipping readings that do not exist
 * and taking the earlier instant of repeated ones.
 *
 * @example
 * const day = parseLocalDate('2026-03-29') * 1440;
 * sweepByWall(sweep, 29_578_980, 29_579_280, day, day + 1440); // 00:00–06:00 Oslo
 */
export function sweepByWall(sweep: Sweep, start: number, end: number, from: number, until: number): void {
  const { duration, step, earliest, latest, zone } = sweep;
  for (let wall = start + offsetAt(start, zone); wall < until; wall += step) {
    if (wall < from) continue;
    const candidate = wallToInstant(wall, zone);
    if (candidate === null || candidate < start) continue;
    if (candidate + duration > end || candidate >= latest) return;
    if (candidate >= earliest && isFree(sweep, candidate)) sweep.out.push(candidate);
  }
}

function isFree(sweep: Sweep, start: number): boolean {
  const busy = sweep.busy;
  let p = start < sweep.checked ? firstEndAfter(busy, start) : sweep.cursor;
  while (p < busy.length && busy[p + 1]! <= start) p += 2;
  sweep.cursor = p;
  sweep.checked = start;
  return p >= busy.length || busy[p]! >= start + sweep.duration;
}

/** Index of the first busy range that ends after `instant`: where the pointer restarts when starts step back. */
function firstEndAfter(busy: BusyRanges, instant: number): number {
  let lo = 0;
  let hi = busy.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (busy[2 * mid + 1]! <= instant) lo = mid + 1;
    else hi = mid;
  }
  return 2 * lo;
}
