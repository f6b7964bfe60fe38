import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  eachLocalDate, formatInstant, formatLocalDate, isoWeekdayOf, localDateOf, offsetAt, parseLocalDate,
  steadyOffset, toInstant, toLocal, wallSpanToInstants, wallToInstant,
} from './time-zone.ts';

const minute = (iso: string): number => Date.parse(iso) / 60_000;
const ZONES = ['Europe/Oslo', 'Europe/Stockholm', 'UTC', 'America/New_York', 'America/St_Johns', 'Asia/Kolkata', 'Australia/Sydney', 'America/Santiago', 'Pacific/Chatham'];

/** The offset as Intl reports it, independently of the module under test. */
function intlOffset(instant: number, zone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(instant * 60_000).find((part) => part.type === 'timeZoneName')!.value;
  const match = /GMT(?:([+-])(\d\d):(\d\d))?/.exec(name)!;
  return match[1] === undefined ? 0 : (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

describe('local dates', () => {
  test('parse and format round-trip, weekdays follow the calendar', () => {
    assert.equal(parseLocalDate('1970-01-01'), 0);
    assert.equal(formatLocalDate(parseLocalDate('2026-03-29')), '2026-03-29');
    assert.equal(isoWeekdayOf(parseLocalDate('2026-03-29')), 7);
    assert.equal(isoWeekdayOf(parseLocalDate('2026-03-30')), 1);
    assert.equal(isoWeekdayOf(parseLocalDate('1969-12-31')), 3);
  });

  test('rejects what is not a calendar date', () => {
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-01', '2026-01-01T00:00', '', 'tomorrow']) {
      assert.throws(() => parseLocalDate(bad), RangeError, bad);
    }
    assert.equal(formatLocalDate(parseLocalDate('2028-02-29')), '2028-02-29');
  });

  test('iterates inclusive ranges across month and year ends', () => {
    assert.deepEqual([...eachLocalDate('2026-12-30', '2027-01-02')], ['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    assert.deepEqual([...eachLocalDate('2026-03-02', '2026-03-01')], []);
  });

  test('formatLocalDate and isoWeekdayOf agree with Date for any day', () => {
    fc.assert(fc.property(fc.integer({ min: -200_000, max: 200_000 }), (day) => {
      const date = new Date(day * 86_400_000);
      assert.equal(formatLocalDate(day), date.toISOString().slice(0, 10));
      assert.equal(isoWeekdayOf(day), date.getUTCDay() === 0 ? 7 : date.getUTCDay());
    }), { numRuns: 500 });
  });
});

describe('offsets and instants', () => {
  test('Oslo and Stockholm: UTC+1 in winter, UTC+2 in summer, changing at 01:00Z', () => {
    for (const zone of ['Europe/Oslo', 'Europe/Stockholm']) {
      assert.equal(offsetAt(minute('2026-03-29T00:59Z'), zone), 60);
      assert.equal(offsetAt(minute('2026-03-29T01:00Z'), zone), 120);
      assert.equal(offsetAt(minute('2026-10-25T00:59Z'), zone), 120);
      assert.equal(offsetAt(minute('2026-10-25T01:00Z'), zone), 60);
    }
  });

  test('a skipped wall-clock time has no instant; a repeated one gives the earlier', () => {
    assert.equal(toInstant('2026-03-29', 150, 'Europe/Oslo'), null);
    assert.equal(toInstant('2026-03-29', 120, 'Europe/Stockholm'), null);
    assert.equal(toInstant('2026-03-29', 180, 'Europe/Oslo'), minute('2026-03-29T01:00Z'));
    assert.equal(toInstant('2026-03-29', 119, 'Europe/Oslo'), minute('2026-03-29T00:59Z'));
    assert.equal(toInstant('2026-10-25', 150, 'Europe/Oslo'), minute('2026-10-25T00:30Z'));
    assert.equal(toInstant('2026-10-25', 180, 'Europe/Stockholm'), minute('2026-10-25T02:00Z'));
    assert.equal(toInstant('2026-12-01', 1440, 'Europe/Oslo'), toInstant('2026-12-02', 0, 'Europe/Oslo'));
  });

  test('converts instants to local date, minute and weekday', () => {
    assert.deepEqual(toLocal(minute('2026-12-01T07:00Z'), 'Europe/Oslo'), { date: '2026-12-01', minute: 480, weekday: 2 });
    assert.deepEqual(toLocal(minute('2026-06-30T22:30Z'), 'Europe/Oslo'), { date: '2026-07-01', minute: 30, weekday: 3 });
    assert.equal(localDateOf(minute('2026-06-30T22:30Z'), 'UTC'), '2026-06-30');
    assert.equal(localDateOf(minute('2026-06-30T22:30Z'), 'America/New_York'), '2026-06-30');
  });

  test('formats ISO 8601 with the offset in force', () => {
    assert.equal(formatInstant(minute('2026-12-01T07:00Z'), 'Europe/Oslo'), '2026-12-01T08:00:00+01:00');
    assert.equal(formatInstant(minute('2026-07-01T07:00Z'), 'Europe/Stockholm'), '2026-07-01T09:00:00+02:00');
    assert.equal(formatInstant(minute('2026-12-01T07:00Z'), 'America/St_Johns'), '2026-12-01T03:30:00-03:30');
    assert.equal(formatInstant(minute('2026-12-01T07:00Z'), 'UTC'), '2026-12-01T07:00:00+00:00');
    assert.equal(formatInstant(minute('2026-10-25T00:30Z'), 'Europe/Oslo'), '2026-10-25T02:30:00+02:00');
    assert.equal(formatInstant(minute('2026-10-25T01:30Z'), 'Europe/Oslo'), '2026-10-25T02:30:00+01:00');
  });

  test('steadyOffset is null exactly when a change falls in the range', () => {
    assert.equal(steadyOffset(minute('2026-03-27T00:00Z'), minute('2026-03-29T00:59Z'), 'Europe/Oslo'), 60);
    assert.equal(steadyOffset(minute('2026-03-27T00:00Z'), minute('2026-03-29T01:00Z'), 'Europe/Oslo'), null);
    assert.equal(steadyOffset(minute('2026-12-31T00:00Z'), minute('2027-01-02T00:00Z'), 'Europe/Oslo'), 60);
  });

  test('a wall span covers the instants whose reading lies in it', () => {
    const spring = parseLocalDate('2026-03-29') * 1440;
    const fall = parseLocalDate('2026-10-25') * 1440;
    assert.deepEqual(wallSpanToInstants(spring, spring + 360, 'Europe/Oslo'), [minute('2026-03-28T23:00Z'), minute('2026-03-29T04:00Z')]);
    assert.deepEqual(wallSpanToInstants(spring + 120, spring + 180, 'Europe/Oslo'), []);
    assert.deepEqual(wallSpanToInstants(fall, fall + 360, 'Europe/Oslo'), [minute('2026-10-24T22:00Z'), minute('2026-10-25T05:00Z')]);
    // 02:00–02:30 happens twice that night.
    assert.deepEqual(wallSpanToInstants(fall + 120, fall + 150, 'Europe/Oslo'), [
      minute('2026-10-25T00:00Z'), minute('2026-10-25T00:30Z'), minute('2026-10-25T01:00Z'), minute('2026-10-25T01:30Z'),
    ]);
  });

  test('rejects unknown zones', () => {
    assert.throws(() => offsetAt(0, 'Europe/Atlantis'), RangeError);
  });
});

describe('agreement with Intl (property)', () => {
  const instant = fc.integer({ min: minute('1990-01-01T00:00Z'), max: minute('2040-01-01T00:00Z') });
  const zone = fc.constantFrom(...ZONES);

  test('offsetAt and formatInstant match Intl at any instant', () => {
    fc.assert(fc.property(instant, zone, (t, z) => {
      assert.equal(offsetAt(t, z), intlOffset(t, z));
      assert.equal(Date.parse(formatInstant(t, z)) / 60_000, t);
    }), { numRuns: 2000 });
  });

  test('toInstant inverts toLocal, choosing the earlier of repeated readings', () => {
    fc.assert(fc.property(instant, zone, (t, z) => {
      const local = toLocal(t, z);
      const back = toInstant(local.date, local.minute, z);
      assert.notEqual(back, null);
      assert.ok(back! <= t);
      assert.deepEqual(toLocal(back!, z), local);
      // Only a reading the clock shows twice maps back to an earlier instant.
      if (back !== t) assert.ok(t - back! <= 120);
    }), { numRuns: 2000 });
  });

  test('wallToInstant is null only for readings no instant shows', () => {
    fc.assert(fc.property(instant, zone, fc.integer({ min: -180, max: 180 }), (t, z, shift) => {
      const wall = t + offsetAt(t, z) + shift;
      const found = wallToInstant(wall, z);
      let shown = false;
      for (let u = wall - 1500; u <= wall + 1500 && !shown; u++) shown = u + offsetAt(u, z) === wall;
      assert.equal(found !== null, shown);
      if (found !== null) assert.equal(found + offsetAt(found, z), wall);
    }), { numRuns: 300 });
  });
});
