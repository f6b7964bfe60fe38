import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sql } from 'kysely';
import { createPgliteTestDatabase } from './support/test-database.ts';
import { createMessagingHarness } from './support/messaging-harness.ts';
import { patient } from './support/fixture.ts';
import { createApiKey } from '../server/admin/api-keys.ts';
import { createApp } from '../server/app.ts';
import { DEFAULT_SETTINGS, DEFAULT_TEXTS, DEFAULT_THEME } from '../server/organizations/defaults.ts';
import { createEndpoint } from '../server/webhooks/endpoint-repository.ts';
import { queueTestDelivery } from '../server/webhooks/delivery-repository.ts';
import { DEFAULT_RETENTION } from '../sdk/schemas/privacy.ts';

// Walks every route of the public and admin API and the gateways' webhooks,
// taken from the app's own route table (a new route cannot be missed), with arbitrary strings, numbers,
// dates and nesting in every path parameter, query parameter and body field.
// Whatever comes in: never a 5xx, a refusal is always problem+json, and a
// refused request writes nothing.
const database = await createPgliteTestDatabase();
after(() => database.close());
const h = await createMessagingHarness(database, { subdomain: 'walk' });
const key = (await createApiKey(database.db, h.fixture.orgId, 'walker')).key;
const booked = await h.book('2026-12-07T10:00:00+01:00');
const patientId = (await database.db.selectFrom('patients').select('id').where('organization_id', '=', h.fixture.orgId).executeTakeFirstOrThrow()).id;

const PUBLIC = '/api/v1/organizations';
const ADMIN = '/api/v1/admin';
const WEBHOOKS = '/api/v1/webhooks';
const ELKS_SECRET = 'walk-secret';
/** The harness's app with the gateways' webhooks mounted (46elks with a known secret, so the walk gets past it). */
const app = createApp({
  db: database.db, now: () => h.clock.now, publicUrl: 'https://book.example', log: () => {},
  messaging: { channels: h.channels, webhooks: { elksWebhookSecret: ELKS_SECRET, twilioAuthToken: 'walk-token' } },
});
const holdAt = (start: string) => ({ treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1, start });
const held = (await h.call('POST', '/holds', holdAt('2026-12-09T09:00:00+01:00'))).body as { holdId: string };
assert.ok(held.holdId, 'the walk starts with a live hold');
const webhook = await createEndpoint(database.db, h.fixture.orgId, { url: 'https://pms.example/hooks', events: ['booking.created'] }, h.clock.now);
const webhookDelivery = await queueTestDelivery(database.db, h.fixture.orgId, webhook.id, h.clock.now);
const sentMessage = (await database.db.selectFrom('messages').select('id').where('organization_id', '=', h.fixture.orgId).executeTakeFirstOrThrow()).id;

