import { countryForLocale, parseMobile } from '../../sdk/validation/phone.ts';
import type { Locale } from '../../sdk/schemas/common.ts';

/** Why a number cannot be texted: the problems of S7, or a country the organization does not send to. */
export type RecipientProblem = 'starts_with_00' | 'not_a_mobile_number' | 'foreign_number';

/**
 * A number as an SMS recipient (S7, S10): a valid mobile, in E.164, in one
 * of the countries the organization sends to. National numbers are read in
 * the organization's country.
 *
 * @example
 * smsRecipient('912 34 567', ['NO', 'SE'], 'nb'); // { ok: true, e164: '+4791234567' }
 * smsRecipient('+12025550123', ['NO', 'SE'], 'nb'); // { ok: false, problem: 'foreign_number', message: 'Numbers in US are not texted; allowed: NO, SE' }
 */
export function smsRecipient(input: string, countries: readonly string[], locale: Locale): { ok: true; e164: string } | { ok: false; problem: RecipientProblem; message: string } {
  const parsed = parseMobile(input, countryForLocale(locale));
  if (!parsed.ok) return { ok: false, problem: parsed.problem, message: parsed.problem === 'starts_with_00' ? 'Write the country code with + instead of 00' : 'Not a valid mobile number' };
  const { country } = parsed;
  if (countries.length > 0 && (!country || !countries.includes(country))) {
    return { ok: false, problem: 'foreign_number', message: `Numbers in ${country ?? 'that country'} are not texted; allowed: ${countries.join(', ')}` };
  }
  return { ok: true, e164: parsed.e164 };
}

/** A valid mobile in E.164 (S7), or null. */
export function validMobile(value: string | null | undefined): string | null {
  if (!value) return null;
  const parsed = parseMobile(value);
  return parsed.ok ? parsed.e164 : null;
}
