/**
 * How long an SMS is, counted in the browser as the server counts it
 * (`server/messaging/templates/sms-length.ts`, W11): GSM-7 when every
 * character is in the GSM 03.38 alphabet (extension characters count two),
 * otherwise UCS-2 (characters outside the BMP, emoji, count two). 160/153
 * units per part in GSM-7, 70/67 in UCS-2; an escape or surrogate pair is
 * never split across parts. `test/sms-length-agree.test.ts` checks both agree.
 *
 * @example
 * smsLength('a'.repeat(161)).parts; // 2
 * smsLength('Hei 😀').encoding;      // 'ucs2'
 */
export interface SmsLength { encoding: 'gsm7' | 'ucs2'; units: number; characters: number; parts: number; remaining: number }

const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM7_EXTENSION = new Set('^{}\\[~]|€\f');
const LIMITS = { gsm7: { single: 160, part: 153 }, ucs2: { single: 70, part: 67 } } as const;

export function smsLength(text: string): SmsLength {
  const chars = Array.from(text);
  const encoding = chars.every((c) => GSM7_BASIC.has(c) || GSM7_EXTENSION.has(c)) ? 'gsm7' : 'ucs2';
  const sizes = chars.map((c) => (encoding === 'gsm7' ? (GSM7_EXTENSION.has(c) ? 2 : 1) : c.length));
  const units = sizes.reduce((sum, size) => sum + size, 0);
  const limit = LIMITS[encoding];
  if (units <= limit.single) return { encoding, units, characters: chars.length, parts: units === 0 ? 0 : 1, remaining: limit.single - units };
  let parts = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > limit.part) {
      parts++;
      used = 0;
    }
    used += size;
  }
  return { encoding, units, characters: chars.length, parts, remaining: limit.part - used };
}
