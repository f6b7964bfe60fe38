import type { Locale } from './schemas/common.ts';

/**
 * The locale the product speaks for a language tag (`no`, `nn` and `nb-NO`
 * read as bokmål), or undefined. Shared by the widget (attribute, browser
 * languages) and the hosted page (`?locale=`, Accept-Language).
 *
 * @example
 * asLocale('sv-SE'); // 'sv'
 * asLocale('nn');    // 'nb'
 * asLocale('de');    // undefined
 */
export function asLocale(tag: string | null | undefined): Locale | undefined {
  const language = (tag ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  if (language === 'nb' || language === 'no' || language === 'nn') return 'nb';
  if (language === 'sv') return 'sv';
  if (language === 'en') return 'en';
  return undefined;
}
