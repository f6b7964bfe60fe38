import { randomUUID } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import type { PatientFieldChange, PatientRow } from '../db/tables.ts';
import { emitEvent } from '../webhooks/emit-event.ts';

/** Normalised patient details as the booking service has checked them. */
export interface PatientInput {
  firstName: string;
  lastName: string;
  nationalId: string;
  mobile: string | null;
  email: string | null;
  address1: string | null;
  address2: string | null;
  postalCode: string | null;
  city: string | null;
  wantsSms: boolean;
}

/** Contact fields a booking may not overwrite silently (B18), row column → input key. */
const REVIEWED_FIELDS = [
  ['mobile', 'mobile'],
  ['email', 'email'],
  ['address1', 'address1'],
  ['address2', 'address2'],
  ['postal_code', 'postalCode'],
  ['city', 'city'],
] as const;

/**
 * The differences staff must accept or reject (B18): every field the patient
 * filled in that differs from the record, also one the record lacks — a
 * booking on the strength of a typed national id may not edit the record. An
 * empty field changes nothing.
 *
 * @example
 * patientChanges(row, { ...input, mobile: '+4798765432' }); // [{ field: 'mobile', old: '+4791234567', new: '+4798765432' }]
 */
export function patientChanges(row: PatientRow, input: PatientInput): PatientFieldChange[] {
  const changes: PatientFieldChange[] = [];
  for (const [column, key] of REVIEWED_FIELDS) {
    const next = input[key];
    const current = row[column];
    if (!next || next === current) continue;
    changes.push({ field: key, old: current === '' ? null : current, new: next });
  }
  return changes;
}

/**
 * Finds the patient by national id or creates them, inside the caller's
 * transaction. Safe against two first bookings by the same person at once:
 * the insert yields to the unique key and the row is read back, locked; if
 * the record was erased in between (its national id blanked), the person is
 * new again and the insert is tried again. A new record's mobile counts for
 * SMS login only when `mobileVerified` (issue 8).
 */
export async function findOrCreatePatient(trx: Executor, organizationId: string, input: PatientInput, mobileVerified: boolean): Promise<{ row: PatientRow; created: boolean }> {
  const inserted = await trx
    .insertInto('patients')
    .values({
      id: randomUUID(),
      organization_id: organizationId,
      first_name: input.firstName,
      last_name: input.lastName,
      national_id: input.nationalId,
      mobile: input.mobile,
      email: input.email,
      address1: input.address1,
      address2: input.address2,
      postal_code: input.postalCode,
      city: input.city,
      wants_sms: input.wantsSms,
      mobile_verified: mobileVerified,
    })
    .onConflict((oc) => oc.columns(['organization_id', 'national_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { row: inserted, created: true };
  const row = await trx
    .selectFrom('patients')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('national_id', '=', input.nationalId)
    .forUpdate()
    .executeTakeFirst();
  return row ? { row, created: false } : findOrCreatePatient(trx, organizationId, input, mobileVerified);
}

/**
 * Locks the record a staff booking names by id (`FOR SHARE`), so an erasure
 * of the patient waits for the booking (and then anonymizes it too) or the
 * booking sees the erasure: false for an erased or unknown id.
 *
 * @example
 * if (!(await lockLivePatient(trx, org.id, request.patientId))) throw DomainError.invalid('patientId', 'No such item in this organization', 'not_found');
 */
export async function lockLivePatient(trx: Executor, organizationId: string, patientId: string): Promise<boolean> {
  const row = await trx.selectFrom('patients').select('id').where('organization_id', '=', organizationId).where('id', '=', patientId)
    .where('erased_at', 'is', null).forShare().executeTakeFirst();
  return row !== undefined;
}

/**
 * Records a pending change for staff (B18) when a booking on an existing
 * record typed other contact details; the record itself is left as it is.
 * Nothing of the outcome goes back to the patient (issue 8.4). Announced
 * to webhooks as `patient.change_requested`.
 */
export async function reconcilePatient(trx: Executor, row: PatientRow, input: PatientInput, appointmentId: string, now: Date): Promise<void> {
  const changes = patientChanges(row, input);
  if (changes.length === 0) return;
  const id = randomUUID();
  await trx
    .insertInto('pending_patient_changes')
    .values({ id, organization_id: row.organization_id, patient_id: row.id, appointment_id: appointmentId, changes: JSON.stringify(changes) })
    .execute();
  // Webhooks (D4): which fields differ, never their values.
  await emitEvent(trx, { id: row.organization_id }, 'patient.change_requested', { pendingChangeId: id, patientId: row.id, appointmentId, fields: changes.map((c) => c.field) }, now);
}

/**
 * Writes the details a patient typed onto their own record, for a booking
 * whose national id the patient proved by e-ID (issue 8.6): no pending change
 * for staff, since the record's owner made it. An empty field changes nothing.
 *
 * @example
 * if (session.method === 'eid' && session.nationalId === input.nationalId) await updateOwnRecord(trx, row, input);
 */
export async function updateOwnRecord(trx: Executor, row: PatientRow, input: PatientInput): Promise<void> {
  await writeFieldChanges(trx, row.id, patientChanges(row, input));
}

/**
 * Writes reviewed contact fields (B18: `mobile`, `email`, `address1`,
 * `address2`, `postalCode`, `city`) onto a patient record; unknown fields are
 * skipped. With `mobileUnproved`, a changed mobile is marked not proved
 * (issue 8: only a mobile proved by a code counts for an SMS login).
 *
 * @example
 * await writeFieldChanges(trx, patientId, [{ field: 'email', old: null, new: 'kari@example.no' }]);
 */
export async function writeFieldChanges(trx: Executor, patientId: string, changes: readonly PatientFieldChange[], options: { mobileUnproved?: boolean } = {}): Promise<void> {
  const columns: Record<string, string | boolean | null> = {};
  for (const change of changes) {
    const column = REVIEWED_FIELDS.find(([, key]) => key === change.field)?.[0];
    if (column) columns[column] = change.new;
  }
  if ('mobile' in columns && options.mobileUnproved) columns.mobile_verified = false;
  if (Object.keys(columns).length === 0) return;
  await trx.updateTable('patients').set(columns).where('id', '=', patientId).execute();
}
