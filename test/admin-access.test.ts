import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { DATABASE_KINDS, createTestDatabase } from './support/test-database.ts';
import { createAdminHarness, type AdminHarness } from './support/admin-harness.ts';
import { capabilityFor, may, ROLE_CAPABILITIES, SCOPE_CAPABILITIES } from '../server/admin/access.ts';
import type { Db } from '../server/db/database.ts';
import { DEFAULT_SETTINGS, DEFAULT_TEXTS, DEFAULT_THEME } from '../server/organizations/defaults.ts';
import { PHOTO } from './support/fixture.ts';
import { createEndpoint } from '../server/webhooks/endpoint-repository.ts';
import { queueTestDelivery } from '../server/webhooks/delivery-repository.ts';
import { DEFAULT_RETENTION } from '../sdk/schemas/privacy.ts';

// Issue 9, "must show": tenant isolation and role checks, walking every admin
// route from the app's own route table, so a new route cannot be missed.
// Organization A's API key and A's owner session, pointed at B's resources,
// get 404 and change nothing of B's; lists never show B's rows; without
// credentials every route is 401; reception and narrow keys get 403 where
// their role or scope does not reach, and nothing changes.

const ADMIN = '/api/v1/admin';
/** Admin routes anyone may call (logging in needs no login). */
const PUBLIC_ADMIN_ROUTES = /^\/api\/v1\/admin\/auth\/(?:login|password-reset(?:\/complete)?|invite\/accept)$/;
/** A staff user's own account (who am I, log out, password, TOTP): any logged-in role, no other account reachable. */
const OWN_ACCOUNT_ROUTES = /^\/api\/v1\/admin\/auth\//;

/** What the walk needs of an organization: the ids of one of each of its resources. */
interface Resources {
  org: AdminHarness;
  appointment: string;
  patient: string;
  message: string;
  inbound: string;
  pendingChange: string;
  staffUser: string;
  apiKey: string;
  exception: string;
  onlineSlot: string;
  webhook: string;
  delivery: string;
}

/** One of each resource an admin route can address, made the way a clinic would make it. */
async function seed(h: AdminHarness, db: Db): Promise<Resources> {
  const { appointmentId } = await h.book('2026-12-07T10:00:00+01:00', { mobile: '+4791234567' });
  // The same national id booked again with another mobile: a pending change (B18).
  await h.book('2026-12-08T10:00:00+01:00', { mobile: '+4798765432' });
  const patient = (await db.selectFrom('patients').select('id').where('organization_id', '=', h.fixture.orgId).executeTakeFirstOrThrow()).id;
  const message = (await db.selectFrom('messages').select('id').where('organization_id', '=', h.fixture.orgId).executeTakeFirstOrThrow()).id;
  const inbound = crypto.randomUUID();
  await db.insertInto('inbound_sms').values({ id: inbound, organization_id: h.fixture.orgId, from_number: '+4791234567', body: 'Ja', message_id: null, patient_id: patient, gateway: 'memory', gateway_id: inbound }).execute();
  const pendingChange = (await db.selectFrom('pending_patient_changes').select('id').where('organization_id', '=', h.fixture.orgId).executeTakeFirstOrThrow()).id;
  const staffUser = (await h.staffHeaders('reception')).userId;
  const apiKey = (await db.selectFrom('api_keys').select('id').where('organization_id', '=', h.fixture.orgId).executeTakeFirstOrThrow()).id;
  const schedule = `/schedules/${h.fixture.providers.p1}/${h.fixture.clinics.a}`;
  const exception = (await h.admin('POST', `${schedule}/exceptions`, { date: '2026-12-24', kind: 'closed', note: 'Julaften' })).body.created[0];
  const onlineSlot = (await h.admin('POST', `${schedule}/online-slots`, { slots: [{ start: '2026-12-10T10:00:00+01:00', end: '2026-12-10T11:00:00+01:00' }] })).body.created[0];
  assert.ok(exception && onlineSlot, 'the walk starts with a dated exception and a published slot');
  const webhook = await createEndpoint(db, h.fixture.orgId, { url: 'https://pms.example/hooks', events: ['booking.created'] }, h.clock.now);
  const delivery = await queueTestDelivery(db, h.fixture.orgId, webhook.id, h.clock.now);
  return { org: h, appointment: appointmentId, patient, message, inbound, pendingChange, staffUser, apiKey, exception, onlineSlot, webhook: webhook.id, delivery: delivery.id };
}

