import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNationalId } from './national-id.ts';
import { parseMobile } from './phone.ts';

test('Swedish personnummer: long, short and hyphenless forms normalise to YYYYMMDD-XXXX', () => {
  assert.deepEqual(parseNationalId('19121212-1212'), { country: 'SE', value: '19121212-1212' });
  assert.deepEqual(parseNationalId('191212121212'), { country: 'SE', value: '19121212-1212' });
  assert.deepEqual(parseNationalId('121212-1212'), { country: 'SE', value: '20121212-1212' });
});

test('Swedish personnummer with a wrong check digit or date is refused', () => {
  assert.equal(parseNationalId('19121212-1213'), undefined);
  assert.equal(parseNationalId('19121312-1212'), undefined);
});

test('Norwegian fødselsnummer: both check digits are verified', () => {
  assert.deepEqual(parseNationalId('13097248022'), { country: 'NO', value: '13097248022' });
  assert.equal(parseNationalId('13097248023'), undefined);
  assert.equal(parseNationalId('13097248032'), undefined);
});

test('anything else is not a national id', () => {
  for (const input of ['', 'abc', '1234', '1309724802', '130972480221x']) assert.equal(parseNationalId(input), undefined);
});

test('mobile numbers are stored in E.164 and read in the organization country', () => {
  assert.deepEqual(parseMobile('912 34 567', 'NO'), { ok: true, e164: '+4791234567', country: 'NO' });
  assert.deepEqual(parseMobile('070-123 45 67', 'SE'), { ok: true, e164: '+46701234567', country: 'SE' });
  assert.deepEqual(parseMobile('+46701234567', 'NO'), { ok: true, e164: '+46701234567', country: 'SE' });
});

test('a mobile starting with 00 is refused (S7), as are landlines and garbage', () => {
  assert.deepEqual(parseMobile('004791234567', 'NO'), { ok: false, problem: 'starts_with_00' });
  assert.deepEqual(parseMobile('22 12 34 56', 'NO'), { ok: false, problem: 'not_a_mobile_number' });
  assert.deepEqual(parseMobile('12345', 'NO'), { ok: false, problem: 'not_a_mobile_number' });
  assert.deepEqual(parseMobile('', 'NO'), { ok: false, problem: 'not_a_mobile_number' });
});
