import { test } from 'node:test';
import assert from 'node:assert/strict';
import { subdomainOf } from './hosted-page.ts';

test('the organization comes from the first label of a host under PUBLIC_URL\'s host', () => {
  assert.equal(subdomainOf('demo.booking.example.no', 'booking.example.no'), 'demo');
  assert.equal(subdomainOf('Demo.Booking.Example.no:8443', 'booking.example.no'), 'demo');
  assert.equal(subdomainOf('demo.localhost:3000', 'localhost'), 'demo');
});

test('other hosts are not organization pages', () => {
  assert.equal(subdomainOf('booking.example.no', 'booking.example.no'), undefined);
  assert.equal(subdomainOf('a.b.booking.example.no', 'booking.example.no'), undefined);
  assert.equal(subdomainOf('evilbooking.example.no', 'booking.example.no'), undefined);
  assert.equal(subdomainOf('-x.booking.example.no', 'booking.example.no'), undefined);
  assert.equal(subdomainOf(undefined, 'booking.example.no'), undefined);
});

test('the hosted page by path and by subdomain, the manage page, and the widget files', async () => {
  const { createPgliteTestDatabase } = await import('../../test/support/test-database.ts');
  const { createHarness } = await import('../../test/support/api-harness.ts');
  const database = await createPgliteTestDatabase();
  try {
    const h = await createHarness(database); // PUBLIC_URL https://book.example, organization "acme"
    for (const response of [await h.app.request('/o/acme/'), await h.app.request('/', { headers: { host: 'acme.book.example' } })]) {
      assert.equal(response.status, 200);
      const text = await response.text();
      assert.match(text, /<opus-booking api="\/" organization="acme" locale="nb" hide-logo/);
      assert.match(text, /src="\/widget\/opus-booking.js"/);
      assert.match(text, /Acme Tannhelse/);
    }
    assert.equal((await h.app.request('/', { headers: { host: 'book.example' } })).status, 404);
    assert.equal((await h.app.request('/', { headers: { host: 'nope.book.example' } })).status, 404);
    const manage = await h.app.request('/manage/some-token', { headers: { host: 'acme.book.example' } });
    assert.equal(manage.status, 404);
    assert.equal(manage.headers.get('cache-control'), 'no-store');
    assert.equal((await h.app.request('/widget/..%2Fpackage.json')).status, 404);
    assert.equal((await h.app.request('/widget/chunks/../../x.js')).status, 404);
  } finally {
    await database.close();
  }
});