/** A valid request body per writing route: the walker mutates one or more of its fields. */
const BODIES: Record<string, unknown> = {
  [`POST ${PUBLIC}/:org/bookings`]: {
    treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1,
    start: '2026-12-08T09:00:00+01:00', patient: patient({ mobile: '+4791234567', email: 'kari@example.no', address1: 'Gate 1' }), message: 'Hei', campaignCode: 'VINTER',
  },
  [`POST ${PUBLIC}/:org/bookings/:token/rebook`]: { start: '2026-12-08T10:00:00+01:00', providerId: h.fixture.providers.p1 },
  [`POST ${PUBLIC}/:org/bookings/:token/cancel`]: {},
  // Issue 8, items 1 and 5 (the walk's organization has no code challenge or login: refused, writing nothing).
  [`POST ${PUBLIC}/:org/verifications`]: { purpose: 'booking', mobile: '+4791234567', locale: 'nb' },
  [`POST ${PUBLIC}/:org/verifications/:id/resend`]: {},
  [`POST ${PUBLIC}/:org/sessions`]: { verification: { id: 'AAAAAAAAAAAAAAAAAAAAAA', code: '123456' } },
  [`POST ${PUBLIC}/:org/me/bookings/:id/rebook`]: { start: '2026-12-08T11:00:00+01:00', providerId: h.fixture.providers.p1 },
  [`POST ${PUBLIC}/:org/me/bookings/:id/cancel`]: {},
  [`DELETE ${PUBLIC}/:org/me/session`]: {},
  [`POST ${PUBLIC}/:org/holds`]: holdAt('2026-12-09T10:00:00+01:00'),
  [`POST ${PUBLIC}/:org/holds/:holdId/renew`]: {},
  [`DELETE ${PUBLIC}/:org/holds/:holdId`]: {},
  [`PUT ${ADMIN}/messaging/settings`]: { testMode: true, senderText: 'Acme', quietHours: { from: '21:00', to: '08:00' } },
  [`PUT ${ADMIN}/messaging/templates/:channel/:kind`]: { body: 'Hei [firstName]', subject: 'Timen din' },
  [`DELETE ${ADMIN}/messaging/templates/:channel/:kind`]: {},
  [`POST ${ADMIN}/messaging/templates/preview`]: { channel: 'sms', body: 'Hei [firstName]' },
  [`POST ${ADMIN}/messages/patient`]: { patientId, body: 'Hei', sendAt: '2026-12-02T10:00:00+01:00', expiresAt: '2026-12-03T10:00:00+01:00' },
  [`POST ${ADMIN}/messages/number`]: { to: '+4791234567', body: 'Hei' },
  [`POST ${ADMIN}/messages/bulk`]: { patientIds: [patientId], body: 'Hei' },
  [`POST ${ADMIN}/messages/appointments`]: { appointmentIds: [booked.appointmentId], kind: 'general', body: 'Hei' },
  [`POST ${ADMIN}/messages/:id/cancel`]: {},
  [`PATCH ${ADMIN}/inbound/:id`]: { read: true, followUp: false },
  [`PUT ${ADMIN}/appointments/:id/reminders`]: { enabled: true, texts: { reminder1: 'Husk [time]' } },
  // Issue 9.3: schedules per provider and clinic.
  [`PUT ${ADMIN}/schedules/:providerId/:clinicId/working-hours`]: { workingHours: [{ weekday: 1, start: '08:00', end: '12:00' }, { weekday: 1, start: '13:00', end: '24:00' }, { weekday: 2, start: '08:00', end: '16:00' }] },
  [`PUT ${ADMIN}/schedules/:providerId/:clinicId/breaks`]: { breaks: [{ weekday: 1, start: '12:00', end: '12:30' }] },
  [`PUT ${ADMIN}/schedules/:providerId/:clinicId/mode`]: { mode: 'working_hours' },
  [`POST ${ADMIN}/schedules/:providerId/:clinicId/exceptions`]: { date: '2026-12-24', kind: 'closed', start: '12:00', end: '16:00', note: 'Julaften' },
  [`DELETE ${ADMIN}/schedules/:providerId/:clinicId/exceptions/:id`]: {},
  [`POST ${ADMIN}/schedules/:providerId/:clinicId/online-slots`]: { slots: [{ start: '2026-12-10T10:00:00+01:00', end: '2026-12-10T11:00:00+01:00' }] },
  [`DELETE ${ADMIN}/schedules/:providerId/:clinicId/online-slots/:id`]: {},
  // Settings (issue 9): each section's standard value to PUT and PATCH; the same subdomain again (a rename would take the walk's organization away).
  ...Object.fromEntries(Object.entries({ ...DEFAULT_SETTINGS, eid: { ...DEFAULT_SETTINGS.eid, clientSecret: 'walk-secret' }, texts: DEFAULT_TEXTS.nb, theme: { ...DEFAULT_THEME, analyticsScriptUrl: 'https://stats.example.org/s.js' } })
    .flatMap(([section, value]) => [[`PUT ${ADMIN}/settings/${section}`, value], [`PATCH ${ADMIN}/settings/${section}`, value], [`DELETE ${ADMIN}/settings/${section}`, {}]])),
  [`PATCH ${ADMIN}/settings/organization`]: { name: 'Walk', locale: 'nb', timeZone: 'Europe/Oslo' },
  [`PUT ${ADMIN}/settings/logo`]: { data: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==' },
  [`DELETE ${ADMIN}/settings/logo`]: {},
  [`PUT ${ADMIN}/subdomain`]: { subdomain: h.fixture.subdomain },
  // Issue 9.4–9.6: the appointment book, patients, pending changes.
  [`POST ${ADMIN}/appointments`]: { patientId, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1, treatmentId: h.fixture.treatments.checkup, start: '2026-12-10T18:00:00+01:00', durationMinutes: 90, text: 'Telefon', notifyPatient: true, externalId: 'pms-new' },
  [`PUT ${ADMIN}/appointments/external/:externalId`]: { patient: patient({ nationalId: '02018500089' }), clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p2, start: '2026-12-10T18:00:00+01:00', end: '2026-12-10T18:30:00+01:00' },
  [`DELETE ${ADMIN}/appointments/external/:externalId`]: { notifyPatient: false, reason: 'Synced' },
  [`POST ${ADMIN}/appointments/:id/move`]: { start: '2026-12-11T10:00:00+01:00', durationMinutes: 45, providerId: h.fixture.providers.p1, clinicId: h.fixture.clinics.a, notifyPatient: true },
  [`POST ${ADMIN}/appointments/:id/cancel`]: { notifyPatient: true, reason: 'Ill' },
  [`POST ${ADMIN}/appointments/:id/attendance`]: { attendance: 'attended' },
  [`PATCH ${ADMIN}/patients/:id`]: { firstName: 'Kari', mobile: '912 34 568', email: 'kari@example.no', wantsSms: false, nextRecallDate: '2027-06-01' },
  // Issue 11.5: the walk's key may not erase (owners and admins only); retention periods within their bounds.
  [`POST ${ADMIN}/patients/:id/erase`]: { confirm: true },
  [`PUT ${ADMIN}/settings/retention`]: { ...DEFAULT_RETENTION, messageBodiesDays: 30 },
  [`POST ${ADMIN}/pending-changes/:id/accept`]: {},
  [`POST ${ADMIN}/pending-changes/:id/reject`]: {},
  // The catalog (W2, W3). Path ids are the walk's appointment and patient: refused as unknown, writing nothing.
  [`POST ${ADMIN}/clinics`]: { name: 'Clinic W', address: 'Gate 2', postalCode: '0150', city: 'Oslo', phone: '+4722000009', group: 'Oslo', timeZone: 'Europe/Oslo', text: { heading: 'Hei', body: 'Velkommen' } },
  [`PUT ${ADMIN}/clinics/order`]: { ids: [h.fixture.clinics.c, h.fixture.clinics.a, h.fixture.clinics.b] },
  [`PATCH ${ADMIN}/clinics/:id`]: { name: 'Clinic X', group: null, timeZone: null, text: null },
  [`POST ${ADMIN}/clinics/:id/archive`]: {},
  [`POST ${ADMIN}/clinics/:id/restore`]: {},
  [`POST ${ADMIN}/providers`]: { name: 'P Walk', title: 'Tannlege', bio: 'Hei' },
  [`PATCH ${ADMIN}/providers/:id`]: { name: 'P X', title: '', bio: 'Tekst' },
  [`POST ${ADMIN}/providers/:id/archive`]: {},
  [`POST ${ADMIN}/providers/:id/restore`]: {},
  [`PUT ${ADMIN}/providers/:id/photo`]: { data: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgYGAAAAAEAAH2FzhVAAAAAElFTkSuQmCC' },
  [`DELETE ${ADMIN}/providers/:id/photo`]: {},
  [`PUT ${ADMIN}/providers/:id/clinics`]: { clinics: [{ clinicId: h.fixture.clinics.a, order: 1, published: true, consentPhoto: true, consentTitle: false }] },
  [`POST ${ADMIN}/treatments`]: { name: 'Walk', durationMinutes: 30, description: 'Hei', online: true },
  [`PUT ${ADMIN}/treatments/order`]: { ids: [h.fixture.treatments.cleaning, h.fixture.treatments.checkup] },
  [`PATCH ${ADMIN}/treatments/:id`]: { name: 'T X', durationMinutes: 45, description: '', online: false },
  [`POST ${ADMIN}/treatments/:id/archive`]: {},
  [`POST ${ADMIN}/treatments/:id/restore`]: {},
  [`PUT ${ADMIN}/treatments/:id/offers`]: { providerIds: [h.fixture.providers.p1], clinicIds: [h.fixture.clinics.a] },
  // Staff login and accounts (the walk's key is not a session: the session routes refuse, writing nothing).
  [`POST ${ADMIN}/auth/login`]: { organization: h.fixture.subdomain, email: 'walker@example.no', password: 'not the password', totp: '123456' },
  [`POST ${ADMIN}/auth/invite/accept`]: { token: 'AAAAAAAAAAAAAAAAAAAAAA', name: 'Walker', password: 'a long enough password' },
  [`POST ${ADMIN}/auth/password-reset`]: { organization: h.fixture.subdomain, email: 'walker@example.no' },
  [`POST ${ADMIN}/auth/password-reset/complete`]: { token: 'AAAAAAAAAAAAAAAAAAAAAA', password: 'a long enough password' },
  [`POST ${ADMIN}/auth/logout`]: {},
  [`POST ${ADMIN}/auth/password`]: { current: 'the old password', new: 'a long enough password' },
  [`POST ${ADMIN}/auth/totp/setup`]: {},
  [`POST ${ADMIN}/auth/totp/enable`]: { code: '123456' },
  [`POST ${ADMIN}/auth/totp/disable`]: { password: 'the password', code: '123456' },
  [`POST ${ADMIN}/staff`]: { email: 'new@example.no', name: 'Ny', role: 'reception' },
  [`PATCH ${ADMIN}/staff/:id`]: { name: 'Kari', role: 'admin', disabled: false },
  [`POST ${ADMIN}/staff/:id/invite`]: {},
  [`POST ${ADMIN}/api-keys`]: { name: 'walk', scopes: ['read'] },
  [`DELETE ${ADMIN}/api-keys/:id`]: {},
  [`POST ${ADMIN}/webhooks`]: { url: 'https://pms.example/hooks', description: 'PMS', events: ['booking.created', 'booking.cancelled'] },
  [`PATCH ${ADMIN}/webhooks/:id`]: { enabled: false, events: ['booking.rebooked'] },
  [`DELETE ${ADMIN}/webhooks/:id`]: {},
  [`POST ${ADMIN}/webhooks/:id/rotate-secret`]: {},
  [`POST ${ADMIN}/webhooks/:id/test`]: {},
  [`POST ${ADMIN}/webhooks/:id/deliveries/:deliveryId/retry`]: {},
  // The gateways post forms (sent as application/x-www-form-urlencoded).
  [`POST ${WEBHOOKS}/sms/46elks/:org/status`]: { id: 'elks-1', status: 'delivered', delivered: '2026-12-01 08:00:00' },
  [`POST ${WEBHOOKS}/sms/46elks/:org/inbound`]: { id: 'elks-in-1', from: '+4791234567', to: '+4790000000', message: 'Ja takk' },
  [`POST ${WEBHOOKS}/sms/twilio/:org/status`]: { MessageSid: 'SM1', MessageStatus: 'delivered' },
  [`POST ${WEBHOOKS}/sms/twilio/:org/inbound`]: { MessageSid: 'SM2', From: '+4791234567', To: '+4790000000', Body: 'Ja takk' },
};

/** Valid values for the path and query parameters the routes read; the walker also sends arbitrary ones. */
const PARAMS: Record<string, string[]> = {
  org: [h.fixture.subdomain],
  token: [booked.token],
  holdId: [held.holdId],
  id: [booked.appointmentId, patientId, h.fixture.clinics.c, h.fixture.providers.p3, h.fixture.treatments.cleaning, webhook.id],
  deliveryId: [webhookDelivery.id],
  channel: ['sms', 'email'],
  kind: ['reminder1', 'booked'],
  providerId: [h.fixture.providers.p2],
  clinicId: [h.fixture.clinics.b],
  externalId: ['pms-1', 'pms-new'],
};
/** A valid query per route that reads one; the walker mutates it as it does bodies. */
const QUERIES: Record<string, Record<string, string>> = {
  [`GET ${ADMIN}/appointments`]: { from: '2026-12-07', to: '2026-12-13', clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1, includeCancelled: 'true' },
  [`GET ${ADMIN}/patients`]: { q: 'Nilsen', limit: '2' },
  [`GET ${ADMIN}/patients/recall`]: { from: '2026-12-01', to: '2027-12-31' },
  [`GET ${ADMIN}/pending-changes`]: { status: 'pending' },
  [`GET ${PUBLIC}/:org/providers`]: { clinicId: h.fixture.clinics.a },
  [`GET ${PUBLIC}/:org/treatments`]: { clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1 },
  [`GET ${PUBLIC}/:org/auth/eid/start`]: { returnTo: `/o/${h.fixture.subdomain}/`, mode: 'popup', origin: 'https://www.clinic.no' },
  [`GET ${PUBLIC}/:org/auth/eid/callback`]: { state: 'a-state', code: 'a-code' },
  [`GET ${PUBLIC}/:org/slots`]: { treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1, from: '2026-12-01', to: '2026-12-07' },
  [`GET ${ADMIN}/messages`]: { from: '2026-12-01', to: '2026-12-31', dateField: 'sendAt', status: 'waiting', recipient: '+4791234567', limit: '10', patientId },
  [`GET ${ADMIN}/inbound`]: { since: '2026-12-01', until: '2026-12-31', read: 'false', from: '+4791234567' },
  [`GET ${ADMIN}/appointments/today`]: { date: '2026-12-07' },
  [`GET ${ADMIN}/schedules/:providerId/:clinicId`]: { from: '2026-12-01T00:00:00+01:00', to: '2026-12-31T00:00:00+01:00' },
  [`GET ${ADMIN}/subdomain/check`]: { name: 'walk-free' },
  [`POST ${WEBHOOKS}/sms/46elks/:org/status`]: { secret: ELKS_SECRET, m: sentMessage },
  [`POST ${WEBHOOKS}/sms/46elks/:org/inbound`]: { secret: ELKS_SECRET },
  [`POST ${WEBHOOKS}/sms/twilio/:org/status`]: { m: sentMessage },
};

/** Text that has broken things: control characters, NUL, lone surrogates, extreme and malformed dates, huge numbers. */
const NASTY = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\u202e', '\uffff', '%00', '../../etc', "'; DROP TABLE x; --", '{"a":1}',
  '0000-01-01', '0001-01-01', '9999-12-30', '9999-12-31', '+275760-09-13', '2026-02-30', '2026-12-01T25:00:00Z',
  '0000-01-01T00:00:00Z', '9999-12-31T10:00:00+01:00', '0001-01-01T00:00:00+14:00', '-1', '1e308', 'NaN', 'Infinity', '00000000-0000-0000-0000-000000000000',
];
/** Raw path segments, sent as they are: a NUL, invalid UTF-8, a lone surrogate's bytes. */
const RAW_SEGMENTS = ['%00', 'a%00b', '%FF', '%ED%A0%80', '%C0%AF', '%'];

/** A path segment: UTF-8 percent-encoded (a lone surrogate becomes U+FFFD, as in a browser), or one of the raw segments. */
function percentEncoded(value: string): string {
  if (value.startsWith('raw:')) return value.slice(4);
  return [...new TextEncoder().encode(value)].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

const nastyString = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...NASTY) }, fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 300 }));
const anyJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    nastyString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
    fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 1e21),
    fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** A valid body with some of its fields (at any depth) replaced, removed or given new siblings. */
