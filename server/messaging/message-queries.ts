import type { InboundList, InboundQuery, MessageList, MessageQuery, MessagingStatus, MessageStatus, ReminderStatuses, TodayList } from '../../sdk/schemas/messaging.ts';
import { MessageStatus as Statuses } from '../../sdk/schemas/messaging.ts';
import { sql, type RawBuilder } from 'kysely';
import { blankedCodes } from './outbox-repository.ts';
import type { Executor } from '../db/database.ts';
import { appointmentContacts, CONTACT_COLUMNS } from '../booking/appointment-contacts.ts';
import { formatInstant, toInstant, localDateOf } from '../availability/time-zone.ts';
import { formatLocalDate, parseLocalDate } from '../availability/local-date.ts';
import type { Organization } from '../organizations/organization.ts';
import { isPaused } from './send-time.ts';
import { loadMessagingSettings } from './settings.ts';
import { listWorkers } from './worker-heartbeat.ts';
import { validMobile } from './sms-recipient.ts';
import { dateAt, instantText, minuteOf } from '../time/minutes.ts';

const COLUMN = { created: 'm.created_at', sendAt: 'm.send_at', sent: 'm.sent_at', replied: 'm.replied_at' } as const;

/** Local dates `[from, to]` (both included) as instants. */
function range(org: Organization, from?: string, to?: string): { start?: Date; end?: Date } {
  const start = from ? toInstant(from, 0, org.timeZone) : null;
  const end = to ? toInstant(formatLocalDate(parseLocalDate(to) + 1), 0, org.timeZone) : null;
  return { ...(start !== null ? { start: dateAt(start) } : {}), ...(end !== null ? { end: dateAt(end) } : {}) };
}

/**
 * The sent list (S13) with its filters: recipient, kind, status, clinic,
 * provider, patient, and a date range on created / send-at / sent / replied.
 * Newest first, at most `limit` (default 200).
 */
export async function listMessages(db: Executor, org: Organization, query: MessageQuery): Promise<MessageList> {
  let q = db
    .selectFrom('messages as m')
    .leftJoin('appointments as a', 'a.id', 'm.appointment_id')
    .leftJoin('patients as p', 'p.id', 'm.patient_id')
    .where('m.organization_id', '=', org.id);
  if (query.recipient) q = q.where('m.recipient', '=', validMobile(query.recipient) ?? query.recipient);
  if (query.kind) q = q.where('m.kind', '=', query.kind);
  if (query.status) q = q.where('m.status', '=', query.status);
  if (query.channel) q = q.where('m.channel', '=', query.channel);
  if (query.clinicId) q = q.where('a.clinic_id', '=', query.clinicId);
  if (query.providerId) q = q.where('a.provider_id', '=', query.providerId);
  if (query.patientId) q = q.where('m.patient_id', '=', query.patientId);
  if (query.appointmentId) q = q.where('m.appointment_id', '=', query.appointmentId);
  const column = COLUMN[query.dateField ?? 'created'];
  const { start, end } = range(org, query.from, query.to);
  if (start) q = q.where(column, '>=', start);
  if (end) q = q.where(column, '<', end);
  const count = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(listedBody(sql`m`).as('body'))
    .select(['m.id', 'm.channel', 'm.kind', 'm.status', 'm.recipient', 'm.subject', 'm.created_at', 'm.send_at', 'm.expires_at', 'm.sent_at', 'm.replied_at',
      'm.attempts', 'm.last_error', 'm.result', 'm.delivery_status', 'm.gateway', 'm.appointment_id', 'a.starts_at', 'a.clinic_id', 'a.provider_id', 'p.id as pid', 'p.first_name', 'p.last_name'])
    .orderBy(column, 'desc')
    .limit(Math.min(Number(query.limit ?? 200), 1000))
    .execute();
  return {
    count: Number(count.n),
    messages: rows.map((r) => ({
      id: r.id, channel: r.channel, kind: r.kind as MessageList['messages'][number]['kind'], status: r.status, recipient: r.recipient, subject: r.subject, body: r.body,
      createdAt: instantText(r.created_at)!, sendAt: instantText(r.send_at)!, expiresAt: instantText(r.expires_at), sentAt: instantText(r.sent_at), repliedAt: instantText(r.replied_at),
      attempts: r.attempts, lastError: r.last_error, result: r.result, deliveryStatus: r.delivery_status, gateway: r.gateway, appointmentId: r.appointment_id,
      appointmentStart: r.starts_at ? formatInstant(minuteOf(r.starts_at), org.timeZone) : null,
      patient: r.pid ? { id: r.pid, firstName: r.first_name ?? '', lastName: r.last_name ?? '' } : null,
      clinicId: r.clinic_id, providerId: r.provider_id,
    })),
  };
}

