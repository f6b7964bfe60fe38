import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createApp } from '../app.ts';
import { createLogger } from './logger.ts';
import { createPgliteTestDatabase } from '../../test/support/test-database.ts';
import { seedFixture, patient, RAISED_RATE_LIMITS } from '../../test/support/fixture.ts';

/** A logger writing its JSON lines into `lines`. */
function capturingLogger(lines: string[]) {
  const destination = new Writable({ write(chunk: Buffer, _encoding, done) { lines.push(...chunk.toString().split('\n').filter(Boolean)); done(); } });
  return createLogger({ name: 'opus-api', level: 'info', destination });
}

test('one JSON line per request with its route pattern, status and request id; never a national id, phone number or manage token', async () => {
  const database = await createPgliteTestDatabase();
  try {
    const fixture = await seedFixture(database.db, { settings: { rateLimits: RAISED_RATE_LIMITS } });
    const lines: string[] = [];
    const app = createApp({ db: database.db, now: () => new Date('2026-12-01T08:00:00Z'), ops: { logger: capturingLogger(lines) } });
    const who = patient({ nationalId: '13097248022', mobile: '+4791234567' });
    const booked = await app.request('/api/v1/organizations/acme/bookings', {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'booking-1' },
      body: JSON.stringify({ treatmentId: fixture.treatments.checkup, clinicId: fixture.clinics.a, providerId: fixture.providers.p1, start: '2026-12-03T09:00:00+01:00', patient: who }),
    });
    assert.equal(booked.status, 201);
    assert.equal(booked.headers.get('x-request-id'), 'booking-1', 'a sane request id is kept and echoed');
    const { manageToken } = (await booked.json()) as { manageToken: string };
    const managed = await app.request(`/api/v1/organizations/acme/bookings/${encodeURIComponent(manageToken)}?mobile=%2B4798765432`, { headers: { 'x-request-id': 'not sane; <script>' } });
    assert.equal(managed.status, 200);
    const generated = managed.headers.get('x-request-id') ?? '';
    assert.match(generated, /^[0-9a-f-]{36}$/, 'an insane one is replaced by a fresh id');
    const missing = await app.request(`/o/acme/manage/${encodeURIComponent(manageToken)}x?phone=4791234567`);
    assert.ok(missing.status >= 200);

    assert.equal(lines.length, 3, lines.join('\n'));
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(
      parsed.map(({ method, route, status, requestId }) => ({ method, route, status, requestId })).slice(0, 2),
      [
        { method: 'POST', route: '/api/v1/organizations/:org/bookings', status: 201, requestId: 'booking-1' },
        { method: 'GET', route: '/api/v1/organizations/:org/bookings/:token', status: 200, requestId: generated },
      ],
    );
    assert.ok(parsed.every((line) => typeof line.ms === 'number' && line.name === 'opus-api'));
    const all = lines.join('\n');
    for (const secret of [who.nationalId, '91234567', '98765432', manageToken, encodeURIComponent(manageToken), who.email, 'Nora']) {
      assert.ok(!all.includes(secret), `the log carries ${secret}:\n${all}`);
    }
  } finally {
    await database.close();
  }
});