function mutated(valid: unknown): fc.Arbitrary<unknown> {
  const paths: string[][] = [];
  const walk = (value: unknown, path: string[]) => {
    paths.push(path);
    if (value && typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(valid, []);
  const edit = fc.record({ path: fc.constantFrom(...paths), value: fc.option(anyJson, { nil: undefined }) });
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(valid) },
    { weight: 4, arbitrary: fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
      const copy = structuredClone(valid) as Record<string, unknown>;
      for (const { path, value } of edits) {
        if (path.length === 0) continue;
        let node: Record<string, unknown> = copy;
        for (const p of path.slice(0, -1)) node = (node[p] && typeof node[p] === 'object' ? node[p] : (node[p] = {})) as Record<string, unknown>;
        if (value === undefined) delete node[path.at(-1)!];
        else node[path.at(-1)!] = value;
      }
      return copy;
    }) },
    { weight: 1, arbitrary: anyJson },
  );
}

const routes = app.routes
  .filter((r) => r.method !== 'ALL' && [PUBLIC, ADMIN, WEBHOOKS].some((prefix) => r.path.startsWith(`${prefix}/`)))
  .map((r) => ({ method: r.method, path: r.path }))
  .filter((r, i, all) => all.findIndex((o) => o.method === r.method && o.path === r.path) === i);