/** The token of a patient's manage link (`…/manage/<token>`) in a message body. */
const MANAGE_LINK_TOKEN = '(/manage/)[A-Za-z0-9_%-]+';

/**
 * A message's body as staff may see it in any list: codes, staff invite and
 * reset tokens and patients' manage tokens blanked (the stored body keeps
 * them until sent). `m` is the messages table's alias.
 *
 * @example
 * db.selectFrom('messages as m').select(listedBody(sql`m`).as('body'))
 */
export function listedBody(m: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`regexp_replace(${blankedCodes(m)}, ${MANAGE_LINK_TOKEN}, ${'\\1••••••'}, 'g')`;
}

/** The received list (S14): read/unread, follow-up, sender, patient, date range on received. */
export async function listInbound(db: Executor, org: Organization, query: InboundQuery): Promise<InboundList> {
  let q = db.selectFrom('inbound_sms as i').leftJoin('patients as p', 'p.id', 'i.patient_id').where('i.organization_id', '=', org.id);
  if (query.from) q = q.where('i.from_number', '=', validMobile(query.from) ?? query.from);
  if (query.read) q = q.where('i.read', '=', query.read === 'true');
  if (query.followUp) q = q.where('i.follow_up', '=', query.followUp === 'true');
  if (query.patientId) q = q.where('i.patient_id', '=', query.patientId);
  const { start, end } = range(org, query.since, query.until);
  if (start) q = q.where('i.received_at', '>=', start);
  if (end) q = q.where('i.received_at', '<', end);
  const rows = await q.select(['i.id', 'i.from_number', 'i.body', 'i.received_at', 'i.read', 'i.follow_up', 'i.message_id', 'p.id as pid', 'p.first_name', 'p.last_name']).orderBy('i.received_at', 'desc').limit(500).execute();
  const unread = await db.selectFrom('inbound_sms').select((eb) => eb.fn.countAll<number>().as('n')).where('organization_id', '=', org.id).where('read', '=', false).executeTakeFirstOrThrow();
  return {
    count: rows.length,
    unread: Number(unread.n),
    messages: rows.map((r) => ({ id: r.id, from: r.from_number, body: r.body, receivedAt: instantText(r.received_at)!, read: r.read, followUp: r.follow_up, messageId: r.message_id, patient: r.pid ? { id: r.pid, firstName: r.first_name ?? '', lastName: r.last_name ?? '' } : null })),
  };
}

/** Today's patients (S12): booked appointments of a local date with the name and mobile their texts use (the mobile null when not valid) and their reminders' statuses (seed 000's SMS1/SMS2/SMS3/TB). */
export async function todaysAppointments(db: Executor, org: Organization, now: Date, date?: string): Promise<TodayList> {
  const day = date ?? localDateOf(minuteOf(now), org.timeZone);
  const { start, end } = range(org, day, day);
  const rows = await db
    .selectFrom('appointments as a')
    .innerJoin('providers as pr', 'pr.id', 'a.provider_id')
    .leftJoin('patients as pt', 'pt.id', 'a.patient_id')
    .select(['a.id', 'a.starts_at', 'a.clinic_id', 'a.provider_id', 'a.reminders_enabled', 'pr.name', 'pt.id as pid', ...CONTACT_COLUMNS])
    .where('a.organization_id', '=', org.id).where('a.status', '=', 'booked').where('a.starts_at', '>=', start!).where('a.starts_at', '<', end!)
    .orderBy('a.starts_at').execute();
  const reminders = await reminderStatuses(db, org.id, rows.map((r) => r.id));
  return {
    date: day,
    appointments: rows.map((r) => {
      // As the appointment's messages go: an online booking's own details (issue 8.4).
      const contacts = appointmentContacts(r);
      return {
        appointmentId: r.id, start: formatInstant(minuteOf(r.starts_at), org.timeZone), clinicId: r.clinic_id, providerId: r.provider_id, providerName: r.name,
        patient: r.pid ? { id: r.pid, firstName: contacts.firstName, lastName: contacts.lastName, wantsSms: contacts.wantsSms } : null,
        mobile: validMobile(contacts.mobile), remindersEnabled: r.reminders_enabled, reminders: reminders.get(r.id)!,
      };
    }),
  };
}

