import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPgliteTestDatabase } from './support/test-database.ts';
import { createMessagingHarness } from './support/messaging-harness.ts';
import { norwegianIds } from './support/fixture.ts';
import { createApiKey } from '../server/admin/api-keys.ts';
import { recordInbound } from '../server/messaging/receipts.ts';

// The staff API over raw HTTP through app.request(): every endpoint, its
// status codes and problem+json, API keys, and one organization's key never
// reaching another's data. test/messaging-admin.test.ts drives the same API
// through the SDK admin client.
const database = await createPgliteTestDatabase();
after(() => database.close());
const a = await createMessagingHarness(database, { subdomain: 'raw-a' });
const b = await createMessagingHarness(database, { subdomain: 'raw-b' });
const keyA = (await createApiKey(database.db, a.fixture.orgId, 'a')).key;
const keyB = (await createApiKey(database.db, b.fixture.orgId, 'b')).key;

async function call(method: string, path: string, options: { body?: unknown; key?: string | null; header?: 'bearer' | 'x-api-key' } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const key = options.key === undefined ? keyA : options.key;
  if (key !== null) {
    if (options.header === 'x-api-key') headers['x-api-key'] = key;
    else headers.authorization = `Bearer ${key}`;
  }
  const response = await a.app.request(`/api/v1/admin${path}`, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined };
}

/** Asserts a problem+json answer naming `field`. */
function assertProblem(result: Awaited<ReturnType<typeof call>>, status: number, field?: string, code?: string) {
  assert.equal(result.status, status, JSON.stringify(result.body));
  assert.match(result.type, /application\/problem\+json/);
  if (field !== undefined) {
    const issue = result.body.issues?.find((i: { path: string }) => i.path === field);
    assert.ok(issue, `an issue for "${field}" in ${JSON.stringify(result.body.issues)}`);
    if (code) assert.equal(issue.code, code);
  }
}

const { appointmentId } = await a.book('2026-12-07T10:00:00+01:00');
const patientA = (await database.db.selectFrom('patients').select('id').where('organization_id', '=', a.fixture.orgId).executeTakeFirstOrThrow()).id;
const { appointmentId: appointmentB } = await b.book('2026-12-07T10:00:00+01:00', { nationalId: norwegianIds(1)[0], mobile: '+4791111111' });
const patientB = (await database.db.selectFrom('patients').select('id').where('organization_id', '=', b.fixture.orgId).executeTakeFirstOrThrow()).id;

const ENDPOINTS: Array<[string, string, unknown?]> = [
  ['GET', '/messaging/settings'], ['PUT', '/messaging/settings', {}], ['GET', '/messaging/templates'],
  ['PUT', '/messaging/templates/sms/reminder1', { body: 'x' }], ['DELETE', '/messaging/templates/sms/reminder1'],
  ['POST', '/messaging/templates/preview', { channel: 'sms', body: 'x' }], ['POST', '/messages/patient', { patientId: patientA, body: 'x' }],
  ['POST', '/messages/number', { to: '+4791234567', body: 'x' }], ['POST', '/messages/bulk', { patientIds: [patientA], body: 'x' }],
  ['POST', '/messages/appointments', { appointmentIds: [appointmentId], kind: 'general' }], ['GET', '/messages'],
  ['POST', `/messages/${crypto.randomUUID()}/cancel`], ['GET', '/inbound'], ['PATCH', `/inbound/${crypto.randomUUID()}`, { read: true }],
  ['GET', '/appointments/today'], ['PUT', `/appointments/${appointmentId}/reminders`, { enabled: true }], ['GET', '/messaging/status'],
];

describe('API keys', () => {
  test('every endpoint answers 401 problem+json without a key, with a wrong key and with a revoked key', async () => {
    const revoked = await createApiKey(database.db, a.fixture.orgId, 'old');
    await database.db.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', revoked.id).execute();
    for (const [method, path, body] of ENDPOINTS) {
      for (const key of [null, 'opk_wrong', `${keyA}x`, revoked.key]) {
        const result = await call(method, path, { body, key });
        assertProblem(result, 401);
        assert.equal(result.body.code, 'unauthorized', `${method} ${path}`);
      }
    }
    assert.equal((await database.db.selectFrom('messages').select('id').where('body', '=', 'x').execute()).length, 0, 'nothing was queued');
  });

  test('the key may also come as X-Api-Key', async () => {
    assert.equal((await call('GET', '/messaging/status', { header: 'x-api-key' })).status, 200);
  });
});

