import * as z from 'zod/mini';
import { Id, TitledText, longText, requiredText, shortText } from './common.ts';
import { StrandedAppointment } from './schedules.ts';
import { Clinic } from './catalog.ts';

/**
 * Whether a text is an IANA time zone this runtime knows (`Europe/Oslo`,
 * `UTC`); bare abbreviations such as `CET` are refused.
 *
 * @example
 * isTimeZone('Europe/Stockholm'); // true
 */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

/** An IANA time zone, e.g. `Europe/Oslo`. */
export const TimeZone = z.string().check(z.maxLength(64), z.refine(isTimeZone, 'Not a time zone (e.g. Europe/Oslo)'));

/** Ids in an order or a set: each once. */
const IdSet = (max: number) => z.array(Id).check(z.maxLength(max), z.refine((ids) => new Set(ids).size === ids.length, 'Each id once'));

// --- Clinics (W2) ---

/** A clinic as staff manage it: archived ones too, and its own zone (null: the organization's). */
export const AdminClinic = z.extend(Clinic, {
  /** The clinic's own IANA zone; null: the organization's. */
  timeZone: z.nullable(z.string()),
  /** False when archived: gone from the public catalog and slot search; its appointments stay. */
  active: z.boolean(),
});
export type AdminClinic = z.infer<typeof AdminClinic>;

export const AdminClinicList = z.object({ clinics: z.array(AdminClinic) });
export type AdminClinicList = z.infer<typeof AdminClinicList>;

const clinicFields = {
  address: z.optional(shortText(200)),
  postalCode: z.optional(shortText(20)),
  city: z.optional(shortText(100)),
  phone: z.optional(shortText(40)),
  /** A group name; null or empty: ungrouped. */
  group: z.optional(z.nullable(shortText(100))),
  timeZone: z.optional(z.nullable(TimeZone)),
  text: z.optional(z.nullable(TitledText)),
};

/** A new clinic; it comes last in the order. */
export const ClinicCreate = z.object({ name: requiredText(200), ...clinicFields });
export type ClinicCreate = z.infer<typeof ClinicCreate>;

/** Changes to a clinic: the fields given. */
export const ClinicPatch = z.object({ name: z.optional(requiredText(200)), ...clinicFields });
export type ClinicPatch = z.infer<typeof ClinicPatch>;

/** A new display order: every active item's id once, first to last. */
export const OrderRequest = z.object({ ids: IdSet(1000) });
export type OrderRequest = z.infer<typeof OrderRequest>;

// --- Providers (W3) ---

/** Where a provider works: their order among the clinic's providers, whether published there, and what they consent to show there (B13). */
export const ProviderPlacement = z.object({
  clinicId: Id,
  order: z.int(),
  published: z.boolean(),
  consentPhoto: z.boolean(),
  consentTitle: z.boolean(),
});
export type ProviderPlacement = z.infer<typeof ProviderPlacement>;

/** A provider as staff manage them. */
export const AdminProvider = z.object({
  id: Id,
  name: z.string(),
  title: z.string(),
  bio: z.string(),
  /** False when archived: gone from the public catalog and slot search; their appointments stay. */
  active: z.boolean(),
  /** The photo's type, or null without a photo. */
  photoType: z.nullable(z.string()),
  clinics: z.array(ProviderPlacement),
});
export type AdminProvider = z.infer<typeof AdminProvider>;

export const AdminProviderList = z.object({ providers: z.array(AdminProvider) });
export type AdminProviderList = z.infer<typeof AdminProviderList>;

export const ProviderCreate = z.object({ name: requiredText(200), title: z.optional(shortText(200)), bio: z.optional(longText(4000)) });
export type ProviderCreate = z.infer<typeof ProviderCreate>;

export const ProviderPatch = z.partial(ProviderCreate);
export type ProviderPatch = z.infer<typeof ProviderPatch>;

/** The clinics a provider works at, replacing the set; `order` omitted keeps theirs (or puts a new one last), `published` defaults to true. */
export const ProviderClinicsRequest = z.object({
  clinics: z.array(z.object({
    clinicId: Id,
    order: z.optional(z.int().check(z.gte(0), z.lte(100_000))),
    published: z.optional(z.boolean()),
    consentPhoto: z.boolean(),
    consentTitle: z.boolean(),
  })).check(z.maxLength(500), z.refine((list) => new Set(list.map((c) => c.clinicId)).size === list.length, 'Each clinic once')),
});
export type ProviderClinicsRequest = z.infer<typeof ProviderClinicsRequest>;

export const ProviderClinicsResult = z.object({ clinics: z.array(ProviderPlacement), stranded: z.array(StrandedAppointment) });
export type ProviderClinicsResult = z.infer<typeof ProviderClinicsResult>;

// --- Treatments (W3) ---

/** A treatment (booking template) as staff manage it, with who offers it where. */
export const AdminTreatment = z.object({
  id: Id,
  name: z.string(),
  durationMinutes: z.int(),
  description: z.string(),
  order: z.int(),
  /** Offered for online booking. */
  online: z.boolean(),
  /** False when archived. */
  active: z.boolean(),
  providerIds: z.array(Id),
  clinicIds: z.array(Id),
});
export type AdminTreatment = z.infer<typeof AdminTreatment>;

export const AdminTreatmentList = z.object({ treatments: z.array(AdminTreatment) });
export type AdminTreatmentList = z.infer<typeof AdminTreatmentList>;

const Duration = z.int().check(z.gte(5), z.lte(720));

/** A new treatment; it comes last in the order. */
export const TreatmentCreate = z.object({
  name: requiredText(200),
  durationMinutes: Duration,
  description: z.optional(longText(4000)),
  online: z.optional(z.boolean()),
});
export type TreatmentCreate = z.infer<typeof TreatmentCreate>;

/** Changes to a treatment; a new duration applies to new bookings only. */
export const TreatmentPatch = z.partial(TreatmentCreate);
export type TreatmentPatch = z.infer<typeof TreatmentPatch>;

/** Who offers a treatment and where: both sets replaced. */
export const TreatmentOffers = z.object({ providerIds: IdSet(1000), clinicIds: IdSet(1000) });
export type TreatmentOffers = z.infer<typeof TreatmentOffers>;
