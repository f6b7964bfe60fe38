import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPgliteTestDatabase } from './support/test-database.ts';
import { createMessagingHarness } from './support/messaging-harness.ts';
import { norwegianIds } from './support/fixture.ts';
import { createAdminClient } from '../sdk/admin-client.ts';
import { OpusApiError } from '../sdk/errors.ts';
import { createApiKey } from '../server/admin/api-keys.ts';
import { recordInbound } from '../server/messaging/receipts.ts';

const database = await createPgliteTestDatabase();
after(() => database.close());
const m = await createMessagingHarness(database, { subdomain: 'admin' });
const { key } = await createApiKey(database.db, m.fixture.orgId, 'test');
const viaApp: typeof fetch = async (input, init) => m.app.request(input instanceof Request ? input : String(input), init);
const admin = createAdminClient({ baseUrl: 'http://localhost', apiKey: key, fetch: viaApp });

async function problem(promise: Promise<unknown>): Promise<OpusApiError> {
  try { await promise; } catch (error) { if (error instanceof OpusApiError) return error; throw error; }
  throw new Error('expected an error');
}

test('a missing or wrong API key is 401; another organization\'s key sees none of this one\'s data', async () => {
  for (const apiKey of ['', 'opk_nope']) {
    const other = createAdminClient({ baseUrl: 'http://localhost', apiKey, fetch: viaApp });
    const error = await problem(other.getStatus());
    assert.equal(error.status, 401);
    assert.equal(error.code, 'unauthorized');
  }
  const elsewhere = await createMessagingHarness(database, { subdomain: 'admin-other' });
  const otherAdmin = createAdminClient({ baseUrl: 'http://localhost', apiKey: (await createApiKey(database.db, elsewhere.fixture.orgId, 'other')).key, fetch: viaApp });
  await m.book('2026-12-09T10:00:00+01:00', { nationalId: norwegianIds(3)[2], mobile: '+4792222222', email: 'ida@example.no', firstName: 'Ida' });
  const mine = await admin.listMessages({ recipient: '+4792222222' });
  assert.ok(mine.count > 0);
  assert.equal((await otherAdmin.listMessages({ recipient: '+4792222222' })).count, 0);
  assert.equal((await problem(otherAdmin.cancelMessage(mine.messages[0]!.id))).status, 404);
  assert.equal((await problem(otherAdmin.sendToPatient({ patientId: mine.messages[0]!.patient!.id, body: 'Hei' }))).issueFor('patientId'), 'No such patient in this organization');
  assert.equal((await problem(otherAdmin.setAppointmentReminders(mine.messages[0]!.appointmentId!, { enabled: false }))).status, 404);
  for (const x of mine.messages) await admin.cancelMessage(x.id).catch(() => undefined);
});

test('settings: defaults, partial update, refused values name the field (S1–S6)', async () => {
  const settings = await admin.getSettings();
  assert.deepEqual(settings.reminderHours, { reminder1: 70, reminder2: 22, reminder3: null });
  const updated = await admin.updateSettings({ pause: { saturdays: true }, reminderHours: { reminder3: 1 }, senderId: 'AcmeTann' });
  assert.equal(updated.pause.saturdays, true);
  assert.equal(updated.pause.night, true);
  assert.equal(updated.reminderHours.reminder3, 1);
  const bad = await problem(admin.updateSettings({ senderId: 'Far too long a sender' }));
  assert.equal(bad.issues[0]?.path, 'senderId');
  assert.equal((await problem(admin.updateSettings({ allowReplies: true }))).issues[0]?.path, 'replyNumber');
});

