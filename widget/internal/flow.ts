import type { Clinic, ClinicGroup, Provider, Treatment } from '../../sdk/schemas/catalog.ts';
import type { StepSettings } from '../../sdk/schemas/organization.ts';
import type { SlotView } from '../../sdk/schemas/slots.ts';

/**
 * The steps of the booking flow (B1, B2). `service` is the merged treatment
 * and provider page; `login` comes before the details when a new booking
 * requires login (B15); `code` follows `confirm` when the organization asks
 * for a code (B11); `done` is the receipt.
 */
export type StepId = 'clinic' | 'treatment' | 'provider' | 'service' | 'time' | 'login' | 'details' | 'confirm' | 'code' | 'done';

/** Everything the patient can pick in one place. */
export interface Catalog {
  groups: readonly ClinicGroup[];
  providers: readonly Provider[];
  treatments: readonly Treatment[];
}

/** What the patient has chosen so far. */
export interface Choices {
  /** A clinic, or… */
  clinicId?: string | undefined;
  /** …any clinic in this group (B5). */
  group?: string | undefined;
  treatmentId?: string | undefined;
  /** A provider, or undefined with `anyProvider` (B4). */
  providerId?: string | undefined;
  anyProvider?: boolean | undefined;
  slot?: SlotView | undefined;
}

/** Clinic, provider and treatment given by the host page: those steps are skipped. */
export interface Preselection {
  clinicId?: string | undefined;
  providerId?: string | undefined;
  treatmentId?: string | undefined;
}

/**
 * The ordered steps for the settings (B1, B2) minus the preselected ones;
 * `gates.login` adds the login step before the details (B15), `gates.code`
 * the code step after confirming (B11).
 *
 * @example
 * stepsFor({ order: ['treatment', 'clinic', 'provider'], mergeTreatmentAndProvider: false }, {});
 * // ['treatment', 'clinic', 'provider', 'time', 'details', 'confirm', 'done']
 * stepsFor({ order: ['clinic', 'treatment', 'provider'], mergeTreatmentAndProvider: true }, {}, { login: true, code: true });
 * // ['clinic', 'service', 'time', 'login', 'details', 'confirm', 'code', 'done']
 */
export function stepsFor(settings: StepSettings, preselected: Preselection, gates: { login?: boolean; code?: boolean } = {}): StepId[] {
  const first: StepId[] = settings.mergeTreatmentAndProvider ? ['clinic', 'service'] : [...settings.order];
  const skipped = (step: StepId) =>
    (step === 'clinic' && preselected.clinicId !== undefined) ||
    (step === 'treatment' && preselected.treatmentId !== undefined) ||
    (step === 'provider' && preselected.providerId !== undefined) ||
    (step === 'service' && preselected.treatmentId !== undefined && preselected.providerId !== undefined);
  const tail: StepId[] = [...(gates.login ? ['login' as const] : []), 'details', 'confirm', ...(gates.code ? ['code' as const] : []), 'done'];
  return [...first.filter((step) => !skipped(step)), 'time', ...tail];
}

/** Whether a step's choice is made. */
export function isStepDone(step: StepId, choices: Choices): boolean {
  switch (step) {
    case 'clinic': return choices.clinicId !== undefined || choices.group !== undefined;
    case 'treatment': return choices.treatmentId !== undefined;
    case 'provider': return choices.providerId !== undefined || choices.anyProvider === true;
    case 'service': return isStepDone('treatment', choices) && isStepDone('provider', choices);
    case 'time': return choices.slot !== undefined;
    default: return false;
  }
}

/** The choice keys a step sets. */
export function keysOf(step: StepId): Array<keyof Choices> {
  switch (step) {
    case 'clinic': return ['clinicId', 'group'];
    case 'treatment': return ['treatmentId'];
    case 'provider': return ['providerId', 'anyProvider'];
    case 'service': return ['treatmentId', 'providerId', 'anyProvider'];
    case 'time': return ['slot'];
    default: return [];
  }
}

/**
 * Applies a choice made on `step` and clears what later steps chose, since
 * those lists depended on it. Preselected values are never cleared.
 */
export function choose(steps: readonly StepId[], step: StepId, choices: Choices, change: Partial<Choices>, preselected: Preselection = {}): Choices {
  const next: Choices = { ...choices, ...change };
  const after = steps.slice(steps.indexOf(step) + 1);
  for (const later of after) {
    for (const key of keysOf(later)) {
      if (key in change) continue;
      delete next[key];
    }
  }
  return { ...next, ...definedOf(preselected) };
}

/** The first step whose choice is not made: where the patient is. */
export function currentStep(steps: readonly StepId[], choices: Choices): StepId {
  return steps.find((step) => !isStepDone(step, choices)) ?? 'details';
}

