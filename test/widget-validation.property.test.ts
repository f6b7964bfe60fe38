import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseNationalId } from '../sdk/validation/national-id.ts';
import { nationalIdValid } from '../widget/validation/national-id-check.ts';
import { checkMobile } from '../widget/validation/mobile-check.ts';
import { NORDIC_MOBILES } from '../widget/validation/nordic-mobiles.ts';
import { smsRecipient } from '../server/messaging/sms-recipient.ts';
import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import mobileMetadata from 'libphonenumber-js/metadata.mobile.json';
import { detailsValidator, translateIssue } from '../widget/validation/details-validator.ts';
import nb from '../widget/i18n/locales/nb.ts';
import { bookingRequestFor, type BookingRequest } from '../sdk/schemas/booking.ts';
import type { OrganizationPublic, RegistrationFields } from '../sdk/schemas/organization.ts';
import type { Locale } from '../sdk/schemas/common.ts';
import { countryForLocale, parseMobile } from '../sdk/validation/phone.ts';

// The widget checks national ids and mobile numbers with small functions instead of bundling the
// libraries the server judges with: here they are held to the libraries' answers, on arbitrary
// input and on input built to be (nearly) valid, where a disagreement would matter.

const RUNS = { numRuns: 20_000 };
const digits = (min: number, max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((list) => list.join(''));
const pad = (n: number) => String(n).padStart(2, '0');

/** A Norwegian number with its check digits computed (k1 with any remainder 0–3), on a date that may not exist. */
const norwegian = fc.record({
  day: fc.integer({ min: 0, max: 35 }), month: fc.integer({ min: 0, max: 13 }), yy: fc.integer({ min: 0, max: 99 }),
  dayOffset: fc.constantFrom(0, 40), monthOffset: fc.constantFrom(0, 40, 80), serial: digits(3, 3), rest: fc.integer({ min: 0, max: 3 }), k2Shift: fc.constantFrom(0, 0, 0, 1),
}).map(({ day, month, yy, dayOffset, monthOffset, serial, rest, k2Shift }) => {
  const nine = `${pad(day + dayOffset)}${pad(month + monthOffset)}${pad(yy)}${serial}`.slice(0, 9);
  const d = [...nine].map(Number);
  const k1 = (11 + rest - ([3, 7, 6, 1, 8, 9, 4, 5, 2].reduce((s, w, i) => s + w * d[i]!, 0) % 11)) % 11;
  const k2 = (11 - ([5, 4, 3, 2, 7, 6, 5, 4, 3, 2].reduce((s, w, i) => s + w * [...d, k1][i]!, 0) % 11)) % 11;
  return `${nine}${k1 % 10}${(k2 + k2Shift) % 10}`;
});

/** A Swedish number with its Luhn digit computed (sometimes off by one), in the written forms a patient uses. */
const swedish = fc.record({
  year: fc.integer({ min: 1890, max: 2040 }), month: fc.integer({ min: 0, max: 13 }), day: fc.integer({ min: 0, max: 32 }),
  coordination: fc.boolean(), serial: digits(3, 3), shift: fc.constantFrom(0, 0, 0, 1), form: fc.constantFrom('long', 'long-', 'short', 'short-', 'short+', 'spaced'),
}).map(({ year, month, day, coordination, serial, shift, form }) => {
  const date = `${String(year).slice(2)}${pad(month)}${pad(day + (coordination ? 60 : 0))}`;
  const nine = `${date}${serial}`;
  const sum = [...nine].reduce((s, c, i) => { const p = Number(c) * (2 - (i % 2)); return s + (p > 9 ? p - 9 : p); }, 0);
  const last4 = `${serial}${((10 - (sum % 10)) % 10 + shift) % 10}`;
  const century = String(year).slice(0, 2);
  switch (form) {
    case 'long': return `${century}${date}${last4}`;
    case 'long-': return `${century}${date}-${last4}`;
    case 'short': return `${date}${last4}`;
    case 'short-': return `${date}-${last4}`;
    case 'short+': return `${date}+${last4}`;
    default: return `${century}${date} ${last4}`;
  }
});

const anyId = fc.stringMatching(/^[0-9 +-]{0,16}$/);

test('the widget\'s national-id check agrees with the server\'s libraries (fnrvalidator, personnummer)', () => {
  let valid = 0;
  fc.assert(fc.property(fc.oneof(norwegian, swedish, anyId), (id) => {
    const server = parseNationalId(id) !== undefined;
    if (server) valid++;
    assert.equal(nationalIdValid(id), server, id);
  }), RUNS);
  assert.ok(valid > RUNS.numRuns / 10, `valid ids were among the inputs (${valid})`);
  for (const id of ['13097248022', '01019000008', '19121212-1212', '121212-1212', '198507099805']) assert.equal(nationalIdValid(id), true, id);
  for (const id of ['13097248023', '19121212-1213', '', '1234']) assert.equal(nationalIdValid(id), false, id);
});

/** A number as patients write it: a country code or not, groups of digits with spaces, dashes, dots or brackets. */
const phone = fc.record({
  prefix: fc.constantFrom('', '', '+47', '+46', '+47 ', '+46 0', '47', '46', '0', '00', '+45', '+45 ', '+358', '+358 0', '+354', '+35', '+44', '+4', '+'),
  lead: fc.constantFrom('', '4', '45', '9', '7', '07', '2', '8', '5', '6', '38'),
  groups: fc.array(digits(1, 4), { minLength: 1, maxLength: 4 }),
  separator: fc.constantFrom('', ' ', '-', '.', ' - '),
  bracket: fc.constantFrom(false, false, true),
}).map(({ prefix, lead, groups, separator, bracket }) => {
  const body = `${lead}${groups.join(separator)}`;
  return bracket ? `${prefix}(${body.slice(0, 3)}) ${body.slice(3)}` : `${prefix}${body}`;
});

/** A number shaped like a Nordic mobile (many valid), with or without its country code, grouped. */
const mobileShaped = fc.oneof(
  // Norwegian and Swedish: also national, as read in the organization's country.
  fc.record({ start: fc.constantFrom('', '', '+47 ', '47', '0', '+46 ', '+46 0', '46', '+4'), lead: fc.constantFrom('9', '4', '45', '7', '70', '73'), rest: digits(6, 8) }),
  // Danish, Finnish (and Åland's), Icelandic: with their country code.
  fc.record({ start: fc.constantFrom('+45 ', '+45'), lead: fc.constantFrom('2', '3', '4', '5', '6', '7', '8', '9', '26', '96'), rest: digits(6, 7) }),
  fc.record({ start: fc.constantFrom('+358 ', '+358 0', '+358'), lead: fc.constantFrom('4', '40', '45', '50', '49'), rest: digits(3, 9) }),
  fc.record({ start: fc.constantFrom('+354 ', '+354'), lead: fc.constantFrom('6', '7', '8', '38', '65', '77'), rest: digits(5, 8) }),
).chain(({ start, lead, rest }) => fc.constantFrom('', ' ', '-').map((separator) => `${start}${lead}${rest.slice(0, 2)}${separator}${rest.slice(2, 4)}${separator}${rest.slice(4)}`));

/** What the organization texts: any country, or some Nordic ones (SJ and AX too), perhaps with another. */
const accepted = fc.oneof(fc.constant([] as string[]), fc.subarray(['NO', 'SJ', 'SE', 'DK', 'FI', 'AX', 'IS', 'US'], { minLength: 1 }));

test('the widget\'s mobile table holds libphonenumber\'s metadata for every country in it', () => {
  for (const [code, prefix, pattern, countries] of NORDIC_MOBILES) {
    assert.deepEqual(mobileMetadata.country_calling_codes[code], countries, `+${code}: its countries, the main one first`);
    for (const country of countries) {
      const entry = mobileMetadata.countries[country as keyof typeof mobileMetadata.countries] as unknown[];
      assert.equal(entry[0], code, country);
      assert.equal(entry[5] || '', prefix, `${country}: national prefix`);
      assert.equal((entry[11] as [unknown, [string]])[1][0], pattern, `${country}: mobile pattern`);
    }
  }
});

test('the widget\'s mobile check agrees with the server (libphonenumber) wherever it judges, and leaves only unusual input to the server', () => {
  const judged = { ok: 0, not_a_mobile_number: 0, starts_with_00: 0, foreign_number: 0, server: 0 };
  const countries = new Set<string>();
  fc.assert(fc.property(fc.oneof(mobileShaped, mobileShaped, phone, fc.string({ maxLength: 20 })), fc.constantFrom('NO' as const, 'SE' as const), accepted, (input, country, allowed) => {
    const widget = checkMobile(input, country, allowed);
    if (widget === undefined) return void judged.server++;
    const server = smsRecipient(input, allowed, country === 'SE' ? 'sv' : 'nb');
    const what = `${JSON.stringify(input)} read in ${country}, texted in ${allowed.join(',') || 'any country'}`;
    judged[widget.problem ?? 'ok']++;
    assert.equal(widget.problem ?? 'ok', server.ok ? 'ok' : server.problem, what);
    if ('country' in widget) {
      countries.add(widget.country);
      const parsed = parseMobile(input, country);
      assert.equal(widget.country, parsed.ok ? parsePhoneNumberFromString(parsed.e164)?.country : undefined, what);
    }
  }), RUNS);
  assert.ok(judged.ok > 400 && judged.not_a_mobile_number > 1000 && judged.starts_with_00 > 100 && judged.foreign_number > 400, JSON.stringify(judged));
  assert.deepEqual([...countries].sort(), ['DK', 'FI', 'IS', 'NO', 'SE'], 'mobiles of every calling code in the table were judged');
  // Every number a patient is likely to type is judged here, not left to the server.
  for (const [input, country] of [['912 34 567', 'NO'], ['+47 912 34 567', 'NO'], ['070-123 45 67', 'SE'], ['+46 70 123 45 67', 'SE'], ['+46701234567', 'NO'], ['22 22 22 22', 'NO'],
    ['+45 20 12 34 56', 'NO'], ['+358 40 123 4567', 'SE'], ['+354 611 1234', 'NO']] as const) {
    assert.notEqual(checkMobile(input, country), undefined, input);
  }
  assert.deepEqual(checkMobile('+46 70 123 45 67', 'NO', ['NO']), { country: 'SE', problem: 'foreign_number' });
  assert.deepEqual(checkMobile('+45 20 12 34 56', 'NO', ['NO', 'DK']), { country: 'DK' });
  assert.equal(checkMobile('+44 7700 900123', 'NO', ['NO']), undefined, 'a country not in the table: the server judges');
});

/** The widget's validation before it dropped zod: the server's schema, issues translated, form fields only, numbers of other countries left to the server. */
function zodFormErrors(request: BookingRequest, fields: RegistrationFields, locale: string): Record<string, string> {
  const result = bookingRequestFor(fields, countryForLocale(locale)).safeParse(request);
  const errors: Record<string, string> = {};
  for (const issue of result.success ? [] : result.error.issues) {
    const path = issue.path.join('.');
    // A number the widget cannot judge is left to the server (as the widget's bundle did for countries it had no metadata for).
    if (path === 'patient.mobile' && issue.message !== 'Required' && issue.code === 'custom' && checkMobile(request.patient.mobile ?? '', countryForLocale(locale) as 'NO' | 'SE') === undefined) continue;
    if (/^(patient\.|campaignCode$|message$)/.test(path) && !(path in errors)) errors[path] = translateIssue(path, issue.message, issue.code, request, nb);
  }
  return errors;
}

const mode = fc.constantFrom('off' as const, 'optional' as const, 'required' as const);
const text = (max: number) => fc.oneof(fc.constant(undefined), fc.constant(''), fc.string({ maxLength: 4 }).map((s) => s.trim() || 'x'), fc.constant('x'.repeat(max + 1)));

test('the widget\'s details check gives the same messages for the same form as the server\'s schema did', () => {
  const form = fc.record({
    fields: fc.record({ email: mode, mobile: mode, address1: mode, address2: mode, postalCode: mode, city: mode, campaignCode: mode }),
    locale: fc.constantFrom('nb', 'sv'),
    firstName: fc.oneof(fc.constant(''), fc.constant('Kari'), fc.constant('x'.repeat(101))),
    lastName: fc.oneof(fc.constant(''), fc.constant('Nordmann')),
    nationalId: fc.oneof(fc.constant(''), norwegian, swedish, fc.constant('1'.repeat(21))),
    email: fc.oneof(fc.constant(undefined), fc.constant(''), fc.constant('kari@example.no'), fc.constant('kari@'), fc.constant(`${'k'.repeat(250)}@example.no`)),
    mobile: fc.oneof(fc.constant(undefined), mobileShaped, fc.constant('0047 912 34 567'), fc.constant('9'.repeat(31))),
    address1: text(200), address2: text(200), postalCode: text(20), city: text(100), campaignCode: text(50), message: text(1000),
  });
  fc.assert(fc.property(form, ({ fields, locale, campaignCode, message, ...patient }) => {
    const opt = (field: keyof RegistrationFields, value: string | undefined) => (fields[field] !== 'off' ? value || undefined : undefined);
    const request: BookingRequest = {
      treatmentId: '00000000-0000-4000-8000-000000000001', clinicId: '00000000-0000-4000-8000-000000000002', providerId: '00000000-0000-4000-8000-000000000003',
      start: '2026-12-07T10:00:00+01:00', locale: 'nb', message: message || undefined, campaignCode: opt('campaignCode', campaignCode),
      patient: {
        firstName: patient.firstName, lastName: patient.lastName, nationalId: patient.nationalId, email: opt('email', patient.email), mobile: opt('mobile', patient.mobile),
        address1: opt('address1', patient.address1), address2: opt('address2', patient.address2), postalCode: opt('postalCode', patient.postalCode), city: opt('city', patient.city),
      },
    };
    assert.deepEqual(detailsValidator({ org: { settings: { fields } as OrganizationPublic['settings'], locale: locale as Locale, smsCountries: [] }, locale: 'nb', t: nb })(request), zodFormErrors(request, fields, locale));
  }), { numRuns: 5_000 });
});
