import { NORDIC_MOBILES } from './nordic-mobiles.ts';

/** What the widget can say of a mobile number: a mobile's country, refused (`foreign_number`) or not, or why it is no mobile; `undefined`: only the server can tell. */
export type MobileCheck = { country: string; problem?: 'foreign_number' } | { problem: 'starts_with_00' | 'not_a_mobile_number' } | undefined;

type Row = (typeof NORDIC_MOBILES)[number];

/** The country of a mobile with this calling code's row and national number (its national prefix allowed), else undefined. */
function mobileCountry([, prefix, pattern, countries]: Row, national: string): string | undefined {
  const number = prefix && national.startsWith(prefix) ? national.slice(prefix.length) : national;
  return new RegExp(`^(?:${pattern})$`).test(number) ? countries[0] : undefined;
}

/**
 * The widget's small stand-in for the server's check of a mobile number as
 * an SMS recipient (`server/messaging/sms-recipient.ts`, libphonenumber):
 * judges Nordic numbers ({@link NORDIC_MOBILES}), national (read in
 * `country`, the organization's) or written with their country code, and
 * refuses a mobile of a country outside `accepted` (empty: any) as the
 * server does (`foreign_number`). Any other number, or one written in a way
 * it does not read, is left to the server (`undefined`), whose answer the
 * form shows at the field. A node test holds it to libphonenumber's answers.
 *
 * @example
 * checkMobile('912 34 567', 'NO');                // { country: 'NO' }
 * checkMobile('+46 70 123 45 67', 'NO', ['NO']);  // { country: 'SE', problem: 'foreign_number' }
 * checkMobile('0046701234567', 'SE');             // { problem: 'starts_with_00' }
 * checkMobile('22 22 22 22', 'NO');               // { problem: 'not_a_mobile_number' } (a landline)
 * checkMobile('+44 7700 900123', 'NO');           // undefined: the server judges
 */
export function checkMobile(input: string, country: 'NO' | 'SE', accepted: readonly string[] = []): MobileCheck {
  const trimmed = input.trim();
  if (trimmed.startsWith('00')) return { problem: 'starts_with_00' };
  if (!/^\+?\d[\d ().-]*$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  // `0 046…`: libphonenumber reads the 00 as the international prefix, of any country.
  if (digits.startsWith('00')) return undefined;
  let mobile: string | undefined;
  if (trimmed.startsWith('+')) {
    const row = NORDIC_MOBILES.find(([code]) => digits.startsWith(code));
    if (!row) return undefined;
    mobile = mobileCountry(row, digits.slice(row[0].length));
  } else {
    const row = NORDIC_MOBILES.find(([, , , countries]) => countries[0] === country)!;
    // A national number may also be written with the country code but no `+`.
    mobile = mobileCountry(row, digits) ?? (digits.startsWith(row[0]) ? mobileCountry(row, digits.slice(row[0].length)) : undefined);
  }
  if (!mobile) return { problem: 'not_a_mobile_number' };
  return accepted.length === 0 || accepted.includes(mobile) ? { country: mobile } : { country: mobile, problem: 'foreign_number' };
}
