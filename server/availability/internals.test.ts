import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { mergeBusy } from './busy-ranges.ts';
import { orderSlots } from './slot-order.ts';
import { subtractSpans, unionSpans } from './spans.ts';
import type { ProviderSchedule } from './types.ts';

/**
 * The engine's building blocks against naive versions, including the
 * fallbacks the engine-level properties rarely reach: fractional minutes,
 * far-off outliers, very wide ranges.
 */

/** Covered points of a set of ranges, as a sorted list, for comparison. */
function covered(ranges: readonly number[]): number[] {
  const points = new Set<number>();
  for (let i = 0; i + 1 < ranges.length; i += 2) for (let t = ranges[i]!; t < ranges[i + 1]!; t++) points.add(t);
  return [...points].sort((a, b) => a - b);
}

function assertNormalized(ranges: ArrayLike<number>): void {
  for (let i = 0; i + 1 < ranges.length; i += 2) {
    assert.ok(ranges[i]! < ranges[i + 1]!, 'empty range');
    if (i > 0) assert.ok(ranges[i]! > ranges[i - 1]!, 'unsorted or touching');
  }
}

const ranges = fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: -5, max: 60 })), { maxLength: 30 })
  .map((pairs) => pairs.flatMap(([start, length]) => [start, start + length]));

describe('spans', () => {
  test('union and subtraction cover the same points as sets would', () => {
    fc.assert(fc.property(ranges, ranges, (a, b) => {
      const union = unionSpans(a);
      assertNormalized(union);
      assert.deepEqual(covered(union), covered(a));
      const difference = subtractSpans(union, unionSpans(b));
      assertNormalized(difference);
      const cut = new Set(covered(b));
      assert.deepEqual(covered(difference), covered(a).filter((t) => !cut.has(t)));
    }), { numRuns: 500 });
  });
});

describe('mergeBusy', () => {
  const busy = fc.array(fc.record({
    start: fc.oneof(fc.integer({ min: 29_000_000, max: 29_001_000 }), fc.constantFrom(0, 2_000_000_000, 29_000_000.5)),
    length: fc.oneof(fc.integer({ min: -10, max: 120 }), fc.constant(0.5)),
  }), { maxLength: 200 }).map((list) => list.map(({ start, length }) => ({ start, end: start + length })));

  test('sorts and joins any ranges, whatever the path taken', () => {
    fc.assert(fc.property(busy, fc.boolean(), (list, presort) => {
      const input = presort ? [...list].sort((a, b) => a.start - b.start) : list;
      const merged = mergeBusy(input);
      assertNormalized(merged);
      const naive = unionSpans(input.flatMap((range) => [range.start, range.end]));
      assert.deepEqual([...merged], naive);
    }), { numRuns: 500 });
  });
});

describe('orderSlots', () => {
  const schedules: ProviderSchedule[] = ['a', 'b', 'c', 'd'].map((id) => ({
    providerId: id, clinicId: `clinic-${id}`, timeZone: 'UTC', mode: 'working_hours', workingHours: [], breaks: [], exceptions: [], publishedSlots: [], busy: [],
  }));
  const lists = fc.array(fc.uniqueArray(fc.oneof(fc.integer({ min: 29_000_000, max: 29_000_300 }), fc.constantFrom(-5, 3_000_000_000)), { maxLength: 40 }), { minLength: 1, maxLength: 4 })
    .map((all) => all.map((list) => [...list].sort((a, b) => a - b)));

  test('sorts by start, ties in schedule order, keeping provider and clinic', () => {
    fc.assert(fc.property(lists, (starts) => {
      const naive = starts.flatMap((list, i) => list.map((start) => ({ start, i })))
        .sort((x, y) => x.start - y.start || x.i - y.i)
        .map(({ start, i }) => ({ start, end: start + 30, providerId: schedules[i]!.providerId, clinicId: schedules[i]!.clinicId }));
      assert.deepEqual(orderSlots(schedules.slice(0, starts.length), starts, 30), naive);
    }), { numRuns: 500 });
  });
});
