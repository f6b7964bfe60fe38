import type { MessageKind, MessagingSettings } from '../../sdk/schemas/messaging.ts';
import type { Executor } from '../db/database.ts';
import type { Organization } from '../organizations/organization.ts';
import { appointmentCalendar } from './email/calendar.ts';
import { loadAppointmentContext, type AppointmentContext } from './message-context.ts';
import { insertMessages, type NewMessage } from './outbox-repository.ts';
import { reminderSendAt, thanksSendAt } from './send-time.ts';
import { loadMessagingSettings } from './settings.ts';
import { renderTemplate } from './templates/merge-fields.ts';
import { validMobile } from './sms-recipient.ts';
import { templateText } from './templates/template-repository.ts';
import { dateAt, minuteOf } from '../time/minutes.ts';

export type BookingEvent = 'booked' | 'rebooked' | 'cancelled';

const REMINDER_KINDS = ['reminder1', 'reminder2', 'reminder3', 'thanks'] as const;
type ReminderKind = (typeof REMINDER_KINDS)[number];

/**
 * Writes the messages a booking change causes, in the booking's own
 * transaction (B14, S4–S6, S9): the SMS and e-mail confirmation (with an
 * `.ics`), and the reminders — scheduled on a new booking, rescheduled on a
 * rebooking, cancelled on a cancellation. If the booking rolls back, so do
 * its messages; if it commits, the worker will find them. `confirm: false`
 * (a staff change without `notifyPatient`) writes no confirmation.
 *
 * @example
 * await enqueueForBooking(trx, org, { appointmentId: id, event: 'booked', manageUrl, now: deps.now() });
 */
export async function enqueueForBooking(trx: Executor, org: Organization, change: { appointmentId: string; event: BookingEvent; manageUrl?: string; now: Date; confirm?: boolean }): Promise<void> {
  const settings = await loadMessagingSettings(trx, org.id);
  let ctx = await loadAppointmentContext(trx, org, change.appointmentId, change.manageUrl);
  if (change.event === 'booked') {
    // The booking's own mobile and SMS wish decide (issue 8.4), not the record's.
    const enabled = reminderPolicyAllows(settings, ctx.patient ? { mobile: ctx.patient.mobile, wants_sms: ctx.patient.wantsSms } : undefined);
    await trx.updateTable('appointments').set({ reminders_enabled: enabled }).where('id', '=', change.appointmentId).execute();
    ctx = { ...ctx, remindersEnabled: enabled };
  }
  if (change.event === 'rebooked') await cancelStaleConfirmations(trx, ctx);
  // Staff changes confirm only when asked (`notifyPatient`, issue 9.4); reminders follow the appointment either way.
  if (change.confirm !== false) await insertMessages(trx, await confirmations(trx, org, settings, ctx, change.event, change.now));
  if (change.event === 'cancelled') await cancelWaitingForAppointment(trx, ctx.id, 'The appointment was cancelled');
  else await scheduleReminders(trx, org, settings, ctx, change.now);
}

/** S4: who gets reminders: all with a valid mobile, only those who want SMS, or none. */
export function reminderPolicyAllows(settings: MessagingSettings, patient: { mobile: string | null; wants_sms: boolean | null } | undefined): boolean {
  if (!patient?.mobile || !validMobile(patient.mobile)) return false;
  if (settings.reminderPolicy === 'none') return false;
  return settings.reminderPolicy === 'all_valid_mobile' || patient.wants_sms === true;
}


async function confirmations(trx: Executor, org: Organization, settings: MessagingSettings, ctx: AppointmentContext, event: BookingEvent, now: Date): Promise<NewMessage[]> {
  const out: NewMessage[] = [];
  // One confirmation per event and channel: the booking and the cancellation happen once, each rebooking is its own event.
  const key = event === 'rebooked' ? `${ctx.id}:rebooked:${await countMessages(trx, ctx.id, 'rebooked')}` : `${ctx.id}:${event}`;
  const expiresAt = event === 'cancelled' ? new Date(now.getTime() + 24 * 3_600_000) : dateAt(ctx.start);
  const base = { organizationId: org.id, kind: event, sendAt: now, expiresAt, appointmentId: ctx.id, patientId: ctx.patient?.id ?? null };
  const mobile = validMobile(ctx.patient?.mobile);
  if (settings.smsEnabled && settings.confirmations.sms && mobile) {
    const text = await templateText(trx, org.id, 'sms', event, org.locale);
    out.push({ ...base, channel: 'sms', recipient: mobile, body: renderTemplate(text.body, ctx.values), dedupeKey: `${key}:sms` });
  }
  const email = ctx.patient?.email;
  if (settings.confirmations.email && email) {
    const text = await templateText(trx, org.id, 'email', event, org.locale);
    const ics = appointmentCalendar({
      uid: ctx.id,
      start: dateAt(ctx.start),
      end: dateAt(ctx.end),
      title: [ctx.treatmentName, ctx.values.provider].filter(Boolean).join(' – ') || org.name,
      description: ctx.values.manageLink ? `${org.name}\n${ctx.values.manageLink}` : org.name,
      location: [ctx.clinicName, ctx.values.clinicAddress].filter(Boolean).join(', '),
      url: ctx.values.manageLink || undefined,
      organizer: { name: settings.emailFromName ?? org.name, email: settings.emailFrom ?? 'no-reply@opus-booking.invalid' },
      method: event === 'cancelled' ? 'CANCEL' : 'REQUEST',
      sequence: await calendarSequence(trx, ctx.id),
    });
    out.push({ ...base, channel: 'email', recipient: email, subject: renderTemplate(text.subject ?? '', ctx.values), body: renderTemplate(text.body, ctx.values), dedupeKey: `${key}:email`, ics });
  }
  return out;
}