describe('one organization never reaches another', () => {
  test('patients, appointments, messages and replies of B are invisible and untouchable with A\'s key', async () => {
    assertProblem(await call('POST', '/messages/patient', { body: { patientId: patientB, body: 'Hei' } }), 422, 'patientId', 'not_found');
    const bulk = await call('POST', '/messages/bulk', { body: { patientIds: [patientB], body: 'Hei' } });
    assert.equal(bulk.status, 201);
    assert.deepEqual(bulk.body, { queued: [], skipped: [{ patientId: patientB, appointmentId: null, reason: 'not_found' }] });
    const direct = await call('POST', '/messages/appointments', { body: { appointmentIds: [appointmentB], kind: 'reminder1' } });
    assert.deepEqual(direct.body.skipped, [{ patientId: null, appointmentId: appointmentB, reason: 'not_found' }]);
    assertProblem(await call('PUT', `/appointments/${appointmentB}/reminders`, { body: { enabled: false } }), 404);
    const messageB = (await database.db.selectFrom('messages').select('id').where('organization_id', '=', b.fixture.orgId).executeTakeFirstOrThrow()).id;
    assertProblem(await call('POST', `/messages/${messageB}/cancel`), 404);
    assert.equal((await database.db.selectFrom('messages').select('status').where('id', '=', messageB).executeTakeFirstOrThrow()).status, 'waiting');
    const inboundB = await recordInbound(database.db, b.fixture.orgId, 'memory', { gatewayId: 'b-1', from: '+4791111111', to: '', body: 'Svar til B' }, b.clock.now);
    assertProblem(await call('PATCH', `/inbound/${inboundB.id}`, { body: { read: true } }), 404);
    const listed = await call('GET', '/messages');
    assert.ok(listed.body.messages.every((m: { recipient: string }) => m.recipient !== '+4791111111'));
    assert.equal((await call('GET', '/inbound')).body.messages.length, 0);
    assert.equal((await call('GET', `/messages?patientId=${patientB}`)).body.count, 0);
    assert.equal((await call('GET', '/appointments/today?date=2026-12-07')).body.appointments.length, 1, 'only A\'s own appointment');
    await call('PUT', '/messaging/settings', { body: { testMode: true } });
    assert.equal((await call('GET', '/messaging/settings', { key: keyB })).body.testMode, false, 'B\'s settings untouched');
    await call('PUT', '/messaging/settings', { body: { testMode: false } });
  });
});