/** The id a path parameter takes, by the path segment before it (`/clinics/:id` → a clinic). */
function idFor(r: Resources, path: string, param: string): string | undefined {
  const f = r.org.fixture;
  if (param === 'providerId') return f.providers.p1;
  if (param === 'clinicId') return f.clinics.a;
  if (param === 'deliveryId') return r.delivery;
  const segment = path.slice(0, path.indexOf(`:${param}`)).split('/').filter(Boolean).at(-1);
  const bySegment: Record<string, string> = {
    clinics: f.clinics.a,
    providers: f.providers.p1,
    treatments: f.treatments.checkup,
    appointments: r.appointment,
    patients: r.patient,
    messages: r.message,
    inbound: r.inbound,
    'pending-changes': r.pendingChange,
    staff: r.staffUser,
    'api-keys': r.apiKey,
    exceptions: r.exception,
    'online-slots': r.onlineSlot,
    webhooks: r.webhook,
  };
  return segment === undefined ? undefined : bySegment[segment];
}

/** Parameters that name no organization's resource. */
/** (An external id is the practice system's, per organization: B's `pms-walk` is not A's.) */
const PLAIN_PARAMS: Record<string, string> = { channel: 'sms', kind: 'reminder1', externalId: 'pms-walk' };

/**
 * A valid body per writing admin route, for organization `r` (the walk sends
 * A's bodies to B's ids, and bodies naming B's ids to A's routes). A writing
 * route missing here fails the walk: add it.
 */
