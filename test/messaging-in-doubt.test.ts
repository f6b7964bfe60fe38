import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { DATABASE_KINDS } from './support/test-database.ts';
import { createMessagingHarnessAlone, type MessagingHarness } from './support/messaging-harness.ts';
import type { EmailTransport } from '../server/messaging/email/email-transport.ts';
import type { SmsGateway } from '../server/messaging/gateways/sms-gateway.ts';
import { createWorker } from '../server/messaging/worker.ts';

/**
 * A worker that dies mid-send leaves its message in doubt: the attempt was
 * begun and has no outcome. Whatever happens to the message or its
 * appointment meanwhile, the worker that takes it over after the lease
 * settles it: it asks the gateway where the gateway can tell, fails it as
 * "Outcome unknown" where it cannot, and never sends it (again) once it may
 * no longer go. An e-mail is sent at least once, so one in doubt is sent
 * again if it still may go.
 */

const LEASE_MS = 60_000;
const BOOKED_START = '2026-12-07T10:00:00+01:00';

/** What happens between the death and the takeover. */
const MEANWHILE = {
  nothing: async () => {},
  'the appointment row alone is cancelled (staff, an import)': async (m: MessagingHarness, appointmentId: string) => {
    await m.database.db.updateTable('appointments').set({ status: 'cancelled' }).where('id', '=', appointmentId).execute();
  },
  'the message expires (the appointment starts)': async (m: MessagingHarness) => {
    m.clock.now = new Date(new Date(BOOKED_START).getTime() + 60_000);
  },
  'the appointment row alone is cancelled and the message expires': async (m: MessagingHarness, appointmentId: string) => {
    await MEANWHILE['the appointment row alone is cancelled (staff, an import)'](m, appointmentId);
    await MEANWHILE['the message expires (the appointment starts)'](m);
  },
};
type Meanwhile = keyof typeof MEANWHILE;

/** The SMS gateway as the successor sees it, and whether the dead worker's request reached it. */
const GATEWAYS = {
  'has it and says so': { reached: true, tells: true },
  'never got it and says so': { reached: false, tells: true },
  'cannot tell': { reached: true, tells: false },
};
type Gateway = keyof typeof GATEWAYS;

const WHY = { cancelled: 'The appointment was cancelled', expired: 'Expired before it could be sent' };

/** The settled SMS confirmation: status, result or error, and how often the gateway was handed it. */
function expectedSms(gateway: Gateway, meanwhile: Meanwhile): [string, string | RegExp, number] {
  if (gateway === 'has it and says so') return ['sent', 'Found at the gateway after a worker restart', 1];
  if (gateway === 'cannot tell') return ['failed', /^Outcome unknown/, 1];
  if (meanwhile === 'nothing') return ['sent', 'Accepted', 1];
  return meanwhile.includes('expires') ? ['expired', WHY.expired, 0] : ['cancelled', WHY.cancelled, 0];
}

/** The settled e-mail confirmation: status, result, and how often the transport was handed it. */
function expectedEmail(meanwhile: Meanwhile): [string, string | RegExp, number] {
  if (meanwhile === 'nothing') return ['sent', 'Kept in the local sink', 2];
  return meanwhile.includes('expires') ? ['expired', WHY.expired, 1] : ['cancelled', WHY.cancelled, 1];
}

