import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { subdomainOf } from './hosted-page.ts';
import { createPgliteTestDatabase } from '../../test/support/test-database.ts';
import { createHarness, type Harness } from '../../test/support/api-harness.ts';
import { patient } from '../../test/support/fixture.ts';

/** Runs `body` with the real app over a fresh database holding the fixture organization "acme", then closes it. */
async function withHarness(options: Parameters<typeof createHarness>[1], body: (h: Harness) => Promise<void>): Promise<void> {
  const database = await createPgliteTestDatabase();
  try {
    await body(await createHarness(database, options));
  } finally {
    await database.close();
  }
}

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
  await withHarness({}, async (h) => { // PUBLIC_URL https://book.example, organization "acme"
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
  });
});

test('a booking\'s manage link opens on both page shapes; the analytics script (W12) only on the booking page', async () => {
  await withHarness({ settings: { flexibility: { weekendBooking: true } } }, async (h) => {
    const analytics = 'https://stats.example.org/script.js';
    await h.database.db.updateTable('organizations').set({ theme: JSON.stringify({ analyticsScriptUrl: analytics }) }).where('id', '=', h.fixture.orgId).execute();
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
  });
});

test('the hosted page speaks ?locale= (or ?lang=), else the browser\'s Accept-Language, else the organization\'s language', async () => {
  await withHarness({}, async (h) => { // organization "acme" speaks nb
    const localeOf = async (path: string, headers: Record<string, string> = {}) => {
      const response = await h.app.request(path, { headers });
      assert.equal(response.status, 200);
      const text = await response.text();
      const widget = /<opus-booking [^>]*locale="(\w+)"/.exec(text)?.[1];
      assert.equal(/<html lang="(\w+)"/.exec(text)?.[1], widget, 'the page and the widget speak the same language');
      return widget;
    };
    assert.equal(await localeOf('/o/acme/'), 'nb');
    assert.equal(await localeOf('/o/acme/?locale=sv'), 'sv');
    assert.equal(await localeOf('/o/acme/?lang=en'), 'en');
    assert.equal(await localeOf('/', { host: 'acme.book.example', 'accept-language': 'sv-SE' }), 'sv');
    assert.equal(await localeOf('/o/acme/', { 'accept-language': 'sv-SE,sv;q=0.9,en-US;q=0.8,en;q=0.7' }), 'sv');
    assert.equal(await localeOf('/o/acme/', { 'accept-language': 'de-DE,de;q=0.9,en;q=0.8,sv;q=0.5' }), 'en', 'the first language the product speaks, by weight');
    assert.equal(await localeOf('/o/acme/', { 'accept-language': 'de-DE,fr;q=0.9' }), 'nb', 'none spoken: the organization\'s');
    assert.equal(await localeOf('/o/acme/', { 'accept-language': 'nn-NO' }), 'nb', 'nynorsk reads bokmål');
    assert.equal(await localeOf('/o/acme/?locale=en', { 'accept-language': 'sv-SE' }), 'en', 'the address wins over the browser');
    assert.equal(await localeOf('/o/acme/?locale=xx', { 'accept-language': 'sv-SE' }), 'sv', 'an unknown locale is ignored');
    assert.match((await h.app.request('/o/acme/')).headers.get('vary') ?? '', /accept-language/i, 'caches keep one page per language');
  });
});

test('a booking remembers the language it was made in: its manage link opens in it', async () => {
  await withHarness({}, async (h) => {
    const book = (start: string, locale?: unknown) => h.call('POST', '/bookings', {
      treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1, start, patient: patient(), ...(locale === undefined ? {} : { locale }),
    });
    const en = await book('2026-12-03T09:00:00+01:00', 'en');
    assert.equal(en.status, 201);
    assert.equal(en.body.booking.locale, 'en');
    const token = encodeURIComponent(en.body.manageToken as string);
    assert.equal((await h.call('GET', `/bookings/${token}`)).body.locale, 'en');
    const localeOf = async (path: string, headers: Record<string, string> = {}) => /<opus-booking [^>]*locale="(\w+)"/.exec(await (await h.app.request(path, { headers })).text())?.[1];
    assert.equal(await localeOf(`/o/acme/manage/${token}`, { 'accept-language': 'nb-NO' }), 'en', 'the booking\'s language, whatever the browser');
    assert.equal(await localeOf(`/manage/${token}`, { host: 'acme.book.example' }), 'en');
    assert.equal(await localeOf(`/o/acme/manage/${token}?locale=sv`), 'sv', 'unless the address asks for another');
    // A booking made without one (the SDK, staff) opens as any page does.
    const plain = await book('2026-12-03T10:00:00+01:00');
    assert.equal(plain.status, 201);
    assert.equal(plain.body.booking.locale, undefined);
    assert.equal(await localeOf(`/o/acme/manage/${encodeURIComponent(plain.body.manageToken as string)}`, { 'accept-language': 'sv-SE' }), 'sv');
    const wrong = await book('2026-12-03T11:00:00+01:00', 'de');
    assert.equal(wrong.status, 422);
    assert.equal(wrong.body.issues[0].path, 'locale');
  });
});

