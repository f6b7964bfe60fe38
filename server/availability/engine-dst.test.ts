import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findSlots, isSlotFree } from './engine.ts';
import { query, schedule, weekly } from './fixtures.ts';
import type { Slot } from './types.ts';

/**
 * Clock changes in 2026 for Norway and Sweden: spring forward on Sunday
 * 29 March (02:00 → 03:00, at 01:00Z), fall back on Sunday 25 October
 * (03:00 → 02:00, at 01:00Z). Oslo and Stockholm are UTC+1 in winter and
 * UTC+2 in summer. Wall-clock readings are checked with Intl directly, not
 * with the module under test.
 */
const ZONES = ['Europe/Oslo', 'Europe/Stockholm'] as const;
const minute = (iso: string): number => Date.parse(iso) / 60_000;
const NOW = minute('2026-01-01T00:00Z');

function wallClock(instant: number, zone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).format(instant * 60_000);
}

/** Sunday night shifts, 00:00–06:00, on a 30-minute grid. */
function night(zone: string, date: string): Slot[] {
  const nights = schedule({ timeZone: zone, workingHours: weekly([7], '00:00', '06:00'), breaks: [] });
  return findSlots([nights], query({ now: NOW, from: date, to: date, allowWeekends: true }));
}

function assertOnGridOnce(slots: readonly Slot[], zone: string): string[] {
  const readings = slots.map((slot) => wallClock(slot.start, zone));
  assert.equal(new Set(readings).size, readings.length, `a wall-clock time twice: ${readings}`);
  for (const reading of readings) assert.match(reading, /[0-9]{2}:[03]0$/);
  for (const slot of slots) assert.equal(slot.end - slot.start, 30);
  return readings.map((reading) => reading.slice(-5));
}

describe('spring forward, 2026-03-29', () => {
  for (const zone of ZONES) {
    test(`${zone}: no slot in the skipped hour, every other half hour once`, () => {
      const slots = night(zone, '2026-03-29');
      assert.deepEqual(assertOnGridOnce(slots, zone), ['00:00', '00:30', '01:00', '01:30', '03:00', '03:30', '04:00', '04:30', '05:00', '05:30']);
      assert.equal(slots[3]!.start, minute('2026-03-29T00:30Z'));
      assert.equal(slots[4]!.start, minute('2026-03-29T01:00Z'));
    });
  }

  test('an hour-long treatment may span the jump, since it lasts an hour of real time', () => {
    const nights = schedule({ workingHours: weekly([7], '01:00', '04:00'), breaks: [] });
    const slots = findSlots([nights], query({ now: NOW, from: '2026-03-29', to: '2026-03-29', durationMinutes: 60, allowWeekends: true }));
    assert.deepEqual(slots.map((slot) => wallClock(slot.start, 'Europe/Oslo').slice(-5)), ['01:00', '01:30', '03:00']);
  });
});

describe('fall back, 2026-10-25', () => {
  for (const zone of ZONES) {
    test(`${zone}: each wall-clock time once, the repeated hour at its first pass`, () => {
      const slots = night(zone, '2026-10-25');
      assert.deepEqual(assertOnGridOnce(slots, zone), [
        '00:00', '00:30', '01:00', '01:30', '02:00', '02:30', '03:00', '03:30', '04:00', '04:30', '05:00', '05:30',
      ]);
      assert.equal(slots[4]!.start, minute('2026-10-25T00:00Z'));
      assert.equal(slots[5]!.start, minute('2026-10-25T00:30Z'));
      assert.equal(slots[6]!.start, minute('2026-10-25T02:00Z'));
    });
  }

  test('a break in the repeated hour covers both passes', () => {
    const nights = schedule({ workingHours: weekly([7], '00:00', '06:00'), breaks: weekly([7], '02:00', '02:30') });
    const slots = findSlots([nights], query({ now: NOW, from: '2026-10-25', to: '2026-10-25', durationMinutes: 60, allowWeekends: true }));
    const starts = slots.map((slot) => slot.start);
    assert.ok(!starts.some((start) => start < minute('2026-10-25T01:30Z') && start + 60 > minute('2026-10-25T01:00Z')));
    assert.ok(!starts.some((start) => start < minute('2026-10-25T00:30Z') && start + 60 > minute('2026-10-25T00:00Z')));
    assert.equal(starts.includes(minute('2026-10-25T00:30Z')), false, 'its hour would run into the second 02:00–02:30');
  });
});

describe('daytime hours around the changes', () => {
  const cases = [
    { date: '2026-03-27', utc: '2026-03-27T07:00Z', label: 'the Friday before spring forward (UTC+1)' },
    { date: '2026-03-30', utc: '2026-03-30T06:00Z', label: 'the Monday after spring forward (UTC+2)' },
    { date: '2026-10-23', utc: '2026-10-23T06:00Z', label: 'the Friday before fall back (UTC+2)' },
    { date: '2026-10-26', utc: '2026-10-26T07:00Z', label: 'the Monday after fall back (UTC+1)' },
  ];
  for (const zone of ZONES) {
    for (const { date, utc, label } of cases) {
      test(`${zone}: 08:00 local is ${utc.slice(11)} on ${label}`, () => {
        const slots = findSlots([schedule({ timeZone: zone })], query({ now: NOW, from: date, to: date }));
        assert.equal(slots[0]!.start, minute(utc));
        assert.equal(slots.length, 15);
        assertOnGridOnce(slots, zone);
      });
    }
  }

  test('a week across the change keeps the same timetable every working day', () => {
    const slots = findSlots([schedule()], query({ now: NOW, from: '2026-10-19', to: '2026-10-30' }));
    const byDay = new Map<string, string[]>();
    for (const slot of slots) {
      const reading = wallClock(slot.start, 'Europe/Oslo');
      byDay.set(reading.slice(0, 10), [...(byDay.get(reading.slice(0, 10)) ?? []), reading.slice(-5)]);
    }
    assert.equal(byDay.size, 10);
    for (const day of byDay.values()) assert.deepEqual(day, byDay.get('2026-10-19'));
  });

  test('isSlotFree agrees on the change nights', () => {
    for (const date of ['2026-03-29', '2026-10-25']) {
      const nights = schedule({ workingHours: weekly([7], '00:00', '06:00'), breaks: [] });
      const q = query({ now: NOW, from: date, to: date, allowWeekends: true });
      const offered = new Set(findSlots([nights], q).map((slot) => slot.start));
      const midnight = minute(`${date}T00:00Z`) - 180;
      for (let start = midnight; start < midnight + 600; start += 15) {
        assert.equal(isSlotFree(nights, start, q), offered.has(start), `${date} ${new Date(start * 60_000).toISOString()}`);
      }
    }
  });
});