async function alone(kind: (typeof DATABASE_KINDS)[number], t: TestContext) {
  const m = await createMessagingHarnessAlone(kind, t, { subdomain: 'in-doubt' });
  if (!m) return undefined;
  const { database } = m;
  return Object.assign(m, {
    /**
     * Books an appointment and starts a worker that dies while sending its
     * SMS and e-mail confirmations: both attempts begun, the SMS handed to
     * the gateway or not (`reached`), the e-mail handed over, no outcome
     * recorded. Resolves once the worker hangs on both.
     */
    async bookAndDieWhileSending(reached: boolean) {
      const { appointmentId } = await m.book(BOOKED_START);
      let handed = 0;
      let hung!: () => void;
      const bothHung = new Promise<void>((resolve) => (hung = resolve));
      const hang = <T>(): Promise<T> => {
        if (++handed === 2) hung();
        return new Promise<T>(() => {});
      };
      const gateway: SmsGateway = { name: 'memory', send: async (sms) => { if (reached) await m.gateway.send(sms); return hang(); } };
      const email: EmailTransport = { name: 'memory', send: async (mail) => { await m.email.send(mail); return hang(); } };
      void createWorker({ db: database.db, channels: { ...m.channels, gateways: { memory: gateway }, email }, now: () => m.clock.now, leaseMs: LEASE_MS, id: 'dies' }).runOnce();
      await bothHung;
      const rows = await m.messages();
      const confirmation = (channel: string) => rows.find((r) => r.kind === 'booked' && r.channel === channel)!;
      assert.ok(rows.filter((r) => r.kind === 'booked').every((r) => r.status === 'waiting' && r.attempt_started_at !== null && r.claimed_by === 'dies'), 'both confirmations are in doubt');
      return { appointmentId, sms: confirmation('sms').id, email: confirmation('email').id };
    },
    /** The worker that takes over, on a gateway that can tell what it has or one that cannot. */
    successor(tells: boolean) {
      const gateway: SmsGateway = tells ? m.gateway : { name: 'memory', send: m.gateway.send };
      return createWorker({ db: database.db, channels: { ...m.channels, gateways: { memory: gateway } }, now: () => m.clock.now, leaseMs: LEASE_MS, id: 'takes-over' });
    },
    async row(id: string) {
      return database.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
    },
  });
}

for (const kind of DATABASE_KINDS) {
  describe(`a message left in doubt by a worker that died mid-send is settled by its successor (${kind})`, () => {
    for (const meanwhile of Object.keys(MEANWHILE) as Meanwhile[]) {
      for (const gateway of Object.keys(GATEWAYS) as Gateway[]) {
        test(`${meanwhile}; the SMS gateway ${gateway}`, async (t) => {
          await using m = await alone(kind, t);
          if (!m) return;
          const { reached, tells } = GATEWAYS[gateway];
          const { appointmentId, sms, email } = await m.bookAndDieWhileSending(reached);
          m.clock.now = new Date(m.clock.now.getTime() + LEASE_MS + 1_000);
          await MEANWHILE[meanwhile](m, appointmentId);
          const successor = m.successor(tells);
          // The first tick resolves the doubt; what it leaves for the sweep, the next tick's sweep settles.
          await successor.runOnce();
          await successor.runOnce();

          const [smsStatus, smsWhy, smsRequests] = expectedSms(gateway, meanwhile);
          const smsRow = (await m.row(sms))!;
          assert.equal(smsRow.status, smsStatus);
          assert.match((smsStatus === 'failed' ? smsRow.last_error : smsRow.result) ?? '', typeof smsWhy === 'string' ? new RegExp(`^${smsWhy}$`) : smsWhy);
          assert.equal(m.gateway.requests.get(sms) ?? 0, smsRequests, 'handed to the gateway at most once, and never after it may no longer go');

          const [emailStatus, emailWhy, emailSends] = expectedEmail(meanwhile);
          const emailRow = (await m.row(email))!;
          assert.deepEqual([emailRow.status, emailRow.result], [emailStatus, emailWhy]);
          assert.equal(m.email.sent.filter((e) => e.messageId === email).length, emailSends, 'sent again only while it may still go');

          for (const row of [smsRow, emailRow]) {
            assert.deepEqual([row.attempt_started_at, row.claimed_by, row.locked_until], [null, null, null], `${row.channel}: no longer in doubt nor held`);
          }
        });
      }
    }

    test('the appointment deleted meanwhile: its messages in doubt go with it, and nothing is sent again', async (t) => {
      await using m = await alone(kind, t);
      if (!m) return;
      const { appointmentId, sms, email } = await m.bookAndDieWhileSending(true);
      m.clock.now = new Date(m.clock.now.getTime() + LEASE_MS + 1_000);
      await m.database.db.deleteFrom('appointments').where('id', '=', appointmentId).execute();
      const successor = m.successor(true);
      assert.equal((await successor.runOnce()).claimed, 0);
      assert.deepEqual([await m.row(sms), await m.row(email)], [undefined, undefined]);
      assert.equal(m.gateway.requests.get(sms), 1);
      assert.equal(m.email.sent.filter((e) => e.messageId === email).length, 1);
    });
  });
}
