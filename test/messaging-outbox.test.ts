import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPgliteTestDatabase } from './support/test-database.ts';
import { createMessagingHarness } from './support/messaging-harness.ts';
import { norwegianIds } from './support/fixture.ts';

// Booking → outbox → worker → gateway, on the embedded database, with the clock moved by hand.
const database = await createPgliteTestDatabase();
after(() => database.close());
let n = 0;
const fresh = (messaging?: Record<string, unknown>) => createMessagingHarness(database, { subdomain: `msg-${++n}`, ...(messaging ? { messaging } : {}) });
const kinds = (rows: Array<{ kind: string; channel: string; status: string }>) => rows.map((r) => `${r.channel}:${r.kind}:${r.status}`).sort();

describe('messages written with the booking (B14, S4, S5)', () => {
  test('a booking writes its confirmations and reminders in the same transaction', async () => {
    const m = await fresh();
    const { appointmentId } = await m.book('2026-12-07T10:00:00+01:00');
    const rows = await m.messages();
    assert.deepEqual(kinds(rows), ['email:booked:waiting', 'sms:booked:waiting', 'sms:reminder1:waiting', 'sms:reminder2:waiting']);
    assert.ok(rows.every((r) => r.appointment_id === appointmentId));
    // 70 h before Monday 10:00 Oslo = Friday 12:00 Oslo; 22 h before = Sunday 12:00.
    assert.equal(rows.find((r) => r.kind === 'reminder1')!.send_at.toISOString(), '2026-12-04T11:00:00.000Z');
    const reminder2 = rows.find((r) => r.kind === 'reminder2')!;
    assert.equal(reminder2.send_at.toISOString(), '2026-12-06T11:00:00.000Z');
    assert.equal(reminder2.expires_at?.toISOString(), '2026-12-07T09:00:00.000Z', 'a reminder expires when the appointment starts');
    const sms = rows.find((r) => r.kind === 'booked' && r.channel === 'sms')!;
    assert.match(sms.body, /07\.12\.2026 kl\. 10:00/);
    assert.match(sms.body, /P One, Clinic A/);
    assert.match(sms.body, /https:\/\/book\.example\/o\/msg-\d+\/manage\//);
    const mail = rows.find((r) => r.channel === 'email')!;
    assert.equal(mail.recipient, 'nora@example.no');
    assert.match(mail.ics ?? '', /METHOD:REQUEST/);
  });

  test('a reminder whose time has passed when booking is not written; a no-send weekday moves it earlier (S6)', async () => {
    const m = await fresh({ noSendWeekdays: [7] });
    await m.book('2026-12-07T10:00:00+01:00');
    const rows = await m.messages();
    // Reminder 2 would go Sunday 12:00: it goes Saturday 12:00 instead.
    assert.equal(rows.find((r) => r.kind === 'reminder2')!.send_at.toISOString(), '2026-12-05T11:00:00.000Z');
    const soon = await fresh();
    await soon.book('2026-12-03T09:00:00+01:00');
    assert.deepEqual(kinds(await soon.messages()), ['email:booked:waiting', 'sms:booked:waiting', 'sms:reminder2:waiting']);
  });

  test('a booking that fails writes no messages', async () => {
    const m = await fresh();
    await m.book();
    const again = await m.call('POST', '/bookings', {
      treatmentId: m.fixture.treatments.checkup, clinicId: m.fixture.clinics.a, providerId: m.fixture.providers.p1,
      start: '2026-12-03T09:00:00+01:00', patient: { firstName: 'Ola', lastName: 'Nordmann', nationalId: norwegianIds(1)[0], email: 'ola@example.no', mobile: '+4798765432' },
    });
    assert.equal(again.status, 409);
    assert.equal((await m.messages()).filter((r) => r.recipient === '+4798765432' || r.recipient === 'ola@example.no').length, 0);
  });

  test('reminder policy "none" and a patient who does not want SMS get no reminders (S4)', async () => {
    const none = await fresh({ reminderPolicy: 'none' });
    await none.book();
    assert.deepEqual(kinds(await none.messages()), ['email:booked:waiting', 'sms:booked:waiting']);
    const wants = await fresh({ reminderPolicy: 'wants_sms' });
    await wants.book(undefined, { wantsSms: false });
    assert.deepEqual(kinds(await wants.messages()), ['email:booked:waiting', 'sms:booked:waiting']);
    const all = await fresh({ reminderPolicy: 'all_valid_mobile' });
    await all.book('2026-12-07T10:00:00+01:00', { wantsSms: false });
    assert.equal((await all.messages()).filter((r) => r.kind.startsWith('reminder')).length, 2);
  });

  test('every rebooking is confirmed, also back and forth between two times; only the latest confirmation still waits', async () => {
    const m = await fresh();
    const { token } = await m.book('2026-12-07T10:00:00+01:00');
    for (const start of ['2026-12-08T10:00:00+01:00', '2026-12-07T10:00:00+01:00', '2026-12-08T10:00:00+01:00']) {
      assert.equal((await m.call('POST', `/bookings/${token}/rebook`, { start })).status, 200);
    }
    const rebooked = (await m.messages()).filter((r) => r.kind === 'rebooked' && r.channel === 'sms');
    assert.equal(rebooked.length, 3);
    assert.deepEqual(rebooked.map((r) => r.status).sort(), ['cancelled', 'cancelled', 'waiting']);
    assert.match(rebooked.find((r) => r.status === 'waiting')!.body, /08\.12\.2026 kl\. 10:00/);
  });

  test('rebooking reschedules the waiting reminders; cancelling cancels them and confirms', async () => {
    const m = await fresh({ thanksHoursAfter: 3 });
    const { token } = await m.book('2026-12-07T10:00:00+01:00');
    const before = await m.messages();
    const moved = await m.call('POST', `/bookings/${token}/rebook`, { start: '2026-12-05T10:00:00+01:00' });
    assert.equal(moved.status, 200);
    const after = await m.messages();
    const r2 = after.find((r) => r.kind === 'reminder2')!;
    assert.equal(r2.id, before.find((r) => r.kind === 'reminder2')!.id, 'the same message, moved');
    assert.equal(r2.send_at.toISOString(), '2026-12-04T11:00:00.000Z');
    assert.match(r2.body, /05\.12\.2026 kl\. 10:00/);
    assert.ok(after.some((r) => r.kind === 'rebooked' && r.channel === 'sms'));
    assert.ok(after.some((r) => r.kind === 'rebooked' && r.channel === 'email'));
    assert.equal(after.find((r) => r.kind === 'thanks')!.send_at.toISOString(), '2026-12-05T12:30:00.000Z');
    assert.equal(after.find((r) => r.kind === 'reminder1')!.send_at.toISOString(), '2026-12-02T11:00:00.000Z');
    await m.call('POST', `/bookings/${token}/cancel`);
    const final = await m.messages();
    for (const kind of ['reminder1', 'reminder2', 'thanks']) assert.equal(final.find((r) => r.kind === kind)!.status, 'cancelled', kind);
    // Confirmations still waiting to go out (none was sent yet) are cancelled too, not left waiting in the sent list.
    const confirmations = final.filter((r) => r.kind === 'booked' || r.kind === 'rebooked');
    assert.ok(confirmations.length >= 4);
    assert.deepEqual([...new Set(confirmations.map((r) => r.status))], ['cancelled']);
    const cancelMail = final.find((r) => r.kind === 'cancelled' && r.channel === 'email')!;
    assert.match(cancelMail.ics ?? '', /METHOD:CANCEL/);
    assert.equal(final.find((r) => r.kind === 'cancelled' && r.channel === 'sms')!.status, 'waiting');
  });
});

/** A database of its own, so the worker sees only this test's messages. */
async function alone(messaging?: Record<string, unknown>) {
  const db = await createPgliteTestDatabase();
  const m = await createMessagingHarness(db, { subdomain: 'solo', ...(messaging ? { messaging } : {}) });
  return Object.assign(m, { [Symbol.asyncDispose]: () => db.close() });
}

describe('the worker (S13–S16)', () => {
  test('sends confirmations now and reminders when due, each once', async () => {
    await using m = await alone();
    await m.book('2026-12-07T10:00:00+01:00');
    const first = await m.worker.runOnce();
    assert.equal(first.sent, 2);
    assert.equal(m.gateway.delivered.length, 1);
    assert.equal(m.email.sent.length, 1);
    assert.match(m.email.sent[0]!.calendar!.content, /BEGIN:VEVENT/);
    assert.equal((await m.worker.runOnce()).sent, 0, 'nothing twice');
    await m.at('2026-12-04T11:00:30Z');
    assert.equal(m.gateway.delivered.length, 2);
    assert.match(m.gateway.delivered[1]!.body, /Påminnelse om time/);
    assert.equal(m.gateway.delivered[1]!.from, 'AcmeTannhel');
    await m.at('2026-12-06T11:01:00Z');
    assert.equal(m.gateway.delivered.length, 3);
    const rows = await m.messages();
    assert.ok(rows.every((r) => r.status === 'sent'), kinds(rows).join());
    assert.ok(rows.every((r) => r.attempts === 1));
  });

  test('the sender is the reply number when replies are allowed, else the sender text (S3)', async () => {
    await using replies = await alone({ allowReplies: true, replyNumber: '+4759440000', senderId: 'AcmeTann' });
    await replies.book('2026-12-07T10:00:00+01:00');
    await replies.worker.runOnce();
    assert.equal(replies.gateway.delivered[0]!.from, '+4759440000');
    await using text = await alone({ senderId: 'AcmeTann' });
    await text.book('2026-12-07T10:00:00+01:00');
    await text.worker.runOnce();
    assert.equal(text.gateway.delivered[0]!.from, 'AcmeTann');
    assert.equal((await text.messages()).find((r) => r.channel === 'sms')!.sender, 'AcmeTann');
  });
});
