import en from './locales/en.ts';
import nb from './locales/nb.ts';
import sv from './locales/sv.ts';
import type { Messages } from './messages.ts';
import ven from '../verification/texts/en.ts';
import vnb from '../verification/texts/nb.ts';
import vsv from '../verification/texts/sv.ts';

// The type checker makes each catalogue complete; this also catches extra
// keys, empty texts and formatters that drop their argument.

declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => void): void;

/** Every key path with what it holds: `text`, or `fn/<arity>`. */
function shape(messages: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(messages as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'function') out[path] = `fn/${value.length}`;
    else if (value && typeof value === 'object') Object.assign(out, shape(value, path));
    else out[path] = typeof value === 'string' && value.trim() ? 'text' : `empty ${JSON.stringify(value)}`;
  }
  return out;
}

/** A sample call of every formatter, so a text that ignores its argument shows. */
function samples(m: Messages): string[] {
  return [m.stepOf(2, 5, 'X'), m.anyClinicIn('Oslo'), m.minutes(30), m.weekOf('1–7'), m.timesFor('D'), m.freeTimes(3), m.errors.summary(2), m.manage.deadline('W'), m.providerPhotoAlt('P'), m.changeWindow.until('U', 'both'), m.changeWindow.passed(48)];
}

/** Each catalogue has the reference's keys and kinds, and no empty text. */
function sameShape(reference: Record<string, string>, others: Record<string, unknown>): void {
  for (const [name, messages] of Object.entries(others)) {
    const own = shape(messages);
    const differ = [...new Set([...Object.keys(reference), ...Object.keys(own)])].filter((k) => own[k] !== reference[k] || own[k]!.startsWith('empty'));
    if (differ.length) throw new Error(`${name}: ${differ.join(', ')} differ from en`);
  }
}

describe('i18n catalogues', () => {
  it('nb, sv and en have identical key sets, no empty texts, and formatters that use their arguments', () => {
    const reference = shape(en);
    sameShape(shape(ven), { nb: vnb, sv: vsv });
    for (const [name, v] of Object.entries({ en: ven, nb: vnb, sv: vsv })) {
      for (const [text, needle] of [[v.sentTo('X1'), 'X1'], [v.resendIn(31), '31'], [v.heldFor('4:59'), '4:59'], [v.wrongCode(3), '3'], [v.tryAgainIn(7), '7'], [v.loggedInAs('Kari'), 'Kari']] as const) {
        if (!text.includes(needle)) throw new Error(`${name}: verification formatter drops its argument: ${text}`);
      }
    }
    for (const [name, messages] of Object.entries({ nb, sv })) {
      const own = shape(messages);
      const missing = Object.keys(reference).filter((k) => !(k in own));
      const extra = Object.keys(own).filter((k) => !(k in reference));
      if (missing.length || extra.length) throw new Error(`${name}: missing ${missing.join(', ') || 'none'}; extra ${extra.join(', ') || 'none'}`);
      for (const [key, kind] of Object.entries(own)) if (kind !== reference[key]) throw new Error(`${name}.${key} is ${kind}, en has ${reference[key]}`);
    }
    for (const [name, messages] of Object.entries({ en, nb, sv })) {
      const empty = Object.entries(shape(messages)).filter(([, kind]) => kind.startsWith('empty'));
      if (empty.length) throw new Error(`${name}: empty ${empty.map(([k]) => k).join(', ')}`);
      const s = samples(messages);
      for (const [i, needle] of [[0, '2'], [1, 'Oslo'], [2, '30'], [3, '1–7'], [4, 'D'], [5, '3'], [6, '2'], [7, 'W'], [8, 'P'], [9, 'U'], [10, '48']] as const) {
        if (!s[i]!.includes(needle)) throw new Error(`${name}: formatter ${i} drops its argument: ${s[i]}`);
      }
    }
  });
});