function bodies(r: Resources): Record<string, unknown> {
  const f = r.org.fixture;
  return {
    [`PUT ${ADMIN}/messaging/settings`]: { testMode: true },
    [`PUT ${ADMIN}/messaging/templates/:channel/:kind`]: { body: 'Hei [firstName]' },
    [`DELETE ${ADMIN}/messaging/templates/:channel/:kind`]: undefined,
    [`POST ${ADMIN}/messaging/templates/preview`]: { channel: 'sms', body: 'Hei' },
    [`POST ${ADMIN}/messages/patient`]: { patientId: r.patient, body: 'Hei' },
    [`POST ${ADMIN}/messages/number`]: { to: '+4791234567', body: 'Hei' },
    [`POST ${ADMIN}/messages/bulk`]: { patientIds: [r.patient], body: 'Hei' },
    [`POST ${ADMIN}/messages/appointments`]: { appointmentIds: [r.appointment], kind: 'general', body: 'Hei' },
    [`POST ${ADMIN}/messages/:id/cancel`]: {},
    [`PATCH ${ADMIN}/inbound/:id`]: { read: true },
    [`PUT ${ADMIN}/appointments/:id/reminders`]: { enabled: false },
    [`PUT ${ADMIN}/schedules/:providerId/:clinicId/working-hours`]: { workingHours: [{ weekday: 1, start: '08:00', end: '12:00' }] },
    [`PUT ${ADMIN}/schedules/:providerId/:clinicId/breaks`]: { breaks: [] },
    [`PUT ${ADMIN}/schedules/:providerId/:clinicId/mode`]: { mode: 'published_slots' },
    [`POST ${ADMIN}/schedules/:providerId/:clinicId/exceptions`]: { date: '2026-12-31', kind: 'closed' },
    [`DELETE ${ADMIN}/schedules/:providerId/:clinicId/exceptions/:id`]: undefined,
    [`POST ${ADMIN}/schedules/:providerId/:clinicId/online-slots`]: { slots: [{ start: '2026-12-11T10:00:00+01:00', end: '2026-12-11T11:00:00+01:00' }] },
    [`DELETE ${ADMIN}/schedules/:providerId/:clinicId/online-slots/:id`]: undefined,
    ...Object.fromEntries(Object.entries({ ...DEFAULT_SETTINGS, texts: DEFAULT_TEXTS.nb, theme: DEFAULT_THEME })
      .flatMap(([section, value]) => [[`PUT ${ADMIN}/settings/${section}`, value], [`PATCH ${ADMIN}/settings/${section}`, value], [`DELETE ${ADMIN}/settings/${section}`, undefined]])),
    [`PATCH ${ADMIN}/settings/organization`]: { name: 'Renamed' },
    [`PUT ${ADMIN}/settings/logo`]: { data: PHOTO.toString('base64') },
    [`DELETE ${ADMIN}/settings/logo`]: undefined,
    [`POST ${ADMIN}/appointments`]: { patientId: r.patient, clinicId: f.clinics.a, providerId: f.providers.p1, treatmentId: f.treatments.checkup, start: '2026-12-10T18:00:00+01:00', durationMinutes: 30 },
    [`PUT ${ADMIN}/appointments/external/:externalId`]: { patientId: r.patient, clinicId: f.clinics.a, providerId: f.providers.p1, start: '2026-12-10T19:00:00+01:00', end: '2026-12-10T19:30:00+01:00' },
    [`DELETE ${ADMIN}/appointments/external/:externalId`]: {},
    [`POST ${ADMIN}/appointments/:id/move`]: { start: '2026-12-11T10:00:00+01:00', durationMinutes: 30 },
    [`POST ${ADMIN}/appointments/:id/cancel`]: {},
    [`POST ${ADMIN}/appointments/:id/attendance`]: { attendance: 'no_show' },
    [`PATCH ${ADMIN}/patients/:id`]: { wantsSms: false },
    [`POST ${ADMIN}/patients/:id/erase`]: { confirm: true },
    [`PUT ${ADMIN}/settings/retention`]: DEFAULT_RETENTION,
    [`POST ${ADMIN}/pending-changes/:id/accept`]: {},
    [`POST ${ADMIN}/pending-changes/:id/reject`]: {},
    [`POST ${ADMIN}/clinics`]: { name: 'Clinic W' },
    [`PUT ${ADMIN}/clinics/order`]: { ids: [f.clinics.c, f.clinics.a, f.clinics.b] },
    [`PATCH ${ADMIN}/clinics/:id`]: { name: 'Clinic X' },
    [`POST ${ADMIN}/clinics/:id/archive`]: {},
    [`POST ${ADMIN}/clinics/:id/restore`]: {},
    [`POST ${ADMIN}/providers`]: { name: 'P Walk' },
    [`PATCH ${ADMIN}/providers/:id`]: { name: 'P X' },
    [`POST ${ADMIN}/providers/:id/archive`]: {},
    [`POST ${ADMIN}/providers/:id/restore`]: {},
    [`PUT ${ADMIN}/providers/:id/photo`]: { data: PHOTO.toString('base64') },
    [`DELETE ${ADMIN}/providers/:id/photo`]: undefined,
    [`PUT ${ADMIN}/providers/:id/clinics`]: { clinics: [{ clinicId: f.clinics.a, order: 1, published: true, consentPhoto: true, consentTitle: true }] },
    [`POST ${ADMIN}/treatments`]: { name: 'Walk', durationMinutes: 30 },
    [`PUT ${ADMIN}/treatments/order`]: { ids: [f.treatments.cleaning, f.treatments.checkup] },
    [`PATCH ${ADMIN}/treatments/:id`]: { name: 'T X' },
    [`POST ${ADMIN}/treatments/:id/archive`]: {},
    [`POST ${ADMIN}/treatments/:id/restore`]: {},
    [`PUT ${ADMIN}/treatments/:id/offers`]: { providerIds: [f.providers.p1], clinicIds: [f.clinics.a] },
    [`POST ${ADMIN}/staff`]: { email: `new-${crypto.randomUUID().slice(0, 8)}@example.no`, name: 'Ny', role: 'reception' },
    [`PATCH ${ADMIN}/staff/:id`]: { name: 'Omdøpt' },
    [`POST ${ADMIN}/staff/:id/invite`]: {},
    [`POST ${ADMIN}/api-keys`]: { name: 'walk', scopes: ['read'] },
    [`DELETE ${ADMIN}/api-keys/:id`]: undefined,
    [`POST ${ADMIN}/webhooks`]: { url: 'https://pms.example/a', events: ['booking.created'] },
    [`PATCH ${ADMIN}/webhooks/:id`]: { enabled: false },
    [`DELETE ${ADMIN}/webhooks/:id`]: undefined,
    [`POST ${ADMIN}/webhooks/:id/rotate-secret`]: {},
    [`POST ${ADMIN}/webhooks/:id/test`]: {},
    [`POST ${ADMIN}/webhooks/:id/deliveries/:deliveryId/retry`]: {},
    // A's own walk keeps its name; sent with B's, it is A trying to take B's subdomain.
    [`PUT ${ADMIN}/subdomain`]: { subdomain: r.org.fixture.subdomain },
  };
}

