import type { Locale } from '../../sdk/schemas/common.ts';

/** The languages the widget speaks. */
export const LOCALES: readonly Locale[] = ['nb', 'sv', 'en'];

/** BCP 47 tags for `Intl`. */
export const INTL_TAG: Record<Locale, string> = { nb: 'nb-NO', sv: 'sv-SE', en: 'en-GB' };

/** A supported locale for a language tag (`no`, `nn` and `nb-NO` read as bokmål), or undefined. */
export function asLocale(tag: string | null | undefined): Locale | undefined {
  const language = (tag ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  if (language === 'nb' || language === 'no' || language === 'nn') return 'nb';
  if (language === 'sv') return 'sv';
  if (language === 'en') return 'en';
  return undefined;
}

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