describe('bad input answers problem+json naming the field', () => {
  test('sending to a number: invalid, 00-prefixed, landline, foreign; empty and over-long text; unknown merge field', async () => {
    const send = (body: unknown) => call('POST', '/messages/number', { body });
    assertProblem(await send({ to: 'not a number', body: 'Hei' }), 422, 'to', 'not_a_mobile_number');
    assertProblem(await send({ to: '004791234567', body: 'Hei' }), 422, 'to', 'starts_with_00');
    assertProblem(await send({ to: '22 00 00 00', body: 'Hei' }), 422, 'to', 'not_a_mobile_number');
    const foreign = await send({ to: '+12025550123', body: 'Hei' });
    assertProblem(foreign, 422, 'to', 'foreign_number');
    assert.match(foreign.body.issues[0].message, /US/);
    assert.equal((await send({ to: '+46701234567', body: 'Hej' })).status, 201, 'a Swedish mobile is within the default countries');
    assertProblem(await send({ to: '+4791234567', body: '' }), 422, 'body');
    assertProblem(await send({ to: '+4791234567', body: '   ' }), 422, 'body');
    assertProblem(await send({ to: '+4791234567', body: 'x'.repeat(1601) }), 422, 'body');
    assertProblem(await send({ to: '+4791234567', body: 'Hei [Skonummer]' }), 422, 'body', 'unknown_merge_field');
    assertProblem(await send({ to: '+4791234567', body: 'Hei', expiresAt: '2026-11-30T10:00:00+01:00' }), 422, 'expiresAt');
    assertProblem(await send({ to: '+4791234567', body: 'Hei', sendAt: 'tomorrow' }), 422, 'sendAt');
    assertProblem(await send({ body: 'Hei' }), 422, 'to');
  });

  test('sending to a patient or patients: unknown id, malformed id, no mobile', async () => {
    assertProblem(await call('POST', '/messages/patient', { body: { patientId: crypto.randomUUID(), body: 'Hei' } }), 422, 'patientId', 'not_found');
    assertProblem(await call('POST', '/messages/patient', { body: { patientId: 'nope', body: 'Hei' } }), 422, 'patientId');
    const noMobile = crypto.randomUUID();
    await database.db.insertInto('patients').values({ id: noMobile, organization_id: a.fixture.orgId, first_name: 'Uten', last_name: 'Mobil', national_id: norwegianIds(2)[1]!, mobile: null }).execute();
    assertProblem(await call('POST', '/messages/patient', { body: { patientId: noMobile, body: 'Hei' } }), 422, 'patientId', 'no_valid_mobile');
    assertProblem(await call('POST', '/messages/bulk', { body: { patientIds: [], body: 'Hei' } }), 422, 'patientIds');
    assertProblem(await call('POST', '/messages/bulk', { body: { patientIds: [patientA], body: 'Hei [Skonummer]' } }), 422, 'body', 'unknown_merge_field');
    const ok = await call('POST', '/messages/patient', { body: { patientId: patientA, body: 'Hei [firstName]!', sendAt: '2026-12-02T10:00:00+01:00', expiresAt: '2026-12-03T10:00:00+01:00' } });
    assert.equal(ok.status, 201);
    const row = await database.db.selectFrom('messages').selectAll().where('id', '=', ok.body.queued[0].messageId).executeTakeFirstOrThrow();
    assert.equal(row.body, 'Hei Nora!');
    assert.equal(row.send_at.toISOString(), '2026-12-02T09:00:00.000Z');
    assert.equal(row.expires_at?.toISOString(), '2026-12-03T09:00:00.000Z');
  });

  test('SMS switched off: staff sends are refused, naming the setting', async () => {
    await call('PUT', '/messaging/settings', { body: { smsEnabled: false } });
    try {
      assertProblem(await call('POST', '/messages/number', { body: { to: '+4791234567', body: 'Hei' } }), 422, 'smsEnabled', 'sms_disabled');
    } finally {
      await call('PUT', '/messaging/settings', { body: { smsEnabled: true } });
    }
  });

  test('templates, settings, lists and reminders refuse what they cannot use', async () => {
    assertProblem(await call('PUT', '/messaging/templates/sms/reminder1', { body: { body: 'Hei [Fodselsdato]' } }), 422, 'body', 'unknown_merge_field');
    assertProblem(await call('PUT', '/messaging/templates/email/booked', { body: { body: 'Hei', subject: 'Time [Skonummer]' } }), 422, 'subject', 'unknown_merge_field');
    assertProblem(await call('PUT', '/messaging/templates/fax/reminder1', { body: { body: 'Hei' } }), 422, 'channel');
    assertProblem(await call('PUT', '/messaging/templates/sms/birthday', { body: { body: 'Hei' } }), 422, 'kind');
    assertProblem(await call('PUT', '/messaging/templates/email/reminder1', { body: { body: 'Hei' } }), 422, 'kind');
    assertProblem(await call('PUT', '/messaging/templates/sms/reminder1', { body: { body: '' } }), 422, 'body');
    assertProblem(await call('POST', '/messaging/templates/preview', { body: { channel: 'sms', body: '[Ukjent]' } }), 422, 'body', 'unknown_merge_field');
    assertProblem(await call('PUT', '/messaging/settings', { body: { pause: { nightFrom: '25:00' } } }), 422, 'pause.nightFrom');
    assertProblem(await call('PUT', '/messaging/settings', { body: { smsCountries: ['norway'] } }), 422, 'smsCountries.0');
    assertProblem(await call('PUT', '/messaging/settings', { body: { noSendWeekdays: [8] } }), 422, 'noSendWeekdays.0');
    assertProblem(await call('GET', '/messages?status=lost'), 422, 'status');
    assertProblem(await call('GET', '/messages?from=2026-13-01'), 422, 'from');
    assertProblem(await call('GET', '/inbound?read=maybe'), 422, 'read');
    assertProblem(await call('GET', '/appointments/today?date=tomorrow'), 422, 'date');
    assertProblem(await call('PUT', `/appointments/${crypto.randomUUID()}/reminders`, { body: { enabled: true } }), 404);
    assertProblem(await call('PUT', `/appointments/${appointmentId}/reminders`, { body: { enabled: true, texts: { reminder1: 'Hei [Skonummer]' } } }), 422, 'texts.reminder1', 'unknown_merge_field');
    assertProblem(await call('PUT', `/appointments/${appointmentId}/reminders`, { body: {} }), 422, 'enabled');
    assertProblem(await call('PATCH', `/inbound/${crypto.randomUUID()}`, { body: {} }), 422, '');
    const malformed = await a.app.request('/api/v1/admin/messages/number', { method: 'POST', headers: { authorization: `Bearer ${keyA}`, 'content-type': 'application/json' }, body: '{"to":' });
    assert.equal(malformed.status, 422);
  });
});

