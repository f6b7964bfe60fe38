import type { InstantRange } from './types.ts';

/**
 * Busy ranges sorted by start and joined into disjoint, non-touching
 * ranges, interleaved as `[start0, end0, start1, end1, …]`, so the sweep
 * can walk them with a pointer.
 */
export type BusyRanges = readonly number[];

const MAX_BUCKET = 64;

/**
 * Scratch space for sorting, reused across calls and grown on demand:
 * creating typed arrays per schedule per search cost more than the sort
 * itself. Used only synchronously inside `mergeBusy`, so the reuse is
 * invisible to callers.
 */
let scratch = scratchOf(0);

function scratchOf(size: number) {
  return {
    size,
    starts: new Int32Array(size),
    ends: new Int32Array(size),
    bucketStarts: new Int32Array(size),
    bucketEnds: new Int32Array(size),
    offsets: new Int32Array(size + 1),
  };
}

function reserve(count: number): void {
  if (scratch.size < count) scratch = scratchOf(Math.max(count, 2 * scratch.size, 256));
}

/**
 * Sorts and joins busy ranges. Whole-minute ranges (all real ones) take a
 * bucket sort on integers, near-linear for appointments spread over a
 * search window; anything else takes a comparator sort. Empty and inverted
 * ranges are dropped. Touching ranges join, which changes no overlap
 * answer for a non-empty candidate.
 *
 * @example
 * mergeBusy([{ start: 600, end: 630 }, { start: 540, end: 570 }, { start: 570, end: 580 }]);
 * // [540, 580, 600, 630]
 */
export function mergeBusy(busy: readonly InstantRange[]): BusyRanges {
  reserve(busy.length);
  const { starts, ends } = scratch;
  let n = 0;
  let sorted = true;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < busy.length; i++) {
    const range = busy[i]!;
    const start = range.start;
    const end = range.end;
    if (!(end > start)) continue;
    if ((start | 0) !== start || (end | 0) !== end) return mergeByComparator(busy);
    if (start < max) sorted = false;
    if (start < min) min = start;
    if (start > max) max = start;
    starts[n] = start;
    ends[n++] = end;
  }
  if (!sorted && !bucketSort(n, min, max)) return mergeByComparator(busy);
  return join(starts, ends, n);
}

/**
 * Sorts the scratch pairs by start: power-of-two buckets of about one
 * range each, then an insertion pass that only moves ranges within a
 * bucket. Gives up (false) when a bucket is crowded, e.g. a far-off range
 * squeezing the rest together, since the insertion pass would then turn
 * quadratic.
 */
function bucketSort(n: number, min: number, max: number): boolean {
  const { starts, ends, bucketStarts, bucketEnds, offsets } = scratch;
  let shift = 0;
  while ((max - min) / 2 ** shift >= n) shift++;
  const buckets = ((max - min) >>> shift) + 1;
  offsets.fill(0, 0, buckets + 1);
  for (let i = 0; i < n; i++) offsets[((starts[i]! - min) >>> shift) + 1]!++;
  for (let b = 1; b <= buckets; b++) {
    if (offsets[b]! > MAX_BUCKET) return false;
    offsets[b]! += offsets[b - 1]!;
  }
  for (let i = 0; i < n; i++) {
    const slot = offsets[(starts[i]! - min) >>> shift]!++;
    bucketStarts[slot] = starts[i]!;
    bucketEnds[slot] = ends[i]!;
  }
  for (let i = 0; i < n; i++) {
    const start = bucketStarts[i]!;
    const end = bucketEnds[i]!;
    let j = i;
    for (; j > 0 && starts[j - 1]! > start; j--) {
      starts[j] = starts[j - 1]!;
      ends[j] = ends[j - 1]!;
    }
    starts[j] = start;
    ends[j] = end;
  }
  return true;
}

function mergeByComparator(busy: readonly InstantRange[]): BusyRanges {
  const valid = busy.filter((range) => range.end > range.start).sort((a, b) => a.start - b.start);
  return join(valid.map((range) => range.start), valid.map((range) => range.end), valid.length);
}

/** Joins overlapping and touching pairs, sorted by start, into a fresh interleaved array. */
function join(starts: Int32Array | number[], ends: Int32Array | number[], n: number): number[] {
  let joined = 0;
  for (let i = 0; i < n; i++) {
    const start = starts[i]!;
    const end = ends[i]!;
    if (joined > 0 && start <= ends[joined - 1]!) {
      if (end > ends[joined - 1]!) ends[joined - 1] = end;
    } else {
      starts[joined] = start;
      ends[joined++] = end;
    }
  }
  const out = new Array<number>(2 * joined);
  for (let i = 0; i < joined; i++) {
    out[2 * i] = starts[i]!;
    out[2 * i + 1] = ends[i]!;
  }
  return out;
}
