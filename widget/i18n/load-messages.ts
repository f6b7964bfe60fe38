import type { Locale } from '../../sdk/schemas/common.ts';
import type { Messages } from './messages.ts';

/**
 * Loads one locale's texts. Each locale is its own chunk: a patient
 * downloads only the language shown.
 *
 * @example
 * const t = await loadMessages('sv');
 */
export function loadMessages(locale: Locale): Promise<Messages> {
  switch (locale) {
    case 'nb': return import('./locales/nb.ts').then((m) => m.default);
    case 'sv': return import('./locales/sv.ts').then((m) => m.default);
    default: return import('./locales/en.ts').then((m) => m.default);
  }
}
