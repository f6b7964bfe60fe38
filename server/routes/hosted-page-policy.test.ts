import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createPgliteTestDatabase } from '../../test/support/test-database.ts';
import { createHarness } from '../../test/support/api-harness.ts';
import { patient } from '../../test/support/fixture.ts';

const policyOf = (response: Response) => new Map((response.headers.get('content-security-policy') ?? '').split('; ').map((d) => {
  const [name, ...sources] = d.split(' ');
  return [name!, sources] as const;
}));

test('the hosted and manage pages answer a strict CSP; their one inline style is allowed by its hash; no site may frame them by default', async () => {
  const database = await createPgliteTestDatabase();
  try {
    const h = await createHarness(database);
    const booked = await h.call('POST', '/bookings', {
      treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1, start: '2026-12-03T09:00:00+01:00', patient: patient(),
    });
    assert.equal(booked.status, 201);
    const token = encodeURIComponent(booked.body.manageToken as string);
    for (const [path, host] of [['/o/acme/', undefined], ['/', 'acme.book.example'], [`/o/acme/manage/${token}`, undefined], [`/manage/${token}`, 'acme.book.example'], ['/o/acme/manage/nope', undefined]] as const) {
      const response = await h.app.request(path, { headers: host ? { host } : {} });
      const policy = policyOf(response);
      assert.deepEqual(policy.get('default-src'), ["'none'"], path);
      assert.deepEqual(policy.get('script-src'), ["'self'"], path);
      assert.deepEqual(policy.get('img-src'), ["'self'", 'data:'], path);
      assert.deepEqual(policy.get('connect-src'), ["'self'"], path);
      assert.deepEqual(policy.get('frame-ancestors'), ["'none'"], path);
      assert.deepEqual(policy.get('base-uri'), ["'none'"], path);
      assert.equal(response.headers.get('x-frame-options'), 'DENY', path);
      const text = await response.text();
      const styles = [...text.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
      assert.equal(styles.length, 1, path);
      assert.deepEqual(policy.get('style-src'), ["'self'", ...styles], path);
      assert.ok(!/\sstyle="/.test(text), `no inline style attribute on ${path}`);
      assert.ok(!/<script(?![^>]*\ssrc=)/.test(text), `no inline script on ${path}`);
    }
    const api = await h.app.request('/api/v1/organizations/acme/clinics');
    assert.equal(api.headers.get('x-frame-options'), 'SAMEORIGIN', 'everything else keeps its header');
  } finally {
    await database.close();
  }
});

test('the analytics script\'s origin and the logo\'s are allowed; listed sites may frame the page, and X-Frame-Options does not contradict them', async () => {
  const database = await createPgliteTestDatabase();
  try {
    const h = await createHarness(database, { settings: { flexibility: { weekendBooking: true }, hostedPage: { frameAncestors: ['https://www.acme.no', 'https://*.acme.se'] } } });
    await database.db.updateTable('organizations').set({
      theme: JSON.stringify({ analyticsScriptUrl: 'https://stats.example.org/script.js', logoUrl: 'https://cdn.acme.no/logo.png' }),
    }).where('id', '=', h.fixture.orgId).execute();
    const response = await h.app.request('/o/acme/');
    const policy = policyOf(response);
    assert.deepEqual(policy.get('script-src'), ["'self'", 'https://stats.example.org']);
    assert.deepEqual(policy.get('connect-src'), ["'self'", 'https://stats.example.org']);
    assert.deepEqual(policy.get('img-src'), ["'self'", 'data:', 'https://cdn.acme.no']);
    assert.deepEqual(policy.get('frame-ancestors'), ['https://www.acme.no', 'https://*.acme.se']);
    assert.equal(response.headers.get('x-frame-options'), null);
    const publicAnswer = await h.call('GET', '');
    assert.deepEqual(publicAnswer.body.settings.hostedPage, { frameAncestors: ['https://www.acme.no', 'https://*.acme.se'] });
  } finally {
    await database.close();
  }
});
