import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findSlots, isSlotFree, mergeAnyProvider } from './engine.ts';
import { at, clock, query, schedule, times, weekly } from './fixtures.ts';

const DAY = '2026-12-01'; // a Tuesday in winter time (UTC+1)
const MORNING = ['08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00'];
const AFTERNOON = ['12:00', '12:30', '13:00', '13:30', '14:00', '14:30', '15:00', '15:30'];
const busy = (from: string, to: string, date = DAY) => ({ start: at(date, from), end: at(date, to) });

describe('working hours', () => {
  test('offers the grid within working hours, around the break', () => {
    const slots = findSlots([schedule()], query());
    assert.deepEqual(clock(slots), [...MORNING, ...AFTERNOON]);
    assert.deepEqual(slots[0], { start: at(DAY, '08:00'), end: at(DAY, '08:30'), providerId: 'kari', clinicId: 'sentrum' });
  });

  test('the grid starts at each open span, so it restarts after a break', () => {
    assert.deepEqual(clock(findSlots([schedule()], query({ stepMinutes: 45 }))), [
      '08:00', '08:45', '09:30', '10:15', '11:00', '12:00', '12:45', '13:30', '14:15', '15:00',
    ]);
  });

  test('a treatment that does not fit before the break or the end of the day is not offered', () => {
    const slots = findSlots([schedule()], query({ durationMinutes: 60 }));
    assert.deepEqual(clock(slots), ['08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '12:00', '12:30', '13:00', '13:30', '14:00', '14:30', '15:00']);
  });

  test('a whole-day closure empties the day and leaves the others', () => {
    const closed = schedule({ exceptions: [{ date: DAY, kind: 'closed' }] });
    assert.deepEqual(findSlots([closed], query()), []);
    const week = findSlots([closed], query({ from: '2026-11-30', to: '2026-12-02' }));
    assert.deepEqual([...new Set(times(week).map((time) => time.slice(0, 10)))], ['2026-11-30', '2026-12-02']);
  });

  test('a partial closure removes its hours and the grid restarts after it', () => {
    const closed = schedule({ exceptions: [{ date: DAY, kind: 'closed', startMinute: 480, endMinute: 550 }] });
    assert.deepEqual(clock(findSlots([closed], query())), ['09:10', '09:40', '10:10', '10:40', ...AFTERNOON]);
  });

  test('extra hours add to the day and join working hours they touch', () => {
    const extra = schedule({ exceptions: [{ date: DAY, kind: 'open', startMinute: 960, endMinute: 1080 }] });
    const slots = clock(findSlots([extra], query({ stepMinutes: 15, durationMinutes: 60 })));
    assert.ok(slots.includes('15:30'), 'straddles 16:00 into the extra hours');
    assert.equal(slots.at(-1), '17:00');
  });

  test('weekends are offered only when switched on', () => {
    const saturday = schedule({ workingHours: weekly([6], '10:00', '12:00'), exceptions: [{ date: '2026-12-06', kind: 'open', startMinute: 600, endMinute: 660 }] });
    const weekend = { from: '2026-12-05', to: '2026-12-06' };
    assert.deepEqual(findSlots([saturday], query(weekend)), []);
    assert.deepEqual(times(findSlots([saturday], query({ ...weekend, allowWeekends: true }))), [
      '2026-12-05 10:00', '2026-12-05 10:30', '2026-12-05 11:00', '2026-12-05 11:30', '2026-12-06 10:00', '2026-12-06 10:30',
    ]);
  });
});

describe('published slots', () => {
  const published = schedule({
    mode: 'published_slots',
    publishedSlots: [busy('09:00', '09:30'), busy('13:00', '14:00'), busy('10:00', '10:30', '2026-12-05')],
  });

  test('only published time is offered, minus breaks and closures', () => {
    assert.deepEqual(clock(findSlots([published], query())), ['09:00', '13:00', '13:30']);
    const lunch = { ...published, breaks: weekly([2], '13:00', '13:30') };
    assert.deepEqual(clock(findSlots([lunch], query())), ['09:00', '13:30']);
    const away = { ...published, exceptions: [{ date: DAY, kind: 'closed' as const }] };
    assert.deepEqual(findSlots([away], query()), []);
  });

  test('published weekend time still needs weekends switched on', () => {
    const weekend = { from: '2026-12-05', to: '2026-12-05' };
    assert.deepEqual(findSlots([published], query(weekend)), []);
    assert.deepEqual(clock(findSlots([published], query({ ...weekend, allowWeekends: true }))), ['10:00']);
  });
});

describe('notice and horizon', () => {
  test('nothing starts before now + minimum notice; the grid does not shift', () => {
    const now = at(DAY, '07:00');
    assert.equal(clock(findSlots([schedule()], query({ now, minNoticeMinutes: 120 })))[0], '09:00');
    assert.equal(clock(findSlots([schedule()], query({ now, minNoticeMinutes: 125 })))[0], '09:30');
  });

  test('nothing starts at or after now + horizon', () => {
    const now = at('2026-11-30', '08:00');
    const slots = times(findSlots([schedule()], query({ now, from: '2026-11-30', to: '2026-12-02', horizonDays: 1 })));
    assert.equal(slots.at(-1), '2026-11-30 15:30');
    const later = times(findSlots([schedule()], query({ now: now + 1, from: '2026-11-30', to: '2026-12-02', horizonDays: 1 })));
    assert.equal(later.at(-1), '2026-12-01 08:00');
  });
});

describe('busy time', () => {
  test('a slot touching an appointment is free, one overlapping it is not', () => {
    const booked = schedule({ busy: [busy('09:00', '09:30')] });
    assert.deepEqual(clock(findSlots([booked], query())).slice(0, 4), ['08:00', '08:30', '09:30', '10:00']);
    const quarter = clock(findSlots([booked], query({ stepMinutes: 15 })));
    assert.ok(quarter.includes('08:30') && !quarter.includes('08:45') && !quarter.includes('09:15') && quarter.includes('09:30'));
  });

  test('short, overlapping and unordered appointments all block', () => {
    const booked = schedule({ busy: [busy('14:00', '15:00'), busy('09:10', '09:20'), busy('14:30', '15:10'), busy('08:00', '08:00')] });
    const slots = clock(findSlots([booked], query()));
    assert.deepEqual(slots, ['08:00', '08:30', '09:30', '10:00', '10:30', '11:00', '12:00', '12:30', '13:00', '13:30', '15:30']);
  });
});

describe('several providers and clinics', () => {
  const kari = schedule({ busy: [busy('08:00', '08:30')] });
  const ola = schedule({ providerId: 'ola', busy: [busy('08:30', '09:00')] });

  test('sorted by start, then in the order the schedules were given', () => {
    const slots = findSlots([kari, ola], query()).slice(0, 4);
    assert.deepEqual(slots.map((slot) => [clock([slot])[0], slot.providerId]), [['08:00', 'ola'], ['08:30', 'kari'], ['09:00', 'kari'], ['09:00', 'ola']]);
  });

  test('"any provider" keeps one slot per start, from the first provider free then', () => {
    const merged = mergeAnyProvider(findSlots([kari, ola], query()));
    assert.deepEqual(clock(merged), [...MORNING, ...AFTERNOON]);
    assert.deepEqual(merged.slice(0, 3).map((slot) => slot.providerId), ['ola', 'kari', 'kari']);
  });

  test('"any clinic" across clinics and zones keeps each slot\'s clinic', () => {
    const bergen = schedule({ providerId: 'lars', clinicId: 'bryggen' });
    const london = schedule({ providerId: 'amy', clinicId: 'soho', timeZone: 'Europe/London' });
    const merged = mergeAnyProvider(findSlots([bergen, london], query({ durationMinutes: 60, stepMinutes: 60 })));
    assert.deepEqual(merged.slice(0, 3).map((slot) => [times([slot])[0], slot.clinicId]), [
      ['2026-12-01 08:00', 'bryggen'], ['2026-12-01 09:00', 'bryggen'], ['2026-12-01 10:00', 'bryggen'],
    ]);
    assert.deepEqual(times(merged.filter((slot) => slot.clinicId === 'soho'), 'Europe/London'), ['2026-12-01 10:00', '2026-12-01 15:00']);
  });

  test('a provider at two clinics is busy at both', () => {
    const appointment = busy('10:00', '10:30');
    const sentrum = schedule({ busy: [appointment] });
    const majorstuen = schedule({ clinicId: 'majorstuen', workingHours: weekly([2], '10:00', '11:00'), busy: [appointment] });
    assert.deepEqual(findSlots([sentrum, majorstuen], query()).filter((slot) => slot.start === appointment.start), []);
    assert.deepEqual(clock(findSlots([majorstuen], query())), ['10:30']);
  });
});

describe('isSlotFree', () => {
  const booked = schedule({ busy: [busy('09:00', '09:30')] });

  test('agrees with findSlots for offered, taken, off-grid and out-of-range starts', () => {
    assert.equal(isSlotFree(booked, at(DAY, '08:30'), query()), true);
    assert.equal(isSlotFree(booked, at(DAY, '09:00'), query()), false);
    assert.equal(isSlotFree(booked, at(DAY, '08:15'), query()), false);
    assert.equal(isSlotFree(booked, at(DAY, '11:30'), query()), false);
    assert.equal(isSlotFree(booked, at('2026-12-02', '08:30'), query()), false);
    assert.equal(isSlotFree(booked, at(DAY, '08:30'), query({ now: at(DAY, '08:00'), minNoticeMinutes: 60 })), false);
  });

  test('finds a published slot started the evening before', () => {
    const late = schedule({ mode: 'published_slots', publishedSlots: [{ start: at('2026-11-30', '23:30'), end: at(DAY, '01:00') }] });
    const q = query({ from: '2026-11-30', to: DAY });
    assert.deepEqual(times(findSlots([late], q)), ['2026-11-30 23:30', '2026-12-01 00:00', '2026-12-01 00:30']);
    assert.equal(isSlotFree(late, at(DAY, '00:30'), q), true);
  });

  test('a break late in the evening also splits a published slot for the next morning', () => {
    const late = schedule({
      mode: 'published_slots',
      breaks: weekly([1], '23:30', '24:00'),
      publishedSlots: [{ start: at('2026-11-30', '23:00'), end: at(DAY, '01:00') }],
    });
    assert.deepEqual(times(findSlots([late], query({ from: '2026-11-30', to: DAY, stepMinutes: 45 }))), ['2026-11-30 23:00', '2026-12-01 00:00']);
  });
});

describe('input checks', () => {
  test('rejects a non-positive step or duration and malformed dates', () => {
    assert.throws(() => findSlots([schedule()], query({ stepMinutes: 0 })), RangeError);
    assert.throws(() => findSlots([schedule()], query({ durationMinutes: 7.5 })), RangeError);
    assert.throws(() => findSlots([schedule()], query({ from: '2026-12-1' })), RangeError);
  });

  test('an empty range or no schedules gives no slots', () => {
    assert.deepEqual(findSlots([schedule()], query({ from: '2026-12-02', to: DAY })), []);
    assert.deepEqual(findSlots([], query()), []);
  });
});
