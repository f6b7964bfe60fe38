/**
 * Sets of half-open ranges as flat number arrays `[start0, end0, start1,
 * end1, …]`: the engine builds a handful per day and flat arrays keep that
 * free of per-range objects. A "normalized" set is sorted, with no empty,
 * overlapping or touching ranges.
 */

/**
 * The union of any ranges, normalized. Touching ranges join, so time that
 * is open without a break reads as one span (and a slot may straddle the
 * seam).
 *
 * @example
 * unionSpans([600, 720, 480, 600, 900, 900]); // [480, 720]
 */
export function unionSpans(ranges: readonly number[]): number[] {
  const order: number[] = [];
  for (let i = 0; i + 1 < ranges.length; i += 2) if (ranges[i]! < ranges[i + 1]!) order.push(i);
  order.sort((a, b) => ranges[a]! - ranges[b]!);
  const out: number[] = [];
  for (const i of order) {
    const start = ranges[i]!;
    const end = ranges[i + 1]!;
    const last = out.length - 1;
    if (last > 0 && start <= out[last]!) {
      if (end > out[last]!) out[last] = end;
    } else {
      out.push(start, end);
    }
  }
  return out;
}

/**
 * `base` minus `cut`, both normalized; the result is normalized.
 *
 * @example
 * subtractSpans([480, 960], [690, 720]); // [480, 690, 720, 960]
 */
export function subtractSpans(base: readonly number[], cut: readonly number[]): number[] {
  const out: number[] = [];
  let first = 0;
  for (let i = 0; i + 1 < base.length; i += 2) {
    let start = base[i]!;
    const end = base[i + 1]!;
    while (first < cut.length && cut[first + 1]! <= start) first += 2;
    for (let k = first; start < end && k < cut.length && cut[k]! < end; k += 2) {
      if (cut[k]! > start) out.push(start, cut[k]!);
      start = Math.max(start, cut[k + 1]!);
    }
    if (start < end) out.push(start, end);
  }
  return out;
}
