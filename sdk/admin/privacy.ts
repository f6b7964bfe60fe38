import type { Call } from '../http-call.ts';
import { EraseResult, PatientExport, RetentionSettings } from '../schemas/privacy.ts';

/**
 * Privacy (issue 11.5): export everything held about a patient, erase a
 * patient, and the retention periods. Export and erase need an owner's or
 * admin's session (no API key may).
 *
 * @example
 * const data = await admin.exportPatient(patientId);
 * await admin.erasePatient(patientId);
 * await admin.updateRetention({ ...(await admin.getRetention()), messageBodiesDays: 90 });
 */
export function privacyMethods(call: Call) {
  return {
    exportPatient: (id: string) => call(PatientExport, `patients/${id}/export`),
    /** Cannot be undone: the patient's record and details are gone, their appointments kept anonymized. */
    erasePatient: (id: string) => call(EraseResult, `patients/${id}/erase`, { method: 'post', json: { confirm: true } }),
    getRetention: () => call(RetentionSettings, 'settings/retention'),
    updateRetention: (settings: RetentionSettings) => call(RetentionSettings, 'settings/retention', { method: 'put', json: settings }),
  };
}
