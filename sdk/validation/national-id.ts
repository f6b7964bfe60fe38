import personnummerModule from 'personnummer';
import { idnr } from '@navikt/fnrvalidator';

/** A national id that passed its check digits, in canonical form. */
// The package is CommonJS exporting the class itself, while its typings declare
// an ES default export: under NodeNext that types the import as the module.
const Personnummer = ((personnummerModule as unknown as { default?: unknown }).default ??
  personnummerModule) as typeof personnummerModule.default;

export interface NationalId {
  country: 'SE' | 'NO';
  /** SE: `YYYYMMDD-XXXX`; NO: 11 digits. */
  value: string;
}

/**
 * Validates and normalises a Swedish personnummer (12 or 10 digits, with or
 * without the hyphen, Luhn check digit; samordningsnummer allowed) or a
 * Norwegian fødselsnummer / D-nummer (11 digits, two mod-11 check digits).
 * Returns undefined when the number is not valid.
 *
 * @example
 * parseNationalId('19121212-1212'); // { country: 'SE', value: '19121212-1212' }
 * parseNationalId('13097248022');   // { country: 'NO', value: '13097248022' }
 * parseNationalId('13097248023');   // undefined (check digits)
 */
export function parseNationalId(input: string): NationalId | undefined {
  const compact = input.replace(/[\s]/g, '');
  if (/^\d{11}$/.test(compact)) {
    return idnr(compact).status === 'valid' ? { country: 'NO', value: compact } : undefined;
  }
  if (/^(\d{6}|\d{8})[-+]?\d{4}$/.test(compact)) {
    try {
      const pin = Personnummer.parse(compact, { allowCoordinationNumber: true, allowInterimNumber: false });
      const long = pin.format(true);
      return { country: 'SE', value: `${long.slice(0, 8)}-${long.slice(8)}` };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
