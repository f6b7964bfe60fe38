import { PatientList, PatientPatch, PatientRecord, PatientSearchQuery, PatientView, PendingChange, PendingChangeList, PendingChangeQuery, RecallQuery } from '../../../sdk/schemas/patients.ts';
import { ADMIN, type ApiOperation } from '../api-operation.ts';

const TAG = 'Admin: patients';

/** Patients, the recall search and pending changes (issue 9.5, B18, S11). */
export const PATIENT_OPERATIONS: ApiOperation[] = [
  { method: 'get', path: `${ADMIN}/patients`, tag: TAG, summary: 'Searches patients by name, national id, mobile (any format) or e-mail (paged)', security: 'admin', query: PatientSearchQuery, ok: { status: 200, schema: PatientList, name: 'PatientList' } },
  { method: 'get', path: `${ADMIN}/patients/recall`, tag: TAG, summary: 'Patients whose recall is due between two dates (paged), for bulk sending (S11)', security: 'admin', query: RecallQuery, ok: { status: 200, schema: PatientList, name: 'PatientList' } },
  { method: 'get', path: `${ADMIN}/patients/:id`, tag: TAG, summary: 'A patient with appointments, journal entries, messages and open pending changes', security: 'admin', ok: { status: 200, schema: PatientView, name: 'PatientView' } },
  { method: 'patch', path: `${ADMIN}/patients/:id`, tag: TAG, summary: 'Edits a patient record (a changed mobile is not proved)', security: 'admin', body: { schema: PatientPatch, name: 'PatientPatch' }, ok: { status: 200, schema: PatientRecord, name: 'PatientRecord' } },
  { method: 'get', path: `${ADMIN}/pending-changes`, tag: TAG, summary: 'Changed details online bookings left for staff (B18), newest first (paged)', security: 'admin', query: PendingChangeQuery, ok: { status: 200, schema: PendingChangeList, name: 'PendingChangeList' } },
  { method: 'post', path: `${ADMIN}/pending-changes/:id/accept`, tag: TAG, summary: 'Accepts a pending change: the record is updated and the journal notes it', security: 'admin', ok: { status: 200, schema: PendingChange, name: 'PendingChange' }, errors: ['already_decided'] },
  { method: 'post', path: `${ADMIN}/pending-changes/:id/reject`, tag: TAG, summary: 'Rejects a pending change: the journal notes it', security: 'admin', ok: { status: 200, schema: PendingChange, name: 'PendingChange' }, errors: ['already_decided'] },
];
