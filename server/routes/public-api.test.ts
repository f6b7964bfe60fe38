import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, DATABASE_KINDS } from '../../test/support/test-database.ts';
import { createHarness, NOW, type Harness } from '../../test/support/api-harness.ts';
import { patient } from '../../test/support/fixture.ts';

// The same API tests on the embedded database and on a real PostgreSQL server.
for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  describe(`public API on ${kind}`, { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
    let n = 0;
    /** A fresh organization per test, on the one database of this suite. */
    const fresh = (options: Parameters<typeof createHarness>[1] = {}) => createHarness(database!, { subdomain: `org-${kind}-${++n}`, ...options });
    after(() => database?.close());

    describe('reading the organization', () => {
      let h: Harness;
      before(async () => { h = await fresh(); });

      test('public settings, texts and theme with the standard texts filled in', async () => {
        const { status, body } = await h.call('GET', '');
        assert.equal(status, 200);
        assert.equal(body.name, 'Acme Tannhelse');
        assert.equal(body.timeZone, 'Europe/Oslo');
        assert.equal(body.settings.flexibility.weekendBooking, true);
        assert.equal(body.settings.booking.cutoffHours, 24);
        assert.match(body.texts.welcome, /Velkommen/);
        assert.match(body.texts.deviation.maintenance, /vedlikehold/);
        assert.equal(body.bookingOff, null);
      });

      test('with include=catalog the answer carries what /clinics, /providers and /treatments answer (the widget\'s one first request)', async () => {
        const { status, body } = await h.call('GET', '?include=catalog');
        assert.equal(status, 200);
        assert.equal(body.name, 'Acme Tannhelse');
        const [clinics, providers, treatments] = await Promise.all(['/clinics', '/providers', '/treatments'].map(async (path) => (await h.call('GET', path)).body));
        assert.deepEqual(body.catalog, { groups: clinics.groups, providers: providers.providers, treatments: treatments.treatments });
        assert.equal((await h.call('GET', '')).body.catalog, undefined, 'not without asking');
        const wrong = await h.call('GET', '?include=everything');
        assert.equal(wrong.status, 422);
        assert.equal(wrong.body.issues[0].path, 'include');
      });

      test('an unknown organization is a 404 problem', async () => {
        const response = await h.app.request('/api/v1/organizations/nobody-here/clinics');
        assert.equal(response.status, 404);
        assert.equal(response.headers.get('content-type'), 'application/problem+json');
        assert.equal((await response.json()).code, 'not_found');
      });

      test('any site may call the API (the widget runs on clinics\' own sites): answers, problems and preflights say so', async () => {
        for (const path of ['/clinics', '/nothing-here']) {
          const response = await h.app.request(`/api/v1/organizations/${h.fixture.subdomain}${path}`, { headers: { origin: 'https://clinic.example' } });
          assert.equal(response.headers.get('access-control-allow-origin'), '*', path);
          assert.equal(response.headers.get('access-control-expose-headers'), 'Retry-After', path);
        }
        const preflight = await h.app.request(`/api/v1/organizations/${h.fixture.subdomain}/bookings`, { method: 'OPTIONS', headers: { origin: 'https://clinic.example', 'access-control-request-method': 'POST' } });
        assert.equal(preflight.status, 204);
        assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
        assert.equal(preflight.headers.get('access-control-allow-headers'), 'Content-Type,Idempotency-Key,Authorization');
        assert.equal(preflight.headers.get('access-control-max-age'), '600');
      });

      test('an invalid subdomain names the field', async () => {
        const response = await h.app.request('/api/v1/organizations/NOT_OK!/clinics');
        const body = await response.json();
        assert.equal(response.status, 422);
        assert.equal(body.issues[0].path, 'organization');
      });

      test('clinics come grouped, ungrouped last (B3)', async () => {
        const { body } = await h.call('GET', '/clinics');
        assert.deepEqual(body.groups.map((g: { name: string | null }) => g.name), ['Oslo', null]);
        assert.deepEqual(body.groups[0].clinics.map((c: { name: string }) => c.name), ['Clinic A', 'Clinic B']);
        assert.equal(body.groups[1].clinics[0].name, 'Clinic C');
        assert.deepEqual(body.groups[0].clinics[1].text, { heading: 'About B', body: 'Second floor' });
        assert.equal(body.groups[0].clinics[0].text, null);
      });

      test('photo and title only with consent (B13)', async () => {
        const { body } = await h.call('GET', `/providers?clinicId=${h.fixture.clinics.a}`);
        const [p1, p2] = body.providers;
        assert.equal(p1.name, 'P One');
        assert.equal(p1.title, 'Dentist');
        assert.ok(p1.photoUrl);
        assert.equal(p2.name, 'P Two');
        assert.equal(p2.title, undefined);
        assert.equal(p2.photoUrl, undefined);
        const photo = await h.app.request(p1.photoUrl);
        assert.equal(photo.status, 200);
        assert.equal(photo.headers.get('content-type'), 'image/png');
        const hidden = await h.app.request(`/api/v1/organizations/${h.fixture.subdomain}/providers/${h.fixture.providers.p2}/photo`);
        assert.equal(hidden.status, 404);
      });

      test('treatments offered at a clinic, with who offers them', async () => {
        const { body } = await h.call('GET', `/treatments?clinicId=${h.fixture.clinics.c}`);
        assert.deepEqual(body.treatments.map((t: { name: string }) => t.name), ['Checkup']);
        const all = await h.call('GET', '/treatments');
        const cleaning = all.body.treatments.find((t: { name: string }) => t.name === 'Cleaning');
        assert.deepEqual(cleaning.providerIds, [h.fixture.providers.p2]);
        assert.equal(cleaning.durationMinutes, 45);
      });

      test('a filter that is not an id names the field', async () => {
        const { status, body } = await h.call('GET', '/treatments?clinicId=nope');
        assert.equal(status, 422);
        assert.equal(body.issues[0].path, 'clinicId');
      });
    });

    describe('searching free times', () => {
      let h: Harness;
      before(async () => { h = await fresh(); });
      const search = (query: Record<string, string>) => h.call('GET', `/slots?${new URLSearchParams(query)}`);

      test('one provider: on the grid, in the clinic zone, not in the break, not before notice', async () => {
        const { status, body } = await search({ treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1, from: '2026-12-01', to: '2026-12-02' });
        assert.equal(status, 200);
        assert.equal(body.timeZone, 'Europe/Oslo');
        const starts: string[] = body.slots.map((s: { start: string }) => s.start);
        assert.equal(starts[0], '2026-12-01T10:00:00+01:00', 'two hours of notice from 08:00');
        assert.ok(starts.includes('2026-12-02T08:00:00+01:00'));
        assert.ok(starts.includes('2026-12-02T11:30:00+01:00'));
        assert.ok(!starts.includes('2026-12-02T11:45:00+01:00'), '30 minutes do not fit before the break');
        assert.ok(!starts.includes('2026-12-02T12:00:00+01:00'));
        assert.ok(starts.includes('2026-12-02T12:30:00+01:00'));
        assert.equal(starts.at(-1), '2026-12-02T15:30:00+01:00');
        assert.ok(body.slots.every((s: { providerId: string }) => s.providerId === h.fixture.providers.p1));
      });

      test('any provider merges providers and says whose each time is (B4)', async () => {
        const { body } = await search({ treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, from: '2026-12-02', to: '2026-12-02' });
        const starts = body.slots.map((s: { start: string }) => s.start);
        assert.equal(new Set(starts).size, starts.length, 'one slot per time');
        assert.ok(body.slots.every((s: { providerId: string }) => [h.fixture.providers.p1, h.fixture.providers.p2].includes(s.providerId)));
      });

      test('any clinic in a group searches across its clinics (B5)', async () => {
        const { status, body } = await search({ treatmentId: h.fixture.treatments.checkup, group: 'Oslo', from: '2026-12-02', to: '2026-12-02' });
        assert.equal(status, 200);
        const clinicsSeen = new Set(body.slots.map((s: { clinicId: string }) => s.clinicId));
        assert.ok(clinicsSeen.has(h.fixture.clinics.a));
        assert.ok(!clinicsSeen.has(h.fixture.clinics.c), 'clinic C is not in the group');
      });

      test('bad queries name the field', async () => {
        const cases: Array<[Record<string, string>, string]> = [
          [{ treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, from: '2026-13-01', to: '2026-12-02' }, 'from'],
          [{ treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, from: '2026-12-05', to: '2026-12-02' }, 'to'],
          [{ treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, from: '2026-12-01', to: '2027-03-01' }, 'to'],
          [{ treatmentId: h.fixture.treatments.checkup, from: '2026-12-01', to: '2026-12-02' }, 'clinicId'],
          [{ treatmentId: randomUUID(), clinicId: h.fixture.clinics.a, from: '2026-12-01', to: '2026-12-02' }, 'treatmentId'],
          [{ clinicId: h.fixture.clinics.a, from: '2026-12-01', to: '2026-12-02' }, 'treatmentId'],
        ];
        for (const [query, path] of cases) {
          const { status, body, type } = await search(query);
          assert.equal(status, 422, JSON.stringify(query));
          assert.equal(type, 'application/problem+json');
          assert.ok(body.issues.some((i: { path: string }) => i.path === path), `${path} in ${JSON.stringify(body.issues)}`);
        }
      });
    });

    describe('booking', () => {
      const slotRequest = (h: Harness, start = '2026-12-02T09:00:00+01:00', extra: Record<string, unknown> = {}) => ({
        treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1, start, patient: patient(), ...extra,
      });

      test('books a free slot: text with message and campaign code, a manage link, and the time is gone', async () => {
        const h = await fresh({ settings: { flexibility: { weekendBooking: true }, fields: { campaignCode: 'optional' } } });
        const { status, body } = await h.call('POST', '/bookings', slotRequest(h, undefined, { message: 'Sore tooth', campaignCode: 'WINTER' }));
        assert.equal(status, 201, JSON.stringify(body));
        assert.equal(body.booking.start, '2026-12-02T09:00:00+01:00');
        assert.equal(body.booking.end, '2026-12-02T09:30:00+01:00');
        assert.equal(body.booking.clinic.name, 'Clinic A');
        assert.equal(body.booking.canCancel, true);
        assert.match(body.manageUrl, new RegExp(`^https://book\\.example/o/${h.fixture.subdomain}/manage/`));
        const row = await h.database.db.selectFrom('appointments').selectAll().where('organization_id', '=', h.fixture.orgId).executeTakeFirstOrThrow();
        assert.equal(row.text, 'Checkup\nSore tooth\nCC: WINTER');
        assert.equal(row.source, 'online');
        assert.notEqual(row.manage_token_hash, body.manageToken, 'only a hash of the token is stored');
        const slots = await h.call('GET', `/slots?${new URLSearchParams({ treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1, from: '2026-12-02', to: '2026-12-02' })}`);
        const starts = slots.body.slots.map((s: { start: string }) => s.start);
        assert.ok(!starts.includes('2026-12-02T09:00:00+01:00'));
        assert.ok(!starts.includes('2026-12-02T08:45:00+01:00'), 'a 30-minute slot at 08:45 would overlap');
        assert.ok(starts.includes('2026-12-02T09:30:00+01:00'));
      });

      test('the same slot twice: 409 slot_taken and nothing written', async () => {
        const h = await fresh();
        assert.equal((await h.call('POST', '/bookings', slotRequest(h))).status, 201);
        const before = await h.count('appointments');
        const taken = await h.call('POST', '/bookings', slotRequest(h, '2026-12-02T09:15:00+01:00'));
        assert.equal(taken.status, 409);
        assert.equal(taken.type, 'application/problem+json');
        assert.equal(taken.body.code, 'slot_taken');
        assert.equal(await h.count('appointments'), before);
      });

      test('times that are not on offer: 409 slot_unavailable', async () => {
        const h = await fresh();
        for (const start of ['2026-12-02T12:00:00+01:00', '2026-12-02T07:00:00+01:00', '2026-12-02T09:05:00+01:00', '2026-12-01T09:00:00+01:00']) {
          const { status, body } = await h.call('POST', '/bookings', slotRequest(h, start));
          assert.equal(status, 409, start);
          assert.equal(body.code, 'slot_unavailable', start);
        }
        assert.equal(await h.count('appointments'), 0);
      });

      test('bad input answers 422 naming the field and writes nothing', async () => {
        const h = await fresh();
        const cases: Array<[Record<string, unknown>, string]> = [
          [{ patient: patient({ nationalId: '13097248023' }) }, 'patient.nationalId'],
          [{ patient: patient({ nationalId: '19121212-1213' }) }, 'patient.nationalId'],
          [{ patient: patient({ mobile: '004791234567' }) }, 'patient.mobile'],
          [{ patient: patient({ mobile: '22 12 34 56' }) }, 'patient.mobile'],
          [{ patient: patient({ mobile: undefined }) }, 'patient.mobile'],
          [{ patient: patient({ email: 'not-an-email' }) }, 'patient.email'],
          [{ patient: patient({ firstName: 'x'.repeat(101) }) }, 'patient.firstName'],
          [{ patient: patient({ lastName: '   ' }) }, 'patient.lastName'],
          [{ message: 'x'.repeat(1001) }, 'message'],
          [{ start: '2026-12-02 09:00' }, 'start'],
          [{ start: '2026-11-30T09:00:00+01:00' }, 'start'],
          [{ treatmentId: 'nope' }, 'treatmentId'],
          [{ treatmentId: randomUUID() }, 'treatmentId'],
          [{ providerId: h.fixture.providers.p3 }, 'providerId'],
          [{ clinicId: 42 }, 'clinicId'],
        ];
        for (const [override, path] of cases) {
          const { status, body, type } = await h.call('POST', '/bookings', slotRequest(h, undefined, override));
          assert.equal(status, 422, `${path}: ${JSON.stringify(body)}`);
          assert.equal(type, 'application/problem+json');
          assert.ok(body.issues.some((i: { path: string }) => i.path === path), `${path} in ${JSON.stringify(body.issues)}`);
        }
        assert.equal(await h.count('appointments'), 0);
        assert.equal(await h.count('patients'), 0);
      });

      test('a body that is not JSON, or too large, is a problem too', async () => {
        const h = await fresh();
        const malformed = await h.call('POST', '/bookings', '{"treatmentId":');
        assert.equal(malformed.status, 422);
        assert.equal(malformed.type, 'application/problem+json');
        const huge = await h.call('POST', '/bookings', { ...slotRequest(h), padding: 'x'.repeat(70_000) });
        assert.equal(huge.status, 413);
        assert.equal(huge.body.code, 'payload_too_large');
      });

      test('a retried POST with the same Idempotency-Key gets the first answer, not a second booking or a 409', async () => {
        const h = await fresh();
        const headers = { 'Idempotency-Key': 'retry-1' };
        const first = await h.call('POST', '/bookings', slotRequest(h), headers);
        const retry = await h.call('POST', '/bookings', slotRequest(h), headers);
        assert.equal(first.status, 201);
        assert.equal(retry.status, 201);
        assert.deepEqual(retry.body, first.body);
        assert.equal(await h.count('appointments'), 1);
        const reused = await h.call('POST', '/bookings', slotRequest(h, '2026-12-02T10:00:00+01:00'), headers);
        assert.equal(reused.status, 422);
        assert.equal(reused.body.code, 'idempotency_key_reused');
        assert.equal(await h.count('appointments'), 1);
      });

      test('booking off shows the deviation text (B17)', async () => {
        const cases: Array<[Record<string, unknown>, string, RegExp]> = [
          [{ flexibility: { maintenanceMode: true } }, 'maintenance', /vedlikehold/],
          [{ booking: { newBooking: false } }, 'new_booking_disabled', /Ring klinikken/],
        ];
        for (const [settings, reason, text] of cases) {
          const h = await fresh({ settings });
          const org = await h.call('GET', '');
          assert.equal(org.body.bookingOff.reason, reason);
          const { status, body } = await h.call('POST', '/bookings', slotRequest(h));
          assert.equal(status, 403);
          assert.equal(body.code, 'booking_off');
          assert.equal(body.reason, reason);
          assert.match(body.text, text);
        }
      });

      test('"published" off closes the booking page and tells the widget, but the API still books (seed 001, issue 9.2)', async () => {
        const h = await fresh({ settings: { flexibility: { published: false } } });
        const org = await h.call('GET', '');
        assert.equal(org.body.bookingOff.reason, 'not_published');
        assert.match(org.body.bookingOff.text, /ikke tilgjengelig/);
        const { status } = await h.call('POST', '/bookings', slotRequest(h));
        assert.equal(status, 201);
        const page = await (await h.app.request(`/o/${h.fixture.subdomain}/`)).text();
        assert.match(page, /ikke tilgjengelig/);
        assert.doesNotMatch(page, /<opus-booking/);
      });

      test('an existing patient with another mobile gets a pending change, not an overwrite, and the answer does not tell (B18, issue 8.4)', async () => {
        const h = await fresh();
        const first = await h.call('POST', '/bookings', slotRequest(h));
        assert.ok(!('pendingPatientChange' in first.body));
        const second = await h.call('POST', '/bookings', slotRequest(h, '2026-12-03T09:00:00+01:00', { patient: patient({ mobile: '+4798765432' }) }));
        assert.equal(second.status, 201);
        assert.ok(!('pendingPatientChange' in second.body));
        assert.equal(await h.count('patients'), 1);
        const stored = await h.database.db.selectFrom('patients').select('mobile').where('organization_id', '=', h.fixture.orgId).executeTakeFirstOrThrow();
        assert.equal(stored.mobile, '+4791234567');
        const change = await h.database.db.selectFrom('pending_patient_changes').selectAll().where('organization_id', '=', h.fixture.orgId).executeTakeFirstOrThrow();
        const changes = typeof change.changes === 'string' ? JSON.parse(change.changes) : change.changes;
        assert.deepEqual(changes, [{ field: 'mobile', old: '+4791234567', new: '+4798765432' }]);
        assert.equal(change.status, 'pending');
      });
    });

    describe('managing a booking (B16)', () => {
      async function booked(settings: Record<string, unknown> = {}) {
        const h = await fresh({ settings: { flexibility: { weekendBooking: true }, ...settings } });
        const { body } = await h.call('POST', '/bookings', {
          treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1,
          start: '2026-12-03T09:00:00+01:00', patient: patient(),
        });
        return { h, token: body.manageToken as string };
      }

      test('reads, rebooks and cancels, writing journal entries', async () => {
        const { h, token } = await booked();
        const view = await h.call('GET', `/bookings/${token}`);
        assert.equal(view.status, 200);
        assert.equal(view.body.changeDeadline, '2026-12-02T09:00:00+01:00');
        const moved = await h.call('POST', `/bookings/${token}/rebook`, { start: '2026-12-04T10:00:00+01:00' });
        assert.equal(moved.status, 200, JSON.stringify(moved.body));
        assert.equal(moved.body.start, '2026-12-04T10:00:00+01:00');
        const journal = await h.database.db.selectFrom('journal_entries').select(['kind', 'text']).where('organization_id', '=', h.fixture.orgId).execute();
        assert.deepEqual(journal.map((j) => j.kind), ['rebooked_online']);
        assert.match(journal[0]!.text, /2026-12-03T09:00.*2026-12-04T10:00/);
        const cancelled = await h.call('POST', `/bookings/${token}/cancel`);
        assert.equal(cancelled.body.status, 'cancelled');
        assert.equal(cancelled.body.canRebook, false);
        assert.equal(await h.count('journal_entries'), 2);
        const again = await h.call('POST', `/bookings/${token}/cancel`);
        assert.equal(again.status, 409);
        assert.equal(again.body.code, 'already_cancelled');
        // The freed time can be booked again.
        const rebooked = await h.call('POST', '/bookings', {
          treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1,
          start: '2026-12-04T10:00:00+01:00', patient: patient({ nationalId: '19121212-1212' }),
        });
        assert.equal(rebooked.status, 201);
      });

      test('rebooking onto a taken time is a 409 and the booking stays', async () => {
        const { h, token } = await booked();
        const other = await h.call('POST', '/bookings', {
          treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1,
          start: '2026-12-04T10:00:00+01:00', patient: patient({ nationalId: '19121212-1212' }),
        });
        assert.equal(other.status, 201);
        const { status, body } = await h.call('POST', `/bookings/${token}/rebook`, { start: '2026-12-04T10:15:00+01:00' });
        assert.equal(status, 409);
        assert.equal(body.code, 'slot_taken');
        assert.equal((await h.call('GET', `/bookings/${token}`)).body.start, '2026-12-03T09:00:00+01:00');
      });

      test('within the cutoff, or with the switches off, changes are refused and nothing is written', async () => {
        const { h, token } = await booked();
        h.clock.now = new Date('2026-12-02T09:00:00Z'); // 10:00 local, 23 hours before
        const view = await h.call('GET', `/bookings/${token}`);
        assert.equal(view.body.canCancel, false);
        const cancel = await h.call('POST', `/bookings/${token}/cancel`);
        assert.equal(cancel.status, 403);
        assert.equal(cancel.body.code, 'cutoff_passed');
        h.clock.now = NOW;

        const off = await booked({ booking: { rebooking: false, cancellation: false } });
        const rebook = await off.h.call('POST', `/bookings/${off.token}/rebook`, { start: '2026-12-04T10:00:00+01:00' });
        assert.equal(rebook.body.code, 'rebooking_disabled');
        assert.equal((await off.h.call('POST', `/bookings/${off.token}/cancel`)).body.code, 'cancellation_disabled');
        assert.equal(await off.h.count('journal_entries'), 0);
        assert.equal((await off.h.call('GET', `/bookings/${off.token}`)).body.status, 'booked');
      });

      test('the manage link opens a page with the booking, and only with the right token', async () => {
        const { h, token } = await booked();
        const page = await h.app.request(`/o/${h.fixture.subdomain}/manage/${token}`);
        assert.equal(page.status, 200);
        const text = await page.text();
        assert.match(text, /Checkup/);
        assert.match(text, /P One/);
        assert.equal(page.headers.get('cache-control'), 'no-store');
        assert.equal((await h.app.request(`/o/${h.fixture.subdomain}/manage/wrong-token`)).status, 404);
        const hosted = await h.app.request(`/o/${h.fixture.subdomain}/`);
        assert.equal(hosted.status, 200);
        assert.match(await hosted.text(), /Acme Tannhelse/);
      });

      test('an unknown token is a 404', async () => {
        const { h } = await booked();
        const { status, body } = await h.call('GET', '/bookings/not-a-real-token');
        assert.equal(status, 404);
        assert.equal(body.code, 'not_found');
      });
    });
  });
}
