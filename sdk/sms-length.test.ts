import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { smsLength } from './sms-length.ts';

test('GSM-7: 160 in one part, then 153 per part', () => {
  assert.deepEqual(smsLength('a'.repeat(160)), { encoding: 'gsm7', units: 160, characters: 160, parts: 1, remaining: 0 });
  assert.equal(smsLength('a'.repeat(161)).parts, 2);
  assert.equal(smsLength('a'.repeat(306)).parts, 2);
  assert.equal(smsLength('a'.repeat(307)).parts, 3);
  assert.equal(smsLength('').parts, 0);
});

test('Norwegian and Swedish letters are GSM-7', () => {
  for (const text of ['Hei Åse, Ærlig Østby æøå', 'Hej Åsa Öberg, välkommen! äöå ÄÖÅ é']) {
    assert.equal(smsLength(text).encoding, 'gsm7', text);
    assert.equal(smsLength(text).units, text.length);
  }
});

test('extension characters count double and are never split across parts', () => {
  assert.deepEqual(smsLength('€'), { encoding: 'gsm7', units: 2, characters: 1, parts: 1, remaining: 158 });
  assert.equal(smsLength('a'.repeat(159) + '[').parts, 2, '159 + 2 = 161 units');
  assert.equal(smsLength('a'.repeat(158) + '{').parts, 1, '158 + 2 = 160 units');
  // 152 units, then a 2-unit escape pair does not fit the 153 of part one: it moves to part two.
  const split = smsLength('a'.repeat(152) + '€' + 'a'.repeat(10));
  assert.equal(split.parts, 2);
  assert.equal(split.remaining, 153 - 12);
});

test('UCS-2: 70 in one part, then 67; an emoji is two units and never split', () => {
  assert.deepEqual(smsLength('ł'.repeat(70)), { encoding: 'ucs2', units: 70, characters: 70, parts: 1, remaining: 0 });
  assert.equal(smsLength('ł'.repeat(71)).parts, 2);
  assert.equal(smsLength('ł'.repeat(134)).parts, 2);
  assert.equal(smsLength('ł'.repeat(135)).parts, 3);
  assert.deepEqual(smsLength('Hei 😀'), { encoding: 'ucs2', units: 6, characters: 5, parts: 1, remaining: 64 });
  assert.equal(smsLength('ł'.repeat(66) + '😀').parts, 1, '68 units fit one part');
  const split = smsLength('ł'.repeat(66) + '😀' + 'ł'.repeat(3));
  assert.equal(split.parts, 2, 'the pair does not fit the 67 of part one and moves whole');
  assert.equal(split.remaining, 67 - 5);
});

test('parts never undercount: property over random texts', () => {
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', 'æ', '€', 'ł', '😀', ' ') , maxLength: 400 }), (text) => {
    const { units, parts, encoding } = smsLength(text);
    const single = encoding === 'gsm7' ? 160 : 70;
    const part = encoding === 'gsm7' ? 153 : 67;
    if (units === 0) return parts === 0;
    if (units <= single) return parts === 1;
    return parts >= Math.ceil(units / part) && parts <= Math.ceil(units / (part - 1));
  }));
});
