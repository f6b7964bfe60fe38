import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, NOW } from '../../test/support/api-harness.ts';
import { createPgliteTestDatabase } from '../../test/support/test-database.ts';
import { RAISED_RATE_LIMITS } from '../../test/support/fixture.ts';
import { findOrganization } from '../organizations/organization-repository.ts';
import { startSession } from './patient-sessions.ts';
import { sweepVerification } from './sweep.ts';

const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

test('the sweep deletes expired holds, codes a day past expiry, sessions past their 12 hours and e-ID logins past their 10 minutes, and nothing still live', async () => {
  const database = await createPgliteTestDatabase();
  try {
    const h = await createHarness(database, { settings: { flexibility: { codeChallenge: 'sms', weekendBooking: true }, rateLimits: RAISED_RATE_LIMITS } });
    const org = await findOrganization(database.db, h.fixture.subdomain);
    const slot = (start: string) => ({ treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1, start });
    assert.equal((await h.call('POST', '/holds', slot('2026-12-03T09:00:00+01:00'))).status, 201);
    assert.equal((await h.call('POST', '/verifications', { purpose: 'booking', mobile: '+4791234567' })).status, 201);
    await startSession(database.db, org, { method: 'sms', mobile: '+4791234567' }, NOW);
    h.clock.now = at(12 * 60 - 1);
    assert.equal((await h.call('POST', '/holds', slot('2026-12-03T10:00:00+01:00'))).status, 201, 'a hold made later, still live at the sweep');
    await startSession(database.db, org, { method: 'sms', mobile: '+4798765432' }, h.clock.now);

    await database.db.insertInto('eid_logins').values({ state_hash: 'a-state-hash', organization_id: h.fixture.orgId, browser_hash: 'b', nonce: 'n', code_verifier: 'v', return_to: '/o/acme/', mode: 'redirect', origin: null, created_at: NOW, expires_at: at(10) }).execute();

    const early = await sweepVerification(database.db, at(6));
    assert.deepEqual(early, { holds: 1, codes: 0, sessions: 0, spentChallenges: 0, eidLogins: 0 }, 'only the first hold has expired after 6 minutes');
    const late = await sweepVerification(database.db, at(12 * 60 + 5));
    assert.deepEqual(late, { holds: 1, codes: 0, sessions: 1, spentChallenges: 0, eidLogins: 1 }, 'the second hold expired; the first session passed 12 hours; the e-ID login never came back; the code is kept a day');
    assert.equal(Number((await database.db.selectFrom('patient_sessions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), 1, 'the later session lives on');
    const next = await sweepVerification(database.db, at(25 * 60));
    assert.deepEqual(next, { holds: 0, codes: 1, sessions: 1, spentChallenges: 0, eidLogins: 0 }, 'a day after expiry the code goes; the later session is past its 12 hours');
  } finally {
    await database.close();
  }
});