// Rate-limit counters count every attempt, refused or not: they are not data a request writes.
const tables = (await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely_%' AND table_name <> 'rate_limit_counters' ORDER BY 1`.execute(database.db)).rows.map((r) => r.name);
// One PL/pgSQL function counts them all: its plan is made once, not on every call (the walk counts
// thousands of times). It lives in this test's own database only.
await sql`CREATE FUNCTION walk_row_counts() RETURNS jsonb LANGUAGE plpgsql AS ${sql.lit(`BEGIN RETURN jsonb_build_object(${
  tables.map((name) => `'${name}', (SELECT count(*) FROM "${name}")`).join(', ')
}); END`)}`.execute(database.db);

/** Row counts of every table of ours, in one query: a refused request must leave them all unchanged. */
async function snapshot(): Promise<Record<string, number>> {
  const { rows } = await sql<{ counts: Record<string, number> }>`SELECT walk_row_counts() AS counts`.execute(database.db);
  return rows[0]!.counts;
}

/** Extreme but well-formed dates; the walker puts one in every date field of a request at once (a range needs both ends). */
const EXTREME_DATES = ['0000-01-01', '0001-01-01', '1899-12-31', '9999-12-30', '9999-12-31', '2200-01-01'];
/** Characters the database cannot store as they are; the walker puts one into one text of a request. */
const BAD_CHARACTERS = ['\u0000', '\ud800', '\udfff'];
function withCharacter<T>(value: T, character: string, pick: number): T {
  const texts = JSON.stringify(value ?? null).match(/"(?:[^"\\]|\\.)*"/g)?.length ?? 1; // keys and values: enough to spread the pick
  let seen = 0;
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') return seen++ === pick % texts ? v.slice(0, 1) + character + v.slice(1) : v;
    if (Array.isArray(v)) return v.map(visit);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, visit(inner)]));
    return v;
  };
  return visit(value) as T;
}