/**
 * Brings an appointment's reminders and thanks in line with its time and the
 * settings (S5, S6, S9): waiting ones are moved and re-rendered in place,
 * missing ones added, ones no longer wanted (switched off, no valid mobile,
 * or due in the past) cancelled. Sent ones are history and stay.
 */
export async function scheduleReminders(trx: Executor, org: Organization, settings: MessagingSettings, ctx: AppointmentContext, now: Date): Promise<void> {
  const mobile = validMobile(ctx.patient?.mobile);
  const on = settings.smsEnabled && ctx.remindersEnabled && ctx.status === 'booked' && mobile !== null;
  const pending = await trx
    .selectFrom('messages')
    .select(['id', 'kind', 'dedupe_key', 'attempt_started_at'])
    .where('appointment_id', '=', ctx.id)
    .where('channel', '=', 'sms')
    .where('kind', 'in', [...REMINDER_KINDS])
    .where('status', 'in', ['waiting', 'retrying'])
    .execute();
  const nowMinute = minuteOf(now);
  const fresh: NewMessage[] = [];
  for (const kind of REMINDER_KINDS) {
    const due = on ? dueAt(kind, settings, ctx) : null;
    const dedupeKey = `${ctx.id}:${kind}:${ctx.start}:sms`;
    const existing = pending.filter((p) => p.kind === kind && p.attempt_started_at === null);
    // A worker is sending this one right now. If it is for another time (the
    // appointment moved) or no longer wanted, cancel it: a send that gets
    // through is still recorded as sent, but a failed one is not retried with
    // the old time in its text.
    const superseded = pending.filter((p) => p.kind === kind && p.attempt_started_at !== null && (due === null || p.dedupe_key !== dedupeKey));
    if (superseded.length > 0) await cancelIds(trx, superseded.map((p) => p.id), 'Replaced: the appointment or its reminder settings changed while it was being sent');
    if (due === null || due <= nowMinute) {
      if (existing.length > 0) await cancelIds(trx, existing.map((e) => e.id), 'No longer due: the appointment or its reminder settings changed');
      continue;
    }
    const body = renderTemplate(ctx.reminderTexts[kind] ?? (await templateText(trx, org.id, 'sms', kind, org.locale)).body, ctx.values);
    const expiresAt = dateAt(kind === 'thanks' ? due + 24 * 60 : ctx.start);
    const [keep, ...extra] = existing;
    if (keep) {
      await trx.updateTable('messages').set({ send_at: dateAt(due), expires_at: expiresAt, body, recipient: mobile!, dedupe_key: dedupeKey, status: 'waiting' }).where('id', '=', keep.id).execute();
      if (extra.length > 0) await cancelIds(trx, extra.map((e) => e.id), 'Replaced');
    } else {
      fresh.push({ organizationId: org.id, channel: 'sms', kind, recipient: mobile!, body, sendAt: dateAt(due), expiresAt, appointmentId: ctx.id, patientId: ctx.patient?.id ?? null, dedupeKey });
    }
  }
  await insertMessages(trx, fresh, { reviveCancelled: true });
}

function dueAt(kind: ReminderKind, settings: MessagingSettings, ctx: AppointmentContext): number | null {
  if (kind === 'thanks') return settings.thanksHoursAfter === null ? null : thanksSendAt(ctx.end, settings.thanksHoursAfter, settings.noSendWeekdays, ctx.zone);
  const hours = settings.reminderHours[kind];
  return hours === null ? null : reminderSendAt(ctx.start, hours, settings.noSendWeekdays, ctx.zone);
}

/** Cancels an appointment's waiting messages (not the cancellation confirmation). */
export async function cancelWaitingForAppointment(trx: Executor, appointmentId: string, reason: string): Promise<void> {
  await trx
    .updateTable('messages')
    .set({ status: 'cancelled', result: reason })
    .where('appointment_id', '=', appointmentId)
    .where('kind', '<>', 'cancelled' satisfies MessageKind)
    .where('status', 'in', ['waiting', 'retrying'])
    .execute();
}

/**
 * A confirmation still waiting (say, in the night pause) for a time that was
 * just moved says the wrong time. One being sent right now is cancelled too:
 * if it gets through it is recorded as sent, if not it is not retried.
 */
async function cancelStaleConfirmations(trx: Executor, ctx: AppointmentContext): Promise<void> {
  await trx
    .updateTable('messages')
    .set({ status: 'cancelled', result: 'Replaced by the confirmation of the new time' })
    .where('appointment_id', '=', ctx.id)
    .where('kind', 'in', ['booked', 'rebooked'])
    .where('status', 'in', ['waiting', 'retrying'])
    .execute();
}

async function cancelIds(trx: Executor, ids: string[], reason: string): Promise<void> {
  await trx.updateTable('messages').set({ status: 'cancelled', result: reason }).where('id', 'in', ids).execute();
}

/**
 * The RFC 5545 SEQUENCE of an appointment's next calendar e-mail: how many
 * it has had before (0 for the booking, 1 for the first rebooking, …), so
 * each change outranks the last even within the same minute.
 */
async function calendarSequence(trx: Executor, appointmentId: string): Promise<number> {
  const row = await trx
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('appointment_id', '=', appointmentId)
    .where('channel', '=', 'email')
    .where('ics', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many messages of a kind an appointment has had (rebookings are serialised by the appointment's row lock). */
async function countMessages(trx: Executor, appointmentId: string, kind: MessageKind): Promise<number> {
  const row = await trx.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('appointment_id', '=', appointmentId).where('kind', '=', kind).executeTakeFirstOrThrow();
  return Number(row.n);
}
