import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/mobile';

/** Why a mobile number was refused. */
export type MobileProblem = 'starts_with_00' | 'not_a_mobile_number';

/**
 * Validates a mobile number and returns it in E.164 (S7), with the country it
 * belongs to (undefined for a number shared by several). A national number is
 * read in `defaultCountry`; a number starting with `00` is refused (write the
 * country code with `+`), as is any number that is not a mobile number.
 *
 * @example
 * parseMobile('912 34 567', 'NO'); // { ok: true, e164: '+4791234567', country: 'NO' }
 * parseMobile('0046701234567', 'SE'); // { ok: false, problem: 'starts_with_00' }
 */
export function parseMobile(
  input: string,
  defaultCountry: CountryCode = 'NO',
): { ok: true; e164: string; country: CountryCode | undefined } | { ok: false; problem: MobileProblem } {
  const trimmed = input.trim();
  if (trimmed.startsWith('00')) return { ok: false, problem: 'starts_with_00' };
  const parsed = parsePhoneNumberFromString(trimmed, defaultCountry);
  if (!parsed || !parsed.isValid()) return { ok: false, problem: 'not_a_mobile_number' };
  const type = parsed.getType();
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return { ok: false, problem: 'not_a_mobile_number' };
  return { ok: true, e164: parsed.number, country: parsed.country };
}

/** The default country for national numbers, from an organization's locale. */
export function countryForLocale(locale: string): CountryCode {
  return locale === 'sv' ? 'SE' : 'NO';
}
