import { smsLength as serverCount } from '../../../server/messaging/templates/sms-length.ts';
import { smsLength } from '../../../widget/console/pages/sms/sms-length.ts';
import { addDays, formatTime, todayIn, wallTimeToInstant } from '../../../widget/console/pages/sms/sms-time.ts';
import { assertEqual } from './support/console-harness.ts';

// The console counts SMS parts as the text is typed; it must agree with the server's own count (W11).
describe('console: sms part count agrees with the server', () => {
  it('on the edges: 160 vs 161 GSM-7, one emoji makes UCS-2 (70/67), extension characters count two', () => {
    assertEqual(smsLength('a'.repeat(160)).parts, 1);
    assertEqual(smsLength('a'.repeat(161)).parts, 2);
    assertEqual(smsLength('Hei 😀').encoding, 'ucs2');
    assertEqual(smsLength('ł'.repeat(70)).parts, 1);
    assertEqual(smsLength('ł'.repeat(71)).parts, 2);
    assertEqual(smsLength('€').units, 2);
    assertEqual(smsLength('Hei Åse, Ærlig Østby æøå').encoding, 'gsm7');
  });

  it('on many strings', () => {
    const alphabet = ['a', 'Z', ' ', 'å', 'Ø', 'é', '€', '[', '\n', '😀', 'ł', 'ö', '{', 'ß', '~', 'ç', 'Ç', '\u00a0', 'ñ', '1', '£'];
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 3000; i++) {
      const length = Math.floor(random() * 420);
      const pool = random() < 0.5 ? alphabet.slice(0, 9) : alphabet;
      let text = '';
      for (let j = 0; j < length; j++) text += pool[Math.floor(random() * pool.length)];
      assertEqual(JSON.stringify(smsLength(text)), JSON.stringify(serverCount(text)), `count of ${JSON.stringify(text)}`);
    }
  });
});

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
