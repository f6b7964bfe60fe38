import type { Locale } from '../../sdk/schemas/common.ts';
import { asLocale } from '../../sdk/locale.ts';

/**
 * The first language the product speaks in an Accept-Language header, by
 * the browser's weights (`q`); undefined when it names none of them.
 *
 * @example
 * localeFromAcceptLanguage('de-DE,de;q=0.9,sv;q=0.8,en;q=0.5'); // 'sv'
 */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  const ranges = (header ?? '').split(',').slice(0, 50).map((part, index) => {
    const [tag = '', ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
    return { locale: asLocale(tag.trim()), q: q === undefined ? 1 : Number(q), index };
  });
  // A stable order: equal weights keep the browser's order.
  ranges.sort((a, b) => b.q - a.q || a.index - b.index);
  return ranges.find((r) => r.locale && r.q > 0)?.locale;
}

/** What decides the hosted page's language, strongest first. */
export interface PageLocaleInput {
  /** `?locale=`, or its alias `?lang=`: a link that asks for a language. */
  query: string | undefined;
  /** The language a manage link's booking was made in. */
  booking: Locale | undefined;
  /** The browser's Accept-Language header. */
  acceptLanguage: string | undefined;
  /** The organization's language. */
  organization: Locale;
}

/**
 * The hosted page's language: the address's `?locale=` (or `?lang=`), the
 * booking's own language on a manage link, the browser's languages, then the
 * organization's. Unknown values are skipped.
 *
 * @example
 * pageLocale({ query: undefined, booking: 'en', acceptLanguage: 'nb-NO', organization: 'nb' }); // 'en'
 */
export function pageLocale(input: PageLocaleInput): Locale {
  return asLocale(input.query) ?? input.booking ?? localeFromAcceptLanguage(input.acceptLanguage) ?? input.organization;
}
