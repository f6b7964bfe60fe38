import { smsLength as serverCount } from '../../../server/messaging/templates/sms-length.ts';
import { smsLength } from '../../../widget/console/pages/sms/sms-length.ts';
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
