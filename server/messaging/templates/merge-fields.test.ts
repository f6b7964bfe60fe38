import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, renderTemplate, SAMPLE_VALUES, unknownMergeFields } from './merge-fields.ts';
import { smsLength } from '../../../sdk/sms-length.ts';
import { standardText } from './standard-texts.ts';

test('merge fields by our names and the seed\'s, case-insensitive', () => {
  const values = { firstName: 'Åse', lastName: 'Berg', time: '09.12.2026 kl. 12:45', provider: 'Tannlege Hanne Wildahl' };
  assert.equal(renderTemplate('Hei [Fornavn] [ETTERNAVN], [tidspunkt] hos [Behandler].', values), 'Hei Åse Berg, 09.12.2026 kl. 12:45 hos Tannlege Hanne Wildahl.');
  assert.equal(renderTemplate('Hej [Förnamn], [firstName]', values), 'Hej Åse, Åse');
});

test('values are inserted as text: never expanded, no line breaks, capped', () => {
  const rendered = renderTemplate('Hei [firstName]!', { firstName: '[lastName]\n<b>x</b>', lastName: 'SECRET' });
  assert.equal(rendered, 'Hei [lastName] <b>x</b>!');
  assert.equal(renderTemplate('[firstName]', { firstName: 'x'.repeat(500) }).length, 200);
  assert.equal(renderTemplate('<p>[firstName]</p>', { firstName: '<script>' }, escapeHtml), '<p>&lt;script&gt;</p>');
});

test('unknown merge fields are reported; brackets that are not fields are left alone', () => {
  assert.deepEqual(unknownMergeFields('Hei [Fornavn], [Skostørrelse] [1] [ ok ]'), ['Skostørrelse']);
  assert.deepEqual(unknownMergeFields('[firstName] [manageLink] [clinic]'), []);
});

test('the standard reminder texts fit one GSM-7 part in nb, sv and en with realistic values', () => {
  for (const locale of ['nb', 'sv', 'en'] as const) {
    const values = { ...SAMPLE_VALUES[locale], firstName: 'Kristoffer', provider: 'Tannlege Hanne Wildahl', clinic: 'Tannklinikken Majorstuen', organization: 'Opus Tannhelse Oslo' };
    for (const kind of ['reminder1', 'reminder2', 'reminder3', 'thanks', 'general'] as const) {
      const length = smsLength(renderTemplate(standardText('sms', kind, locale)!.body, values));
      assert.equal(length.encoding, 'gsm7', `${locale} ${kind}`);
      assert.equal(length.parts, 1, `${locale} ${kind}: ${length.units} units`);
    }
  }
});
