import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DATABASE_KINDS, createTestDatabase } from './support/test-database.ts';
import { createAdminHarness } from './support/admin-harness.ts';
import { seedFixture } from './support/fixture.ts';
import { createEndpoint } from '../server/webhooks/endpoint-repository.ts';
import { purgeExpired } from '../server/privacy/retention-purge.ts';
import { startRetentionJob } from '../server/privacy/retention-job.ts';
import { DEFAULT_RETENTION } from '../sdk/schemas/privacy.ts';
import type { Db } from '../server/db/database.ts';

// Issue 11.5, "must show": retention. Each organization's periods (bounded,
// editable by those who change settings), and a purge that removes exactly
// the rows older than them (bodies blanked, the rest deleted) and keeps the
// younger ones and other organizations' by their own periods, in bounded batches.

const NOW = new Date('2026-12-01T07:00:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

let slot = 0;

/** One row of each kind the purge looks at, of a given age, for an organization; answers their ids by kind. */
async function rowsAged(db: Db, org: { orgId: string; providers: { p1: string }; clinics: { a: string } }, endpointId: string, days: number, label: string) {
  const id = () => crypto.randomUUID();
  const ids = { message: id(), waiting: id(), inbound: id(), code: id(), hold: id(), audit: id(), idempotency: `key-${label}`, delivered: id(), pending: id() };
  await db.insertInto('messages').values([
    { id: ids.message, organization_id: org.orgId, channel: 'sms', kind: 'general', recipient: '+4791234567', body: `Hei ${label}`, status: 'sent', created_at: ago(days), send_at: ago(days) },
    { id: ids.waiting, organization_id: org.orgId, channel: 'sms', kind: 'general', recipient: '+4791234567', body: `Snart ${label}`, status: 'waiting', created_at: ago(days), send_at: NOW },
  ]).execute();
  await db.insertInto('inbound_sms').values({ id: ids.inbound, organization_id: org.orgId, from_number: '+4791234567', body: `Svar ${label}`, received_at: ago(days), message_id: null, patient_id: null, gateway: 'memory', gateway_id: ids.inbound }).execute();
  await db.insertInto('verification_codes').values({ id: ids.code, organization_id: org.orgId, handle_hash: ids.code, purpose: 'login', channel: 'sms', recipient: '+4791234567', code_hash: 'x', hold_id: null, created_at: ago(days + 1), expires_at: ago(days) }).execute();
  const start = new Date(NOW.getTime() + 86_400_000 + ++slot * 3_600_000); // holds of one provider never overlap
  await db.insertInto('appointments').values({
    id: ids.hold, organization_id: org.orgId, patient_id: null, clinic_id: org.clinics.a, provider_id: org.providers.p1, treatment_id: null,
    starts_at: start, ends_at: new Date(start.getTime() + 1_800_000), status: 'held', source: 'online', hold_expires_at: ago(days), hold_token_hash: ids.hold,
  }).execute();
  await db.insertInto('audit_log').values({ id: ids.audit, organization_id: org.orgId, at: ago(days), actor_kind: 'system', actor_id: null, actor_label: 'test', action: 'test.old', target_type: 'test', target_id: null }).execute();
  await db.insertInto('idempotency_keys').values({ organization_id: org.orgId, key: ids.idempotency, request_hash: 'x', status_code: 201, response: '{}', created_at: ago(days) }).execute();
  await db.insertInto('webhook_deliveries').values([
    { id: ids.delivered, organization_id: org.orgId, endpoint_id: endpointId, event: 'webhook.test', payload: '{}', status: 'delivered', next_attempt_at: ago(days), created_at: ago(days) },
    { id: ids.pending, organization_id: org.orgId, endpoint_id: endpointId, event: 'webhook.test', payload: '{}', status: 'retrying', next_attempt_at: NOW, created_at: ago(days) },
  ]).execute();
  return ids;
}

type Ids = Awaited<ReturnType<typeof rowsAged>>;

/** Which of these rows are still there (and, for messages, still have a body). */
async function present(db: Db, ids: Ids) {
  const has = async (q: Promise<unknown[]>) => (await q).length > 0;
  return {
    message: await has(db.selectFrom('messages').select('id').where('id', '=', ids.message).where('body', '<>', '').execute()),
    waiting: await has(db.selectFrom('messages').select('id').where('id', '=', ids.waiting).where('body', '<>', '').execute()),
    inbound: await has(db.selectFrom('inbound_sms').select('id').where('id', '=', ids.inbound).where('body', '<>', '').execute()),
    code: await has(db.selectFrom('verification_codes').select('id').where('id', '=', ids.code).execute()),
    hold: await has(db.selectFrom('appointments').select('id').where('id', '=', ids.hold).execute()),
    audit: await has(db.selectFrom('audit_log').select('id').where('id', '=', ids.audit).execute()),
    idempotency: await has(db.selectFrom('idempotency_keys').select('key').where('key', '=', ids.idempotency).execute()),
    delivered: await has(db.selectFrom('webhook_deliveries').select('id').where('id', '=', ids.delivered).execute()),
    pending: await has(db.selectFrom('webhook_deliveries').select('id').where('id', '=', ids.pending).execute()),
  };
}

const ALL = { message: true, waiting: true, inbound: true, code: true, hold: true, audit: true, idempotency: true, delivered: true, pending: true };

for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  describe(`retention (${kind})`, { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
    after(() => database?.close());

    test('the periods: standard ones until set, bounded (422 names the field), changed by owners and write keys, not by reception; audited', async () => {
      const h = await createAdminHarness(database!, { subdomain: `ret-api-${kind}` });
      assert.deepEqual(await h.client.getRetention(), DEFAULT_RETENTION);
      const short = await h.admin('PUT', '/settings/retention', { ...DEFAULT_RETENTION, messageBodiesDays: 1 });
      assert.equal(short.status, 422);
      assert.match(short.type ?? '', /application\/problem\+json/);
      assert.equal(short.body.issues[0].path, 'messageBodiesDays');
      const missing = await h.admin('PUT', '/settings/retention', { messageBodiesDays: 90 });
      assert.equal(missing.status, 422);
      const reception = await h.admin('PUT', '/settings/retention', DEFAULT_RETENTION, (await h.staffHeaders('reception')).headers);
      assert.equal(reception.status, 403);
      const saved = await h.client.updateRetention({ ...DEFAULT_RETENTION, messageBodiesDays: 90, auditLogDays: 365 });
      assert.equal(saved.messageBodiesDays, 90);
      assert.deepEqual(await h.client.getRetention(), { ...DEFAULT_RETENTION, messageBodiesDays: 90, auditLogDays: 365 });
      const owner = await h.admin('PUT', '/settings/retention', { ...DEFAULT_RETENTION, holdsDays: 3 }, (await h.staffHeaders('owner')).headers);
      assert.equal(owner.status, 200);
      const audit = (await h.audit()).filter((e) => e.target_id === 'retention');
      assert.equal(audit.length, 2);
      assert.deepEqual(audit.map((e) => (e.after as { holdsDays: number }).holdsDays).sort(), [1, 3], 'with the values before and after');
    });

    test('the purge removes exactly what is older than each organization\'s periods, in bounded batches, and keeps the rest', async () => {
      const db = database!.db;
      const a = await seedFixture(db, { subdomain: `ret-a-${kind}` });
      const b = await seedFixture(db, { subdomain: `ret-b-${kind}` });
      const hookA = (await createEndpoint(db, a.orgId, { url: 'https://pms.example/a', events: ['booking.created'] }, NOW)).id;
      const hookB = (await createEndpoint(db, b.orgId, { url: 'https://pms.example/b', events: ['booking.created'] }, NOW)).id;
      await db.insertInto('retention_settings').values({
        organization_id: a.orgId, message_bodies_days: 30, verification_codes_days: 2, holds_days: 2, audit_log_days: 100, idempotency_keys_days: 2, webhook_deliveries_days: 5, updated_at: NOW,
      }).execute();
      const oldA = [await rowsAged(db, a, hookA, 120, 'a-old-1'), await rowsAged(db, a, hookA, 120, 'a-old-2'), await rowsAged(db, a, hookA, 120, 'a-old-3')];
      const youngA = await rowsAged(db, a, hookA, 1 / 24, 'a-young');
      const oldB = await rowsAged(db, b, hookB, 120, 'b-old');
      await db.insertInto('rate_limit_counters').values([
        { key: `ret-${kind}-expired`, window_start: ago(2), expires_at: ago(1), count: 3 },
        { key: `ret-${kind}-live`, window_start: NOW, expires_at: new Date(NOW.getTime() + 3_600_000), count: 1 },
      ]).execute();

      // One row per kind and organization at most: a backlog waits for the next purge.
      const first = await purgeExpired(db, { now: NOW, batchSize: 1, maxBatches: 1 });
      assert.equal(first.messageBodies, 1);
      assert.equal(first.auditLog, 1, "one of A's; B keeps its audit for 730 days");
      assert.equal((await Promise.all(oldA.map((ids) => present(db, ids)))).filter((p) => p.message).length, 2, 'two old bodies left for the next purge');

      const rest = await purgeExpired(db, { now: NOW, batchSize: 2 });
      assert.equal(rest.messageBodies, 2);
      for (const ids of oldA) {
        assert.deepEqual(await present(db, ids), { ...ALL, message: false, inbound: false, code: false, hold: false, audit: false, idempotency: false, delivered: false },
          'old settled bodies blanked; codes, holds, audit, stored answers and finished deliveries deleted; waiting messages and unfinished deliveries kept');
      }
      assert.deepEqual(await present(db, youngA), ALL, 'younger rows kept');
      assert.deepEqual(await present(db, oldB), { ...ALL, code: false, hold: false, idempotency: false, delivered: false },
        "B by the standard periods: bodies for 365 days, audit for 730; codes and holds after 1 day, stored answers after 7, deliveries after 30");
      const counters = await db.selectFrom('rate_limit_counters').select('key').where('key', 'like', `ret-${kind}-%`).execute();
      assert.deepEqual(counters.map((c) => c.key), [`ret-${kind}-live`], 'expired rate-limit counters deleted');
      assert.deepEqual(Object.values(await purgeExpired(db, { now: NOW })).every((n) => n === 0), true, 'nothing left: a purge again does nothing');
    });

    test('the retention job purges on its own schedule and stops', async () => {
      const db = database!.db;
      const c = await seedFixture(db, { subdomain: `ret-job-${kind}` });
      const hook = (await createEndpoint(db, c.orgId, { url: 'https://pms.example/c', events: ['booking.created'] }, NOW)).id;
      const old = await rowsAged(db, c, hook, 800, 'job');
      const lines: string[] = [];
      const job = startRetentionJob({ db, now: () => NOW, firstDelayMs: 10, intervalMs: 60_000, log: (line) => lines.push(line) });
      const deadline = Date.now() + 60_000;
      while (lines.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      await job.stop();
      assert.match(lines[0] ?? '', /^\[retention\] purged .*messageBodies 1/);
      assert.ok(!lines.join('\n').includes('job'), 'the log carries counts, never contents');
      assert.equal((await present(db, old)).audit, false);
    });
  });
}
