import { assertEqual } from '../../test/browser/support/assert.ts';
import { addDays, isoWeekday, localDateIn, mondayOf, slotsByDay, weekDays, weeksBetween } from './calendar.ts';
import { formatTime } from './format.ts';
import { resolveLocale } from './locale.ts';

describe('calendar', () => {
  it('local dates in the clinic zone, not the computer zone', () => {
    assertEqual(localDateIn(new Date('2026-12-01T23:30:00Z'), 'Europe/Oslo'), '2026-12-02');
    assertEqual(localDateIn(new Date('2026-12-01T23:30:00Z'), 'America/New_York'), '2026-12-01');
  });
  it('day arithmetic across month, year and DST changes', () => {
    assertEqual(addDays('2026-12-31', 1), '2027-01-01');
    assertEqual(addDays('2026-03-28', 2), '2026-03-30');
    assertEqual(addDays('2026-10-24', 7), '2026-10-31');
    assertEqual(addDays('2024-02-28', 1), '2024-02-29');
  });
  it('weeks start on Monday; five days, or seven with weekend booking (B6)', () => {
    assertEqual(isoWeekday('2026-12-06'), 7);
    assertEqual(mondayOf('2026-12-06'), '2026-11-30');
    assertEqual(mondayOf('2026-11-30'), '2026-11-30');
    assertEqual(weekDays('2026-11-30', false).length, 5);
    assertEqual(weekDays('2026-11-30', true)[6], '2026-12-06');
    assertEqual(weeksBetween('2026-11-30', '2026-12-14'), 2);
  });
  it('groups free times by the clinic-local day and drops weekends unless allowed', () => {
    const slot = (start: string) => ({ start, end: start, providerId: 'p', clinicId: 'c' });
    const slots = [slot('2026-12-05T09:00:00+01:00'), slot('2026-12-01T23:30:00Z'), slot('2026-12-01T08:00:00+01:00')];
    assertEqual([...slotsByDay(slots, 'Europe/Oslo', false).keys()], ['2026-12-01', '2026-12-02']);
    assertEqual([...slotsByDay(slots, 'Europe/Oslo', true).keys()], ['2026-12-01', '2026-12-02', '2026-12-05']);
  });
  it('formats times in the clinic zone', () => {
    assertEqual(formatTime('2026-12-01T07:00:00Z', 'nb', 'Europe/Oslo'), '08:00');
    assertEqual(formatTime('2026-07-01T07:00:00Z', 'sv', 'Europe/Stockholm'), '09:00');
  });
});

describe('resolveLocale', () => {
  it('attribute, then organization, then browser, then English', () => {
    assertEqual(resolveLocale('sv', 'nb', ['en']), 'sv');
    assertEqual(resolveLocale(null, 'nb', ['sv-SE']), 'nb');
    assertEqual(resolveLocale('xx', null, ['de', 'no']), 'nb');
    assertEqual(resolveLocale(undefined, undefined, ['de']), 'en');
  });
});
