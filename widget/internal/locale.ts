import type { Locale } from '../../sdk/schemas/common.ts';
import { asLocale } from '../../sdk/locale.ts';

export { asLocale };

/** The languages the widget speaks. */
export const LOCALES: readonly Locale[] = ['nb', 'sv', 'en'];

/** BCP 47 tags for `Intl`. */
export const INTL_TAG: Record<Locale, string> = { nb: 'nb-NO', sv: 'sv-SE', en: 'en-GB' };

/**
 * The locale to show: the attribute, then the organization's default, then
 * the browser's languages, then English.
 *
 * @example
 * resolveLocale(undefined, 'sv', ['en-US']); // 'sv'
 * resolveLocale('nb', 'sv', ['en-US']);      // 'nb'
 */
export function resolveLocale(attribute: string | null | undefined, organization: string | null | undefined, browser: readonly string[]): Locale {
  return asLocale(attribute) ?? asLocale(organization) ?? browser.map(asLocale).find((l) => l !== undefined) ?? 'en';
}
