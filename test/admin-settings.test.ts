import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DATABASE_KINDS, createTestDatabase } from './support/test-database.ts';
import { createAdminHarness, type AdminHarness } from './support/admin-harness.ts';
import { patient } from './support/fixture.ts';
import { createClient } from '../sdk/client.ts';
import { OpusApiError } from '../sdk/errors.ts';
import { DEFAULT_SETTINGS, DEFAULT_TEXTS, DEFAULT_THEME } from '../server/organizations/defaults.ts';

// Issue 9: the organization's settings as admin API resources (W1, W4–W9,
// W12), each read, replaced, patched and reset; the e-ID secret never
// answered; the subdomain checked and changed; the logo uploaded and served
// from our origin; "published" off closing the booking page but not the API.

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const SECRET = 'eid-client-s3cret-value';

/** Asserts a problem+json answer naming `field`. */
function assertProblem(result: { status: number; body: any; type: string | null }, status: number, field?: string, code?: string) {
  assert.equal(result.status, status, JSON.stringify(result.body));
  assert.match(result.type ?? '', /application\/problem\+json/);
  if (field !== undefined) {
    const issue = result.body.issues?.find((i: { path: string }) => i.path === field);
    assert.ok(issue, `an issue for "${field}" in ${JSON.stringify(result.body.issues)}`);
    if (code) assert.equal(issue.code, code);
  }
}

/** The public answer (`GET /api/v1/organizations/{org}`) of a harness's organization under its subdomain now. */
async function publicOf(a: AdminHarness, subdomain = a.fixture.subdomain) {
  const response = await a.app.request(`/api/v1/organizations/${subdomain}`);
  return { status: response.status, body: await response.json() as any };
}

/** Per section: a whole new value, a patch, and where the public answer shows the section (none: server-only). */
const SECTIONS: Array<{ section: string; put: Record<string, unknown>; patch: Record<string, unknown>; standard: unknown; publicOf?: (body: any) => unknown }> = [
  { section: 'flexibility', put: { ...DEFAULT_SETTINGS.flexibility, showBookings: true, codeChallenge: 'email' }, patch: { userMessage: false }, standard: DEFAULT_SETTINGS.flexibility, publicOf: (b) => b.settings.flexibility },
  { section: 'fields', put: { ...DEFAULT_SETTINGS.fields, city: 'required', postalCode: 'optional' }, patch: { address1: 'optional' }, standard: DEFAULT_SETTINGS.fields, publicOf: (b) => b.settings.fields },
  { section: 'steps', put: { order: ['provider', 'clinic', 'treatment'], mergeTreatmentAndProvider: true }, patch: { mergeTreatmentAndProvider: false }, standard: DEFAULT_SETTINGS.steps, publicOf: (b) => b.settings.steps },
  { section: 'booking', put: { ...DEFAULT_SETTINGS.booking, cutoffHours: 12, cancellation: false }, patch: { horizonDays: 30 }, standard: DEFAULT_SETTINGS.booking, publicOf: (b) => b.settings.booking },
  { section: 'hostedPage', put: { frameAncestors: ['https://www.clinic.no', 'https://*.clinic.no'] }, patch: { frameAncestors: ['https://www.clinic.no'] }, standard: DEFAULT_SETTINGS.hostedPage, publicOf: (b) => b.settings.hostedPage },
  { section: 'rateLimits', put: { ...DEFAULT_SETTINGS.rateLimits, bookingsPerIpPerMinute: 3 }, patch: { loginsPerIpPerHour: 7 }, standard: DEFAULT_SETTINGS.rateLimits },
  { section: 'eid', put: { enabled: true, issuer: 'https://idporten.example', clientId: 'client-1', nationalIdClaim: 'pid', scope: 'openid profile' }, patch: { scope: 'openid' }, standard: { ...DEFAULT_SETTINGS.eid, clientSecret: undefined, clientSecretSet: false } },
  { section: 'texts', put: { ...DEFAULT_TEXTS.nb, welcome: 'Hei og velkommen til oss!' }, patch: { deviation: { maintenance: 'Stengt i dag.' } }, standard: DEFAULT_TEXTS.nb, publicOf: (b) => b.texts },
  { section: 'theme', put: { primaryColor: '#000000', accentColor: '#123abc', logoUrl: 'https://cdn.clinic.no/logo.png', analyticsScriptUrl: 'https://stats.example.org/s.js' }, patch: { accentColor: '#ffffff' }, standard: DEFAULT_THEME, publicOf: (b) => b.theme },
];

