/**
 * libphonenumber's mobile numbers of the Nordic countries (its
 * `metadata.mobile.json`, which the server judges with), by country calling
 * code: the national prefix a number may carry after the code (`0` in SE and
 * FI), the mobile pattern of the national significant number, and the
 * countries sharing the code, the first being the one libphonenumber names
 * a mobile's country (SJ's and AX's mobiles are NO's and FI's).
 * test/widget-validation.property.test.ts holds every row to the library.
 */
export const NORDIC_MOBILES: ReadonlyArray<readonly [code: string, nationalPrefix: string, mobile: string, countries: readonly string[]]> = [
  ['47', '', '45(?:[0-24-9]\\d|3[0-57-9])\\d{4}|(?:4[016-8]|9\\d)\\d{6}', ['NO', 'SJ']],
  ['46', '0', '7[023689]\\d{7}', ['SE']],
  ['45', '', '(?:2[6-8]|6[78]|96)\\d{6}|(?:2[0-59]|3[0-689]|[457]\\d|6[0-69]|8[126-9]|9[1-47-9])[1-9]\\d{5}', ['DK']],
  ['358', '0', '(?:4[0-8]|50)\\d{4,8}', ['FI', 'AX']],
  ['354', '', '(?:38[589]\\d\\d|6(?:1[1-8]|2[0-6]|3[026-9]|4[014679]|5[0159]|6[0-69]|70|8[06-8]|9\\d)|7(?:5[057]|[6-9]\\d)|8(?:2[0-59]|[3-69]\\d|8[238]))\\d{4}', ['IS']],
];
