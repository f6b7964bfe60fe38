import { assert, assertEqual } from '../../test/browser/support/assert.ts';
import { CLINIC_GROUPS, IDS, PROVIDERS, TREATMENTS } from '../../test/browser/support/fixtures.ts';
import { sameMobile, verificationFor } from './verification-rules.ts';
import { choose, clinicGroupsFor, currentStep, isStepDone, providersFor, slotQueryFor, stepsFor, treatmentsFor, validPreselection, type Catalog, type StepId } from './flow.ts';

const catalog: Catalog = { groups: CLINIC_GROUPS, providers: PROVIDERS, treatments: TREATMENTS };
const tail: StepId[] = ['time', 'details', 'confirm', 'done'];

describe('stepsFor (B1, B2)', () => {
  it('follows every permutation of the first three steps, time always after them', () => {
    const orders: Array<Array<'clinic' | 'provider' | 'treatment'>> = [
      ['clinic', 'treatment', 'provider'], ['clinic', 'provider', 'treatment'], ['treatment', 'clinic', 'provider'],
      ['treatment', 'provider', 'clinic'], ['provider', 'clinic', 'treatment'], ['provider', 'treatment', 'clinic'],
    ];
    for (const order of orders) assertEqual(stepsFor({ order, mergeTreatmentAndProvider: false }, {}), [...order, ...tail]);
  });
  it('the merged view is always clinic, treatment+provider, time', () => {
    assertEqual(stepsFor({ order: ['provider', 'treatment', 'clinic'], mergeTreatmentAndProvider: true }, {}), ['clinic', 'service', ...tail]);
  });
  it('preselected steps are skipped', () => {
    const order = { order: ['clinic', 'treatment', 'provider'] as Array<'clinic' | 'provider' | 'treatment'>, mergeTreatmentAndProvider: false };
    assertEqual(stepsFor(order, { clinicId: 'x' }), ['treatment', 'provider', ...tail]);
    assertEqual(stepsFor(order, { clinicId: 'x', treatmentId: 'y', providerId: 'z' }), tail);
    assertEqual(stepsFor({ ...order, mergeTreatmentAndProvider: true }, { treatmentId: 'y' }), ['clinic', 'service', ...tail]);
    assertEqual(stepsFor({ ...order, mergeTreatmentAndProvider: true }, { treatmentId: 'y', providerId: 'z' }), ['clinic', ...tail]);
  });
});

describe('choose and currentStep', () => {
  const steps = stepsFor({ order: ['clinic', 'treatment', 'provider'], mergeTreatmentAndProvider: false }, {});
  it('moves to the first open step', () => {
    let c = choose(steps, 'clinic', {}, { clinicId: IDS.clinicA });
    assertEqual(currentStep(steps, c), 'treatment');
    c = choose(steps, 'treatment', c, { treatmentId: IDS.checkup });
    c = choose(steps, 'provider', c, { anyProvider: true });
    assertEqual(currentStep(steps, c), 'time');
    assert(isStepDone('provider', c));
  });
  it('a new choice clears the later ones, never preselected values', () => {
    const c = { clinicId: IDS.clinicA, treatmentId: IDS.checkup, providerId: IDS.p1 };
    assertEqual(choose(steps, 'clinic', c, { clinicId: IDS.clinicB }), { clinicId: IDS.clinicB });
    assertEqual(choose(steps, 'clinic', c, { clinicId: IDS.clinicB }, { providerId: IDS.p2 }), { clinicId: IDS.clinicB, providerId: IDS.p2 });
    assertEqual(choose(steps, 'clinic', c, { group: 'Oslo', clinicId: undefined }).group, 'Oslo');
  });
});

describe('catalog filters', () => {
  it('groups keep their order, ungrouped last, and drop clinics that do not fit (B3)', () => {
    assertEqual(clinicGroupsFor(catalog, {}).map((g) => g.name), ['Oslo', null]);
    assertEqual(clinicGroupsFor(catalog, { treatmentId: IDS.cleaning }).map((g) => g.clinics.map((c) => c.name)), [['Clinic A']]);
    assertEqual(clinicGroupsFor(catalog, { providerId: IDS.p3 }).map((g) => g.name), [null]);
  });
  it('treatments by clinic, group and provider', () => {
    assertEqual(treatmentsFor(catalog, { clinicId: IDS.clinicA }).map((t) => t.name), ['Checkup', 'Cleaning']);
    assertEqual(treatmentsFor(catalog, { clinicId: IDS.clinicC }).map((t) => t.name), ['Checkup']);
    assertEqual(treatmentsFor(catalog, { group: 'Oslo', providerId: IDS.p1 }).map((t) => t.name), ['Checkup']);
  });
  it('providers in the clinic display order, by treatment', () => {
    assertEqual(providersFor(catalog, { clinicId: IDS.clinicA }).map((p) => p.name), ['Petra One', 'Paul Two']);
    assertEqual(providersFor(catalog, { clinicId: IDS.clinicA, treatmentId: IDS.cleaning }).map((p) => p.name), ['Paul Two']);
    // Equal display order at different clinics of the group: by name.
    assertEqual(providersFor(catalog, { group: 'Oslo' }).map((p) => p.name), ['Paul Two', 'Petra One']);
  });
});

