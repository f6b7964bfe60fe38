import type { MessagingSettings, SendResult, SendToAppointmentsRequest, SendToPatientRequest } from '../../sdk/schemas/messaging.ts';
import type { Executor } from '../db/database.ts';
import { DomainError } from '../domain/domain-error.ts';
import type { Organization } from '../organizations/organization.ts';
import { smsRecipient } from './sms-recipient.ts';
import { loadAppointmentContext, patientValues } from './message-context.ts';
import { insertMessages, type NewMessage } from './outbox-repository.ts';
import { loadMessagingSettings } from './settings.ts';
import { renderTemplate, requireKnownMergeFields } from './templates/merge-fields.ts';
import { templateText } from './templates/template-repository.ts';
import { dateAt, minuteOf } from '../time/minutes.ts';

/** Send time and expiry as staff chose them (S8), checked: expiry after the send time, not in the past. */
export function timing(now: Date, request: { sendAt?: string | undefined; expiresAt?: string | undefined }, defaultExpiryHours: number): { sendAt: Date; expiresAt: Date } {
  const sendAt = request.sendAt ? new Date(request.sendAt) : now;
  const expiresAt = request.expiresAt ? new Date(request.expiresAt) : new Date(Math.max(sendAt.getTime(), now.getTime()) + defaultExpiryHours * 3_600_000);
  if (expiresAt <= sendAt) throw DomainError.invalid('expiresAt', 'Must be after the send time', 'invalid');
  if (expiresAt <= now) throw DomainError.invalid('expiresAt', 'Must be in the future', 'in_the_past');
  return { sendAt, expiresAt };
}

/** Staff may only queue SMS when the organization has SMS switched on (S1). */
function requireSmsEnabled(settings: MessagingSettings): void {
  if (!settings.smsEnabled) throw DomainError.invalid('smsEnabled', 'SMS is switched off for the organization (S1): switch it on in the messaging settings', 'sms_disabled');
}

/**
 * A general text to patients (S11): merge fields filled per patient;
 * patients who are unknown, lack a valid mobile (S7) or have one in a
 * country the organization does not text are skipped and listed, never
 * silently dropped.
 *
 * @example
 * const result = await sendToPatients(trx, org, now, { patientIds, body: 'Hei [firstName]!' });
 */
export async function sendToPatients(db: Executor, org: Organization, now: Date, request: { patientIds: string[]; body: string; sendAt?: string | undefined; expiresAt?: string | undefined }): Promise<SendResult> {
  requireKnownMergeFields(request.body);
  const settings = await loadMessagingSettings(db, org.id);
  requireSmsEnabled(settings);
  const when = timing(now, request, settings.generalExpiryHours);
  const result: SendResult = { queued: [], skipped: [] };
  const pending: NewMessage[] = [];
  const who: string[] = [];
  for (const patientId of [...new Set(request.patientIds)]) {
    const patient = await patientValues(db, org, patientId);
    if (!patient) { result.skipped.push({ patientId, appointmentId: null, reason: 'not_found' }); continue; }
    const to = patient.mobile ? smsRecipient(patient.mobile, settings.smsCountries, org.locale) : null;
    if (!to?.ok) { result.skipped.push({ patientId, appointmentId: null, reason: to?.problem === 'foreign_number' ? 'foreign_number' : 'no_valid_mobile' }); continue; }
    pending.push({ organizationId: org.id, channel: 'sms', kind: 'general', recipient: to.e164, body: renderTemplate(request.body, patient.values), ...when, patientId });
    who.push(patientId);
  }
  const ids = await insertMessages(db, pending);
  ids.forEach((messageId, i) => result.queued.push({ messageId, patientId: who[i]!, appointmentId: null }));
  return result;
}

/**
 * A general text to one patient (S8) with a chosen send time and expiry.
 * Unlike the bulk send, a patient who cannot be texted is an error naming
 * `patientId`: staff picked exactly this one.
 */
export async function sendToPatient(db: Executor, org: Organization, now: Date, request: SendToPatientRequest): Promise<SendResult> {
  const patient = await patientValues(db, org, request.patientId);
  if (!patient) throw DomainError.invalid('patientId', 'No such patient in this organization', 'not_found');
  const settings = await loadMessagingSettings(db, org.id);
  const to = patient.mobile ? smsRecipient(patient.mobile, settings.smsCountries, org.locale) : null;
  if (!to?.ok) throw DomainError.invalid('patientId', to ? `The patient's mobile cannot be texted: ${to.message}` : 'The patient has no mobile number', to?.problem ?? 'no_valid_mobile');
  return sendToPatients(db, org, now, { ...request, patientIds: [request.patientId] });
}

/** A text to any number (S10): national numbers are read in the organization's country; 00-prefixed, non-mobile and foreign numbers are refused. */
export async function sendToNumber(db: Executor, org: Organization, now: Date, request: { to: string; body: string; sendAt?: string | undefined; expiresAt?: string | undefined }): Promise<SendResult> {
  const settings = await loadMessagingSettings(db, org.id);
  const to = smsRecipient(request.to, settings.smsCountries, org.locale);
  if (!to.ok) throw DomainError.invalid('to', to.message, to.problem);
  requireKnownMergeFields(request.body);
  requireSmsEnabled(settings);
  const [messageId] = await insertMessages(db, [{ organizationId: org.id, channel: 'sms', kind: 'general', recipient: to.e164, body: renderTemplate(request.body, { organization: org.name }), ...timing(now, request, settings.generalExpiryHours) }]);
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
  requireSmsEnabled(settings);
  const result: SendResult = { queued: [], skipped: [] };
  for (const appointmentId of [...new Set(request.appointmentIds)]) {
    const ctx = await loadAppointmentContext(db, org, appointmentId).catch(() => undefined);
    if (!ctx) { result.skipped.push({ patientId: null, appointmentId, reason: 'not_found' }); continue; }
    const to = ctx.patient?.mobile ? smsRecipient(ctx.patient.mobile, settings.smsCountries, org.locale) : null;
    if (!to?.ok) { result.skipped.push({ patientId: ctx.patient?.id ?? null, appointmentId, reason: to?.problem === 'foreign_number' ? 'foreign_number' : 'no_valid_mobile' }); continue; }
    const template = request.body ?? ctx.reminderTexts[request.kind] ?? (await templateText(db, org.id, 'sms', request.kind, org.locale)).body;
    const when = timing(now, { sendAt: request.sendAt, expiresAt: request.expiresAt ?? (request.kind.startsWith('reminder') && ctx.start > minuteOf(now) ? dateAt(ctx.start).toISOString() : undefined) }, settings.generalExpiryHours);
    const [messageId] = await insertMessages(db, [{ organizationId: org.id, channel: 'sms', kind: request.kind, recipient: to.e164, body: renderTemplate(template, ctx.values), ...when, appointmentId, patientId: ctx.patient?.id ?? null }]);
    result.queued.push({ messageId: messageId!, patientId: ctx.patient?.id ?? null, appointmentId });
  }
  return result;
}
