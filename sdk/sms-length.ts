import type { SmsLength } from './schemas/messaging.ts';

/** The GSM 03.38 default alphabet (one unit each). */
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** The extension table: an escape plus the character, so two units each. */
const GSM7_EXTENSION = new Set('^{}\\[~]|€\f');

const LIMITS = { gsm7: { single: 160, part: 153 }, ucs2: { single: 70, part: 67 } } as const;

/**
 * How long an SMS is and how many parts it is sent in (W11), counted alike by
 * the server and by the console as staff type. GSM-7 when every
 * character is in the GSM alphabet (extension characters such as `€ [ ] { }`
 * count double), otherwise UCS-2 where characters outside the BMP (emoji)
 * take two units. A multi-part message is split the way phones split it: an
 * escape pair or a surrogate pair is never cut, so a part may carry less
 * than 153/67 units.
 *
 * @example
 * smsLength('Hei Åse, velkommen!'); // { encoding: 'gsm7', units: 19, characters: 19, parts: 1, remaining: 141 }
 * smsLength('Hei 😀').parts;        // 1 (ucs2, 6 units)
 */
export function smsLength(text: string): SmsLength {
  const chars = Array.from(text);
  const gsm = chars.every((c) => GSM7_BASIC.has(c) || GSM7_EXTENSION.has(c));
  const encoding = gsm ? 'gsm7' : 'ucs2';
  const sizes = chars.map((c) => (gsm ? (GSM7_EXTENSION.has(c) ? 2 : 1) : c.length));
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

/** True when every character of the text can be sent in GSM-7. */
export function isGsm7(text: string): boolean {
  return smsLength(text).encoding === 'gsm7';
}