test('an icon for every page: /favicon.ico from our own origin, and the hosted page links the organization\'s logo or that icon', async () => {
  await withHarness({}, async (h) => {
    for (const headers of [{}, { host: 'acme.book.example' }] as Array<Record<string, string>>) {
      const icon = await h.app.request('/favicon.ico', { headers });
      assert.equal(icon.status, 200);
      assert.equal(icon.headers.get('content-type'), 'image/x-icon');
      assert.deepEqual([...new Uint8Array(await icon.arrayBuffer()).subarray(0, 4)], [0, 0, 1, 0], 'an ICO file');
    }
    const iconLink = async (path: string, headers: Record<string, string> = {}) => /<link rel="icon" href="([^"]*)"/.exec(await (await h.app.request(path, { headers })).text())?.[1];
    assert.equal(await iconLink('/o/acme/'), '/favicon.ico');
    assert.equal(await iconLink('/', { host: 'acme.book.example' }), '/favicon.ico');
    const logo = '/logos/acme.png';
    await h.database.db.updateTable('organizations').set({ theme: JSON.stringify({ logoUrl: logo }) }).where('id', '=', h.fixture.orgId).execute();
    assert.equal(await iconLink('/o/acme/'), logo, 'the organization\'s logo when it has one');
  });
});

test('the hosted page revalidates: an ETag from its content, 304 while nothing changed, a new page after a settings change', async () => {
  await withHarness({}, async (h) => {
    const first = await h.app.request('/o/acme/', { headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('cache-control'), 'no-cache');
    assert.equal(first.headers.get('content-encoding'), 'br', 'the page goes compressed');
    const etag = first.headers.get('etag') ?? '';
    assert.match(etag, /^W\/"[\w-]+"$/, 'weak once compressed');
    // Its inline style is allowed by its hash, not a per-response nonce: the same page twice is the same bytes.
    const policy = first.headers.get('content-security-policy') ?? '';
    assert.match(policy, /style-src 'self' 'sha256-[\w+/]+={0,2}'/);
    assert.doesNotMatch(policy, /nonce/);
    const plain = await h.app.request('/o/acme/');
    const style = /<style>([\s\S]*?)<\/style>/.exec(await plain.text())?.[1] ?? '';
    assert.ok(policy.includes(`'sha256-${createHash('sha256').update(style).digest('base64')}'`), 'the policy allows exactly the page\'s style');
    assert.equal(plain.headers.get('content-security-policy'), policy);

    const again = await h.app.request('/o/acme/', { headers: { 'accept-encoding': 'br, gzip', 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal((await again.arrayBuffer()).byteLength, 0);
    assert.equal((await h.app.request('/o/acme/', { headers: { 'if-none-match': etag, 'accept-language': 'sv' } })).status, 200, 'another language is another page');

    await h.database.db.updateTable('organizations').set({ theme: JSON.stringify({ primaryColor: '#112233' }) }).where('id', '=', h.fixture.orgId).execute();
    const changed = await h.app.request('/o/acme/', { headers: { 'if-none-match': etag } });
    assert.equal(changed.status, 200);
    assert.match(await changed.text(), /#112233/);
    assert.notEqual(changed.headers.get('etag'), etag);
    assert.notEqual(changed.headers.get('content-security-policy'), policy, 'the new style has its own hash');
  });
});

test('a manage page is never revalidated from a cache: no ETag, no-store', async () => {
  await withHarness({}, async (h) => {
    const manage = await h.app.request('/o/acme/manage/some-token');
    assert.equal(manage.headers.get('etag'), null);
    assert.equal(manage.headers.get('cache-control'), 'no-store');
  });
});
