import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localeFromAcceptLanguage, pageLocale } from './page-locale.ts';

test('Accept-Language: the first language spoken, by weight, in the browser\'s order when equal', () => {
  assert.equal(localeFromAcceptLanguage('sv-SE'), 'sv');
  assert.equal(localeFromAcceptLanguage('nb-NO,nb;q=0.9,no;q=0.8,nn;q=0.7,en-US;q=0.6,en;q=0.5'), 'nb');
  assert.equal(localeFromAcceptLanguage('de-DE,de;q=0.9,sv;q=0.8,en;q=0.5'), 'sv');
  assert.equal(localeFromAcceptLanguage('en;q=0.5, sv;q=0.8'), 'sv');
  assert.equal(localeFromAcceptLanguage('en, sv'), 'en');
  assert.equal(localeFromAcceptLanguage('sv;q=0, en;q=0.1'), 'en', 'q=0 means not wanted');
  assert.equal(localeFromAcceptLanguage('*'), undefined);
  assert.equal(localeFromAcceptLanguage('de, fr'), undefined);
  assert.equal(localeFromAcceptLanguage(''), undefined);
  assert.equal(localeFromAcceptLanguage(undefined), undefined);
});

test('the page\'s language: the address, the booking\'s, the browser\'s, then the organization\'s', () => {
  const base = { query: undefined, booking: undefined, acceptLanguage: undefined, organization: 'nb' as const };
  assert.equal(pageLocale(base), 'nb');
  assert.equal(pageLocale({ ...base, acceptLanguage: 'sv-SE' }), 'sv');
  assert.equal(pageLocale({ ...base, acceptLanguage: 'sv-SE', booking: 'en' }), 'en');
  assert.equal(pageLocale({ ...base, acceptLanguage: 'sv-SE', booking: 'en', query: 'nb' }), 'nb');
  assert.equal(pageLocale({ ...base, acceptLanguage: 'sv-SE', query: 'xx' }), 'sv');
});