describe('slotQueryFor (B4, B5)', () => {
  it('any provider leaves providerId out; any clinic sends the group', () => {
    assertEqual(slotQueryFor({ clinicId: 'c', treatmentId: 't', anyProvider: true }, '2026-12-01', '2026-12-07'), { treatmentId: 't', clinicId: 'c', group: undefined, providerId: undefined, from: '2026-12-01', to: '2026-12-07' });
    assertEqual(slotQueryFor({ group: 'Oslo', treatmentId: 't', providerId: 'p' }, 'a', 'b')?.group, 'Oslo');
    assertEqual(slotQueryFor({ treatmentId: 't' }, 'a', 'b'), undefined);
  });
});

describe('validPreselection', () => {
  it('keeps known ids and names the unknown', () => {
    const { kept, dropped } = validPreselection(catalog, { clinicId: IDS.clinicA, providerId: 'nope', treatmentId: IDS.checkup });
    assertEqual(kept, { clinicId: IDS.clinicA, treatmentId: IDS.checkup });
    assertEqual(dropped, ['provider']);
  });
});

describe('verification (B11, B15)', () => {
  const settings = { order: ['clinic', 'treatment', 'provider'] as Array<'clinic' | 'provider' | 'treatment'>, mergeTreatmentAndProvider: false };
  it('adds the login step before the details and the code step after confirming', () => {
    assertEqual(stepsFor(settings, { clinicId: 'x', treatmentId: 'y', providerId: 'z' }, { login: true, code: true }), ['time', 'login', 'details', 'confirm', 'code', 'done']);
    assertEqual(stepsFor(settings, { clinicId: 'x', treatmentId: 'y', providerId: 'z' }, { code: true }), ['time', 'details', 'confirm', 'code', 'done']);
  });
  it('the login step is where a patient goes after the time', () => {
    const steps = stepsFor(settings, {}, { login: true });
    const slot = { start: '2026-01-05T08:00:00Z', end: '2026-01-05T08:30:00Z', providerId: IDS.p1, clinicId: IDS.clinicA };
    assertEqual(currentStep(steps, { clinicId: IDS.clinicA, treatmentId: IDS.checkup, providerId: IDS.p1, slot }), 'login');
  });
  it('skip confirmation removes both checks; a session verifies what its login proved (as the server decides); else a code, or a captcha', () => {
    const sms = { method: 'sms' as const, mobile: '+4791234567', patients: [] };
    const eid = { method: 'eid' as const, mobile: null, patients: [{ nationalId: '13097248022' }] };
    const code = { codeChallenge: 'sms' as const, skipConfirmation: false };
    const off = { codeChallenge: 'off' as const, skipConfirmation: false };
    assertEqual(verificationFor({ codeChallenge: 'sms', skipConfirmation: true }, undefined, { mobile: '91234567' }), 'none');
    assertEqual(verificationFor({ codeChallenge: 'off', skipConfirmation: true }, undefined, {}), 'none');
    assertEqual(verificationFor(code, undefined, { mobile: '91234567' }), 'code');
    assertEqual(verificationFor(code, sms, { mobile: '912 34 567' }), 'none');
    assertEqual(verificationFor(code, sms, { mobile: '98765432' }), 'code');
    assertEqual(verificationFor({ codeChallenge: 'email', skipConfirmation: false }, { ...sms, mobile: null }, { mobile: '91234567' }), 'code');
    assertEqual(verificationFor(off, undefined, {}), 'captcha');
    assertEqual(verificationFor(off, sms, { mobile: '91234567' }), 'none');
    // The server asks for the captcha when the session did not prove the typed mobile.
    assertEqual(verificationFor(off, sms, { mobile: '98765432' }), 'captcha');
    // e-ID proves the national id: the patient's own booking needs no SMS code, someone else's does.
    assertEqual(verificationFor(code, eid, { mobile: '91234567', nationalId: '130972 48022' }), 'none');
    assertEqual(verificationFor(code, eid, { mobile: '91234567', nationalId: '01010112345' }), 'code');
  });
  it('compares mobiles without spaces and country code', () => {
    assert(sameMobile('+47 912 34 567', '91234567'));
    assert(sameMobile('0047 91234567', '912 34 567'));
    assert(sameMobile('+46 70 123 45 67', '070-123 45 67'));
    assert(!sameMobile('+4791234567', '91234568'));
  });
});
