import { sql } from 'kysely';
import type { PatientExport } from '../../sdk/schemas/privacy.ts';
import type { PatientMessage } from '../../sdk/schemas/patients.ts';
import { toAuditEntry } from '../audit/audit-log.ts';
import { bookRows, toBookAppointments } from '../booking/appointment-book.ts';
import type { Executor } from '../db/database.ts';
import { DomainError } from '../domain/domain-error.ts';
import { listedBody } from '../messaging/message-queries.ts';
import type { Organization } from '../organizations/organization.ts';
import { patientRecord, toJournalEntry } from '../patients/patient-admin.ts';
import { pendingRows, toPendingChange } from '../patients/pending-changes.ts';
import { instantText } from '../time/minutes.ts';
import { auditAbout, deliveryAbout, erasedAt, inList, messageOf, patientTraces } from './patient-traces.ts';

/**
 * Everything held about one patient (issue 11.5, the right of access): the
 * record, every appointment with clinic, provider and treatment names and
 * what the booking typed, messages to and from them (bodies as the console
 * lists them: no live code, link or manage token), the codes and logins by
 * their numbers, the journal, every pending change, the audit log's entries
 * about them and webhook deliveries naming them. One consistent snapshot
 * when `db` is a transaction. No secret (hash, token, code) is included.
 * An erased patient is 404 with `reason: 'erased'` and the date: nothing
 * is held about them any more.
 *
 * @example
 * const data = await exportPatient(db, org, patientId, new Date());
 */
export async function exportPatient(db: Executor, org: Organization, patientId: string, now: Date): Promise<PatientExport> {
  const erased = await erasedAt(db, org, patientId);
  if (erased) throw new DomainError('not_found', { detail: `The patient was erased on ${instantText(erased)}: nothing is held about them`, reason: 'erased' });
  const t = await patientTraces(db, org, patientId);
  const rows = await bookRows(db, org.id).where('a.patient_id', '=', patientId)
    .select(['a.created_at', 'a.cancelled_at', 'a.campaign_code', 'a.user_message', 'a.locale'])
    .orderBy('a.starts_at').orderBy('a.id').execute();
  const booked = await toBookAppointments(db, org, rows);
  const messages = await db.selectFrom('messages as m')
    .select(['m.id', 'm.channel', 'm.kind', 'm.status', 'm.recipient', 'm.subject', 'm.created_at', 'm.send_at', 'm.sent_at', 'm.appointment_id'])
    .select(listedBody(sql`m`).as('body'))
    .where('m.organization_id', '=', org.id).where(messageOf(sql`m`, t)).orderBy('m.created_at').orderBy('m.id').execute();
  const inbound = await db.selectFrom('inbound_sms').select(['id', 'from_number', 'body', 'received_at'])
    .where('organization_id', '=', org.id).where((eb) => eb.or([eb('patient_id', '=', patientId), inList(sql`from_number`, t.mobiles)]))
    .orderBy('received_at').orderBy('id').execute();
  const codes = await db.selectFrom('verification_codes').select(['id', 'purpose', 'channel', 'recipient', 'created_at', 'expires_at', 'consumed_at'])
    .where('organization_id', '=', org.id).where(inList(sql`recipient`, [...t.mobiles, ...t.emails])).orderBy('created_at').orderBy('id').execute();
  const sessions = await db.selectFrom('patient_sessions').select(['id', 'method', 'created_at', 'expires_at', 'ended_at'])
    .where('organization_id', '=', org.id).where((eb) => eb.or([eb('national_id', '=', t.patient.national_id), inList(sql`mobile`, t.mobiles)]))
    .orderBy('created_at').orderBy('id').execute();
  const journal = await db.selectFrom('journal_entries').select(['id', 'at', 'kind', 'text', 'appointment_id'])
    .where('organization_id', '=', org.id).where('patient_id', '=', patientId).orderBy('at').orderBy('id').execute();
  const changes = await pendingRows(db, org).where('c.patient_id', '=', patientId).orderBy('c.created_at').orderBy('c.id').execute();
  const audit = await db.selectFrom('audit_log').selectAll().where('organization_id', '=', org.id).where(auditAbout(t)).orderBy('at').orderBy('id').execute();
  const deliveries = await db.selectFrom('webhook_deliveries').select(['id', 'event', 'status', 'created_at', 'payload'])
    .where('organization_id', '=', org.id).where(deliveryAbout(t)).orderBy('created_at').orderBy('id').execute();
  return {
    exportedAt: now.toISOString(),
    organization: { id: org.id, name: org.name },
    patient: patientRecord(t.patient),
    appointments: booked.map((a, i) => {
      const r = rows[i]!;
      return {
        ...a,
        createdAt: instantText(r.created_at), cancelledAt: instantText(r.cancelled_at), campaignCode: r.campaign_code, userMessage: r.user_message, locale: r.locale,
        contact: r.contact_first_name === null ? null : { firstName: r.contact_first_name, lastName: r.contact_last_name, mobile: r.contact_mobile, email: r.contact_email },
      };
    }),
    messages: messages.map((m) => ({
      id: m.id, channel: m.channel, kind: m.kind as PatientMessage['kind'], status: m.status, recipient: m.recipient, subject: m.subject, body: m.body,
      createdAt: instantText(m.created_at), sendAt: instantText(m.send_at), sentAt: instantText(m.sent_at), appointmentId: m.appointment_id,
    })),
    inboundSms: inbound.map((i) => ({ id: i.id, from: i.from_number, body: i.body, receivedAt: instantText(i.received_at) })),
    verificationCodes: codes.map((c) => ({ id: c.id, purpose: c.purpose, channel: c.channel, recipient: c.recipient, createdAt: instantText(c.created_at), expiresAt: instantText(c.expires_at), consumedAt: instantText(c.consumed_at) })),
    sessions: sessions.map((s) => ({ id: s.id, method: s.method, createdAt: instantText(s.created_at), expiresAt: instantText(s.expires_at), endedAt: instantText(s.ended_at) })),
    journal: journal.map(toJournalEntry),
    pendingChanges: changes.map(toPendingChange),
    audit: audit.map(toAuditEntry),
    webhookDeliveries: deliveries.map((d) => ({ id: d.id, event: d.event, status: d.status, createdAt: instantText(d.created_at), payload: JSON.parse(d.payload) as unknown })),
  };
}
