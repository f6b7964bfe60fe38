import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DATABASE_KINDS, createTestDatabase } from './support/test-database.ts';
import { createAdminHarness, type AdminHarness } from './support/admin-harness.ts';
import { PHOTO } from './support/fixture.ts';
import { OpusApiError } from '../sdk/errors.ts';
import { sql, type Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import * as consentMigration from '../server/db/migrations/0012_provider_clinic_consent.ts';

// Issue 9, W2/W3: staff manage clinics, providers and treatments through the
// admin API, and what patients see (the public catalog, photos, slots)
// follows. Consent to show a provider's photo and title is per clinic.

const PNG_BASE64 = PHOTO.toString('base64');
const week = { from: '2026-12-07', to: '2026-12-11' };

/** Names of the public clinic list, group by group. */
async function publicClinics(h: AdminHarness) {
  const { body } = await h.call('GET', '/clinics');
  return (body.groups as Array<{ name: string | null; clinics: Array<{ id: string; name: string; timeZone: string }> }>);
}

async function slots(h: AdminHarness, query: Record<string, string>) {
  const { status, body } = await h.call('GET', `/slots?${new URLSearchParams({ ...week, ...query })}`);
  assert.equal(status, 200, JSON.stringify(body));
  return body.slots as Array<{ providerId: string; clinicId: string; start: string; end: string }>;
}

/** The audit log's actions, sorted: the test clock stands still, so entries share one instant. */
async function actions(h: AdminHarness): Promise<string[]> {
  return (await h.audit()).map((r) => r.action).sort();
}

async function refused(promise: Promise<unknown>): Promise<OpusApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof OpusApiError, String(error));
    return error;
  }
  assert.fail('expected a refusal');
}

