import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApp } from '../app.ts';
import { createPglite, databaseOnPglite } from '../db/database.ts';
import { DATABASE_KINDS, createPgliteTestDatabase, createTestDatabase } from '../../test/support/test-database.ts';
import { seedFixture, patient, RAISED_RATE_LIMITS } from '../../test/support/fixture.ts';
import { insertMessages } from '../messaging/outbox-repository.ts';

const TOKEN = 'metrics-token-0123456789';
const now = () => new Date('2026-12-01T08:00:00Z');

/** The value of one series in Prometheus text, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

for (const kind of DATABASE_KINDS) {
  test(`${kind}: /healthz, /readyz, and /metrics only to its token, counting requests, bookings, conflicts and messages`, { timeout: 120_000 }, async (t) => {
    const database = await createTestDatabase(kind);
    if (!database) return t.skip('no PostgreSQL (set TEST_DATABASE_URL)');
    try {
      const fixture = await seedFixture(database.db, { settings: { rateLimits: RAISED_RATE_LIMITS } });
      const app = createApp({ db: database.db, now, ops: { metricsToken: TOKEN } });
      assert.equal((await app.request('/healthz')).status, 200);
      const ready = await app.request('/readyz');
      assert.equal(ready.status, 200, await ready.clone().text());

      assert.equal((await app.request('/metrics')).status, 401);
      assert.equal((await app.request('/metrics', { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status, 401);
      assert.equal((await createApp({ db: database.db }).request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).status, 404, 'no token configured: no metrics');

      const book = (firstName: string) => app.request('/api/v1/organizations/acme/bookings', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ treatmentId: fixture.treatments.checkup, clinicId: fixture.clinics.a, providerId: fixture.providers.p1, start: '2026-12-03T09:00:00+01:00', patient: patient({ firstName }) }),
      });
      assert.equal((await book('Nora')).status, 201);
      assert.equal((await book('Olga')).status, 409);
      await insertMessages(database.db, [{ organizationId: fixture.orgId, channel: 'sms', kind: 'general', recipient: '+4791234567', body: 'Hei', sendAt: new Date(Date.now() - 60_000), expiresAt: new Date(Date.now() + 3_600_000) }]);

      const scraped = await app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(scraped.status, 200);
      assert.match(scraped.headers.get('content-type') ?? '', /^text\/plain/);
      const text = await scraped.text();
      assert.equal(sample(text, 'http_requests_total{route="/api/v1/organizations/:org/bookings",method="POST",status="201"}'), 1);
      assert.equal(sample(text, 'http_requests_total{route="/readyz",method="GET",status="200"}'), 1);
      assert.equal(sample(text, 'http_request_duration_seconds_count{route="/api/v1/organizations/:org/bookings"}'), 2);
      assert.equal(sample(text, 'bookings_created_total'), 1);
      assert.equal(sample(text, 'bookings_conflicted_total'), 1);
      assert.ok((sample(text, 'outbox_messages{channel="sms",status="waiting"}') ?? 0) >= 1, text);
      assert.ok((sample(text, 'worker_lag_seconds') ?? 0) >= 59, 'the message has waited a minute');
      assert.ok((sample(text, 'outbox_due_messages') ?? 0) >= 1);
      assert.ok(!text.includes('+4791234567') && !text.includes('13097248022'));
    } finally {
      await database.close();
    }
  });
}

test('/readyz is 503 with Retry-After while migrations are not applied, and when shutting down', async () => {
  const database = await databaseOnPglite(await createPglite());
  try {
    const response = await createApp({ db: database.db }).request('/readyz');
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('content-type'), 'application/problem+json');
    assert.equal(response.headers.get('retry-after'), '5');
    const problem = (await response.json()) as { code: string; detail: string };
    assert.equal(problem.code, 'unavailable');
    assert.match(problem.detail, /Migrations not applied yet.*0001_domain/);
    const draining = await createApp({ db: database.db, ops: { draining: () => true } }).request('/healthz');
    assert.equal(draining.headers.get('connection'), 'close', 'answers end their connection while shutting down');
  } finally {
    await database.close();
  }
});

test('a database that cannot be reached answers 503 problem+json with Retry-After, not 500, and is logged with the request id', async () => {
  const database = await createPgliteTestDatabase();
  await database.close();
  const lines: Array<{ message: string; fields?: { requestId?: string } }> = [];
  const app = createApp({ db: database.db, log: (message, fields) => lines.push({ message, fields }) });
  const response = await app.request('/api/v1/organizations/acme/clinics', { headers: { 'x-request-id': 'req-42' } });
  assert.equal(response.status, 503);
  assert.equal(response.headers.get('retry-after'), '5');
  assert.equal(response.headers.get('x-request-id'), 'req-42');
  assert.equal(((await response.json()) as { code: string }).code, 'unavailable');
  assert.equal((await app.request('/readyz')).status, 503);
  assert.equal(lines[0]?.fields?.requestId, 'req-42');
});
