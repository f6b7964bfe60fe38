import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApp } from '../server/app.ts';
import { findOrganization } from '../server/organizations/organization-repository.ts';
import { searchSlots } from '../server/slots/slot-search.ts';
import { DATABASE_KINDS, createTestDatabase } from './support/test-database.ts';
import { createAdminHarness, type AdminHarness } from './support/admin-harness.ts';
import { patient } from './support/fixture.ts';

// Issue 11.2: each API process caches an organization's settings, catalog
// and schedules, current to a version that triggers bump in the transaction
// of any change. Two app instances on one database stand for two processes:
// what staff change through one, the other's next request answers; a time
// booked through one is taken in the other's next search (busy times are
// never cached); and a cached search answers exactly what an uncached one does.

for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  describe(`config cache across two app instances on one database (${kind})`, { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)', timeout: 300_000 }, () => {
    after(() => database?.close());

    /** App A (the harness's, with admin access) and a second app B on the same database with its own cache. */
    async function twoApps(subdomain: string) {
      const a = await createAdminHarness(database!, { subdomain });
      const b = createApp({ db: database!.db, now: () => a.clock.now, publicUrl: 'https://book.example', log: () => {} });
      const onB = async (path: string) => {
        const response = await b.request(`/api/v1/organizations/${subdomain}${path}`);
        return { status: response.status, body: await response.json() as any };
      };
      return { a, onB };
    }

    const week = (a: AdminHarness, extra: Record<string, string> = {}) => `/slots?${new URLSearchParams({ treatmentId: a.fixture.treatments.checkup, clinicId: a.fixture.clinics.a, from: '2026-12-07', to: '2026-12-13', ...extra })}`;
    const days = (slots: Array<{ start: string }>) => new Set(slots.map((s) => s.start.slice(0, 10)));

    test('settings, catalog and schedules changed through one app are answered by the other\'s next request', async () => {
      const { a, onB } = await twoApps('cache-change');
      const p1Week = week(a, { providerId: a.fixture.providers.p1 });
      // B has read (and cached) everything once.
      assert.equal((await onB('')).body.name, 'Acme Tannhelse');
      assert.ok((await onB('/treatments')).body.treatments.some((t: { name: string }) => t.name === 'Checkup'));
      assert.ok(days((await onB(p1Week)).body.slots).has('2026-12-08'));
      assert.equal((await onB('/clinics')).body.groups.flatMap((g: { clinics: unknown[] }) => g.clinics).length, 3);

      assert.equal((await a.admin('PATCH', '/settings/organization', { name: 'Acme Dental' })).status, 200);
      assert.equal((await onB('')).body.name, 'Acme Dental');

      assert.equal((await a.admin('PATCH', `/treatments/${a.fixture.treatments.checkup}`, { name: 'Kontroll' })).status, 200);
      const names = (await onB('/treatments')).body.treatments.map((t: { name: string }) => t.name);
      assert.ok(names.includes('Kontroll') && !names.includes('Checkup'), names.join());

      const closed = await a.admin('POST', `/schedules/${a.fixture.providers.p1}/${a.fixture.clinics.a}/exceptions`, { date: '2026-12-08', kind: 'closed', note: 'Kurs' });
      assert.equal(closed.status, 201);
      const afterClosing = days((await onB(p1Week)).body.slots);
      assert.ok(!afterClosing.has('2026-12-08') && afterClosing.has('2026-12-09'), 'the closed day is gone, the next is still there');
      assert.equal((await a.admin('DELETE', `/schedules/${a.fixture.providers.p1}/${a.fixture.clinics.a}/exceptions/${closed.body.created[0]}`)).status, 200);
      assert.ok(days((await onB(p1Week)).body.slots).has('2026-12-08'), 'reopened');

      assert.equal((await a.admin('POST', `/clinics/${a.fixture.clinics.b}/archive`)).status, 200);
      assert.equal((await onB('/clinics')).body.groups.flatMap((g: { clinics: unknown[] }) => g.clinics).length, 2);
    });

    test('a time booked through one app is taken in the other\'s next search, and cached answers equal uncached ones', async () => {
      const { a, onB } = await twoApps('cache-busy');
      const p1Week = week(a, { providerId: a.fixture.providers.p1 });
      const first = (await onB(p1Week)).body.slots[0];
      const booked = await a.call('POST', '/bookings', { treatmentId: a.fixture.treatments.checkup, clinicId: a.fixture.clinics.a, providerId: a.fixture.providers.p1, start: first.start, patient: patient() });
      assert.equal(booked.status, 201, JSON.stringify(booked.body));
      const again = (await onB(p1Week)).body.slots;
      assert.ok(!again.some((s: { start: string; providerId: string }) => s.start === first.start && s.providerId === first.providerId), 'the booked time is not offered');

      // Every kind of search, twice (the second from the cache), against the same search without any cache.
      const org = await findOrganization(database!.db, 'cache-busy');
      const queries = [
        { providerId: a.fixture.providers.p1 },
        {},
        { clinicId: undefined, group: 'Oslo' },
        { from: '2026-12-01', to: '2026-12-31' },
      ].map((extra) => ({ treatmentId: a.fixture.treatments.checkup, clinicId: a.fixture.clinics.a, from: '2026-12-07', to: '2026-12-13', ...extra }));
      for (const query of queries) {
        const params = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as Record<string, string>;
        const path = `/slots?${new URLSearchParams(params)}`;
        await onB(path);
        const cached = await onB(path);
        assert.equal(cached.status, 200, JSON.stringify(cached.body));
        const uncached = await searchSlots(database!.db, org, params as never, a.clock.now);
        assert.deepEqual(cached.body, JSON.parse(JSON.stringify(uncached)), path);
        assert.ok(cached.body.slots.length > 0, path);
      }
    });

    test('a search from the cache is one statement, and settings changed through the other app rule its next search', async () => {
      const { a } = await twoApps('cache-one-trip');
      let statements = 0;
      // Counted by their results: a subquery passes through transformQuery too.
      const counted = database!.db.withPlugin({ transformQuery: (args) => args.node, transformResult: async (args) => { statements++; return args.result; } });
      const b = createApp({ db: counted, now: () => a.clock.now, publicUrl: 'https://book.example', log: () => {} });
      const anyProvider = `/api/v1/organizations/cache-one-trip${week(a)}`;
      assert.equal((await b.request(anyProvider)).status, 200);
      statements = 0;
      const again = await b.request(anyProvider);
      assert.equal(again.status, 200);
      assert.equal(statements, 1, 'the version and the busy times in one statement');

      assert.equal((await a.admin('PATCH', '/settings/flexibility', { showAnyProvider: false })).status, 200);
      const refused = await b.request(anyProvider);
      assert.equal(refused.status, 422);
      assert.equal(((await refused.json()) as { issues: Array<{ path: string }> }).issues[0]?.path, 'providerId');
      assert.equal((await b.request(`/api/v1/organizations/cache-one-trip${week(a, { providerId: a.fixture.providers.p1 })}`)).status, 200);
    });

    test('every change to settings, catalog or schedules bumps the organization\'s version in its own transaction; bookings do not', async () => {
      const { a } = await twoApps('cache-version');
      const version = async () => (await database!.db.selectFrom('organizations').select('config_version').where('id', '=', a.fixture.orgId).executeTakeFirstOrThrow()).config_version;
      let seen = await version();
      const bumps = async (what: string) => { const now = await version(); assert.ok(now > seen, `${what} bumps the version`); seen = now; };
      const ok = async (answer: Promise<{ status: number; body: unknown }>) => { const { status, body } = await answer; assert.equal(status, 200, JSON.stringify(body)); };
      await ok(a.admin('PUT', `/schedules/${a.fixture.providers.p1}/${a.fixture.clinics.a}/working-hours`, { workingHours: [{ weekday: 1, start: '09:00', end: '15:00' }] }));
      await bumps('working hours');
      await ok(a.admin('PUT', `/treatments/${a.fixture.treatments.cleaning}/offers`, { providerIds: [a.fixture.providers.p1, a.fixture.providers.p2], clinicIds: [a.fixture.clinics.a] }));
      await bumps('treatment offers');
      await ok(a.admin('PATCH', `/providers/${a.fixture.providers.p2}`, { name: 'P Two Renamed' }));
      await bumps('a provider');
      // A rolled-back change leaves it.
      await database!.db.transaction().execute(async (trx) => {
        await trx.updateTable('clinics').set({ name: 'Rolled back' }).where('id', '=', a.fixture.clinics.c).execute();
        throw new Error('roll back');
      }).catch(() => {});
      assert.equal(await version(), seen, 'a rolled-back change bumps nothing');
      const booked = await a.call('POST', '/bookings', { treatmentId: a.fixture.treatments.checkup, clinicId: a.fixture.clinics.a, providerId: a.fixture.providers.p1, start: '2026-12-07T10:00:00+01:00', patient: patient() });
      assert.equal(booked.status, 201, JSON.stringify(booked.body));
      assert.equal(await version(), seen, 'a booking is no configuration');
    });
  });
}
