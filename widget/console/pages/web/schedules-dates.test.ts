import { assertEqual } from '../../../../test/browser/support/assert.ts';
import { daysInMonth, localDate, monthGrid, shiftMonth, zonedInstant } from './schedules-dates.ts';

describe('schedules dates (the clinic’s calendar, not the computer’s)', () => {
  it('wall-clock times in the clinic zone as instants, across both clock changes', () => {
    assertEqual(zonedInstant('2026-12-07', '09:00', 'Europe/Oslo'), '2026-12-07T08:00:00Z');
    assertEqual(zonedInstant('2026-07-01', '09:00', 'Europe/Oslo'), '2026-07-01T07:00:00Z');
    assertEqual(zonedInstant('2026-03-29', '03:00', 'Europe/Oslo'), '2026-03-29T01:00:00Z', 'the first hour after spring-forward');
    assertEqual(zonedInstant('2026-03-29', '02:30', 'Europe/Oslo'), '2026-03-29T01:30:00Z', 'a skipped time reads with the offset before it');
    assertEqual(zonedInstant('2026-10-25', '04:00', 'Europe/Oslo'), '2026-10-25T03:00:00Z', 'after fall-back');
    assertEqual(zonedInstant('2026-12-07', '24:00', 'Europe/Oslo'), '2026-12-07T23:00:00Z', '24:00 is the next midnight');
    assertEqual(zonedInstant('2026-12-07', '09:00', 'UTC'), '2026-12-07T09:00:00Z');
  });

  it('local dates in the zone', () => {
    assertEqual(localDate('2026-12-01T23:30:00Z', 'Europe/Oslo'), '2026-12-02');
    assertEqual(localDate('2026-12-01T23:30:00Z', 'America/New_York'), '2026-12-01');
  });

  it('months: shifting, lengths and the Monday-first grid', () => {
    assertEqual(shiftMonth('2026-12', 1), '2027-01');
    assertEqual(shiftMonth('2027-01', -1), '2026-12');
    assertEqual(shiftMonth('2026-05', -17), '2024-12');
    assertEqual(daysInMonth('2028-02'), 29);
    assertEqual(daysInMonth('2026-02'), 28);
    const december = monthGrid('2026-12');
    assertEqual(JSON.stringify(december[0]), JSON.stringify([undefined, '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']));
    assertEqual(december.length, 5);
    assertEqual(december.at(-1)!.filter(Boolean).at(-1), '2026-12-31');
    assertEqual(monthGrid('2027-02').length, 4, 'February 2027 starts on a Monday: four full weeks');
  });
});
