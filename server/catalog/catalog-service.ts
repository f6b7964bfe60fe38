import type { ClinicGroup, ClinicList, Provider, ProviderList, Treatment, TreatmentList, CatalogQuery, Clinic } from '../../sdk/schemas/catalog.ts';
import type { Executor } from '../db/database.ts';
import type { ClinicRow } from '../db/tables.ts';
import type { Organization } from '../organizations/organization.ts';

/**
 * A clinic row as the API answers it, with its own time zone or null; the
 * public catalog fills in the organization's ({@link toClinic}), the admin
 * API keeps it null.
 *
 * @example
 * const clinic = { ...clinicFields(row), active: row.active };
 */
export function clinicFields(row: ClinicRow): Omit<Clinic, 'timeZone'> & { timeZone: string | null } {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    postalCode: row.postal_code,
    city: row.city,
    phone: row.phone,
    group: row.group_name,
    order: row.display_order,
    timeZone: row.time_zone,
    text: row.text_heading !== null || row.text_body !== null ? { heading: row.text_heading ?? '', body: row.text_body ?? '' } : null,
  };
}

/** Maps a clinic row; the clinic's own zone falls back to the organization's. */
export function toClinic(row: ClinicRow, org: Organization): Clinic {
  return { ...clinicFields(row), timeZone: row.time_zone ?? org.timeZone };
}

/**
 * Active clinics grouped by their group (B3): groups in the order of their
 * first clinic, clinics by display order, and the ungrouped ones last under
 * a group whose name is null.
 *
 * @example
 * const { groups } = await listClinics(db, org); // [{ name: 'Oslo', clinics: [...] }, …, { name: null, … }]
 */
export async function listClinics(db: Executor, org: Organization): Promise<ClinicList> {
  const rows = await db
    .selectFrom('clinics')
    .selectAll()
    .where('organization_id', '=', org.id)
    .where('active', '=', true)
    .orderBy('display_order')
    .orderBy('name')
    .execute();
  const groups = new Map<string | null, ClinicGroup>();
  for (const row of rows) {
    const name = row.group_name?.trim() || null;
    if (!groups.has(name)) groups.set(name, { name, clinics: [] });
    groups.get(name)!.clinics.push(toClinic(row, org));
  }
  const ungrouped = groups.get(null);
  groups.delete(null);
  return { groups: ungrouped ? [...groups.values(), ungrouped] : [...groups.values()] };
}

/**
 * Published providers, optionally at one clinic or offering one treatment,
 * in the clinic's display order. Title and photo appear only where the
 * provider consented to show them, which is per clinic (B13): each clinic
 * entry carries its own, and the provider's top-level ones only show when
 * consented at every clinic listed.
 *
 * @example
 * const { providers } = await listProviders(db, org, { clinicId }, (id, clinicId) => `/photo/${id}?clinicId=${clinicId}`);
 */
export async function listProviders(db: Executor, org: Organization, query: CatalogQuery, photoUrl: (id: string, clinicId?: string) => string): Promise<ProviderList> {
  let q = db
    .selectFrom('providers as p')
    .innerJoin('provider_clinics as pc', 'pc.provider_id', 'p.id')
    .innerJoin('clinics as c', 'c.id', 'pc.clinic_id')
    .select(['p.id', 'p.name', 'p.title', 'p.bio', 'pc.consent_photo', 'pc.consent_title', 'pc.clinic_id', 'pc.display_order'])
    .select((eb) => eb('p.photo', 'is not', null).as('has_photo'))
    .where('p.organization_id', '=', org.id)
    .where('c.organization_id', '=', org.id)
    .where('p.active', '=', true)
    .where('c.active', '=', true)
    .where('pc.published', '=', true);
  if (query.clinicId) q = q.where('pc.clinic_id', '=', query.clinicId);
  if (query.treatmentId) {
    const treatmentId = query.treatmentId;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('treatment_providers as tp').whereRef('tp.provider_id', '=', 'p.id').where('tp.treatment_id', '=', treatmentId).select('tp.provider_id')),
    );
  }
  const [rows, offers] = await Promise.all([
    q.orderBy('pc.display_order').orderBy('p.name').execute(),
    db.selectFrom('treatment_providers as tp').innerJoin('treatments as t', 't.id', 'tp.treatment_id')
      .select(['tp.provider_id', 'tp.treatment_id']).where('t.organization_id', '=', org.id).where('t.online', '=', true).where('t.active', '=', true)
      .orderBy('t.display_order').execute(),
  ]);
  const byProvider = new Map<string, { provider: Provider; title: string; showTitle: boolean; showPhoto: boolean }>();
  for (const row of rows) {
    let entry = byProvider.get(row.id);
    if (!entry) {
      entry = {
        provider: { id: row.id, name: row.name, bio: row.bio, clinics: [], treatmentIds: offers.filter((o) => o.provider_id === row.id).map((o) => o.treatment_id) },
        title: row.title,
        showTitle: row.title !== '',
        showPhoto: Boolean(row.has_photo),
      };
      byProvider.set(row.id, entry);
    }
    const title = row.consent_title && row.title ? row.title : undefined;
    const photo = row.consent_photo && row.has_photo ? photoUrl(row.id, row.clinic_id) : undefined;
    entry.showTitle &&= title !== undefined;
    entry.showPhoto &&= photo !== undefined;
    entry.provider.clinics.push({ clinicId: row.clinic_id, order: row.display_order, ...(title ? { title } : {}), ...(photo ? { photoUrl: photo } : {}) });
  }
  return {
    providers: [...byProvider.values()].map(({ provider, title, showTitle, showPhoto }) => {
      const only = provider.clinics.length === 1 ? provider.clinics[0]!.clinicId : undefined;
      return { ...provider, ...(showTitle ? { title } : {}), ...(showPhoto ? { photoUrl: photoUrl(provider.id, only) } : {}) };
    }),
  };
}

