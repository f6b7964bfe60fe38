import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { parsePhoneNumberFromString, type CountryCode, type MetadataJson } from 'libphonenumber-js/core';
import { phoneMetadataOf } from '../vite.config.ts';
import { WIDGET_PHONE_COUNTRIES } from '../widget/validation/phone-countries.ts';
import { mobileCountryKnown } from '../sdk/validation/phone.ts';

const require = createRequire(import.meta.url);
const examples = require('libphonenumber-js/examples.mobile.json') as Record<string, string>;
const full = require('libphonenumber-js/metadata.mobile.json') as MetadataJson & { countries: Record<string, [string, ...unknown[]]> };

/** The metadata the widget's build bundles instead of libphonenumber-js's (vite.config.ts). */
function widgetMetadata(): MetadataJson {
  const plugin = phoneMetadataOf(WIDGET_PHONE_COUNTRIES);
  const code = (plugin.load as (id: string) => string | null).call({}, '/x/node_modules/libphonenumber-js/metadata.mobile.json.js');
  return JSON.parse(code!.replace(/^export default /, '').replace(/;$/, '')) as MetadataJson;
}

/** What parseMobile judges (sdk/validation/phone.ts), with the given metadata. */
function judge(input: string, country: CountryCode, metadata: MetadataJson) {
  const parsed = parsePhoneNumberFromString(input, country, metadata);
  return parsed?.isValid() ? { e164: parsed.number, type: parsed.getType() } : 'invalid';
}

test('the widget\'s phone metadata is a few countries\', and judges their numbers exactly as the whole metadata does', () => {
  const subset = widgetMetadata();
  assert.ok(JSON.stringify(subset).length < JSON.stringify(full).length / 10, 'a fraction of the whole');
  const inputs = WIDGET_PHONE_COUNTRIES.flatMap((country) => {
    const national = examples[country]!;
    return [national, `${national.slice(0, 3)} ${national.slice(3)}`, `${national}9`, national.slice(1), `2${national.slice(1)}`]
      .flatMap((number) => [number, `+${full.countries[country]![0]}${number}`]);
  });
  for (const defaultCountry of ['NO', 'SE'] as const) {
    for (const input of [...inputs, '912 34 567', '+47 912 34 567', '070-123 45 67', '+46 70 123 45 67', '22 22 22 22', '+45 20 12 34 56']) {
      assert.deepEqual(judge(input, defaultCountry, subset), judge(input, defaultCountry, full), `${input} read in ${defaultCountry}`);
    }
  }
});

test('a number of a country the widget has no metadata for is left to the server, which knows every country', () => {
  assert.equal(parsePhoneNumberFromString('+44 7700 900123', 'NO', widgetMetadata()), undefined, 'the widget cannot judge it');
  assert.equal(mobileCountryKnown('+44 7700 900123'), true, 'the server can');
  assert.equal(mobileCountryKnown('912 34 567'), true);
});
