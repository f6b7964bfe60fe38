import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApp } from '../app.ts';
import { DEMO_OWNER_EMAIL, seedDemo, seedDemoOwner } from './seed-demo.ts';
import { createPgliteTestDatabase } from '../../test/support/test-database.ts';
import { norwegianIds, patient } from '../../test/support/fixture.ts';

// Issue 8, item 9: the demo shows the SMS code challenge; nobody books there on a typed national id alone.
test('the demo organization asks for an SMS code: a booking without one is refused with verification_required, nothing written', async () => {
  const database = await createPgliteTestDatabase();
  try {
    const now = new Date('2026-12-01T07:00:00Z');
    await seedDemo(database.db, now);
    const app = createApp({ db: database.db, now: () => now, log: () => {} });
    const api = (path: string, init?: RequestInit) => app.request(`/api/v1/organizations/demo${path}`, init);

    const org = await (await api('')).json();
    assert.equal(org.settings.flexibility.codeChallenge, 'sms');
    assert.deepEqual([org.settings.flexibility.login, org.settings.flexibility.smsLogin, org.settings.flexibility.showBookings], [true, true, true]);

    const { groups } = await (await api('/clinics')).json();
    const clinicId = groups[0].clinics[0].id;
    const { treatments } = await (await api(`/treatments?clinicId=${clinicId}`)).json();
    const { slots } = await (await api(`/slots?treatmentId=${treatments[0].id}&clinicId=${clinicId}&from=2026-12-02&to=2026-12-15`)).json();
    assert.ok(slots.length > 0, 'the demo has free times');
    const before = await database.db.selectFrom('appointments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const response = await api('/bookings', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ treatmentId: treatments[0].id, clinicId, providerId: slots[0].providerId, start: slots[0].start, patient: patient({ nationalId: norwegianIds(1)[0] }) }),
    });
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('content-type'), 'application/problem+json');
    const problem = await response.json();
    assert.equal(problem.code, 'verification_required');
    assert.equal(problem.verification, 'code');
    const after = await database.db.selectFrom('appointments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  } finally {
    await database.close();
  }
});

// Issue 10: the demo's console owner logs in with the password `npm start` was given (or printed), nothing else.
test('the demo owner logs in to the console with the given password only', async () => {
  const database = await createPgliteTestDatabase();
  try {
    await seedDemo(database.db);
    await assert.rejects(seedDemoOwner(database.db, 'short'), /10 to 200 characters/);
    assert.deepEqual(await seedDemoOwner(database.db, 'a demo passphrase'), { created: true });
    assert.deepEqual(await seedDemoOwner(database.db, 'another passphrase'), { created: false }, 'again (every start): the first stays');
    const app = createApp({ db: database.db, log: () => {} });
    const login = (password: string) => app.request('/api/v1/admin/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ organization: 'demo', email: DEMO_OWNER_EMAIL, password }),
    });
    assert.equal((await login('another passphrase')).status, 401);
    const response = await login('a demo passphrase');
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.equal(body.user.role, 'owner');
    assert.equal(body.organization.subdomain, 'demo');
  } finally {
    await database.close();
  }
});