/** Every row of an organization, in every table that says whose it is (directly, or through its providers and clinics). */
async function snapshot(db: Db, orgId: string): Promise<Record<string, string>> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name IN ('organization_id', 'provider_id', 'clinic_id', 'treatment_id')
    ORDER BY table_name, column_name`.execute(db);
  const byTable = new Map<string, string[]>();
  for (const { table_name, column_name } of columns.rows) byTable.set(table_name, [...(byTable.get(table_name) ?? []), column_name]);
  const out: Record<string, string> = {
    organization: JSON.stringify((await sql`SELECT * FROM organizations WHERE id = ${orgId}`.execute(db)).rows),
  };
  for (const [table, cols] of [...byTable].sort(([x], [y]) => x.localeCompare(y))) {
    if (table === 'rate_limit_counters') continue; // A's attempts count under A's keys only; not data of B's
    const owner = cols.includes('organization_id') ? sql`organization_id = ${orgId}`
      : cols.includes('provider_id') ? sql`provider_id IN (SELECT id FROM providers WHERE organization_id = ${orgId})`
        : cols.includes('clinic_id') ? sql`clinic_id IN (SELECT id FROM clinics WHERE organization_id = ${orgId})`
          : sql`treatment_id IN (SELECT id FROM treatments WHERE organization_id = ${orgId})`;
    const rows = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} WHERE ${owner} ORDER BY 1`.execute(db)).rows;
    // When a key or session was last used is not data the walk could change.
    out[table] = JSON.stringify(rows.map(({ last_used_at: _u, last_seen_at: _s, ...row }) => row));
  }
  return out;
}

interface Route { method: string; path: string }

