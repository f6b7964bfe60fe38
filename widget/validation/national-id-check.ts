/**
 * Whether a national id passes its format, date and check digits: a
 * Norwegian fødselsnummer, D- or H-nummer (11 digits, two mod-11 check
 * digits) or a Swedish personnummer or samordningsnummer (10 or 12 digits,
 * `-` or `+` before the last four, Luhn check digit). The widget's small
 * stand-in for the libraries the server judges with
 * (`sdk/validation/national-id.ts`); a node test holds them to the same answers.
 *
 * @example
 * nationalIdValid('13097248022');   // true (NO)
 * nationalIdValid('19121212-1212'); // true (SE)
 * nationalIdValid('13097248023');   // false (check digits)
 */
export function nationalIdValid(input: string): boolean {
  const compact = input.replace(/\s/g, '');
  if (/^\d{11}$/.test(compact)) return norwegianValid(compact);
  const swedish = /^(\d\d)?(\d{6})([-+]?)(\d{4})$/.exec(compact);
  return swedish ? swedishValid(swedish[1], swedish[2]!, swedish[3]!, swedish[4]!) : false;
}

const digitsOf = (text: string) => [...text].map(Number);
const weighted = (digits: number[], weights: number[]) => weights.reduce((sum, weight, i) => sum + weight * digits[i]!, 0);

/** NO: k1 with any of the remainders 0–3 (the 2032 numbers), k2 as always, and a real date (day +40 D-nummer, month +40 H- or +80 test number). */
function norwegianValid(id: string): boolean {
  const d = digitsOf(id);
  const k1Sum = weighted(d, [3, 7, 6, 1, 8, 9, 4, 5, 2]);
  const k1Allowed = [0, 1, 2, 3].map((rest) => (11 + rest - (k1Sum % 11)) % 11).filter((k1) => k1 !== 10);
  if (!k1Allowed.includes(d[9]!)) return false;
  const k2 = (11 - (weighted(d, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11)) % 11;
  if (k2 !== d[10]) return false;
  const day = d[0]! * 10 + d[1]! - (d[0]! >= 4 ? 40 : 0);
  const month = d[2]! * 10 + d[3]! - (d[2]! >= 8 ? 80 : d[2]! >= 4 ? 40 : 0);
  const yy = id.slice(4, 6);
  const date = new Date(Date.UTC(yy === '00' ? 2000 : Number(yy), month - 1, day));
  return date.getUTCMonth() + 1 === month && date.getUTCDate() === day;
}

/** SE: serial not 000, Luhn over the ten digits, a real date (day +60 samordningsnummer); the century as the personnummer library reads it. */
function swedishValid(century: string | undefined, date: string, separator: string, serial: string): boolean {
  if (serial.startsWith('000')) return false;
  const ten = digitsOf(date + serial);
  const sum = ten.slice(0, 9).reduce((total, digit, i) => {
    const product = digit * (2 - (i % 2));
    return total + (product > 9 ? product - 9 : product);
  }, 0);
  if ((10 - (sum % 10)) % 10 !== ten[9]) return false;
  const yy = Number(date.slice(0, 2));
  const base = new Date().getFullYear() - (separator === '+' ? 100 : 0);
  const year = century !== undefined ? Number(century + date.slice(0, 2)) : Number(String(base - ((base - yy) % 100)).slice(0, 2) + date.slice(0, 2));
  const month = Number(date.slice(2, 4));
  const day = Number(date.slice(4, 6));
  return localDateExists(year, month, day) || localDateExists(year, month, day - 60);
}

function localDateExists(year: number, month: number, day: number): boolean {
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
}