for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  describe(`catalog admin API (${kind})`, { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
    after(() => database?.close());

    test('a clinic is created, edited, grouped, ordered, archived and restored, and the public list follows', async () => {
      const h = await createAdminHarness(database!, { subdomain: `cat-clinics-${kind}` });
      const { a, b, c } = h.fixture.clinics;
      const created = await h.client.createClinic({ name: 'Bryggen', address: 'Bryggen 5', postalCode: '5003', city: 'Bergen', group: 'Bergen', text: { heading: 'Velkommen', body: 'Andre etasje' } });
      assert.equal(created.active, true);
      assert.equal(created.order, 3, 'a new clinic comes last');
      let groups = await publicClinics(h);
      assert.deepEqual(groups.map((g) => g.name), ['Oslo', 'Bergen', null]);

      const edited = await h.client.updateClinic(created.id, { name: 'Bryggen Tannhelse', group: 'Oslo', timeZone: 'Europe/Stockholm' });
      assert.equal(edited.name, 'Bryggen Tannhelse');
      assert.equal(edited.city, 'Bergen', 'fields not given stay');
      groups = await publicClinics(h);
      assert.deepEqual(groups.map((g) => g.name), ['Oslo', null], 'the Bergen group is gone with its only clinic');
      const moved = groups[0]!.clinics.find((x) => x.id === created.id)!;
      assert.equal(moved.name, 'Bryggen Tannhelse');
      assert.equal(moved.timeZone, 'Europe/Stockholm');

      await h.client.orderClinics([created.id, b, a, c]);
      groups = await publicClinics(h);
      assert.deepEqual(groups[0]!.clinics.map((x) => x.id), [created.id, b, a], 'the public order follows');

      // Archive: gone from the public list and the slot search; a booked appointment stays.
      const booked = await h.book('2026-12-07T09:00:00+01:00');
      assert.ok((await slots(h, { treatmentId: h.fixture.treatments.checkup, clinicId: a })).length > 0);
      const archived = await h.client.archiveClinic(a);
      assert.equal(archived.active, false);
      groups = await publicClinics(h);
      assert.ok(!groups.flatMap((g) => g.clinics).some((x) => x.id === a));
      assert.deepEqual(await slots(h, { treatmentId: h.fixture.treatments.checkup, clinicId: a }), []);
      const appointment = await database!.db.selectFrom('appointments').select('status').where('id', '=', booked.appointmentId).executeTakeFirstOrThrow();
      assert.equal(appointment.status, 'booked');
      assert.ok((await h.client.listClinics()).clinics.some((x) => x.id === a && !x.active), 'staff still see it');
      // The order then names the active clinics only.
      const incomplete = await h.admin('PUT', '/clinics/order', { ids: [created.id, b, a, c] });
      assert.equal(incomplete.status, 422);
      assert.equal(incomplete.body.issues[0].path, 'ids.2');

      await h.client.restoreClinic(a);
      groups = await publicClinics(h);
      assert.deepEqual(groups[0]!.clinics.map((x) => x.id), [created.id, b, a], 'restored, last in the order');

      assert.deepEqual(await actions(h), ['clinic.create', 'clinic.update', 'clinic.order', 'clinic.archive', 'clinic.restore'].sort());
      const update = (await h.audit()).find((r) => r.action === 'clinic.update')!;
      assert.equal(update.target_id, created.id);
      assert.equal((update.before as { name: string }).name, 'Bryggen');
      assert.equal((update.after as { name: string }).name, 'Bryggen Tannhelse');
    });

    test('providers: create, edit, archive and restore, seen in the public list', async () => {
      const h = await createAdminHarness(database!, { subdomain: `cat-providers-${kind}` });
      const { a } = h.fixture.clinics;
      const created = await h.client.createProvider({ name: 'Kari Nordmann', title: 'Tannlege', bio: 'Allmenn tannbehandling' });
      assert.deepEqual(created.clinics, []);
      assert.equal((await h.client.getProvider(created.id)).name, 'Kari Nordmann');
      const placed = await h.client.setProviderClinics(created.id, { clinics: [{ clinicId: a, consentPhoto: false, consentTitle: true }] });
      assert.deepEqual(placed.stranded, []);
      assert.equal(placed.clinics[0]!.published, true);
      assert.equal(placed.clinics[0]!.order, 3, 'last among the clinic’s providers');

      const names = async () => ((await h.call('GET', `/providers?clinicId=${a}`)).body.providers as Array<{ id: string; name: string; title?: string; bio: string }>);
      let listed = (await names()).find((p) => p.id === created.id)!;
      assert.equal(listed.title, 'Tannlege');
      await h.client.updateProvider(created.id, { name: 'Kari Nordmann-Vik', bio: 'Estetikk' });
      listed = (await names()).find((p) => p.id === created.id)!;
      assert.equal(listed.name, 'Kari Nordmann-Vik');
      assert.equal(listed.bio, 'Estetikk');
      assert.equal(listed.title, 'Tannlege', 'fields not given stay');

      await h.client.archiveProvider(created.id);
      assert.ok(!(await names()).some((p) => p.id === created.id));
      assert.equal((await h.client.listProviders()).providers.find((p) => p.id === created.id)!.active, false);
      await h.client.restoreProvider(created.id);
      assert.ok((await names()).some((p) => p.id === created.id));

      // Unpublished at a clinic: not listed there.
      await h.client.setProviderClinics(created.id, { clinics: [{ clinicId: a, published: false, consentPhoto: false, consentTitle: true }] });
      assert.ok(!(await names()).some((p) => p.id === created.id));
      assert.deepEqual(await actions(h), ['provider.create', 'provider.clinics', 'provider.update', 'provider.archive', 'provider.restore', 'provider.clinics'].sort());
    });

    test('photo: a small PNG is accepted and served; too big, not an image, or SVG is refused on `data`', async () => {
      const h = await createAdminHarness(database!, { subdomain: `cat-photo-${kind}` });
      const { p3 } = h.fixture.providers;
      const { c } = h.fixture.clinics;
      await h.client.setProviderClinics(p3, { clinics: [{ clinicId: c, consentPhoto: true, consentTitle: true }] });
      const saved = await h.client.setProviderPhoto(p3, { data: PNG_BASE64 });
      assert.equal(saved.photoType, 'image/png');
      const listed = (await h.call('GET', `/providers?clinicId=${c}`)).body.providers.find((p: { id: string }) => p.id === p3);
      assert.ok(listed.photoUrl);
      const served = await h.app.request(listed.photoUrl);
      assert.equal(served.status, 200);
      assert.equal(served.headers.get('content-type'), 'image/png');
      assert.deepEqual(Buffer.from(await served.arrayBuffer()), PHOTO);

      const big = Buffer.alloc(26 * 1024);
      PHOTO.copy(big);
      const tooBig = await h.admin('PUT', `/providers/${p3}/photo`, { data: big.toString('base64') });
      assert.equal(tooBig.status, 422);
      assert.equal(tooBig.type, 'application/problem+json');
      assert.equal(tooBig.body.issues[0].path, 'data');
      assert.match(tooBig.body.issues[0].message, /26 KB.*25 KB/);
      const text = await h.admin('PUT', `/providers/${p3}/photo`, { data: Buffer.from('Dette er ikke et bilde, bare tekst i photo.jpg').toString('base64') });
      assert.equal(text.status, 422);
      assert.equal(text.body.issues[0].path, 'data');
      const svg = await h.admin('PUT', `/providers/${p3}/photo`, { data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString('base64') });
      assert.equal(svg.status, 422);
      assert.equal(svg.body.issues[0].code, 'not_an_image');
      assert.deepEqual(Buffer.from(await (await h.app.request(listed.photoUrl)).arrayBuffer()), PHOTO, 'the refused uploads changed nothing');

      await h.client.deleteProviderPhoto(p3);
      assert.equal((await h.app.request(listed.photoUrl)).status, 404);
      assert.equal((await h.call('GET', `/providers?clinicId=${c}`)).body.providers.find((p: { id: string }) => p.id === p3).photoUrl, undefined);
      assert.deepEqual(await actions(h), ['provider.clinics', 'provider.photo', 'provider.photo_delete'].sort());
    });

    test('consent is per clinic: the photo and title show at A where given, not at B', async () => {
      const h = await createAdminHarness(database!, { subdomain: `cat-consent-${kind}` });
      const { a, b } = h.fixture.clinics;
      const { p2 } = h.fixture.providers; // at A and B, with a photo, no consent anywhere
      const before = (await h.call('GET', `/providers?clinicId=${a}`)).body.providers.find((p: { id: string }) => p.id === p2);
      assert.equal(before.photoUrl, undefined);
      const result = await h.client.setProviderClinics(p2, { clinics: [
        { clinicId: a, consentPhoto: true, consentTitle: true },
        { clinicId: b, consentPhoto: false, consentTitle: false },
      ] });
      assert.deepEqual(result.clinics.map((x) => [x.clinicId, x.consentPhoto, x.consentTitle]), [[a, true, true], [b, false, false]]);
      assert.deepEqual(result.clinics.map((x) => x.order), [2, 1], 'the orders they had stay');

      const atA = (await h.call('GET', `/providers?clinicId=${a}`)).body.providers.find((p: { id: string }) => p.id === p2);
      assert.equal(atA.title, 'Hygienist');
      assert.ok(atA.photoUrl);
      const atB = (await h.call('GET', `/providers?clinicId=${b}`)).body.providers.find((p: { id: string }) => p.id === p2);
      assert.equal(atB.title, undefined);
      assert.equal(atB.photoUrl, undefined);
      // Everywhere at once: only per clinic, never at the top where B would show it too.
      const everywhere = (await h.call('GET', '/providers')).body.providers.find((p: { id: string }) => p.id === p2);
      assert.equal(everywhere.photoUrl, undefined);
      assert.equal(everywhere.title, undefined);
      assert.ok(everywhere.clinics.find((x: { clinicId: string }) => x.clinicId === a).photoUrl);
      assert.equal(everywhere.clinics.find((x: { clinicId: string }) => x.clinicId === b).photoUrl, undefined);

      const photo = (clinicId?: string) => h.app.request(`/api/v1/organizations/${h.fixture.subdomain}/providers/${p2}/photo${clinicId ? `?clinicId=${clinicId}` : ''}`);
      assert.equal((await photo(a)).status, 200);
      assert.equal((await photo(b)).status, 404, 'no consent at B');
      assert.equal((await photo()).status, 404, 'not consented at every clinic');
    });

    test('moving a provider away from a clinic with future appointments answers them as stranded', async () => {
      const h = await createAdminHarness(database!, { subdomain: `cat-stranded-${kind}` });
      const { a, b } = h.fixture.clinics;
      const { p1 } = h.fixture.providers;
      const booked = await h.book('2026-12-08T10:00:00+01:00');
      const result = await h.client.setProviderClinics(p1, { clinics: [{ clinicId: b, consentPhoto: false, consentTitle: false }] });
      assert.deepEqual(result.stranded.map((s) => [s.id, s.clinicId]), [[booked.appointmentId, a]]);
      assert.equal(result.stranded[0]!.start, '2026-12-08T10:00:00+01:00');
      const appointment = await database!.db.selectFrom('appointments').select('status').where('id', '=', booked.appointmentId).executeTakeFirstOrThrow();
      assert.equal(appointment.status, 'booked', 'it stays booked, for staff to move');
      assert.ok(!(await h.call('GET', `/providers?clinicId=${a}`)).body.providers.some((p: { id: string }) => p.id === p1));
      assert.deepEqual((await h.client.getProviderClinics(p1)).clinics.map((x) => x.clinicId), [b]);
    });

    test('treatments: created, offered, ordered, archived; the public list and slots follow; durations do not move appointments', async () => {
      const h = await createAdminHarness(database!, { subdomain: `cat-treatments-${kind}` });
      const { a, c } = h.fixture.clinics;
      const { p3 } = h.fixture.providers;
      const { checkup, cleaning } = h.fixture.treatments;
      const created = await h.client.createTreatment({ name: 'Bleking', durationMinutes: 60, description: 'Lysere tenner' });
      assert.equal(created.online, true);
      assert.deepEqual(created.providerIds, []);
      const publicNames = async (query = '') => ((await h.call('GET', `/treatments${query}`)).body.treatments as Array<{ id: string; name: string }>).map((t) => t.name);
      assert.deepEqual(await publicNames(`?clinicId=${c}`), ['Checkup'], 'offered nowhere yet');
      assert.deepEqual(await slots(h, { treatmentId: created.id, clinicId: c }), []);

      const offered = await h.client.setTreatmentOffers(created.id, { providerIds: [p3], clinicIds: [c] });
      assert.deepEqual(offered.providerIds, [p3]);
      assert.deepEqual(await publicNames(`?clinicId=${c}`), ['Checkup', 'Bleking']);
      const found = await slots(h, { treatmentId: created.id, clinicId: c });
      assert.ok(found.length > 0);
      assert.ok(found.every((s) => s.providerId === p3));
      assert.deepEqual(await slots(h, { treatmentId: created.id, clinicId: a }), [], 'not offered at A');

      await h.client.orderTreatments([created.id, cleaning, checkup]);
      assert.deepEqual(await publicNames(), ['Bleking', 'Cleaning', 'Checkup']);

      // A longer checkup: the booked one keeps its end.
      const booked = await h.book('2026-12-08T10:00:00+01:00');
      const endBefore = (await database!.db.selectFrom('appointments').select('ends_at').where('id', '=', booked.appointmentId).executeTakeFirstOrThrow()).ends_at;
      await h.client.updateTreatment(checkup, { durationMinutes: 60 });
      const endAfter = (await database!.db.selectFrom('appointments').select('ends_at').where('id', '=', booked.appointmentId).executeTakeFirstOrThrow()).ends_at;
      assert.equal(new Date(endAfter).toISOString(), new Date(endBefore).toISOString());
      const sixty = await slots(h, { treatmentId: checkup, clinicId: c });
      assert.equal(new Date(sixty[0]!.end).getTime() - new Date(sixty[0]!.start).getTime(), 60 * 60_000, 'new bookings take the new duration');

      // Offline: not public; archived: not public, staff still see it, the appointment keeps it.
      await h.client.updateTreatment(created.id, { online: false });
      assert.deepEqual(await publicNames(), ['Cleaning', 'Checkup']);
      const archived = await h.client.archiveTreatment(checkup);
      assert.deepEqual([archived.active, archived.online], [false, false]);
      assert.deepEqual(await publicNames(), ['Cleaning']);
      const kept = await database!.db.selectFrom('appointments').select(['treatment_id', 'status']).where('id', '=', booked.appointmentId).executeTakeFirstOrThrow();
      assert.deepEqual(kept, { treatment_id: checkup, status: 'booked' });
      assert.deepEqual((await h.client.listTreatments()).treatments.map((t) => t.name), ['Bleking', 'Cleaning', 'Checkup']);
      const restored = await h.client.restoreTreatment(checkup);
      assert.deepEqual([restored.active, restored.online], [true, false], 'back, but offline until turned on');

      assert.deepEqual(await actions(h), ['treatment.create', 'treatment.offers', 'treatment.order', 'treatment.update', 'treatment.update', 'treatment.archive', 'treatment.restore'].sort());
      const longer = (await h.audit()).find((r) => r.action === 'treatment.update' && r.target_id === checkup)!;
      assert.deepEqual(longer.before, { name: 'Checkup', durationMinutes: 30, description: '', online: true });
      assert.equal((longer.after as { durationMinutes: number }).durationMinutes, 60);
    });

    test("another organization's ids: 404 in the path, 422 naming the field in a body, nothing changed", async () => {
      const a = await createAdminHarness(database!, { subdomain: `cat-iso-a-${kind}` });
      const b = await createAdminHarness(database!, { subdomain: `cat-iso-b-${kind}` });
      const theirs = b.fixture;
      for (const [method, path, body] of [
        ['GET', `/clinics/${theirs.clinics.a}`, undefined], ['PATCH', `/clinics/${theirs.clinics.a}`, { name: 'Mine' }],
        ['POST', `/clinics/${theirs.clinics.a}/archive`, {}], ['POST', `/clinics/${theirs.clinics.a}/restore`, {}],
        ['GET', `/providers/${theirs.providers.p1}`, undefined], ['PATCH', `/providers/${theirs.providers.p1}`, { name: 'Mine' }],
        ['POST', `/providers/${theirs.providers.p1}/archive`, {}], ['PUT', `/providers/${theirs.providers.p1}/photo`, { data: PNG_BASE64 }],
        ['DELETE', `/providers/${theirs.providers.p1}/photo`, undefined], ['GET', `/providers/${theirs.providers.p1}/clinics`, undefined],
        ['PUT', `/providers/${theirs.providers.p1}/clinics`, { clinics: [] }],
        ['GET', `/treatments/${theirs.treatments.checkup}`, undefined], ['PATCH', `/treatments/${theirs.treatments.checkup}`, { durationMinutes: 90 }],
        ['POST', `/treatments/${theirs.treatments.checkup}/archive`, {}], ['PUT', `/treatments/${theirs.treatments.checkup}/offers`, { providerIds: [], clinicIds: [] }],
      ] as const) {
        const answer = await a.admin(method, path, body);
        assert.equal(answer.status, 404, `${method} ${path}`);
        assert.equal(answer.body.code, 'not_found');
      }
      const mine = a.fixture;
      const cases: Array<[string, string, unknown, string]> = [
        ['PUT', `/treatments/${mine.treatments.checkup}/offers`, { providerIds: [mine.providers.p1, theirs.providers.p1], clinicIds: [mine.clinics.a] }, 'providerIds.1'],
        ['PUT', `/treatments/${mine.treatments.checkup}/offers`, { providerIds: [mine.providers.p1], clinicIds: [theirs.clinics.a] }, 'clinicIds.0'],
        ['PUT', `/providers/${mine.providers.p1}/clinics`, { clinics: [{ clinicId: theirs.clinics.a, consentPhoto: true, consentTitle: true }] }, 'clinics.0.clinicId'],
        ['PUT', '/clinics/order', { ids: [mine.clinics.c, mine.clinics.a, theirs.clinics.b] }, 'ids.2'],
        ['PUT', '/treatments/order', { ids: [mine.treatments.checkup, theirs.treatments.cleaning] }, 'ids.1'],
      ];
      for (const [method, path, body, field] of cases) {
        const answer = await a.admin(method, path, body);
        assert.equal(answer.status, 422, `${method} ${path}`);
        assert.equal(answer.body.issues[0].path, field);
      }
      assert.deepEqual(await a.audit(), [], 'nothing recorded for A');
      assert.deepEqual(await b.audit(), [], 'nothing recorded for B');
      const theirClinic = await b.client.getClinic(theirs.clinics.a);
      assert.deepEqual([theirClinic.name, theirClinic.active], ['Clinic A', true]);
      assert.deepEqual((await b.client.getTreatment(theirs.treatments.checkup)).durationMinutes, 30);
      assert.equal((await b.client.getProviderClinics(theirs.providers.p1)).clinics.length, 1);
      const mineAfter = await a.client.getTreatment(mine.treatments.checkup);
      assert.deepEqual(mineAfter.providerIds.length, 3, 'my offers unchanged by the refused request');
      // Lists show only one's own.
      assert.ok(!(await a.client.listClinics()).clinics.some((x) => Object.values(theirs.clinics).includes(x.id)));
      assert.ok(!(await a.client.listProviders()).providers.some((x) => Object.values(theirs.providers).includes(x.id)));
    });

    test('migration 0012 carries each provider\'s consent to every clinic they work at, and back', async () => {
      const fresh = (await createTestDatabase(kind))!;
      try {
        const db = fresh.db;
        await consentMigration.down(db as unknown as Kysely<unknown>); // the schema as it was: consent per provider
        const [org, clinic1, clinic2, shows, hides] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
        await sql`INSERT INTO organizations (id, subdomain, name, time_zone, locale) VALUES (${org}, 'mig-consent', 'Mig', 'Europe/Oslo', 'nb')`.execute(db);
        await sql`INSERT INTO clinics (id, organization_id, name) VALUES (${clinic1}, ${org}, 'One'), (${clinic2}, ${org}, 'Two')`.execute(db);
        await sql`INSERT INTO providers (id, organization_id, name, consent_photo, consent_title) VALUES (${shows}, ${org}, 'Shows', true, true), (${hides}, ${org}, 'Hides', false, true)`.execute(db);
        await sql`INSERT INTO provider_clinics (organization_id, provider_id, clinic_id) VALUES (${org}, ${shows}, ${clinic1}), (${org}, ${shows}, ${clinic2}), (${org}, ${hides}, ${clinic1})`.execute(db);
        await consentMigration.up(db as unknown as Kysely<unknown>);
        const links = await db.selectFrom('provider_clinics').select(['provider_id', 'clinic_id', 'consent_photo', 'consent_title']).where('clinic_id', 'in', [clinic1, clinic2]).execute();
        const of = (provider: string, clinic: string) => links.find((l) => l.provider_id === provider && l.clinic_id === clinic);
        assert.deepEqual([of(shows, clinic1)?.consent_photo, of(shows, clinic2)?.consent_photo, of(hides, clinic1)?.consent_photo], [true, true, false]);
        assert.equal(of(hides, clinic1)?.consent_title, true);
        // Back: a provider consents where they did at every clinic.
        await db.updateTable('provider_clinics').set({ consent_photo: false }).where('provider_id', '=', shows).where('clinic_id', '=', clinic2).execute();
        await consentMigration.down(db as unknown as Kysely<unknown>);
        const back = await sql<{ id: string; consent_photo: boolean; consent_title: boolean }>`SELECT id, consent_photo, consent_title FROM providers WHERE organization_id = ${org} ORDER BY name`.execute(db);
        assert.deepEqual(back.rows.map((r) => [r.consent_photo, r.consent_title]), [[false, true], [false, true]]);
      } finally {
        await fresh.close();
      }
    });

    test('bad input names the field; a read or messaging key cannot change the catalog', async () => {
      const h = await createAdminHarness(database!, { subdomain: `cat-bad-${kind}` });
      const cases: Array<[string, string, unknown, string]> = [
        ['POST', '/clinics', {}, 'name'],
        ['POST', '/clinics', { name: 'X', timeZone: 'Mars/Olympus' }, 'timeZone'],
        ['PATCH', `/clinics/${h.fixture.clinics.a}`, { name: '  ' }, 'name'],
        ['POST', '/treatments', { name: 'X', durationMinutes: 3 }, 'durationMinutes'],
        ['POST', '/treatments', { name: 'X', durationMinutes: 30.5 }, 'durationMinutes'],
        ['PUT', `/treatments/${h.fixture.treatments.checkup}/offers`, { providerIds: ['nope'], clinicIds: [] }, 'providerIds.0'],
        ['PUT', `/providers/${h.fixture.providers.p1}/clinics`, { clinics: [{ clinicId: h.fixture.clinics.a, consentPhoto: 'yes', consentTitle: true }] }, 'clinics.0.consentPhoto'],
        ['PUT', '/clinics/order', { ids: [h.fixture.clinics.a, h.fixture.clinics.a] }, 'ids'],
        ['PUT', '/clinics/order', { ids: [h.fixture.clinics.a, h.fixture.clinics.b] }, 'ids'],
        ['GET', '/clinics/not-an-id', undefined, 'id'],
      ];
      for (const [method, path, body, field] of cases) {
        const answer = await h.admin(method, path, body);
        assert.equal(answer.status, 422, `${method} ${path} ${JSON.stringify(body)}`);
        assert.equal(answer.type, 'application/problem+json');
        assert.equal(answer.body.issues[0].path, field, `${method} ${path} ${JSON.stringify(body)}`);
      }
      const sdkRefusal = await refused(h.client.createTreatment({ name: '', durationMinutes: 30 }));
      assert.equal(sdkRefusal.status, 422);
      for (const scope of ['read', 'messaging'] as const) {
        const answer = await h.admin('POST', '/clinics', { name: 'Nope' }, { authorization: `Bearer ${await h.keyWith([scope])}` });
        assert.equal(answer.status, 403, scope);
      }
      assert.equal((await h.admin('GET', '/clinics', undefined, { authorization: `Bearer ${await h.keyWith(['read'])}` })).status, 200);
      assert.equal((await h.admin('POST', '/clinics', { name: 'Ja' }, { authorization: `Bearer ${await h.keyWith(['write'])}` })).status, 201);
      assert.deepEqual(await actions(h), ['clinic.create'].sort());
    });
  });
}