/** The clinic ids the choices allow: one clinic, a group's clinics, or all. */
export function clinicIdsOf(catalog: Catalog, choices: Choices): string[] {
  if (choices.clinicId) return [choices.clinicId];
  const clinics = catalog.groups.flatMap((g) => (choices.group === undefined || g.name === choices.group ? g.clinics : []));
  return clinics.map((c) => c.id);
}

/** Clinic groups that still fit the treatment and provider chosen so far (empty groups dropped). */
export function clinicGroupsFor(catalog: Catalog, choices: Choices): ClinicGroup[] {
  const treatment = catalog.treatments.find((t) => t.id === choices.treatmentId);
  const provider = catalog.providers.find((p) => p.id === choices.providerId);
  const fits = (clinic: Clinic) =>
    (!treatment || treatment.clinicIds.includes(clinic.id)) && (!provider || provider.clinics.some((c) => c.clinicId === clinic.id));
  return catalog.groups.map((g) => ({ name: g.name, clinics: g.clinics.filter(fits) })).filter((g) => g.clinics.length > 0);
}

/** Treatments offered at the chosen clinic(s) and by the chosen provider, in display order. */
export function treatmentsFor(catalog: Catalog, choices: Choices): Treatment[] {
  const clinicIds = new Set(clinicIdsOf(catalog, choices));
  return catalog.treatments
    .filter((t) => t.clinicIds.some((id) => clinicIds.has(id)) && (!choices.providerId || t.providerIds.includes(choices.providerId)))
    .sort((a, b) => a.order - b.order);
}

/** Providers at the chosen clinic(s) who offer the chosen treatment, in the clinic's display order. */
export function providersFor(catalog: Catalog, choices: Choices): Provider[] {
  const clinicIds = new Set(clinicIdsOf(catalog, choices));
  const orderAt = (p: Provider) => Math.min(...p.clinics.filter((c) => clinicIds.has(c.clinicId)).map((c) => c.order));
  return catalog.providers
    .filter((p) => p.clinics.some((c) => clinicIds.has(c.clinicId)) && (!choices.treatmentId || p.treatmentIds.includes(choices.treatmentId)))
    .sort((a, b) => orderAt(a) - orderAt(b) || a.name.localeCompare(b.name));
}

/** A clinic by id. */
export function findClinic(catalog: Catalog, id: string | undefined): Clinic | undefined {
  return id === undefined ? undefined : catalog.groups.flatMap((g) => g.clinics).find((c) => c.id === id);
}

/** The zone the times are shown in: the chosen clinic's, else the first matching clinic's, else the organization's. */
export function timeZoneFor(catalog: Catalog, choices: Choices, fallback: string): string {
  const id = choices.slot?.clinicId ?? clinicIdsOf(catalog, choices)[0];
  return findClinic(catalog, id)?.timeZone ?? fallback;
}

/** The slot search for the choices over local dates `from`–`to`, or undefined when not all is chosen. */
export function slotQueryFor(choices: Choices, from: string, to: string): Record<string, string | undefined> | undefined {
  if (!choices.treatmentId || (!choices.clinicId && choices.group === undefined)) return undefined;
  return {
    treatmentId: choices.treatmentId,
    clinicId: choices.clinicId,
    group: choices.clinicId ? undefined : choices.group,
    providerId: choices.anyProvider ? undefined : choices.providerId,
    from,
    to,
  };
}

/**
 * Drops preselected ids that the catalog does not know, so a wrong attribute
 * leaves a working flow; returns the kept ids and the names of the dropped.
 */
export function validPreselection(catalog: Catalog, preselected: Preselection): { kept: Preselection; dropped: string[] } {
  const kept: Preselection = {};
  const dropped: string[] = [];
  const check = (key: keyof Preselection, known: boolean, name: string) => {
    if (preselected[key] === undefined) return;
    if (known) kept[key] = preselected[key];
    else dropped.push(name);
  };
  check('clinicId', findClinic(catalog, preselected.clinicId) !== undefined, 'clinic');
  check('providerId', catalog.providers.some((p) => p.id === preselected.providerId), 'provider');
  check('treatmentId', catalog.treatments.some((t) => t.id === preselected.treatmentId), 'treatment');
  return { kept, dropped };
}

function definedOf(preselected: Preselection): Partial<Choices> {
  const out: Partial<Choices> = {};
  if (preselected.clinicId) out.clinicId = preselected.clinicId;
  if (preselected.providerId) out.providerId = preselected.providerId;
  if (preselected.treatmentId) out.treatmentId = preselected.treatmentId;
  return out;
}