test('templates: save with length and parts, unknown fields refused, reset to standard, preview (S2, W10, W11)', async () => {
  const saved = await admin.saveTemplate('sms', 'reminder1', { body: 'Hei [Fornavn]! Time [time] hos [provider]. 😀' });
  assert.equal(saved.custom, true);
  assert.equal(saved.length?.encoding, 'ucs2');
  assert.equal(saved.length?.parts, 1);
  const bad = await problem(admin.saveTemplate('sms', 'reminder1', { body: 'Hei [Skonummer]' }));
  assert.equal(bad.status, 422);
  assert.match(bad.issueFor('body') ?? '', /\[Skonummer\]/);
  assert.equal((await problem(admin.saveTemplate('email', 'reminder1', { body: 'x' }))).status, 422);
  const reset = await admin.resetTemplate('sms', 'reminder1');
  assert.equal(reset.custom, false);
  assert.equal(reset.body, reset.standardBody);
  const { templates } = await admin.listTemplates();
  assert.ok(templates.some((t) => t.channel === 'email' && t.kind === 'booked' && t.subject));
  const preview = await admin.previewTemplate({ channel: 'sms', body: 'Hei [firstName] €' });
  assert.equal(preview.rendered, 'Hei Kari €');
  assert.equal(preview.length?.units, 11, '€ counts two');
});

test('sending: to a number, to patients, bulk skips those without a valid mobile (S8, S10, S11)', async () => {
  assert.equal((await problem(admin.sendToNumber({ to: '004791234567', body: 'Hei' }))).issueFor('to'), 'Write the country code with + instead of 00');
  assert.equal((await problem(admin.sendToNumber({ to: '91234567', body: '' }))).issues[0]?.path, 'body');
  assert.equal((await problem(admin.sendToNumber({ to: '91234567', body: 'x'.repeat(1601) }))).issues[0]?.path, 'body');
  assert.equal((await problem(admin.sendToNumber({ to: 'ingen', body: 'Hei' }))).issueFor('to'), 'Not a valid mobile number');
  assert.match((await problem(admin.sendToNumber({ to: '+12025550123', body: 'Hei' }))).issueFor('to') ?? '', /Numbers in US are not texted/);
  assert.match((await problem(admin.sendToNumber({ to: '91234567', body: 'Hei [Skonummer]' }))).issueFor('body') ?? '', /Unknown merge field \[Skonummer\]/);
  assert.equal((await problem(admin.sendToPatient({ patientId: crypto.randomUUID(), body: 'Hei' }))).issueFor('patientId'), 'No such patient in this organization');
  const one = await admin.sendToNumber({ to: '912 34 567', body: 'Hei fra [organization]', sendAt: '2026-12-01T10:00:00+01:00', expiresAt: '2026-12-02T10:00:00+01:00' });
  assert.equal(one.queued.length, 1);
  await m.book('2026-12-07T10:00:00+01:00');
  const withMobile = (await database.db.selectFrom('patients').select('id').where('organization_id', '=', m.fixture.orgId).where('first_name', '=', 'Nora').executeTakeFirstOrThrow()).id;
  const noMobile = crypto.randomUUID();
  await database.db.insertInto('patients').values({ id: noMobile, organization_id: m.fixture.orgId, first_name: 'Uten', last_name: 'Mobil', national_id: norwegianIds(1)[0]!, mobile: null }).execute();
  assert.equal((await problem(admin.sendToPatient({ patientId: noMobile, body: 'Hei' }))).issueFor('patientId'), 'The patient has no mobile number');
  const single = await admin.sendToPatient({ patientId: withMobile, body: 'Hei [firstName], ring oss.', sendAt: '2026-12-02T09:00:00+01:00', expiresAt: '2026-12-02T18:00:00+01:00' });
  assert.equal(single.queued[0]!.patientId, withMobile);
  await admin.cancelMessage(single.queued[0]!.messageId);
  const bulk = await admin.sendBulk({ patientIds: [withMobile, noMobile], body: 'Hei [firstName]!' });
  assert.equal(bulk.queued.length, 1);
  assert.deepEqual(bulk.skipped, [{ patientId: noMobile, appointmentId: null, reason: 'no_valid_mobile' }]);
  const list = await admin.listMessages({ kind: 'general', status: 'waiting' });
  assert.equal(list.count, 2);
  assert.ok(list.messages.some((x) => x.body === 'Hei Nora!'));
  assert.equal((await admin.listMessages({ recipient: '91234567', kind: 'general' })).count, 3, 'the number, the bulk send and the cancelled single send');
  const cancelled = await admin.cancelMessage(one.queued[0]!.messageId);
  assert.equal(cancelled.cancelled, true);
  assert.equal((await problem(admin.cancelMessage(one.queued[0]!.messageId))).status, 422);
});

