/** What the widget can say of a mobile number; `undefined`: only the server can tell. */
export type MobileCheck = 'ok' | 'starts_with_00' | 'not_a_mobile_number' | undefined;

/**
 * Norwegian and Swedish mobile numbers, national significant part (libphonenumber's
 * mobile patterns for NO and SE; SJ shares +47 and its mobile pattern).
 */
const MOBILE: Record<string, RegExp> = {
  '47': /^(?:45(?:[0-24-9]\d|3[0-57-9])\d{4}|(?:4[016-8]|9\d)\d{6})$/,
  '46': /^7[023689]\d{7}$/,
};

/**
 * The widget's small stand-in for the server's mobile check
 * (`sdk/validation/phone.ts`, libphonenumber): judges Norwegian and Swedish
 * numbers, national (read in `country`) or written with `+47` / `+46`, and
 * leaves any other number, or one written in a way it does not read, to the
 * server (`undefined`), whose answer the form shows at the field. A node test
 * holds it to libphonenumber's answers.
 *
 * @example
 * checkMobile('912 34 567', 'NO');       // 'ok'
 * checkMobile('0046701234567', 'SE');    // 'starts_with_00'
 * checkMobile('22 22 22 22', 'NO');      // 'not_a_mobile_number' (a landline)
 * checkMobile('+44 7700 900123', 'NO');  // undefined: the server judges
 */
export function checkMobile(input: string, country: 'NO' | 'SE'): MobileCheck {
  const trimmed = input.trim();
  if (trimmed.startsWith('00')) return 'starts_with_00';
  if (!/^\+?\d[\d ().-]*$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  // `0 046…`: libphonenumber reads the 00 as the international prefix, of any country.
  if (digits.startsWith('00')) return undefined;
  const national = (code: string, rest: string) => (code === '46' ? rest.replace(/^0/, '') : rest);
  if (trimmed.startsWith('+')) {
    const code = Object.keys(MOBILE).find((prefix) => digits.startsWith(prefix));
    if (!code) return undefined;
    return MOBILE[code]!.test(national(code, digits.slice(2))) ? 'ok' : 'not_a_mobile_number';
  }
  const code = country === 'SE' ? '46' : '47';
  // A national number may also be written with the country code but no `+`.
  const ok = MOBILE[code]!.test(national(code, digits)) || (digits.startsWith(code) && MOBILE[code]!.test(national(code, digits.slice(2))));
  return ok ? 'ok' : 'not_a_mobile_number';
}
