import type { BookAppointment } from '../../../sdk/schemas/book.ts';
import type { PatientRecord, PatientSummary, PatientView, PendingChange } from '../../../sdk/schemas/patients.ts';
import type { OrganizationProfile } from '../../../sdk/schemas/settings.ts';

/** Test data of the patients pages' msw tests (a clinic in Oslo, a browser in New York). */
export const PATIENT_ID = '11111111-1111-4111-8111-111111111111';
export const OTHER_ID = '22222222-2222-4222-8222-222222222222';
export const CHANGE_ID = '33333333-3333-4333-8333-333333333333';
export const APPOINTMENT_ID = '44444444-4444-4444-8444-444444444444';

export const profile: OrganizationProfile = { subdomain: 'acme', name: 'Acme Tannlege', locale: 'nb', timeZone: 'Europe/Oslo' };

export function summary(n: number, overrides: Partial<PatientSummary> = {}): PatientSummary {
  return {
    id: `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`, firstName: `Kari${n}`, lastName: 'Nilsen', nationalId: '13097248022',
    mobile: '+4791234567', mobileVerified: true, email: null, wantsSms: true, nextRecallDate: null, ...overrides,
  };
}

export const record: PatientRecord = {
  id: PATIENT_ID, firstName: 'Kari', lastName: 'Nilsen', nationalId: '13097248022', mobile: '+4791234567', mobileVerified: true,
  email: 'kari@example.no', wantsSms: true, nextRecallDate: '2027-03-01', address1: 'Storgata 1', address2: null, postalCode: '0155', city: 'Oslo',
  createdAt: '2026-01-05T10:00:00.000Z',
};

/** 23:30 in Oslo on 6 December is 17:30 the same day in New York, but the book's day is the 6th, shown as 23:30. */
export const appointment: BookAppointment = {
  id: APPOINTMENT_ID, status: 'booked', start: '2026-12-06T22:30:00.000Z', end: '2026-12-06T23:00:00.000Z', timeZone: 'Europe/Oslo',
  clinic: { id: OTHER_ID, name: 'Oslo Sentrum' }, provider: { id: OTHER_ID, name: 'Ola Hansen' }, treatment: { id: OTHER_ID, name: 'Tannrens' },
  patient: { id: PATIENT_ID, firstName: 'Kari', lastName: 'Nilsen', mobile: '+4791234567' }, text: 'Tannrens', source: 'online',
  attendance: null, externalId: null, remindersEnabled: true, reminders: { reminder1: 'sent', reminder2: null, reminder3: null, thanks: null },
};

export const pendingChange: PendingChange = {
  id: CHANGE_ID, status: 'pending', createdAt: '2026-11-29T08:00:00.000Z', decidedAt: null, appointmentId: APPOINTMENT_ID,
  patient: { id: PATIENT_ID, firstName: 'Kari', lastName: 'Nilsen' },
  changes: [{ field: 'mobile', old: '+4791234567', new: '+4798765432' }, { field: 'city', old: null, new: 'Bergen' }],
};

export function view(overrides: Partial<PatientView> = {}): PatientView {
  return {
    patient: record,
    appointments: [appointment],
    journal: [{ id: OTHER_ID, at: '2026-11-20T09:15:00.000Z', kind: 'rebooked_online', text: 'Rebooked online: 2026-12-05 09:00 → 2026-12-06 23:30', appointmentId: APPOINTMENT_ID }],
    messages: [{
      id: OTHER_ID, channel: 'sms', kind: 'reminder1', status: 'sent', recipient: '+4791234567', subject: null, body: 'Påminnelse: time hos Ola Hansen 6. desember kl. 23:30.',
      sendAt: '2026-12-05T16:00:00.000Z', sentAt: '2026-12-05T16:00:05.000Z', appointmentId: APPOINTMENT_ID,
    }],
    pendingChanges: [pendingChange],
    ...overrides,
  };
}
