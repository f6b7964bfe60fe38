import type { Locale } from '../../sdk/schemas/common.ts';

/** The console's languages, like the widget's. */
export const CONSOLE_LOCALES: readonly Locale[] = ['nb', 'sv', 'en'];

/** BCP 47 tags for `Intl` (dates, times, numbers in the staff member's language). */
export const INTL: Record<Locale, string> = { nb: 'nb-NO', sv: 'sv-SE', en: 'en-GB' };

/** One module's texts in every language: English is the reference, the others must have the same keys. */
export type Texts<K extends string> = Record<Locale, Record<K, string>>;

/** A text lookup with `{name}` placeholders. */
export type Translate<K extends string> = (key: K, values?: Record<string, string | number>) => string;

/**
 * The lookup for one module's texts in one language. Each page keeps its own
 * texts beside it (loaded with its chunk), so the shell carries only its own.
 *
 * @example
 * const texts = { en: { hello: 'Hello {name}' }, nb: { hello: 'Hei {name}' }, sv: { hello: 'Hej {name}' } } satisfies Texts<'hello'>;
 * translator(texts, 'nb')('hello', { name: 'Kari' }); // 'Hei Kari'
 */
export function translator<K extends string>(texts: Texts<K>, locale: Locale): Translate<K> {
  const dictionary = texts[locale] ?? texts.en;
  return (key, values) => {
    const text = dictionary[key] ?? texts.en[key] ?? key;
    return values ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole)) : text;
  };
}
