import type { OrganizationPublic } from '../../../sdk/schemas/organization.ts';
import type { Clinic, Provider, Treatment } from '../../../sdk/schemas/catalog.ts';

/** Ids of the fixture organization's catalog. */
export const IDS = {
  clinicA: '00000000-0000-4000-8000-00000000000a',
  clinicB: '00000000-0000-4000-8000-00000000000b',
  clinicC: '00000000-0000-4000-8000-00000000000c',
  p1: '00000000-0000-4000-8000-000000000001',
  p2: '00000000-0000-4000-8000-000000000002',
  p3: '00000000-0000-4000-8000-000000000003',
  checkup: '00000000-0000-4000-8000-0000000000c1',
  cleaning: '00000000-0000-4000-8000-0000000000c2',
} as const;

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/**
 * The organization the browser tests book with (Europe/Oslo, nb): clinics A
 * and B in group "Oslo", C ungrouped; P1 consents to photo and title, P2 does
 * not; "Checkup" everywhere, "Cleaning" by P2 at A.
 */
export function organization(overrides: DeepPartial<OrganizationPublic> = {}): OrganizationPublic {
  const base: OrganizationPublic = {
    subdomain: 'acme', name: 'Acme Tannhelse', locale: 'nb', timeZone: 'Europe/Oslo',
    settings: {
      flexibility: {
        showBookings: false, login: false, smsLogin: false, newBookingRequiresLogin: false, weekendBooking: false, codeChallenge: 'off',
        maintenanceMode: false, published: true, userMessage: true, showAnyProvider: true, showAnyClinic: true,
        // Tests that are not about verification (issue 8) book without a code or captcha; theirs set it false.
        skipConfirmation: true,
      },
      fields: { email: 'required', mobile: 'required', address1: 'off', address2: 'off', postalCode: 'off', city: 'off', campaignCode: 'off' },
      steps: { order: ['clinic', 'treatment', 'provider'], mergeTreatmentAndProvider: false },
      booking: {
        newBooking: true, rebooking: true, cancellation: true, rebookWithoutTemplate: false, cancelWithoutTemplate: false,
        journalRebooking: true, journalCancellation: true, cutoffHours: 24, slotStepMinutes: 15, minNoticeMinutes: 120, horizonDays: 90,
      },
      hostedPage: { frameAncestors: [] },
    },
    texts: {
      welcome: 'Welcome to Acme!',
      patientInfo: 'We need your details.',
      defaultClinicText: { heading: 'About the clinic', body: 'Default clinic text.' },
      deviation: { maintenance: 'Closed for maintenance.', newBookingDisabled: 'Call us to book.', notPublished: 'Not available online.' },
    },
    theme: { primaryColor: '#1a6b8f', accentColor: '#f2a33a', logoUrl: null },
    eidLogin: false,
    smsCountries: ['NO', 'SE', 'DK', 'FI'],
    bookingOff: null,
  };
  return merge(base, overrides) as OrganizationPublic;
}

const clinic = (id: string, name: string, group: string | null, order: number, text: Clinic['text'] = null): Clinic => ({
  id, name, address: `${name} street 1`, postalCode: '0150', city: 'Oslo', phone: '+4722000000', group, order, timeZone: 'Europe/Oslo', text,
});

export const CLINIC_GROUPS = [
  { name: 'Oslo', clinics: [clinic(IDS.clinicA, 'Clinic A', 'Oslo', 1), clinic(IDS.clinicB, 'Clinic B', 'Oslo', 2, { heading: 'About B', body: 'Second floor' })] },
  { name: null, clinics: [clinic(IDS.clinicC, 'Clinic C', null, 3)] },
];

export const PROVIDERS: Provider[] = [
  { id: IDS.p1, name: 'Petra One', title: 'Dentist', photoUrl: `/mock/api/v1/organizations/acme/providers/${IDS.p1}/photo`, bio: 'General care.', clinics: [{ clinicId: IDS.clinicA, order: 1 }], treatmentIds: [IDS.checkup] },
  { id: IDS.p2, name: 'Paul Two', bio: 'Hygienist.', clinics: [{ clinicId: IDS.clinicA, order: 2 }, { clinicId: IDS.clinicB, order: 1 }], treatmentIds: [IDS.checkup, IDS.cleaning] },
  { id: IDS.p3, name: 'Pia Three', bio: '', clinics: [{ clinicId: IDS.clinicC, order: 1 }], treatmentIds: [IDS.checkup] },
];

export const TREATMENTS: Treatment[] = [
  { id: IDS.checkup, name: 'Checkup', durationMinutes: 30, description: 'A regular check.', order: 1, providerIds: [IDS.p1, IDS.p2, IDS.p3], clinicIds: [IDS.clinicA, IDS.clinicB, IDS.clinicC] },
  { id: IDS.cleaning, name: 'Cleaning', durationMinutes: 45, description: '', order: 2, providerIds: [IDS.p2], clinicIds: [IDS.clinicA] },
];

function merge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (base === null || typeof base !== 'object' || Array.isArray(base) || over === null || typeof over !== 'object' || Array.isArray(over)) return over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(over as Record<string, unknown>)) out[key] = merge(out[key], value);
  return out;
}
