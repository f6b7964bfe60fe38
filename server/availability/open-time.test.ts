import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { findSlots } from './engine.ts';
import { at, query, schedule, weekly } from './fixtures.ts';
import { withinOpenTime } from './open-time.ts';
import type { IsoWeekday } from './types.ts';

// withinOpenTime is how staff learn which appointments a schedule change
// strands (issue 9.3): it must read the rules exactly as the slot search does.

const range = (date: string, from: string, to: string) => ({ start: at(date, from), end: at(date, to) });

describe('withinOpenTime', () => {
  test('hours minus breaks, closed days and parts, extra hours', () => {
    const inside = withinOpenTime(schedule({
      exceptions: [{ date: '2026-12-08', kind: 'closed' }, { date: '2026-12-09', kind: 'closed', startMinute: 780 }, { date: '2026-12-12', kind: 'open', startMinute: 600, endMinute: 720 }],
    }));
    assert.equal(inside(range('2026-12-07', '09:00', '09:30')), true);
    assert.equal(inside(range('2026-12-07', '11:15', '11:45')), false, 'runs into the break');
    assert.equal(inside(range('2026-12-07', '15:30', '16:00')), true, 'ends at closing');
    assert.equal(inside(range('2026-12-07', '15:45', '16:15')), false);
    assert.equal(inside(range('2026-12-08', '09:00', '09:30')), false, 'closed day');
    assert.equal(inside(range('2026-12-09', '12:30', '13:00')), true);
    assert.equal(inside(range('2026-12-09', '13:00', '13:30')), false, 'closed from 13:00');
    assert.equal(inside(range('2026-12-12', '10:00', '12:00')), true, 'extra hours on a Saturday');
    assert.equal(inside(range('2026-12-13', '10:00', '10:30')), false, 'Sunday');
  });

  test('published slots mode: only the published slots, minus breaks', () => {
    const inside = withinOpenTime(schedule({ mode: 'published_slots', publishedSlots: [range('2026-12-07', '11:00', '13:00')] }));
    assert.equal(inside(range('2026-12-07', '11:00', '11:30')), true);
    assert.equal(inside(range('2026-12-07', '11:30', '12:00')), false, 'the break cuts the slot');
    assert.equal(inside(range('2026-12-07', '09:00', '09:30')), false, 'working hours do not count');
  });

  test('a span across the skipped hour starts when the clock reaches it', () => {
    const inside = withinOpenTime(schedule({ workingHours: weekly([7], '02:30', '04:00'), breaks: [] }));
    assert.equal(inside(range('2027-03-28', '03:00', '03:30')), true);
    assert.equal(inside({ start: at('2027-03-28', '03:00') - 30, end: at('2027-03-28', '03:00') }), false, 'half an hour earlier the clock read 01:30: outside');
    assert.equal(inside(range('2027-03-21', '02:30', '03:00')), true);
  });

  test('every slot the engine offers lies in open time', () => {
    const dates = ['2026-10-24', '2026-10-25', '2026-10-26', '2027-03-27', '2027-03-28', '2027-03-29'];
    const minute = fc.integer({ min: 0, max: 96 }).map((q) => q * 15);
    const span = fc.tuple(fc.integer({ min: 1, max: 7 }), minute, minute).filter(([, s, e]) => s < e);
    fc.assert(fc.property(
      fc.array(span, { maxLength: 8 }), fc.array(span, { maxLength: 4 }),
      fc.array(fc.tuple(fc.constantFrom(...dates), fc.constantFrom('closed' as const, 'open' as const), minute, minute).filter(([, , s, e]) => s < e), { maxLength: 3 }),
      fc.integer({ min: 1, max: 12 }).map((n) => n * 15),
      (hours, breaks, exceptions, duration) => {
        const rules = schedule({
          workingHours: hours.map(([weekday, startMinute, endMinute]) => ({ weekday: weekday as IsoWeekday, startMinute, endMinute })),
          breaks: breaks.map(([weekday, startMinute, endMinute]) => ({ weekday: weekday as IsoWeekday, startMinute, endMinute })),
          exceptions: exceptions.map(([date, kind, startMinute, endMinute]) => ({ date, kind, startMinute, endMinute })),
        });
        const inside = withinOpenTime(rules);
        for (const [from, to] of [['2026-10-24', '2026-10-26'], ['2027-03-27', '2027-03-29']] as const) {
          const slots = findSlots([rules], query({ from, to, durationMinutes: duration, stepMinutes: 15, allowWeekends: true, now: at('2026-01-01', '00:00'), horizonDays: 730 }));
          for (const slot of slots) assert.ok(inside(slot), `${slot.start}`);
        }
      },
    ), { numRuns: 200 });
  });
});
