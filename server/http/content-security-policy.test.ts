import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { contentSecurityPolicy, cspOrigin } from './content-security-policy.ts';

test('the strict policy: own scripts only, the nonce for the page\'s inline style, no framing by default', () => {
  assert.equal(
    contentSecurityPolicy({ nonce: 'abc123' }),
    "default-src 'none'; script-src 'self'; style-src 'self' 'nonce-abc123'; img-src 'self' data:; connect-src 'self'; "
      + "base-uri 'none'; form-action 'self'; object-src 'none'; frame-ancestors 'none'",
  );
});

test('the analytics script\'s origin may run and be called; the logo\'s origin may be shown; listed sites may frame', () => {
  const policy = contentSecurityPolicy({
    nonce: 'n0nce',
    analyticsScriptUrl: 'https://stats.example.org/js/script.js?site=1',
    logoUrl: 'https://cdn.clinic.no/logo.png',
    frameAncestors: ['https://www.clinic.no', 'https://*.clinic.se:8443'],
  });
  assert.match(policy, /script-src 'self' https:\/\/stats\.example\.org;/);
  assert.match(policy, /connect-src 'self' https:\/\/stats\.example\.org;/);
  assert.match(policy, /img-src 'self' data: https:\/\/cdn\.clinic\.no;/);
  assert.match(policy, /frame-ancestors https:\/\/www\.clinic\.no https:\/\/\*\.clinic\.se:8443$/);
});

test('hashes for a static page\'s inline scripts and styles', () => {
  const policy = contentSecurityPolicy({ scriptHashes: ["'sha256-AAAA+/='"], styleHashes: ["'sha256-BBBB='"] });
  assert.match(policy, /script-src 'self' 'sha256-AAAA\+\/=';/);
  assert.match(policy, /style-src 'self' 'sha256-BBBB=';/);
});

test('what is not a plain https origin adds nothing', () => {
  for (const url of ['http://stats.example.org/s.js', 'javascript:alert(1)', 'https://a;b.example/x', "https://a'b.example/", 'https://a,b.example/', '/logo.png', 'data:image/png;base64,AA', '', null, undefined]) {
    assert.equal(cspOrigin(url), null, String(url));
  }
  assert.equal(cspOrigin('https://Bücher.example:8443/a b?c'), 'https://xn--bcher-kva.example:8443');
  const policy = contentSecurityPolicy({ analyticsScriptUrl: "https://x.example;script-src 'unsafe-inline'", frameAncestors: ['*', "https://a.example 'unsafe-inline'", 'https://ok.example'] });
  assert.match(policy, /frame-ancestors https:\/\/ok\.example$/);
  assert.ok(!policy.includes('unsafe'), policy);
});

test('property: no setting smuggles a directive, a source or a quote into the policy', () => {
  const text = fc.string({ unit: 'binary', maxLength: 60 });
  const urlish = fc.oneof(text, text.map((s) => `https://${s}`), fc.webUrl().map((u) => `${u}`), fc.tuple(fc.webUrl(), text).map(([u, s]) => `${u}${s}`));
  fc.assert(fc.property(urlish, urlish, fc.array(urlish, { maxLength: 5 }), (analyticsScriptUrl, logoUrl, frameAncestors) => {
    const policy = contentSecurityPolicy({ nonce: 'n', analyticsScriptUrl, logoUrl, frameAncestors });
    const directives = policy.split('; ');
    assert.deepEqual(directives.map((d) => d.split(' ')[0]), ['default-src', 'script-src', 'style-src', 'img-src', 'connect-src', 'base-uri', 'form-action', 'object-src', 'frame-ancestors']);
    for (const directive of directives) {
      const [, ...sources] = directive.split(' ');
      for (const source of sources) {
        assert.match(source, /^(?:'(?:self|none|nonce-n)'|data:|https:\/\/(?:\*\.)?[a-z0-9.-]+(?::\d{1,5})?)$/, `${source} in ${policy}`);
      }
    }
  }), { numRuns: 2000 });
});