/** What a patch makes of a value: objects merge key by key, anything else replaces. */
function merged(base: any, patch: any): any {
  if (!base || typeof base !== 'object' || Array.isArray(base) || !patch || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  return Object.fromEntries([...new Set([...Object.keys(base), ...Object.keys(patch)])].map((k) => [k, k in patch ? merged(base[k], patch[k]) : base[k]]));
}

const strip = (value: unknown) => JSON.parse(JSON.stringify(value));

for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  describe(`admin settings (${kind})`, { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
    after(() => database?.close());
    let n = 0;
    const fresh = () => createAdminHarness(database!, { subdomain: `set-${kind === 'pglite' ? 'l' : 'p'}-${++n}` });

    test('every section: GET, PUT, PATCH and reset, the public answer following at once', async () => {
      const a = await fresh();
      for (const { section, put, patch, standard, publicOf: shown } of SECTIONS) {
        const before = await a.admin('GET', `/settings/${section}`);
        assert.equal(before.status, 200, section);
        const expectedPut = section === 'eid' ? { ...put, clientSecretSet: false } : put;
        const replaced = await a.admin('PUT', `/settings/${section}`, put);
        assert.equal(replaced.status, 200, `${section}: ${JSON.stringify(replaced.body)}`);
        assert.deepEqual(replaced.body, expectedPut, section);
        assert.deepEqual((await a.admin('GET', `/settings/${section}`)).body, expectedPut, section);
        if (shown) assert.deepEqual(shown((await publicOf(a)).body), put, `${section} in the public answer after PUT`);

        const patched = await a.admin('PATCH', `/settings/${section}`, patch);
        assert.equal(patched.status, 200, `${section}: ${JSON.stringify(patched.body)}`);
        assert.deepEqual(patched.body, merged(expectedPut, patch), `${section} patched`);
        if (shown) assert.deepEqual(shown((await publicOf(a)).body), merged(put, patch), `${section} in the public answer after PATCH`);

        const reset = await a.admin('DELETE', `/settings/${section}`);
        assert.equal(reset.status, 200, section);
        assert.deepEqual(reset.body, strip(standard), `${section} reset`);
        if (shown) assert.deepEqual(shown((await publicOf(a)).body), standard, `${section} in the public answer after reset`);
      }
      const all = await a.client.getAllSettings();
      assert.deepEqual(all.booking, DEFAULT_SETTINGS.booking);
      assert.equal(all.organization.subdomain, a.fixture.subdomain);
      assert.equal(all.logo, null);
      // The SDK, typed per section.
      assert.equal((await a.client.patchSection('booking', { cutoffHours: 6 })).cutoffHours, 6);
      assert.equal((await a.client.getSection('booking')).cutoffHours, 6);
      assert.equal((await a.client.updateSection('steps', { order: ['treatment', 'provider', 'clinic'], mergeTreatmentAndProvider: false })).order[0], 'treatment');
      assert.deepEqual(await a.client.resetSection('booking'), DEFAULT_SETTINGS.booking);
    });

    test('a refused value names its field and changes nothing', async () => {
      const a = await fresh();
      const auditBefore = (await a.audit()).length;
      const cases: Array<[string, string, Record<string, unknown>, string]> = [
        ['PUT', 'steps', { order: ['clinic', 'clinic', 'provider'], mergeTreatmentAndProvider: false }, 'order'],
        ['PATCH', 'steps', { order: ['clinic', 'treatment'] }, 'order'],
        ['PATCH', 'booking', { cutoffHours: -1 }, 'cutoffHours'],
        ['PUT', 'booking', { ...DEFAULT_SETTINGS.booking, cutoffHours: 'many' }, 'cutoffHours'],
        ['PATCH', 'theme', { primaryColor: 'red' }, 'primaryColor'],
        ['PATCH', 'theme', { analyticsScriptUrl: 'http://stats.example.org/s.js' }, 'analyticsScriptUrl'],
        ['PATCH', 'hostedPage', { frameAncestors: ['https://www.clinic.no/path'] }, 'frameAncestors.0'],
        ['PATCH', 'fields', { email: 'sometimes' }, 'email'],
        ['PATCH', 'flexibility', { published: 'no' }, 'published'],
        ['PATCH', 'rateLimits', { codeChecksPerCode: 1.5 }, 'codeChecksPerCode'],
        ['PATCH', 'texts', { deviation: { maintenance: 42 } }, 'deviation.maintenance'],
        // A cross-field rule holds on the merged section: an enabled e-ID login needs an issuer.
        ['PATCH', 'eid', { enabled: true }, 'issuer'],
      ];
      const before = (await a.client.getAllSettings());
      for (const [method, section, body, field] of cases) assertProblem(await a.admin(method, `/settings/${section}`, body), 422, field);
      assertProblem(await a.admin('PATCH', '/settings/organization', { timeZone: 'Mars/Olympus_Mons' }), 422, 'timeZone', 'invalid_time_zone');
      assertProblem(await a.admin('PATCH', '/settings/organization', { name: '  ' }), 422, 'name');
      assert.deepEqual(await a.client.getAllSettings(), before);
      assert.equal((await a.audit()).length, auditBefore, 'nothing audited');
    });

    test('the e-ID client secret is never answered nor audited; a change without it keeps it for the same broker and client, an empty one clears it', async () => {
      const a = await fresh();
      const eid = { enabled: true, issuer: 'https://idporten.example', clientId: 'client-1', clientSecret: SECRET, nationalIdClaim: 'pid', scope: 'openid' };
      const put = await a.admin('PUT', '/settings/eid', eid);
      assert.equal(put.status, 200);
      assert.equal(put.body.clientSecretSet, true);
      assert.ok(!('clientSecret' in put.body));
      const patched = await a.client.patchSection('eid', { scope: 'openid profile' });
      assert.equal(patched.clientSecretSet, true, 'kept for the same broker and client');
      assert.equal(patched.scope, 'openid profile');
      const { clientSecret: _, ...withoutSecret } = eid;
      assert.equal((await a.admin('PUT', '/settings/eid', { ...withoutSecret, scope: 'openid profile' })).body.clientSecretSet, true, 'a PUT without it keeps it');
      const stored = await database!.db.selectFrom('organizations').select('settings').where('id', '=', a.fixture.orgId).executeTakeFirstOrThrow();
      assert.equal((stored.settings as any).eid.clientSecret, SECRET, 'kept on the server');
      const everything = JSON.stringify([
        await a.admin('GET', '/settings/eid'), await a.admin('GET', '/settings'), await publicOf(a), await a.admin('GET', '/audit'), await a.audit(),
      ]);
      assert.ok(!everything.includes(SECRET), 'the secret is in no answer and no audit row');
      // Another broker or client without a new secret: the stored one must not go there.
      assert.equal((await a.client.patchSection('eid', { issuer: 'https://evil.example' })).clientSecretSet, false, 'a new issuer clears it');
      await a.client.patchSection('eid', { issuer: eid.issuer, clientSecret: SECRET });
      assert.equal((await a.admin('PUT', '/settings/eid', { ...withoutSecret, clientId: 'client-2' })).body.clientSecretSet, false, 'a new client id clears it');
      const renewed = await a.client.patchSection('eid', { clientId: 'client-3', clientSecret: 'another-secret' });
      assert.equal(renewed.clientSecretSet, true, 'a new client with its own secret');
      assert.equal((await a.admin('PATCH', '/settings/eid', { clientSecret: '' })).body.clientSecretSet, false, 'an empty one clears it');
      assert.equal((await publicOf(a)).body.eidLogin, false, 'login is still off (W4)');
      assert.equal((await a.admin('DELETE', '/settings/eid')).body.clientSecretSet, false);
    });

    test('the public answer says which countries\' mobiles are texted, the only messaging setting it shows, following a change at once', async () => {
      const a = await fresh();
      const withCatalog = async () => (await a.app.request(`/api/v1/organizations/${a.fixture.subdomain}?include=catalog`)).json() as Promise<any>;
      assert.deepEqual((await publicOf(a)).body.smsCountries, ['NO', 'SE', 'DK', 'FI'], 'the default');
      const changed = await a.admin('PUT', '/messaging/settings', { smsCountries: ['NO'], senderId: 'Hemmelig', reminderPolicy: 'none' });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.deepEqual((await publicOf(a)).body.smsCountries, ['NO'], 'read again after the change, not from the cache');
      const shown = await withCatalog();
      assert.deepEqual(shown.smsCountries, ['NO']);
      assert.ok(shown.catalog, 'with the catalog too');
      const text = JSON.stringify(shown);
      for (const secret of ['Hemmelig', 'reminderPolicy', 'senderId', 'testMode', 'smsEnabled']) assert.ok(!text.includes(secret), `${secret} is not public`);
      assert.equal((await a.admin('PUT', '/messaging/settings', { smsCountries: [] })).status, 200);
      assert.deepEqual((await publicOf(a)).body.smsCountries, [], 'empty: any country');
    });

    test('the organization: name, language and time zone', async () => {
      const a = await fresh();
      const changed = await a.client.updateOrganization({ name: 'Smile Stockholm', locale: 'sv', timeZone: 'Europe/Stockholm' });
      assert.deepEqual(changed, { subdomain: a.fixture.subdomain, name: 'Smile Stockholm', locale: 'sv', timeZone: 'Europe/Stockholm' });
      const shown = (await publicOf(a)).body;
      assert.equal(shown.name, 'Smile Stockholm');
      assert.equal(shown.timeZone, 'Europe/Stockholm');
      assert.match(shown.texts.welcome, /Välkommen/, 'the standard texts follow the language');
      assert.deepEqual(await a.client.getOrganization(), changed);
      assert.deepEqual(await a.client.updateOrganization({}), changed, 'an empty change changes nothing');
      const [entry] = (await a.audit()).filter((e) => e.action === 'organization.update');
      assert.equal((entry!.before as any).timeZone, 'Europe/Oslo');
      assert.equal((entry!.after as any).timeZone, 'Europe/Stockholm');
    });

    test('W1: the subdomain check (invalid, reserved, taken, current, free) and change; the old address stops working', async () => {
      const a = await fresh();
      const b = await fresh();
      const check = (name: string) => a.client.checkSubdomain(name);
      assert.deepEqual(await check('Not_OK!'), { name: 'not_ok!', available: false, reason: 'invalid' });
      assert.deepEqual(await check('-edge'), { name: '-edge', available: false, reason: 'invalid' });
      assert.deepEqual(await check('www'), { name: 'www', available: false, reason: 'reserved' });
      assert.deepEqual(await check(b.fixture.subdomain), { name: b.fixture.subdomain, available: false, reason: 'taken' });
      assert.deepEqual(await check(a.fixture.subdomain), { name: a.fixture.subdomain, available: false, reason: 'current' });
      const free = `${a.fixture.subdomain}-new`;
      assert.deepEqual(await check(free), { name: free, available: true });

      const taken = await a.admin('PUT', '/subdomain', { subdomain: b.fixture.subdomain });
      assertProblem(taken, 409);
      assert.equal(taken.body.code, 'subdomain_taken');
      assertProblem(await a.admin('PUT', '/subdomain', { subdomain: 'admin' }), 422, 'subdomain', 'reserved');
      assertProblem(await a.admin('PUT', '/subdomain', { subdomain: 'not ok' }), 422, 'subdomain');

      const logo = await a.client.uploadLogo({ data: PNG.toString('base64') });
      const changed = await a.client.changeSubdomain(free);
      assert.equal(changed.subdomain, free);
      assert.equal((await a.app.request(`/o/${a.fixture.subdomain}/`)).status, 404, 'the old hosted page is gone');
      assert.equal((await publicOf(a)).status, 404, 'and the old API address');
      const page = await a.app.request(`/o/${free}/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<opus-booking/);
      const shown = (await publicOf(a, free)).body;
      assert.equal(shown.subdomain, free);
      assert.notEqual(shown.theme.logoUrl, logo.logoUrl);
      const image = await a.app.request(new URL(shown.theme.logoUrl).pathname);
      assert.equal(image.status, 200, 'the logo follows the subdomain');
      const [entry] = (await a.audit()).filter((e) => e.action === 'subdomain.change');
      assert.deepEqual([entry!.before, entry!.after], [{ subdomain: a.fixture.subdomain }, { subdomain: free }]);
      assert.equal((await a.client.checkSubdomain(a.fixture.subdomain)).available, true, 'the old name is free again');
    });

    test('W1: two organizations racing for one name: one gets it, the other 409', async () => {
      const a = await fresh();
      const b = await fresh();
      const name = `${a.fixture.subdomain}-race`;
      const results = await Promise.all([a.admin('PUT', '/subdomain', { subdomain: name }), b.admin('PUT', '/subdomain', { subdomain: name })]);
      assert.deepEqual(results.map((r) => r.status).sort(), [200, 409], JSON.stringify(results.map((r) => r.body)));
      assert.equal(results.find((r) => r.status === 409)!.body.code, 'subdomain_taken');
    });

    test('W8: a PNG logo is stored and served from our origin with its type; an HTML file named .png and an oversized image are refused', async () => {
      const a = await fresh();
      const tick = () => { a.clock.now = new Date(a.clock.now.getTime() + 1000); };
      const theme = await a.client.uploadLogo({ data: PNG.toString('base64') });
      tick();
      const url = new URL(theme.logoUrl!);
      assert.equal(url.origin, 'https://book.example');
      assert.equal(url.pathname, `/api/v1/organizations/${a.fixture.subdomain}/logo`);
      assert.equal((await publicOf(a)).body.theme.logoUrl, theme.logoUrl, 'the public answer points at it');
      const served = await a.app.request(url.pathname + url.search);
      assert.equal(served.status, 200);
      assert.equal(served.headers.get('content-type'), 'image/png');
      assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
      assert.match(served.headers.get('cache-control') ?? '', /public/);
      assert.deepEqual(Buffer.from(await served.arrayBuffer()), PNG);
      assert.deepEqual((await a.client.getAllSettings()).logo, { url: theme.logoUrl, type: 'image/png', bytes: PNG.length });
      const page = await (await a.app.request(`/o/${a.fixture.subdomain}/`)).text();
      assert.ok(page.includes(`<img src="${theme.logoUrl!.replace('&', '&amp;')}"`), 'the hosted page shows it');

      const html = Buffer.from('<!doctype html><script>alert(1)</script>').toString('base64');
      assertProblem(await a.admin('PUT', '/settings/logo', { data: html, name: 'logo.png' }), 422, 'data', 'not_an_image');
      const big = Buffer.concat([PNG, Buffer.alloc(41 * 1024)]);
      assertProblem(await a.admin('PUT', '/settings/logo', { data: big.toString('base64') }), 422, 'data', 'too_big');
      assert.deepEqual(Buffer.from(await (await a.app.request(url.pathname)).arrayBuffer()), PNG, 'the stored logo is unchanged');

      // Resetting the theme keeps the uploaded logo; deleting the logo removes it.
      assert.equal((await a.client.resetSection('theme')).logoUrl, theme.logoUrl);
      tick();
      const removed = await a.client.deleteLogo();
      assert.equal(removed.logoUrl, null);
      assert.equal((await publicOf(a)).body.theme.logoUrl, null);
      assert.equal((await a.app.request(url.pathname)).status, 404);
      assert.deepEqual((await a.audit()).map((e) => e.action).filter((x) => x.startsWith('settings.logo')), ['settings.logo.upload', 'settings.logo.delete']);
    });

    test('"published" off closes the hosted page, while an SDK booking through the API still succeeds; maintenance still refuses', async () => {
      const a = await fresh();
      await a.client.patchSection('flexibility', { published: false });
      const appFetch = ((input: RequestInfo | URL, init?: RequestInit) => a.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch;
      const client = createClient({ baseUrl: 'https://book.example', organization: a.fixture.subdomain, fetch: appFetch });
      const org = await client.getOrganization();
      assert.equal(org.bookingOff?.reason, 'not_published', 'the widget still shows the closed text');
      const where = { treatmentId: a.fixture.treatments.checkup, clinicId: a.fixture.clinics.a, providerId: a.fixture.providers.p1 };
      const { slots } = await client.searchSlots({ ...where, from: '2026-12-03', to: '2026-12-03' });
      assert.ok(slots.length > 0, 'free times are listed');
      const booked = await client.createBooking({ ...where, start: slots[0]!.start, patient: patient() } as any);
      assert.equal(booked.booking.status, 'booked');
      const hold = await client.holdSlot({ ...where, start: slots.at(-1)!.start });
      assert.ok(hold.holdId);
      const page = await a.app.request(`/o/${a.fixture.subdomain}/`);
      const text = await page.text();
      assert.match(text, /ikke tilgjengelig/, 'the hosted page says booking is closed');
      assert.doesNotMatch(text, /<opus-booking/, 'and offers no booking flow');

      await a.client.patchSection('flexibility', { published: true, maintenanceMode: true });
      await assert.rejects(client.createBooking({ ...where, start: slots[2]!.start, patient: patient() } as any), (error: unknown) => error instanceof OpusApiError && error.code === 'booking_off');
      await a.client.patchSection('flexibility', { maintenanceMode: false });
      await a.client.patchSection('booking', { newBooking: false });
      await assert.rejects(client.createBooking({ ...where, start: slots[2]!.start, patient: patient() } as any), (error: unknown) => error instanceof OpusApiError && error.code === 'booking_off');
    });

    test('every change is audited with the section before and after, by the key that made it', async () => {
      const a = await fresh();
      await a.client.patchSection('booking', { cutoffHours: 48 });
      a.clock.now = new Date(a.clock.now.getTime() + 1000);
      await a.client.resetSection('booking');
      const rows = (await a.audit()).filter((e) => e.target_id === 'booking');
      assert.deepEqual(rows.map((e) => e.action), ['settings.update', 'settings.reset']);
      assert.equal((rows[0]!.before as any).cutoffHours, 24);
      assert.equal((rows[0]!.after as any).cutoffHours, 48);
      assert.equal((rows[1]!.before as any).cutoffHours, 48);
      assert.equal((rows[1]!.after as any).cutoffHours, DEFAULT_SETTINGS.booking.cutoffHours);
      assert.equal(rows[0]!.actor_kind, 'api_key');
      assert.equal(rows[0]!.target_type, 'settings');
      const listed = await a.client.listAudit({ targetType: 'settings' });
      assert.equal(listed.entries[0]!.action, 'settings.reset');
    });

    test('concurrent changes of different sections all stay', async () => {
      const a = await fresh();
      await Promise.all([
        a.client.patchSection('flexibility', { showBookings: true }),
        a.client.patchSection('booking', { cutoffHours: 3 }),
        a.client.patchSection('fields', { city: 'required' }),
        a.client.patchSection('texts', { welcome: 'Hei!' }),
        a.client.patchSection('rateLimits', { codeChecksPerCode: 4 }),
        a.client.patchSection('steps', { mergeTreatmentAndProvider: true }),
      ]);
      const all = await a.client.getAllSettings();
      assert.equal(all.flexibility.showBookings, true);
      assert.equal(all.booking.cutoffHours, 3);
      assert.equal(all.fields.city, 'required');
      assert.equal(all.texts.welcome, 'Hei!');
      assert.equal(all.rateLimits.codeChecksPerCode, 4);
      assert.equal(all.steps.mergeTreatmentAndProvider, true);
    });

    test('a read key reads the settings but cannot change them; another organization\'s settings are out of reach', async () => {
      const a = await fresh();
      const b = await fresh();
      const read = { authorization: `Bearer ${await a.keyWith(['read'])}` };
      assert.equal((await a.admin('GET', '/settings', undefined, read)).status, 200);
      for (const [method, path, body] of [['PATCH', '/settings/booking', { cutoffHours: 1 }], ['DELETE', '/settings/texts', undefined], ['PUT', '/subdomain', { subdomain: 'x-read' }], ['PUT', '/settings/logo', { data: PNG.toString('base64') }]] as const) {
        const refused = await a.admin(method, path, body, read);
        assertProblem(refused, 403);
        assert.equal(refused.body.code, 'forbidden');
      }
      // A's key changes A only.
      await a.client.patchSection('booking', { cutoffHours: 2 });
      assert.equal((await b.client.getSection('booking')).cutoffHours, 24);
      assert.equal((await a.audit()).length, 1);
      assert.equal((await b.audit()).length, 0);
    });
  });
}