/** The admin routes of the app's own route table (middleware left out). */
function adminRoutes(h: AdminHarness): Route[] {
  const seen = new Set<string>();
  return h.app.routes
    .filter((r) => r.method !== 'ALL' && r.path.startsWith(`${ADMIN}/`) && !PUBLIC_ADMIN_ROUTES.test(r.path))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`))
    .map((r) => ({ method: r.method, path: r.path }));
}

/** Fails naming the tables whose rows differ. */
function assertUnchanged(after: Record<string, string>, before: Record<string, string>, message: string): void {
  const changed = Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
  if (changed.length > 0) assert.deepEqual(JSON.parse(after[changed[0]!] ?? 'null'), JSON.parse(before[changed[0]!] ?? 'null'), `${message}: ${changed.join(', ')} changed`);
}

/** The route's path with its parameters filled from `r`, or the names of parameters the walk cannot fill. */
function fill(route: Route, r: Resources): { url: string; idParams: number; unknown: string[] } {
  let idParams = 0;
  const unknown: string[] = [];
  const url = route.path.replace(/:([A-Za-z_]+)/g, (_, name: string) => {
    if (name in PLAIN_PARAMS) return PLAIN_PARAMS[name]!;
    const id = idFor(r, route.path, name);
    if (id === undefined) {
      unknown.push(name);
      return 'x';
    }
    idParams++;
    return id;
  });
  return { url: url.slice(ADMIN.length), idParams, unknown };
}

async function request(h: AdminHarness, route: Route, url: string, body: unknown, headers: Record<string, string>) {
  return h.admin(route.method, url, route.method === 'GET' ? undefined : body ?? {}, headers);
}

for (const kind of DATABASE_KINDS) {
  const database = await createTestDatabase(kind);
  describe(`admin API access (${kind})`, { skip: database ? false : 'no PostgreSQL server (set TEST_DATABASE_URL)' }, () => {
    after(() => database?.close());

    test("organization A's key and owner session reach none of B's resources: 404, nothing of B's changed or shown", async () => {
      const db = database!.db;
      const a = await seed(await createAdminHarness(database!, { subdomain: `iso-a-${kind}` }), db);
      const b = await seed(await createAdminHarness(database!, { subdomain: `iso-b-${kind}` }), db);
      const owner = (await a.org.staffHeaders('owner')).headers;
      const bIds = [b.appointment, b.patient, b.message, b.inbound, b.pendingChange, b.staffUser, b.apiKey, ...Object.values(b.org.fixture.clinics), ...Object.values(b.org.fixture.providers), ...Object.values(b.org.fixture.treatments)];
      const before = await snapshot(db, b.org.fixture.orgId);
      const aBodies = bodies(a);
      const bBodies = bodies(b);
      const missing: string[] = [];
      const routes = adminRoutes(a.org);
      assert.ok(routes.length >= 18, `the walk found ${routes.length} admin routes`);
      for (const route of routes.filter((r) => !OWN_ACCOUNT_ROUTES.test(r.path))) {
        const key = `${route.method} ${route.path}`;
        const target = fill(route, b);
        if (target.unknown.length > 0) missing.push(`${key}: no resource for :${target.unknown.join(', :')} (add it to idFor)`);
        if (route.method !== 'GET' && !(key in aBodies)) missing.push(`${key}: no body (add it to bodies())`);
        if (target.unknown.length > 0 || (route.method !== 'GET' && !(key in aBodies))) continue;
        const actors = [
          ['key', { authorization: `Bearer ${a.org.key}` }, { kind: 'api_key', scopes: ['read', 'write', 'messaging'] }],
          ['owner session', owner, { kind: 'staff', role: 'owner' }],
        ] as const;
        for (const [who, headers, actor] of actors) {
          if (target.idParams > 0) {
            // A's own body at B's resource: not found (or, where the key may not go at all, forbidden).
            const answer = await request(a.org, route, target.url, aBodies[key], headers);
            const expected = may(actor as Parameters<typeof may>[0], capabilityFor(route.method, route.path)) ? 404 : 403;
            assert.equal(answer.status, expected, `${who}: ${key} with B's id answered ${answer.status} ${JSON.stringify(answer.body)}`);
            assert.match(answer.type ?? '', /application\/problem\+json/);
          } else {
            // A's own route, with B's ids in the body where it takes ids.
            const answer = await request(a.org, route, target.url, bBodies[key], headers);
            assert.ok(answer.status < 500, `${who}: ${key} answered ${answer.status}`);
            const text = JSON.stringify(answer.body ?? '');
            // An id the request itself named may come back (e.g. as skipped, not found); no other of B's may.
            const sent = JSON.stringify(bBodies[key] ?? '');
            for (const id of bIds.filter((i) => !sent.includes(i))) assert.ok(!text.includes(id), `${who}: ${key} showed B's ${id}: ${text.slice(0, 300)}`);
          }
        }
      }
      assert.deepEqual(missing, [], 'every admin route is walked');
      assertUnchanged(await snapshot(db, b.org.fixture.orgId), before, "nothing of B's changed");
    });

    test('every route needs credentials, and reception and narrow keys are refused (403) where their role or scope does not reach, changing nothing', async () => {
      const db = database!.db;
      const a = await seed(await createAdminHarness(database!, { subdomain: `roles-${kind}` }), db);
      const reception = (await a.org.staffHeaders('reception')).headers;
      const keys = {
        read: await a.org.keyWith(['read']),
        write: await a.org.keyWith(['write']),
        messaging: await a.org.keyWith(['messaging']),
      };
      const ownerCookie = (await a.org.staffHeaders('owner')).headers.cookie;
      const aBodies = bodies(a);
      const before = await snapshot(db, a.org.fixture.orgId);
      let refusals = 0;
      for (const route of adminRoutes(a.org)) {
        const key = `${route.method} ${route.path}`;
        const target = fill(route, a);
        if (target.unknown.length > 0) continue; // the isolation walk reports it
        const body = aBodies[key];
        const anonymous = await request(a.org, route, target.url, body, {});
        assert.equal(anonymous.status, 401, `${key} without credentials: ${anonymous.status}`);
        if (OWN_ACCOUNT_ROUTES.test(route.path)) continue;
        const needed = capabilityFor(route.method, route.path);
        if (!ROLE_CAPABILITIES.reception.includes(needed)) {
          const answer = await request(a.org, route, target.url, body, reception);
          assert.equal(answer.status, 403, `reception on ${key}: ${answer.status}`);
          assert.equal(answer.body.code, 'forbidden');
          refusals++;
        }
        for (const [scope, apiKey] of Object.entries(keys)) {
          if (SCOPE_CAPABILITIES[scope as keyof typeof keys].includes(needed)) continue;
          const answer = await request(a.org, route, target.url, body, { authorization: `Bearer ${apiKey}` });
          assert.equal(answer.status, 403, `${scope} key on ${key}: ${answer.status}`);
          refusals++;
        }
      }
      assert.ok(refusals > 10, `${refusals} refusals`);
      // A cookie session's change without its CSRF token is refused too.
      const noCsrf = await a.org.admin('PUT', '/messaging/settings', { testMode: true }, { cookie: ownerCookie });
      assert.equal(noCsrf.status, 403);
      assertUnchanged(await snapshot(db, a.org.fixture.orgId), before, 'nothing changed');
    });
  });
}
