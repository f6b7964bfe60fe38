import type { SendResult, SendToAppointmentsRequest } from '../../sdk/schemas/messaging.ts';
import { countryForLocale, parseMobile } from '../../sdk/validation/phone.ts';
import type { Executor } from '../db/database.ts';
import { DomainError } from '../http/domain-error.ts';
import type { Organization } from '../organizations/organization.ts';
import { validMobile } from './booking-messages.ts';
import { loadAppointmentContext, patientValues } from './message-context.ts';
import { insertMessages, type NewMessage } from './outbox-repository.ts';
import { loadMessagingSettings } from './settings.ts';
import { renderTemplate, requireKnownMergeFields } from './templates/merge-fields.ts';
import { templateText } from './templates/template-repository.ts';

/** Send time and expiry as staff chose them (S8), checked: expiry after the send time, not in the past. */
export function timing(now: Date, request: { sendAt?: string | undefined; expiresAt?: string | undefined }, defaultExpiryHours: number): { sendAt: Date; expiresAt: Date } {
  const sendAt = request.sendAt ? new Date(request.sendAt) : now;
  const expiresAt = request.expiresAt ? new Date(request.expiresAt) : new Date(Math.max(sendAt.getTime(), now.getTime()) + defaultExpiryHours * 3_600_000);
  if (expiresAt <= sendAt) throw DomainError.invalid('expiresAt', 'Must be after the send time', 'invalid');
  if (expiresAt <= now) throw DomainError.invalid('expiresAt', 'Must be in the future', 'in_the_past');
  return { sendAt, expiresAt };
}

/**
 * A general text to patients (S8, S11): merge fields filled per patient;
 * patients without a valid mobile (S7) are skipped and listed, never
 * silently dropped.
 *
 * @example
 * const result = await sendToPatients(trx, org, now, { patientIds, body: 'Hei [firstName]!' });
 */
export async function sendToPatients(db: Executor, org: Organization, now: Date, request: { patientIds: string[]; body: string; sendAt?: string | undefined; expiresAt?: string | undefined }): Promise<SendResult> {
  requireKnownMergeFields(request.body);
  const settings = await loadMessagingSettings(db, org.id);
  const when = timing(now, request, settings.generalExpiryHours);
  const result: SendResult = { queued: [], skipped: [] };
  const pending: NewMessage[] = [];
  const who: string[] = [];
  for (const patientId of [...new Set(request.patientIds)]) {
    const patient = await patientValues(db, org, patientId);
    if (!patient) { result.skipped.push({ patientId, appointmentId: null, reason: 'not_found' }); continue; }
    const mobile = validMobile(patient.mobile);
    if (!mobile) { result.skipped.push({ patientId, appointmentId: null, reason: 'no_valid_mobile' }); continue; }
    pending.push({ organizationId: org.id, channel: 'sms', kind: 'general', recipient: mobile, body: renderTemplate(request.body, patient.values), ...when, patientId });
    who.push(patientId);
  }
  const ids = await insertMessages(db, pending);
  ids.forEach((messageId, i) => result.queued.push({ messageId, patientId: who[i]!, appointmentId: null }));
  return result;
}

/** A text to any number (S10): national numbers are read in the organization's country; 00-prefixed and non-mobile numbers are refused. */
export async function sendToNumber(db: Executor, org: Organization, now: Date, request: { to: string; body: string; sendAt?: string | undefined; expiresAt?: string | undefined }): Promise<SendResult> {
  const parsed = parseMobile(request.to, countryForLocale(org.locale));
  if (!parsed.ok) throw DomainError.invalid('to', parsed.problem === 'starts_with_00' ? 'Write the country code with + instead of 00' : 'Not a valid mobile number', parsed.problem);
  requireKnownMergeFields(request.body);
  const settings = await loadMessagingSettings(db, org.id);
  const [messageId] = await insertMessages(db, [{ organizationId: org.id, channel: 'sms', kind: 'general', recipient: parsed.e164, body: renderTemplate(request.body, { organization: org.name }), ...timing(now, request, settings.generalExpiryHours) }]);
  return { queued: [{ messageId: messageId!, patientId: null, appointmentId: null }], skipped: [] };
}

/**
 * A chosen kind of text to the patients of some appointments (S12, "send
 * directly" of S9): the kind's template (or the appointment's own reminder
 * text, or the body given), due now unless a send time is given.
 */
export async function sendToAppointments(db: Executor, org: Organization, now: Date, request: SendToAppointmentsRequest): Promise<SendResult> {
  if (request.body) requireKnownMergeFields(request.body);
  const settings = await loadMessagingSettings(db, org.id);
  const result: SendResult = { queued: [], skipped: [] };
  for (const appointmentId of [...new Set(request.appointmentIds)]) {
    const ctx = await loadAppointmentContext(db, org, appointmentId).catch(() => undefined);
    if (!ctx) { result.skipped.push({ patientId: null, appointmentId, reason: 'not_found' }); continue; }
    const mobile = validMobile(ctx.patient?.mobile);
    if (!mobile) { result.skipped.push({ patientId: ctx.patient?.id ?? null, appointmentId, reason: 'no_valid_mobile' }); continue; }
    const template = request.body ?? ctx.reminderTexts[request.kind] ?? (await templateText(db, org.id, 'sms', request.kind, org.locale)).body;
    const when = timing(now, { sendAt: request.sendAt, expiresAt: request.expiresAt ?? (request.kind.startsWith('reminder') && ctx.start * 60_000 > now.getTime() ? new Date(ctx.start * 60_000).toISOString() : undefined) }, settings.generalExpiryHours);
    const [messageId] = await insertMessages(db, [{ organizationId: org.id, channel: 'sms', kind: request.kind, recipient: mobile, body: renderTemplate(template, ctx.values), ...when, appointmentId, patientId: ctx.patient?.id ?? null }]);
    result.queued.push({ messageId: messageId!, patientId: ctx.patient?.id ?? null, appointmentId });
  }
  return result;
}
