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

test('a booking\'s manage link opens on both page shapes; the analytics script (W12) only on the booking page', async () => {
  const { createPgliteTestDatabase } = await import('../../test/support/test-database.ts');
  const { createHarness } = await import('../../test/support/api-harness.ts');
  const { patient } = await import('../../test/support/fixture.ts');
  const database = await createPgliteTestDatabase();
  try {
    const h = await createHarness(database, { settings: { flexibility: { weekendBooking: true } } });
    const analytics = 'https://stats.example.org/script.js';
    await database.db.updateTable('organizations').set({ theme: JSON.stringify({ analyticsScriptUrl: analytics }) }).where('id', '=', h.fixture.orgId).execute();
    const { status, body } = await h.call('POST', '/bookings', {
      treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1,
      start: '2026-12-03T09:00:00+01:00', patient: patient(),
    });
    assert.equal(status, 201);
    const token = body.manageToken as string;
    // The link the patient gets is the path form, which works on any host of the server.
    assert.equal(body.manageUrl, `https://book.example/o/acme/manage/${encodeURIComponent(token)}`);
    const shapes = [
      await h.app.request(`/o/acme/manage/${encodeURIComponent(token)}`),
      await h.app.request(`/o/acme/manage/${encodeURIComponent(token)}`, { headers: { host: 'acme.book.example' } }),
      await h.app.request(`/manage/${encodeURIComponent(token)}`, { headers: { host: 'acme.book.example' } }),
    ];
    for (const response of shapes) {
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
      const text = await response.text();
      assert.ok(text.includes(`manage="${token}"`), 'the widget opens on the booking');
      assert.match(text, /Clinic A/);
      assert.ok(!text.includes(analytics), 'no third-party script sees the manage token');
    }
    for (const response of [await h.app.request('/o/acme/'), await h.app.request('/', { headers: { host: 'acme.book.example' } })]) {
      const text = await response.text();
      assert.ok(text.includes(`<script async src="${analytics}" data-organization="acme"></script>`), 'the analytics script on the booking page');
    }
  } finally {
    await database.close();
  }
});
