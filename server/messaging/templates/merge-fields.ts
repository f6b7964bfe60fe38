import type { Locale } from '../../../sdk/schemas/common.ts';
import { DomainError } from '../../domain/domain-error.ts';

/** The merge fields a template may use (S2, W10, W11), written `[firstName]`. */
export const MERGE_FIELDS = ['firstName', 'lastName', 'time', 'date', 'provider', 'clinic', 'clinicAddress', 'clinicPhone', 'treatment', 'manageLink', 'organization', 'code'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeValues = Partial<Record<MergeField, string>>;

/** The seed's own names for the fields (nb, sv), accepted as aliases, case-insensitive. */
const ALIASES: Record<string, MergeField> = {
  fornavn: 'firstName', etternavn: 'lastName', tidspunkt: 'time', behandler: 'provider', klinikk: 'clinic', behandling: 'treatment', dato: 'date',
  förnamn: 'firstName', efternamn: 'lastName', tid: 'time', behandlare: 'provider', klinik: 'clinic', datum: 'date', lenke: 'manageLink', länk: 'manageLink',
};
const CANONICAL = new Map<string, MergeField>(MERGE_FIELDS.map((f) => [f.toLowerCase(), f]));

/** `[name]`: letters only, so a text like "[1]" or "[ ok ]" is left alone. */
const FIELD = /\[([\p{L}]{2,30})\]/gu;

function fieldFor(name: string): MergeField | undefined {
  const key = name.toLowerCase();
  return CANONICAL.get(key) ?? ALIASES[key];
}

/**
 * The unknown merge fields in a template, e.g. `['Fodselsdato']`.
 *
 * @example
 * unknownMergeFields('Hei [Fornavn], [Shoesize]'); // ['Shoesize']
 */
export function unknownMergeFields(template: string): string[] {
  return [...template.matchAll(FIELD)].map((m) => m[1]!).filter((name) => fieldFor(name) === undefined);
}

/** Throws `validation_failed` naming the unknown fields. */
export function requireKnownMergeFields(template: string, path = 'body'): void {
  const unknown = unknownMergeFields(template);
  if (unknown.length > 0) throw DomainError.invalid(path, `Unknown merge field ${unknown.map((u) => `[${u}]`).join(', ')}; known: ${MERGE_FIELDS.map((f) => `[${f}]`).join(' ')}`, 'unknown_merge_field');
}

/**
 * Fills in a template in one pass: a value is inserted as plain text and
 * never read as a template itself; control characters and line breaks in
 * values become spaces and values are capped at 200 characters. An unknown
 * field is left as written (saving refuses them, see `requireKnownMergeFields`).
 * `escape` is applied to values only (HTML e-mail).
 *
 * @example
 * renderTemplate('Hei [Fornavn], time [time].', { firstName: 'Åse', time: '09.12.2026 kl. 12:45' });
 * // 'Hei Åse, time 09.12.2026 kl. 12:45.'
 */
export function renderTemplate(template: string, values: MergeValues, escape: (s: string) => string = (s) => s): string {
  return template.replace(FIELD, (whole, name: string) => {
    const field = fieldFor(name);
    if (field === undefined) return whole;
    return escape(cleanValue(values[field] ?? ''));
  });
}

function cleanValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim().slice(0, 200);
}

/** HTML-escapes text for an e-mail body. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * An appointment time as patients read it, in the organization's locale
 * (ASCII only, so it never forces an SMS into UCS-2).
 *
 * @example
 * formatAppointmentTime('2026-12-09', 765, 'nb'); // '09.12.2026 kl. 12:45'
 */
export function formatAppointmentTime(date: string, minute: number, locale: Locale): string {
  const [y, m, d] = date.split('-');
  const clock = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  if (locale === 'nb') return `${d}.${m}.${y} kl. ${clock}`;
  if (locale === 'sv') return `${date} kl. ${clock}`;
  return `${date} at ${clock}`;
}

/** Sample values for previews. */
export const SAMPLE_VALUES: Record<Locale, MergeValues> = {
  nb: { firstName: 'Kari', lastName: 'Nordmann', time: '09.12.2026 kl. 12:45', date: '09.12.2026', provider: 'Tannlege Hanne Wildahl', clinic: 'Oslo Sentrum', clinicAddress: 'Karl Johans gate 10, 0154 Oslo', clinicPhone: '+4722000001', treatment: 'Undersøkelse', manageLink: 'https://book.example/o/demo/manage/abc', organization: 'Demo Tannklinikk' },
  sv: { firstName: 'Anna', lastName: 'Hedman', time: '2026-12-09 kl. 12:45', date: '2026-12-09', provider: 'Olle Ohlsson', clinic: 'OpusTandläkarna Lund', clinicAddress: 'Storgatan 1, 222 22 Lund', clinicPhone: '+4646190470', treatment: 'Undersökning', manageLink: 'https://book.example/o/demo/manage/abc', organization: 'OpusTandläkarna' },
  en: { firstName: 'Anna', lastName: 'Smith', time: '2026-12-09 at 12:45', date: '2026-12-09', provider: 'Dr Olle Ohlsson', clinic: 'City Dental', clinicAddress: '1 High Street, London', clinicPhone: '+442071234567', treatment: 'Check-up', manageLink: 'https://book.example/o/demo/manage/abc', organization: 'City Dental' },
};
