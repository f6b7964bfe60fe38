import { assert, assertEqual } from '../../../../test/browser/support/assert.ts';
import { addDays, formatDateTime, formatLocalDate, isPersonalQuery, localDateIn } from './patient-format.ts';

// The browser runs in America/New_York: every date here must come out in the clinic's zone.
describe('patient-format', () => {
  it('a national id, phone number or e-mail is personal; a name is not', () => {
    for (const q of ['13097248022', '130972 48022', '912 34 567', '+4791234567', 'kari@example.no', '19361211-0402']) assert(isPersonalQuery(q), q);
    for (const q of ['Nilsen', 'Kari Nilsen', 'Øyvind Åsen', 'O\'Brien', '']) assert(!isPersonalQuery(q), q);
  });

  it('the book\'s day of an instant is the clinic\'s, whatever the computer\'s zone', () => {
    assertEqual(localDateIn('2026-12-06T23:30:00Z', 'Europe/Oslo'), '2026-12-07');
    assertEqual(localDateIn('2026-12-06T22:59:00Z', 'Europe/Oslo'), '2026-12-06');
    assertEqual(localDateIn('2026-03-29T00:30:00Z', 'Europe/Oslo'), '2026-03-29');
  });

  it('adds days across months, years and DST changes', () => {
    assertEqual(addDays('2026-12-20', 30), '2027-01-19');
    assertEqual(addDays('2026-03-28', 1), '2026-03-29');
    assertEqual(addDays('2028-02-28', 1), '2028-02-29');
  });

  it('formats in the given zone and language', () => {
    assert(formatDateTime('2026-12-06T22:30:00.000Z', 'Europe/Oslo', 'en').includes('23:30'), 'Oslo time');
    assertEqual(formatLocalDate('2027-01-15', 'en'), '15 Jan 2027');
    assertEqual(formatLocalDate('not a date', 'en'), 'not a date');
  });
});
