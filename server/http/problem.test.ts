import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KyselyPlugin } from 'kysely';
import { createApp } from '../app.ts';
import { createPgliteTestDatabase } from '../../test/support/test-database.ts';
import { seedFixture, patient } from '../../test/support/fixture.ts';

/** A database whose every query fails with an error quoting what it choked on, as drivers' errors can. */
function failingWith(message: () => string): KyselyPlugin {
  return {
    transformQuery: () => { throw new Error(message()); },
    transformResult: async (args) => args.result,
  };
}

test('a failure on a manage link, a booking or a code logs the route\'s pattern, never the token, number, id, address or text', async () => {
  const database = await createPgliteTestDatabase();
  try {
    const fixture = await seedFixture(database.db);
    const lines: string[] = [];
    const healthy = createApp({ db: database.db, publicUrl: 'https://book.example', log: (line) => lines.push(line) });
    const who = patient();
    const booked = await healthy.request('/api/v1/organizations/acme/bookings', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ treatmentId: fixture.treatments.checkup, clinicId: fixture.clinics.a, providerId: fixture.providers.p1, start: '2026-12-03T09:00:00+01:00', patient: who }),
    });
    assert.equal(booked.status, 201);
    const token = ((await booked.json()) as { manageToken: string }).manageToken;
    const code = '482913';
    const quoted = `invalid input syntax: "${token}", (national_id)=(${who.nationalId}), ${who.mobile}, ${who.email}, code ${code}`;
    const failing = createApp({ db: database.db.withPlugin(failingWith(() => quoted)), publicUrl: 'https://book.example', log: (line) => lines.push(line) });
    const requests: Array<[string, RequestInit?]> = [
      [`/o/acme/manage/${encodeURIComponent(token)}`],
      [`/manage/${encodeURIComponent(token)}`, { headers: { host: 'acme.book.example' } }],
      [`/api/v1/organizations/acme/bookings/${encodeURIComponent(token)}`],
      [`/api/v1/organizations/acme/bookings/${encodeURIComponent(token)}/cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }],
      ['/api/v1/organizations/acme/bookings', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ treatmentId: fixture.treatments.checkup, clinicId: fixture.clinics.a, providerId: fixture.providers.p1, start: '2026-12-03T10:00:00+01:00', patient: { ...who, firstName: 'Zelda', mobile: '+46701234567' } }),
      }],
    ];
    for (const [path, init] of requests) assert.equal((await failing.request(path, init)).status, 500, path);
    assert.equal(lines.length, requests.length, 'each failure is logged');
    assert.ok(lines.some((line) => line.includes('/manage/:token')), lines.join('\n'));
    assert.ok(lines.every((line) => line.includes('invalid input syntax')), 'the cause is kept');
    for (const line of lines) {
      for (const secret of [token, encodeURIComponent(token), who.nationalId, '91234567', '70123456', who.email, code, 'Zelda']) {
        assert.ok(!line.includes(secret), `${line} carries ${secret}`);
      }
    }
  } finally {
    await database.close();
  }
});