const DATE = /^\d{4}-\d{2}-\d{2}/;
function withDates<T>(value: T, date: string): T {
  if (typeof value === 'string') return (DATE.test(value) ? date + value.slice(10) : value) as T;
  if (Array.isArray(value)) return value.map((v) => withDates(v, date)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withDates(v, date)])) as T;
  return value;
}

/** A body as the gateways send it: one form field per top-level key, anything else as JSON text. */
function formOf(payload: unknown): string {
  const fields = payload && typeof payload === 'object' && !Array.isArray(payload) ? Object.entries(payload) : [['value', payload]];
  return new URLSearchParams(fields.map(([k, v]) => [String(k), typeof v === 'string' ? v : JSON.stringify(v)])).toString();
}

describe('every API route, walked with arbitrary input', () => {
  test('the walk covers the public and the admin API, and every writing route has a valid body to start from', () => {
    assert.ok(routes.length >= 20, `found ${routes.length} routes`);
    assert.ok(routes.some((r) => r.path === `${PUBLIC}/:org/slots`));
    assert.ok(routes.some((r) => r.path === `${ADMIN}/messages`));
    assert.ok(routes.some((r) => r.path === `${WEBHOOKS}/sms/46elks/:org/inbound`));
    const missing = routes.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && !(`${r.method} ${r.path}` in BODIES));
    assert.deepEqual(missing, [], 'add a valid body for these routes to BODIES');
  });

  for (const route of routes) {
    test(`${route.method} ${route.path}: never a 5xx, refusals are problem+json and write nothing`, async () => {
      const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      const param = (name: string) => fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...(PARAMS[name] ?? ['x'])) },
        { weight: 1, arbitrary: nastyString },
        { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS.map((raw) => `raw:${raw}`)) },
      );
      const query = mutated(QUERIES[`${route.method} ${route.path}`] ?? {}).map((q) =>
        Object.fromEntries(Object.entries(q && typeof q === 'object' ? q : {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])),
      );
      const valid = BODIES[`${route.method} ${route.path}`];
      const body = valid === undefined ? fc.constant(undefined) : mutated(valid);
      /** The counts after the last run when it was refused (so wrote nothing); a success may have written: count again. */
      let counted: Record<string, number> | undefined;

      await fc.assert(
        fc.asyncProperty(fc.tuple(...names.map(param)), query, body, fc.option(fc.constantFrom(...EXTREME_DATES), { freq: 4 }),
          fc.option(fc.tuple(fc.constantFrom(...BAD_CHARACTERS), fc.nat(30)), { freq: 3 }),
          async (values, q0, payload0, extremeDate, badCharacter) => {
          const dated = extremeDate ? withDates({ q: q0, payload: payload0 }, extremeDate) : { q: q0, payload: payload0 };
          const { q, payload } = badCharacter ? withCharacter(dated, ...badCharacter) : dated;
          let path = route.path;
          names.forEach((name, i) => { path = path.replace(`:${name}`, percentEncoded(values[i]!)); });
          const search = new URLSearchParams(q).toString();
          const headers: Record<string, string> = { authorization: `Bearer ${key}` };
          const form = route.path.startsWith(WEBHOOKS);
          if (payload !== undefined) headers['content-type'] = form ? 'application/x-www-form-urlencoded' : 'application/json';
          const encoded = payload === undefined ? undefined : form ? formOf(payload) : JSON.stringify(payload);
          const before = counted ?? await snapshot();
          counted = undefined;
          const response = await app.request(`${path}?${search}`, { method: route.method, headers, ...(encoded !== undefined ? { body: encoded } : {}) });
          const text = await response.text();
          const where = `${route.method} ${path}?${search} ${JSON.stringify(payload)} → ${response.status} ${text.slice(0, 300)}`;
          assert.ok(response.status < 500, where);
          if (response.status >= 400) {
            assert.equal(response.headers.get('content-type'), 'application/problem+json', where);
            assert.equal(JSON.parse(text).status, response.status, where);
            const after = await snapshot();
            assert.deepEqual(after, before, `nothing written: ${where}`);
            counted = after; // nothing else writes between runs: the next run starts from these counts
          }
        }),
        { numRuns: Number(process.env.API_WALK_RUNS ?? 60), endOnFailure: true, includeErrorInReport: true },
      );
    });
  }
});

