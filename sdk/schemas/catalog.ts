import * as z from 'zod/mini';
import { Id, TitledText } from './common.ts';

/** A clinic as patients see it. */
export const Clinic = z.object({
  id: Id,
  name: z.string(),
  address: z.string(),
  postalCode: z.string(),
  city: z.string(),
  phone: z.string(),
  group: z.nullable(z.string()),
  order: z.int(),
  timeZone: z.string(),
  /** The clinic's own text; null means the organization's default clinic text applies (B7). */
  text: z.nullable(TitledText),
});
export type Clinic = z.infer<typeof Clinic>;

/** A group of clinics (B3); the group with `name: null` holds the ungrouped clinics and comes last. */
export const ClinicGroup = z.object({ name: z.nullable(z.string()), clinics: z.array(Clinic) });
export type ClinicGroup = z.infer<typeof ClinicGroup>;

export const ClinicList = z.object({ groups: z.array(ClinicGroup) });
export type ClinicList = z.infer<typeof ClinicList>;

/**
 * A provider's place at a clinic, in that clinic's display order, with the
 * title and photo the provider has consented to show at that clinic (B13).
 */
export const ProviderClinic = z.object({ clinicId: Id, order: z.int(), title: z.optional(z.string()), photoUrl: z.optional(z.string()) });

/**
 * A provider. Consent to show the title and photo is given per clinic (B13):
 * `title` and `photoUrl` here are present only where the provider consented at
 * every clinic listed (with `clinicId` in the query: at that clinic); each
 * entry of `clinics` carries its own.
 */
export const Provider = z.object({
  id: Id,
  name: z.string(),
  title: z.optional(z.string()),
  photoUrl: z.optional(z.string()),
  bio: z.string(),
  clinics: z.array(ProviderClinic),
  treatmentIds: z.array(Id),
});
export type Provider = z.infer<typeof Provider>;

export const ProviderList = z.object({ providers: z.array(Provider) });
export type ProviderList = z.infer<typeof ProviderList>;

/** A treatment (booking template) with who offers it online. */
export const Treatment = z.object({
  id: Id,
  name: z.string(),
  durationMinutes: z.int(),
  description: z.string(),
  order: z.int(),
  providerIds: z.array(Id),
  clinicIds: z.array(Id),
});
export type Treatment = z.infer<typeof Treatment>;

export const TreatmentList = z.object({ treatments: z.array(Treatment) });
export type TreatmentList = z.infer<typeof TreatmentList>;

/** The photo route's query: with `clinicId`, the photo shows if the provider consented at that clinic. */
export const PhotoQuery = z.object({ clinicId: z.optional(Id) });
export type PhotoQuery = z.infer<typeof PhotoQuery>;

/** Filters for the provider and treatment lists. */
export const CatalogQuery = z.object({
  clinicId: z.optional(Id),
  providerId: z.optional(Id),
  treatmentId: z.optional(Id),
});
export type CatalogQuery = z.infer<typeof CatalogQuery>;