describe('every endpoint, the happy path', () => {
  test('settings, templates and preview answer what the SDK parses', async () => {
    const settings = await call('GET', '/messaging/settings');
    assert.equal(settings.status, 200);
    assert.deepEqual(settings.body.smsCountries, ['NO', 'SE', 'DK', 'FI']);
    const put = await call('PUT', '/messaging/settings', { body: { noSendWeekdays: [7], reminderHours: { reminder3: 2 } } });
    assert.deepEqual([put.body.noSendWeekdays, put.body.reminderHours.reminder1, put.body.reminderHours.reminder3], [[7], 70, 2]);
    const templates = await call('GET', '/messaging/templates');
    assert.ok(templates.body.mergeFields.includes('manageLink'));
    const saved = await call('PUT', '/messaging/templates/sms/reminder2', { body: { body: 'Hei [firstName], velkommen [time]. Mvh [clinic]' } });
    assert.equal(saved.status, 200);
    assert.deepEqual([saved.body.custom, saved.body.length.encoding, saved.body.length.parts], [true, 'gsm7', 1]);
    const reset = await call('DELETE', '/messaging/templates/sms/reminder2');
    assert.equal(reset.body.custom, false);
    const preview = await call('POST', '/messaging/templates/preview', { body: { channel: 'sms', body: 'Hei [firstName] 😀' } });
    assert.deepEqual(preview.body, { rendered: 'Hei Kari 😀', length: { encoding: 'ucs2', units: 11, characters: 10, parts: 1, remaining: 59 } });
  });

  test('sent list filters (S13), cancel, received list, today, reminders and status', async () => {
    await call('PUT', '/messaging/settings', { body: { noSendWeekdays: [], reminderHours: { reminder3: null } } });
    const all = await call('GET', '/messages?limit=1000');
    assert.equal(all.status, 200);
    const byKind = await call('GET', '/messages?kind=reminder1');
    assert.ok(byKind.body.count >= 1 && byKind.body.messages.every((m: { kind: string }) => m.kind === 'reminder1'));
    assert.equal((await call('GET', `/messages?clinicId=${a.fixture.clinics.a}&kind=booked`)).body.count, 2);
    assert.equal((await call('GET', `/messages?clinicId=${a.fixture.clinics.b}&kind=booked`)).body.count, 0);
    assert.equal((await call('GET', `/messages?providerId=${a.fixture.providers.p1}&kind=booked&channel=email`)).body.count, 1);
    assert.equal((await call('GET', `/messages?appointmentId=${appointmentId}&kind=reminder2`)).body.count, 1);
    assert.equal((await call('GET', '/messages?dateField=sendAt&from=2026-12-04&to=2026-12-04&kind=reminder1')).body.count, 1);
    assert.equal((await call('GET', '/messages?dateField=sendAt&from=2026-12-05&to=2026-12-05&kind=reminder1')).body.count, 0);
    const reminder1 = byKind.body.messages[0].id;
    assert.deepEqual((await call('POST', `/messages/${reminder1}/cancel`)).body, { cancelled: true });
    assertProblem(await call('POST', `/messages/${reminder1}/cancel`), 422, 'id', 'not_waiting');
    assert.equal((await call('GET', '/messages?status=cancelled&kind=reminder1')).body.count, 1);

    await a.worker.runOnce();
    const inbound = await recordInbound(database.db, a.fixture.orgId, 'memory', { gatewayId: 'a-1', from: '+4791234567', to: '', body: 'Takk' }, a.clock.now);
    assert.equal((await call('GET', '/inbound?read=false')).body.unread, 1);
    assert.deepEqual((await call('PATCH', `/inbound/${inbound.id}`, { body: { followUp: true } })).body, { updated: true });
    assert.equal((await call('GET', '/inbound?followUp=true')).body.messages[0].read, false);
    assert.equal((await call('GET', '/messages?status=replied')).body.count, 1);
    const today = await call('GET', '/appointments/today?date=2026-12-07');
    assert.equal(today.body.appointments[0].mobile, '+4791234567');
    const reminders = await call('PUT', `/appointments/${appointmentId}/reminders`, { body: { enabled: true, texts: { reminder2: 'Husk [time]!' } } });
    assert.equal(reminders.status, 200);
    assert.ok(reminders.body.messages.length > 0 && reminders.body.messages.every((m: { appointmentId: string }) => m.appointmentId === appointmentId), 'only this appointment\'s messages');
    assert.equal(reminders.body.messages.find((m: { kind: string; status: string }) => m.kind === 'reminder2' && m.status === 'waiting').body, 'Husk 07.12.2026 kl. 10:00!');
    const status = await call('GET', '/messaging/status');
    assert.equal(status.status, 200);
    assert.equal(status.body.testMode, false);
    assert.ok(status.body.counts.replied >= 1);
  });
});
