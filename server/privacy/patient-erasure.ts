import { sql } from 'kysely';
import type { EraseResult } from '../../sdk/schemas/privacy.ts';
import { EraseRequest } from '../../sdk/schemas/privacy.ts';
import type { Actor } from '../admin/access.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Db, Executor } from '../db/database.ts';
import { validate } from '../domain/validate.ts';
import type { Organization } from '../organizations/organization.ts';
import { emitBookingEvent } from '../webhooks/emit-event.ts';
import { auditAbout, erasedAt, inList, messageOf, patientTraces, type PatientTraces } from './patient-traces.ts';

/** What is left of an erased record: its id, organization and dates (the table's check holds every other field to this). */
const BLANK_RECORD = {
  first_name: '', last_name: '', national_id: null, mobile: null, email: null, address1: null, address2: null, postal_code: null, city: null,
  next_recall_date: null, wants_sms: false, mobile_verified: false,
} as const;

/**
 * Erases a patient (issue 11.5, the right to erasure), in one transaction:
 * a failure half-way leaves everything as it was. Their future appointments
 * are cancelled first (webhooks told, the patient sent nothing), and every
 * appointment is kept for the clinic's schedule and accounts as an
 * anonymized row: times, clinic, provider, treatment, status, source and
 * attendance stay; the patient link, typed details, texts, notes and
 * manage link go. Messages to and from them keep their
 * dates and statuses but lose body, subject, recipient and codes, and those
 * still queued are cancelled in the same transaction (the worker asks again
 * before each send, so none goes out). Codes, logins, holds, journal,
 * pending changes, stored answers naming their bookings and what the audit
 * log noted about them are deleted, and the record is blanked to its id
 * with `erased_at`. Audited as having happened, by whom, never what.
 * Erasing an id erased before answers `alreadyErased` (the blank record
 * says so, however long ago); an id never known is 404. The record is
 * locked first: a booking by the same patient waits or is waited for.
 *
 * @example
 * const result = await erasePatient({ db, now }, org, actor, patientId, { confirm: true });
 */
export async function erasePatient(deps: { db: Db; now: () => Date }, org: Organization, actor: Actor, patientId: string, body: unknown): Promise<EraseResult> {
  validate(EraseRequest, body);
  return deps.db.transaction().execute(async (trx) => {
    const at = deps.now();
    if (await erasedAt(trx, org, patientId, true)) {
      return { patientId, alreadyErased: true, appointmentsAnonymized: 0, appointmentsCancelled: 0, messagesCancelled: 0 };
    }
    const traces = await patientTraces(trx, org, patientId, true);
    const messagesCancelled = await blankMessages(trx, org, traces);
    await forgetContacts(trx, org, traces);
    const cancelled = await anonymizeAppointments(trx, org, traces, at);
    await trx.deleteFrom('journal_entries').where('organization_id', '=', org.id).where('patient_id', '=', patientId).execute();
    await trx.deleteFrom('pending_patient_changes').where('organization_id', '=', org.id).where('patient_id', '=', patientId).execute();
    await trx.updateTable('patients').set({ ...BLANK_RECORD, erased_at: at }).where('organization_id', '=', org.id).where('id', '=', patientId).execute();
    await recordAudit(trx, org.id, actor, { action: 'patient.erase', target: { type: 'patient', id: patientId } }, at);
    return { patientId, alreadyErased: false, appointmentsAnonymized: traces.appointmentIds.length, appointmentsCancelled: cancelled, messagesCancelled };
  });
}

/** Cancels the patient's queued messages and blanks all of theirs; answers how many were cancelled. */
async function blankMessages(trx: Executor, org: Organization, t: PatientTraces): Promise<number> {
  const queued = await trx.updateTable('messages as m').set({ status: 'cancelled', result: 'The patient was erased' })
    .where('m.organization_id', '=', org.id).where('m.status', 'in', ['waiting', 'retrying']).where(messageOf(sql`m`, t)).executeTakeFirst();
  // No dedupe key: a later enqueue with the same key would otherwise revive the row.
  await trx.updateTable('messages as m').set({ body: '', subject: null, recipient: '', ics: null, last_error: null, result: 'The patient was erased', dedupe_key: null, patient_id: null })
    .where('m.organization_id', '=', org.id).where(messageOf(sql`m`, t)).execute();
  await trx.updateTable('inbound_sms').set({ body: '', from_number: '', patient_id: null })
    .where('organization_id', '=', org.id).where((eb) => eb.or([eb('patient_id', '=', t.patient.id), inList(sql`from_number`, t.mobiles)])).execute();
  return Number(queued.numUpdatedRows);
}

/** Deletes codes, logins and holds reached through the patient's numbers and id, stored answers naming their bookings, and the audit log's details about them. */
async function forgetContacts(trx: Executor, org: Organization, t: PatientTraces): Promise<void> {
  const codes = await trx.deleteFrom('verification_codes').where('organization_id', '=', org.id)
    .where(inList(sql`recipient`, [...t.mobiles, ...t.emails])).returning('hold_id').execute();
  const holds = codes.map((c) => c.hold_id).filter((id): id is string => id !== null);
  if (holds.length > 0) await trx.deleteFrom('appointments').where('organization_id', '=', org.id).where('status', '=', 'held').where('id', 'in', holds).execute();
  await trx.deleteFrom('patient_sessions').where('organization_id', '=', org.id)
    .where((eb) => eb.or([eb('national_id', '=', t.patient.national_id), inList(sql`mobile`, t.mobiles)])).execute();
  await trx.deleteFrom('idempotency_keys').where('organization_id', '=', org.id)
    .where(inList(sql`response -> 'booking' ->> 'id'`, t.appointmentIds)).execute();
  await sql`UPDATE audit_log SET before = NULL, after = NULL WHERE organization_id = ${org.id} AND ${auditAbout(t)}`.execute(trx);
}

/** Cancels the future booked appointments (telling webhooks), then strips every appointment of the patient; answers how many were cancelled. */
async function anonymizeAppointments(trx: Executor, org: Organization, t: PatientTraces, at: Date): Promise<number> {
  if (t.appointmentIds.length === 0) return 0;
  await trx.updateTable('appointments').set({
    patient_id: null, contact_first_name: null, contact_last_name: null, contact_mobile: null, contact_email: null, contact_wants_sms: null, contact_mobile_verified: false,
    user_message: null, text: '', reminder_texts: '{}', manage_token_hash: null, reminders_enabled: false, updated_at: at,
  }).where('organization_id', '=', org.id).where('id', 'in', t.appointmentIds).execute();
  const future = await trx.updateTable('appointments').set({ status: 'cancelled', cancelled_at: at })
    .where('organization_id', '=', org.id).where('id', 'in', t.appointmentIds).where('status', '=', 'booked').where('starts_at', '>', at)
    .returning('id').execute();
  for (const { id } of future) await emitBookingEvent(trx, org, 'booking.cancelled', id, at);
  return future.length;
}
