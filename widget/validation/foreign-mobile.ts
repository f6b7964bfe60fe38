import type { Locale } from '../../sdk/schemas/common.ts';

/**
 * The mobile field's message for a number of a country the organization does
 * not text (the server's `foreign_number`), per language. Here, in the later
 * steps' chunk, rather than in the first step's message tables
 * (`widget/i18n/locales/`), which every patient downloads before the first step.
 */
const FOREIGN: Record<Locale, (country: string, allowed: string) => string> = {
  nb: (country, allowed) => `Klinikken sender ikke SMS til numre i ${country}. Bruk et mobilnummer fra ${allowed}.`,
  sv: (country, allowed) => `Kliniken skickar inte sms till nummer i ${country}. Använd ett mobilnummer från ${allowed}.`,
  en: (country, allowed) => `The clinic does not text numbers in ${country}. Use a mobile number from ${allowed}.`,
};

/**
 * Says that a mobile of `country` is not texted and which countries are,
 * with the countries' names in `language`.
 *
 * @example
 * foreignMobileText('nb', 'SE', ['NO', 'DK']);
 * // 'Klinikken sender ikke SMS til numre i Sverige. Bruk et mobilnummer fra Norge eller Danmark.'
 */
export function foreignMobileText(language: Locale, country: string, accepted: readonly string[]): string {
  const region = new Intl.DisplayNames([language], { type: 'region' });
  const name = (code: string) => region.of(code) ?? code;
  return FOREIGN[language](name(country), new Intl.ListFormat([language], { type: 'disjunction' }).format(accepted.map(name)));
}
