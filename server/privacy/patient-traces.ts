import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { LivePatientRow } from '../db/tables.ts';
import type { Organization } from '../organizations/organization.ts';
import { loadPatient } from '../patients/patient-admin.ts';

/**
 * Where one patient shows up in the database: their record, the ids of
 * their appointments and pending changes, and every mobile and e-mail they
 * used (the record's and those their online bookings typed, issue 8.4;
 * e-mails also in lower case),
 * which find messages, received SMS, codes and logins not linked by id.
 */
export interface PatientTraces {
  patient: LivePatientRow;
  appointmentIds: string[];
  pendingChangeIds: string[];
  mobiles: string[];
  emails: string[];
}

const present = (values: ReadonlyArray<string | null>) => [...new Set(values.filter((v): v is string => v !== null && v !== ''))];

/**
 * Gathers a patient's traces (`not_found` for an unknown id or another
 * organization's); with `lock`, the record is locked for update first, so an
 * erasure and a booking by the same patient do not interleave.
 *
 * @example
 * const traces = await patientTraces(trx, org, patientId, true);
 */
export async function patientTraces(db: Executor, org: Organization, patientId: string, lock = false): Promise<PatientTraces> {
  const patient = await loadPatient(db, org, patientId, lock);
  const appointments = await db.selectFrom('appointments').select(['id', 'contact_mobile', 'contact_email'])
    .where('organization_id', '=', org.id).where('patient_id', '=', patientId).execute();
  const changes = await db.selectFrom('pending_patient_changes').select('id').where('organization_id', '=', org.id).where('patient_id', '=', patientId).execute();
  return {
    patient,
    appointmentIds: appointments.map((a) => a.id),
    pendingChangeIds: changes.map((c) => c.id),
    mobiles: present([patient.mobile, ...appointments.map((a) => a.contact_mobile)]),
    // As stored and in lower case: compared exactly, so the indexes on recipients serve.
    emails: present([patient.email, ...appointments.map((a) => a.contact_email)].flatMap((e) => (e ? [e, e.toLowerCase()] : []))),
  };
}

/**
 * When the patient was erased (the record stays, blank, with `erased_at`):
 * null for a patient not erased, undefined for an id this organization never
 * had. With `lock`, the record is locked for update, erased or not.
 *
 * @example
 * if (await erasedAt(trx, org, patientId, true)) return alreadyErased;
 */
export async function erasedAt(db: Executor, org: Organization, patientId: string, lock = false): Promise<Date | null | undefined> {
  const q = db.selectFrom('patients').select('erased_at').where('organization_id', '=', org.id).where('id', '=', patientId);
  return (await (lock ? q.forUpdate() : q).executeTakeFirst())?.erased_at;
}

/** `column IN (values)`, false for no values (an empty IN list is not SQL). */
export function inList(column: Expression<unknown> | RawBuilder<unknown>, values: readonly string[]): Expression<SqlBool> {
  return values.length === 0 ? sql<SqlBool>`false` : sql<SqlBool>`${column} IN (${sql.join(values)})`;
}

/**
 * A message is the patient's when it is linked to them or one of their
 * appointments, or went to one of their numbers or addresses. `m` is the
 * messages table's alias.
 *
 * @example
 * db.selectFrom('messages as m').selectAll().where(messageOf(sql`m`, traces))
 */
export function messageOf(m: RawBuilder<unknown>, t: PatientTraces): Expression<SqlBool> {
  return sql<SqlBool>`(${m}.patient_id = ${t.patient.id} OR ${inList(sql`${m}.appointment_id`, t.appointmentIds)}
    OR ${inList(sql`${m}.recipient`, [...t.mobiles, ...t.emails])})`;
}

/** An audit entry about the patient, one of their appointments or pending changes. */
export function auditAbout(t: PatientTraces): Expression<SqlBool> {
  return sql<SqlBool>`((target_type = 'patient' AND target_id = ${t.patient.id})
    OR (target_type = 'appointment' AND ${inList(sql`target_id`, t.appointmentIds)})
    OR (target_type = 'pending_change' AND ${inList(sql`target_id`, t.pendingChangeIds)}))`;
}

/** A webhook delivery whose event names the patient or one of their appointments. */
export function deliveryAbout(t: PatientTraces): Expression<SqlBool> {
  return sql<SqlBool>`((payload::jsonb -> 'data' ->> 'patientId') = ${t.patient.id} OR ${inList(sql`payload::jsonb -> 'data' ->> 'appointmentId'`, t.appointmentIds)})`;
}