/** Service status (S15): counts, last success / receive / error, workers, pause and test mode. */
export async function messagingStatus(db: Executor, org: Organization, now: Date, gateway: string): Promise<MessagingStatus> {
  const settings = await loadMessagingSettings(db, org.id);
  const grouped = await db.selectFrom('messages').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('organization_id', '=', org.id).groupBy('status').execute();
  const counts = Object.fromEntries(Statuses.options.map((s) => [s, 0])) as Record<MessageStatus, number>;
  for (const g of grouped) counts[g.status] = Number(g.n);
  const last = await db.selectFrom('messages').select((eb) => eb.fn.max('sent_at').as('at')).where('organization_id', '=', org.id).executeTakeFirst();
  const received = await db.selectFrom('inbound_sms').select((eb) => eb.fn.max('received_at').as('at')).where('organization_id', '=', org.id).executeTakeFirst();
  const error = await db.selectFrom('messages').select(['last_attempt_at', 'last_error']).where('organization_id', '=', org.id).where('last_error', 'is not', null).orderBy('last_attempt_at', (ob) => ob.desc().nullsLast()).limit(1).executeTakeFirst();
  const result = await db.selectFrom('messages').select('result').where('organization_id', '=', org.id).where('result', 'is not', null).orderBy('last_attempt_at', (ob) => ob.desc().nullsLast()).limit(1).executeTakeFirst();
  return {
    counts,
    waiting: counts.waiting + counts.retrying,
    sent: counts.sent + counts.replied,
    lastSuccessAt: instantText((last?.at as Date | null) ?? null),
    lastReceivedAt: instantText((received?.at as Date | null) ?? null),
    lastErrorAt: instantText(error?.last_attempt_at ?? null),
    lastError: error?.last_error ?? null,
    lastResult: result?.result ?? null,
    workers: await listWorkers(db, now),
    pause: settings.pause,
    pausedNow: isPaused(minuteOf(now), settings.pause, org.timeZone),
    testMode: settings.testMode,
    smsEnabled: settings.smsEnabled,
    gateway,
  };
}

/** The reminder kinds the appointment book shows a status for (seed 000's SMS1, SMS2, SMS3 and thanks). */
const REMINDER_COLUMNS = ['reminder1', 'reminder2', 'reminder3', 'thanks'] as const;

/**
 * The latest SMS status of each reminder kind per appointment (the book's
 * SMS 1/2/3/thanks columns): null where the appointment has none of that
 * kind. A reminder replaced by a move keeps only its newest row's status.
 *
 * @example
 * const statuses = await reminderStatuses(db, org.id, ['…id…']);
 * statuses.get(id)?.reminder1; // 'waiting'
 */
export async function reminderStatuses(db: Executor, organizationId: string, appointmentIds: readonly string[]): Promise<Map<string, ReminderStatuses>> {
  const out = new Map<string, ReminderStatuses>();
  for (const id of appointmentIds) out.set(id, { reminder1: null, reminder2: null, reminder3: null, thanks: null });
  if (appointmentIds.length === 0) return out;
  const rows = await db
    .selectFrom('messages')
    .select(['appointment_id', 'kind', 'status', 'created_at', 'send_at'])
    .where('organization_id', '=', organizationId)
    .where('channel', '=', 'sms')
    .where('kind', 'in', [...REMINDER_COLUMNS])
    .where('appointment_id', 'in', [...appointmentIds])
    .orderBy('created_at')
    .orderBy('send_at')
    .execute();
  for (const r of rows) {
    const entry = out.get(r.appointment_id!);
    // Oldest first: the last row of a kind wins, unless it is a cancelled stand-in for one that went out.
    if (entry && !(r.status === 'cancelled' && entry[r.kind as (typeof REMINDER_COLUMNS)[number]] !== null && entry[r.kind as (typeof REMINDER_COLUMNS)[number]] !== 'cancelled')) {
      entry[r.kind as (typeof REMINDER_COLUMNS)[number]] = r.status;
    }
  }
  return out;
}
