import type { Call } from '../http-call.ts';
import {
  PatientList, PatientRecord, PatientView, PendingChange, PendingChangeList,
  type PatientPatch, type PatientSearchQuery, type PendingChangeQuery, type RecallQuery,
} from '../schemas/patients.ts';

/**
 * Patients (issue 9.5): search, recall search (S11), view, edit, and the
 * pending changes of B18. Lists page with `eachPage`.
 *
 * @example
 * for await (const p of eachPage((cursor) => admin.searchPatients({ q: 'Nilsen', cursor }), (page) => page.patients)) console.log(p.id);
 * await admin.acceptPendingChange(changeId);
 */
export function patientMethods(call: Call) {
  return {
    searchPatients: (query: PatientSearchQuery = {}) => call(PatientList, 'patients', { searchParams: query }),
    recallDue: (query: RecallQuery) => call(PatientList, 'patients/recall', { searchParams: query }),
    getPatient: (id: string) => call(PatientView, `patients/${id}`),
    updatePatient: (id: string, patch: PatientPatch) => call(PatientRecord, `patients/${id}`, { method: 'patch', json: patch }),
    listPendingChanges: (query: PendingChangeQuery = {}) => call(PendingChangeList, 'pending-changes', { searchParams: query }),
    acceptPendingChange: (id: string) => call(PendingChange, `pending-changes/${id}/accept`, { method: 'post', json: {} }),
    rejectPendingChange: (id: string) => call(PendingChange, `pending-changes/${id}/reject`, { method: 'post', json: {} }),
  };
}