describe('every page route, walked with arbitrary paths and hosts', () => {
  const pages = app.routes.filter((r) => r.method === 'GET' && !r.path.startsWith('/api/')).map((r) => r.path).filter((p, i, all) => all.indexOf(p) === i);

  test('pages (hosted page by path and by subdomain, manage links, widget files, icons) never answer 5xx', async () => {
    assert.ok(pages.includes('/o/:org/manage/:token'));
    const answered = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...pages),
        fc.array(fc.oneof(fc.constantFrom(h.fixture.subdomain, booked.token, 'opus-booking.js', 'chunks', 'x'), nastyString, fc.constantFrom(...RAW_SEGMENTS.map((raw) => `raw:${raw}`))), { minLength: 3, maxLength: 3 }),
        fc.oneof(fc.constantFrom(`${h.fixture.subdomain}.book.example`, 'book.example', 'localhost'), nastyString.map((host) => percentEncoded(host).slice(0, 60) || 'x')),
        fc.dictionary(fc.constantFrom('locale', 'lang', 'x'), nastyString, { maxKeys: 2 }),
        async (route, values, host, query) => {
          let i = 0;
          const path = route.replace(/:\w+/g, () => percentEncoded(values[i++]!)).replace('*', percentEncoded(values[2]!));
          const response = await app.request(`${path}?${new URLSearchParams(query)}`, { headers: { host, 'accept-language': values[1]!.replace(/[^\x20-\x7e]/g, '') } });
          await response.arrayBuffer();
          assert.ok(response.status < 500, `GET ${path} (host ${host}) → ${response.status}`);
          answered.add(response.status);
        },
      ),
      { numRuns: Number(process.env.API_WALK_RUNS ?? 60) * 3, endOnFailure: true, includeErrorInReport: true },
    );
    assert.ok(answered.has(200), 'the walk reached real pages, not only refusals');
  });
});

