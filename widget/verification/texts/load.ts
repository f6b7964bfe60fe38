import type { Locale } from '../../../sdk/schemas/common.ts';
import type { VerifyTexts } from './types.ts';

/**
 * The verification and login texts of one locale, each its own chunk.
 *
 * @example
 * const v = await loadVerifyTexts('sv');
 */
export function loadVerifyTexts(locale: Locale): Promise<VerifyTexts> {
  switch (locale) {
    case 'nb': return import('./nb.ts').then((m) => m.default);
    case 'sv': return import('./sv.ts').then((m) => m.default);
    default: return import('./en.ts').then((m) => m.default);
  }
}
