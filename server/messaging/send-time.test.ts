import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatInstant, toInstant } from '../availability/time-zone.ts';
import { isPaused, reminderSendAt, resumesAt, retryDelayMs, thanksSendAt } from './send-time.ts';

const OSLO = 'Europe/Oslo';
const at = (date: string, hhmm: string) => toInstant(date, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)), OSLO)!;
const show = (instant: number | null) => (instant === null ? null : formatInstant(instant, OSLO));
const night = { night: true, nightFrom: '22:00', nightTo: '07:00', saturdays: false, sundays: false };

test('hours before the appointment (S5), as in seed 000: 70, 22 and 1 hours', () => {
  const start = at('2009-12-09', '12:45');
  assert.equal(show(reminderSendAt(start, 70, [], OSLO)), '2009-12-06T14:45:00+01:00');
  assert.equal(show(reminderSendAt(start, 22, [], OSLO)), '2009-12-08T14:45:00+01:00');
  assert.equal(show(reminderSendAt(start, 1, [], OSLO)), '2009-12-09T11:45:00+01:00');
  assert.equal(show(thanksSendAt(at('2009-12-09', '12:45'), 3, [], OSLO)), '2009-12-09T15:45:00+01:00');
});

test('a send time on a no-send weekday moves to the same time a day earlier, past several marked days (S6)', () => {
  const monday = at('2026-12-07', '10:00');
  assert.equal(show(reminderSendAt(monday, 22, [7], OSLO)), '2026-12-05T12:00:00+01:00');
  assert.equal(show(reminderSendAt(monday, 22, [6, 7], OSLO)), '2026-12-04T12:00:00+01:00');
  assert.equal(reminderSendAt(monday, 22, [1, 2, 3, 4, 5, 6, 7], OSLO), null);
  // Thanks never moves before the visit: it moves later.
  assert.equal(show(thanksSendAt(at('2026-12-05', '10:00'), 3, [6], OSLO)), '2026-12-06T13:00:00+01:00');
});

test('DST: hours count real time; a moved reminder keeps its wall-clock time', () => {
  // Sunday 2026-03-29 02:00 the clocks go forward. 22 h before Monday 10:00 CEST is Sunday 12:00 CEST (the lost hour is not counted twice).
  assert.equal(show(reminderSendAt(at('2026-03-30', '10:00'), 22, [], OSLO)), '2026-03-29T12:00:00+02:00');
  // Skip Sunday: Saturday 12:00, now in winter time.
  assert.equal(show(reminderSendAt(at('2026-03-30', '10:00'), 22, [7], OSLO)), '2026-03-28T12:00:00+01:00');
  // Autumn: 2026-10-25 03:00 → 02:00. 24 h before Monday 09:00 CET is Sunday 09:00 CET.
  assert.equal(show(reminderSendAt(at('2026-10-26', '09:00'), 24, [], OSLO)), '2026-10-25T09:00:00+01:00');
});

test('quiet hours: night across midnight, Saturdays, Sundays (S6, S15)', () => {
  assert.equal(isPaused(at('2026-12-01', '21:59'), night, OSLO), false);
  assert.equal(isPaused(at('2026-12-01', '22:00'), night, OSLO), true);
  assert.equal(isPaused(at('2026-12-02', '06:59'), night, OSLO), true);
  assert.equal(isPaused(at('2026-12-02', '07:00'), night, OSLO), false);
  assert.equal(isPaused(at('2026-12-05', '12:00'), { ...night, saturdays: true }, OSLO), true);
  assert.equal(isPaused(at('2026-12-06', '12:00'), { ...night, saturdays: true }, OSLO), false);
  assert.equal(isPaused(at('2026-12-06', '12:00'), { ...night, sundays: true }, OSLO), true);
  assert.equal(isPaused(at('2026-12-01', '23:00'), { ...night, night: false }, OSLO), false);
  assert.equal(show(resumesAt(at('2026-12-01', '23:10'), night, OSLO)), '2026-12-02T07:00:00+01:00');
  assert.equal(show(resumesAt(at('2026-12-04', '23:10'), { ...night, saturdays: true, sundays: true }, OSLO)), '2026-12-07T07:00:00+01:00');
  // Across the spring-forward night the pause still ends at 07:00 local.
  assert.equal(show(resumesAt(at('2026-03-28', '23:00'), night, OSLO)), '2026-03-29T07:00:00+02:00');
});

test('retry back-off grows, is capped at an hour and jitters within the upper half', () => {
  assert.equal(retryDelayMs(1, () => 0), 15_000);
  assert.equal(retryDelayMs(1, () => 1), 30_000);
  assert.equal(retryDelayMs(3, () => 1), 120_000);
  assert.equal(retryDelayMs(20, () => 1), 3_600_000);
});
