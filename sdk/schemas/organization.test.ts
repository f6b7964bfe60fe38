import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HostedPageSettings } from './organization.ts';

const accepts = (frameAncestors: string[]) => HostedPageSettings.safeParse({ frameAncestors }).success;

test('sites that may frame the hosted page: https origins, a port, one leading wildcard label over a registrable-looking name', () => {
  assert.ok(accepts([]));
  assert.ok(accepts(['https://www.clinic.no', 'https://clinic.no:8443', 'https://*.clinic.no', 'https://localhost:9443']));
});

test('no paths, other schemes, bare wildcards, upper case, quotes, separators or duplicates; at most 20', () => {
  for (const origin of [
    'http://www.clinic.no', 'https://www.clinic.no/', 'https://www.clinic.no/booking', 'https://www.clinic.no?x', '*', 'https:', 'https://*',
    'https://*.no', 'https://a.*.clinic.no', 'https://WWW.clinic.no', "'self'", "https://clinic.no 'unsafe-inline'", 'https://clinic.no;script-src *',
    'https://clinic.no,https://evil.example', 'https://-clinic.no', 'https://clinic.no:123456', 'https://user@clinic.no', ' https://clinic.no',
  ]) assert.equal(accepts([origin]), false, origin);
  assert.equal(accepts(['https://clinic.no', 'https://clinic.no']), false, 'duplicates');
  assert.equal(accepts(Array.from({ length: 21 }, (_, i) => `https://site${i}.example`)), false, 'more than 20');
  assert.ok(accepts(Array.from({ length: 20 }, (_, i) => `https://site${i}.example`)));
});