test('per-appointment reminders off and on with an own text; today\'s patients (S9, S12)', async () => {
  const today = await admin.todaysAppointments('2026-12-07');
  assert.equal(today.appointments.length, 1);
  const appointmentId = today.appointments[0]!.appointmentId;
  const off = await admin.setAppointmentReminders(appointmentId, { enabled: false });
  assert.ok(off.messages.filter((x) => x.kind.startsWith('reminder')).every((x) => x.status === 'cancelled'));
  const on = await admin.setAppointmentReminders(appointmentId, { enabled: true, texts: { reminder2: 'Hei [firstName], husk [time]!' } });
  assert.ok(on.messages.some((x) => x.kind === 'reminder2' && x.status === 'waiting' && x.body === 'Hei Nora, husk 07.12.2026 kl. 10:00!'));
  const direct = await admin.sendToAppointments({ appointmentIds: [appointmentId], kind: 'reminder3' });
  assert.equal(direct.queued.length, 1);
});

test('replies and the service status (S14, S15)', async () => {
  await m.worker.runOnce();
  await recordInbound(database.db, m.fixture.orgId, 'memory', { gatewayId: 'r1', from: '+4791234567', to: '', body: 'Takk!' }, m.clock.now);
  const inbound = await admin.listInbound({ read: 'false' });
  assert.equal(inbound.unread, 1);
  assert.equal(inbound.messages[0]!.patient?.firstName, 'Nora');
  await admin.updateInbound(inbound.messages[0]!.id, { read: true, followUp: true });
  assert.equal((await admin.listInbound({ followUp: 'true' })).messages[0]!.read, true);
  assert.equal((await admin.listMessages({ status: 'replied' })).count, 1);
  const status = await admin.getStatus();
  assert.ok(status.sent >= 1);
  assert.ok(status.lastSuccessAt);
  assert.equal(status.lastReceivedAt, m.clock.now.toISOString());
  assert.ok(status.workers.some((w) => w.id === m.worker.id && w.alive));
  assert.equal(status.pause.saturdays, true);
  assert.equal(status.testMode, false);
  await admin.updateSettings({ testMode: true });
  assert.equal((await admin.getStatus()).testMode, true, 'test mode shows in the service status (S15)');
  const probe = await admin.sendToNumber({ to: '+4791234567', body: 'Test' });
  await m.worker.runOnce();
  const tested = (await admin.listMessages({ recipient: '+4791234567', kind: 'general', status: 'sent' })).messages.find((x) => x.id === probe.queued[0]!.messageId)!;
  assert.equal(tested.result, 'Test mode: nothing was sent (S15)', 'and on the message itself');
  assert.equal(tested.gateway, 'test');
  // A reply now answers the last SMS that really went out, not the test-mode one nothing sent.
  await recordInbound(database.db, m.fixture.orgId, 'memory', { gatewayId: 'r2', from: '+4791234567', to: '', body: 'Hva?' }, m.clock.now);
  const afterTest = (await admin.listMessages({ recipient: '+4791234567', kind: 'general' })).messages.find((x) => x.id === probe.queued[0]!.messageId)!;
  assert.equal(afterTest.status, 'sent', 'a test-mode message is never "sent and replied"');
  await admin.updateSettings({ testMode: false });
});
