import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { createPgliteTestDatabase } from './support/test-database.ts';
import { createMessagingHarness } from './support/messaging-harness.ts';
import { createSmtpTransport } from '../server/messaging/email/email-transport.ts';
import { createWorker } from '../server/messaging/worker.ts';
import { norwegianIds } from './support/fixture.ts';

/** A real SMTP receiver on loopback that parses what it gets. */
async function smtpSink(reject?: (to: string) => boolean) {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (reject?.(address.address)) return callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => { received.push(mail); callback(); }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { received, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test('confirmations by e-mail through a real SMTP server, with the .ics (B14, W10)', async () => {
  const sink = await smtpSink();
  const database = await createPgliteTestDatabase();
  try {
    const m = await createMessagingHarness(database, { subdomain: 'mail', messaging: { emailFrom: 'post@acme.example', emailFromName: 'Acme Tannhelse' } });
    const smtp = createSmtpTransport({ url: sink.url });
    const worker = createWorker({ db: database.db, channels: { ...m.channels, email: smtp }, now: () => m.clock.now });
    const { token } = await m.book('2026-12-07T10:00:00+01:00');
    await worker.runOnce();
    assert.equal((await m.call('POST', `/bookings/${token}/rebook`, { start: '2026-12-08T11:00:00+01:00' })).status, 200);
    await worker.runOnce();
    await m.call('POST', `/bookings/${token}/cancel`);
    await worker.runOnce();
    smtp.close();
    assert.equal(sink.received.length, 3);
    const [booked, rebooked, cancelled] = sink.received as [ParsedMail, ParsedMail, ParsedMail];
    assert.equal(booked.from?.value[0]?.address, 'post@acme.example');
    assert.equal(booked.from?.value[0]?.name, 'Acme Tannhelse');
    assert.equal(booked.subject, 'Timebekreftelse 07.12.2026 kl. 10:00');
    assert.match(booked.text ?? '', /Hei Nora Nilsen,/);
    assert.match(booked.text ?? '', /https:\/\/book\.example\/o\/mail\/manage\//);
    assert.match(booked.html || '', /Nora Nilsen/);
    const ics = booked.attachments.find((a) => a.filename === 'appointment.ics');
    assert.ok(ics, 'an .ics attachment');
    const calendar = ics.content.toString('utf8');
    assert.match(calendar, /METHOD:REQUEST/);
    assert.match(calendar, /DTSTART:20261207T090000Z/);
    assert.match(calendar, /LOCATION:Clinic A/);
    assert.match(calendar, /SEQUENCE:0/);
    assert.equal(rebooked.subject, 'Ny time 08.12.2026 kl. 11:00');
    assert.match(rebooked.text ?? '', /https:\/\/book\.example\/o\/mail\/manage\//, 'the rebooked mail carries the manage link');
    const moved = rebooked.attachments.find((a) => a.filename === 'appointment.ics')!.content.toString('utf8');
    assert.match(moved, /DTSTART:20261208T100000Z/);
    assert.match(moved, /SEQUENCE:1/, 'the update outranks the booking in the patient\'s calendar');
    const cancel = cancelled.attachments.find((a) => a.filename === 'cancelled.ics')!.content.toString('utf8');
    assert.match(cancel, /SEQUENCE:2/);
    assert.match(cancelled.text ?? '', /https:\/\/book\.example\/o\/mail\/manage\//, 'the cancellation mail carries the manage link too');
    assert.match(cancel, /METHOD:CANCEL/);
    assert.match(cancel, /STATUS:CANCELLED/);
    const uid = (text: string) => /UID:(.*)/.exec(text)?.[1]?.trim();
    assert.equal(uid(cancel), uid(calendar), 'the cancellation names the same event');
    assert.equal(uid(moved), uid(calendar));
    const rows = await m.messages();
    assert.ok(rows.filter((r) => r.channel === 'email').every((r) => r.status === 'sent'));
  } finally {
    await database.close();
    await sink.close();
  }
});

test('a refused address fails the e-mail with the SMTP error; an unreachable server is retried', async () => {
  const sink = await smtpSink((to) => to.startsWith('nora'));
  const database = await createPgliteTestDatabase();
  try {
    const m = await createMessagingHarness(database, { subdomain: 'mail2' });
    const smtp = createSmtpTransport({ url: sink.url });
    await m.book('2026-12-07T10:00:00+01:00');
    await createWorker({ db: database.db, channels: { ...m.channels, email: smtp }, now: () => m.clock.now }).runOnce();
    smtp.close();
    const mail = (await m.messages()).find((r) => r.channel === 'email')!;
    assert.equal(mail.status, 'failed');
    assert.match(mail.last_error ?? '', /550/);

    const down = createSmtpTransport({ url: 'smtp://127.0.0.1:1', timeoutMs: 2000 });
    await m.book('2026-12-08T10:00:00+01:00', { email: 'other@example.no', nationalId: norwegianIds(1)[0] });
    await createWorker({ db: database.db, channels: { ...m.channels, email: down }, now: () => m.clock.now }).runOnce();
    const retry = (await m.messages()).find((r) => r.recipient === 'other@example.no')!;
    assert.equal(retry.status, 'retrying');
    assert.match(retry.last_error ?? '', /SMTP/);
  } finally {
    await database.close();
    await sink.close();
  }
});
