import type { AppointmentRemindersRequest, MessageList } from '../../sdk/schemas/messaging.ts';
import type { Db } from '../db/database.ts';
import { recordAudit, type AuditWho } from '../audit/audit-log.ts';
import type { Organization } from '../organizations/organization.ts';
import { scheduleReminders } from './booking-messages.ts';
import { loadAppointmentContext } from './message-context.ts';
import { listMessages } from './message-queries.ts';
import { loadMessagingSettings } from './settings.ts';
import { requireKnownMergeFields } from './templates/merge-fields.ts';

/**
 * Per-appointment reminders (S9): switches them on or off and sets the
 * appointment's own texts (null falls back to the organization's), then
 * brings its waiting reminders in line in the same transaction (audited
 * there when staff made the change). Answers the appointment's messages.
 *
 * @example
 * await setAppointmentReminders(db, org, appointmentId, { enabled: true, texts: { reminder2: 'Hei [firstName], husk [time]!' } }, new Date());
 */
export async function setAppointmentReminders(db: Db, org: Organization, appointmentId: string, request: AppointmentRemindersRequest, now: Date, who?: AuditWho): Promise<Pick<MessageList, 'messages'>> {
  for (const [kind, text] of Object.entries(request.texts ?? {})) if (text) requireKnownMergeFields(text, `texts.${kind}`);
  await db.transaction().execute(async (trx) => {
    // Taken before reading the appointment, as a rebooking takes it: a rebooking in progress is waited for, not undone with its old time.
    await trx.selectFrom('appointments').select('id').where('organization_id', '=', org.id).where('id', '=', appointmentId).forUpdate().execute();
    const ctx = await loadAppointmentContext(trx, org, appointmentId);
    const texts: Record<string, string> = { ...ctx.reminderTexts };
    for (const [kind, text] of Object.entries(request.texts ?? {})) if (text) texts[kind] = text; else delete texts[kind];
    await trx.updateTable('appointments').set({ reminders_enabled: request.enabled, reminder_texts: JSON.stringify(texts) }).where('id', '=', appointmentId).execute();
    await scheduleReminders(trx, org, await loadMessagingSettings(trx, org.id), { ...ctx, remindersEnabled: request.enabled, reminderTexts: texts }, now);
    if (who) await recordAudit(trx, org.id, who, { action: 'appointment.reminders', target: { type: 'appointment', id: appointmentId }, before: { enabled: ctx.remindersEnabled, texts: ctx.reminderTexts }, after: { enabled: request.enabled, texts } }, now);
  });
  const { messages } = await listMessages(db, org, { appointmentId });
  return { messages };
}
