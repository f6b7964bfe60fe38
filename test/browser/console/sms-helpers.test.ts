import { addDays, formatTime, todayIn, wallTimeToInstant } from '../../../widget/console/pages/sms/sms-time.ts';
import { assertEqual } from './support/console-harness.ts';

describe('console: sms times are the clinic’s (the browser is in New York)', () => {
  it('a wall time in Oslo is sent with Oslo’s offset, summer and winter', () => {
    assertEqual(wallTimeToInstant('2026-12-08T09:30', 'Europe/Oslo'), '2026-12-08T09:30:00+01:00');
    assertEqual(wallTimeToInstant('2026-07-01T09:30', 'Europe/Oslo'), '2026-07-01T09:30:00+02:00');
    assertEqual(wallTimeToInstant('2026-03-29T12:00', 'Europe/Oslo'), '2026-03-29T12:00:00+02:00', 'the day summer time starts');
    assertEqual(wallTimeToInstant('2026-10-25T12:00', 'Europe/Oslo'), '2026-10-25T12:00:00+01:00', 'the day it ends');
    assertEqual(wallTimeToInstant('2026-12-08T09:30', 'America/Sao_Paulo'), '2026-12-08T09:30:00-03:00');
    assertEqual(wallTimeToInstant('09:30', 'Europe/Oslo'), undefined);
  });

  it('today and times shown in the zone', () => {
    assertEqual(todayIn('Europe/Oslo', new Date('2026-11-30T23:30:00Z')), '2026-12-01', 'already tomorrow in Oslo');
    assertEqual(formatTime('2026-12-08T08:30:00Z', 'Europe/Oslo', 'nb'), '08.12.2026, 09:30');
    assertEqual(formatTime(null, 'Europe/Oslo', 'nb'), '');
    assertEqual(addDays('2026-12-31', 1), '2027-01-01');
    assertEqual(addDays('2026-03-01', -1), '2026-02-28');
  });
});