/**
 * A provider's photo as patients may see it: with a clinic, where they
 * consented at that clinic; without, where they consented at every clinic
 * they are published at. Undefined otherwise (the route answers 404).
 *
 * @example
 * const photo = await publicPhoto(db, org, providerId, clinicId);
 */
export async function publicPhoto(db: Executor, org: Organization, providerId: string, clinicId: string | undefined): Promise<{ bytes: Uint8Array<ArrayBuffer>; type: string } | undefined> {
  const provider = await db.selectFrom('providers').select(['photo', 'photo_type'])
    .where('id', '=', providerId).where('organization_id', '=', org.id).where('active', '=', true).executeTakeFirst();
  if (!provider?.photo) return undefined;
  let links = db.selectFrom('provider_clinics as pc').innerJoin('clinics as c', 'c.id', 'pc.clinic_id')
    .select('pc.consent_photo')
    .where('pc.provider_id', '=', providerId).where('c.organization_id', '=', org.id).where('c.active', '=', true).where('pc.published', '=', true);
  if (clinicId) links = links.where('pc.clinic_id', '=', clinicId);
  const consents = await links.execute();
  if (consents.length === 0 || !consents.every((link) => link.consent_photo)) return undefined;
  return { bytes: new Uint8Array(provider.photo), type: provider.photo_type ?? 'image/jpeg' };
}

/** Treatments offered online, optionally at one clinic and/or by one provider. */
export async function listTreatments(db: Executor, org: Organization, query: CatalogQuery): Promise<TreatmentList> {
  let q = db.selectFrom('treatments as t').selectAll('t').where('t.organization_id', '=', org.id).where('t.online', '=', true).where('t.active', '=', true);
  if (query.clinicId) {
    const clinicId = query.clinicId;
    q = q.where((eb) => eb.exists(eb.selectFrom('treatment_clinics as tc').whereRef('tc.treatment_id', '=', 't.id').where('tc.clinic_id', '=', clinicId).select('tc.clinic_id')));
  }
  if (query.providerId) {
    const providerId = query.providerId;
    q = q.where((eb) => eb.exists(eb.selectFrom('treatment_providers as tp').whereRef('tp.treatment_id', '=', 't.id').where('tp.provider_id', '=', providerId).select('tp.provider_id')));
  }
  if (query.treatmentId) q = q.where('t.id', '=', query.treatmentId);
  const rows = await q.orderBy('t.display_order').orderBy('t.name').execute();
  if (rows.length === 0) return { treatments: [] };
  const ids = rows.map((r) => r.id);
  const [providers, clinics] = await Promise.all([
    db.selectFrom('treatment_providers').select(['treatment_id', 'provider_id']).where('treatment_id', 'in', ids).execute(),
    db.selectFrom('treatment_clinics').select(['treatment_id', 'clinic_id']).where('treatment_id', 'in', ids).execute(),
  ]);
  const treatments: Treatment[] = rows.map((row) => ({
    id: row.id,
    name: row.name,
    durationMinutes: row.duration_minutes,
    description: row.description,
    order: row.display_order,
    providerIds: providers.filter((p) => p.treatment_id === row.id).map((p) => p.provider_id),
    clinicIds: clinics.filter((c) => c.treatment_id === row.id).map((c) => c.clinic_id),
  }));
  return { treatments };
}
