import { randomUUID } from 'node:crypto';
import type {
  AdminClinic, AdminClinicList, AdminProvider, AdminProviderList, AdminTreatment, AdminTreatmentList, ClinicCreate, ClinicPatch, OrderRequest,
  ProviderClinicsRequest, ProviderClinicsResult, ProviderCreate, ProviderPatch, ProviderPlacement, TreatmentCreate,
  TreatmentOffers, TreatmentPatch,
} from '../../sdk/schemas/catalog-admin.ts';
import type { ImageUpload } from '../../sdk/schemas/media.ts';
import type { Db, Executor } from '../db/database.ts';
import type { ClinicRow } from '../db/tables.ts';
import { DomainError } from '../domain/domain-error.ts';
import { recordAudit, type AuditWho } from '../audit/audit-log.ts';
import { decodeImage } from '../media/image.ts';
import { bookedAhead, strandedView } from '../schedules/stranded.ts';
import { clinicFields } from './catalog-service.ts';

/** The largest provider photo, decoded (W3; the database checks it too). */
export const PHOTO_MAX_BYTES = 25 * 1024;

/** Who changes the catalog, and when: every change is audited with them. */
export interface CatalogChange {
  db: Db;
  organizationId: string;
  /** The organization's time zone: times of clinics without their own. */
  timeZone: string;
  who: AuditWho;
  now: Date;
}

const notFound = (what: string) => new DomainError('not_found', { detail: `No such ${what}` });

// --- Clinics ---

function toAdminClinic(row: ClinicRow): AdminClinic {
  return { ...clinicFields(row), active: row.active };
}

/** A patch's clinic fields as columns; undefined fields are left alone, an empty group is no group. */
function clinicColumns(fields: ClinicPatch) {
  return {
    ...(fields.name !== undefined ? { name: fields.name } : {}),
    ...(fields.address !== undefined ? { address: fields.address } : {}),
    ...(fields.postalCode !== undefined ? { postal_code: fields.postalCode } : {}),
    ...(fields.city !== undefined ? { city: fields.city } : {}),
    ...(fields.phone !== undefined ? { phone: fields.phone } : {}),
    ...(fields.group !== undefined ? { group_name: fields.group || null } : {}),
    ...(fields.timeZone !== undefined ? { time_zone: fields.timeZone } : {}),
    ...(fields.text !== undefined ? { text_heading: fields.text?.heading ?? null, text_body: fields.text?.body ?? null } : {}),
  };
}

/**
 * Every clinic of the organization, archived ones too, in display order.
 *
 * @example
 * const { clinics } = await listAdminClinics(db, org.id);
 */
export async function listAdminClinics(db: Executor, organizationId: string): Promise<AdminClinicList> {
  const rows = await db.selectFrom('clinics').selectAll().where('organization_id', '=', organizationId)
    .orderBy('active', 'desc').orderBy('display_order').orderBy('name').orderBy('id').execute();
  return { clinics: rows.map(toAdminClinic) };
}

async function clinicRow(db: Executor, organizationId: string, id: string, lock = false): Promise<ClinicRow> {
  let q = db.selectFrom('clinics').selectAll().where('id', '=', id).where('organization_id', '=', organizationId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('clinic');
  return row;
}

/**
 * One clinic of the organization; 404 for an unknown id or another organization's.
 *
 * @example
 * const clinic = await getAdminClinic(db, org.id, id);
 */
export async function getAdminClinic(db: Executor, organizationId: string, id: string): Promise<AdminClinic> {
  return toAdminClinic(await clinicRow(db, organizationId, id));
}

/**
 * Adds a clinic, last in the order.
 *
 * @example
 * const clinic = await createClinic({ db, organizationId, who: actor, now }, { name: 'Bryggen', group: 'Bergen' });
 */
export async function createClinic(change: CatalogChange, request: ClinicCreate): Promise<AdminClinic> {
  return change.db.transaction().execute(async (trx) => {
    const id = randomUUID();
    const order = await nextOrder(trx, 'clinics', change.organizationId);
    const row = await trx.insertInto('clinics').values({ id, organization_id: change.organizationId, name: request.name, display_order: order, ...clinicColumns(request) })
      .returningAll().executeTakeFirstOrThrow();
    const clinic = toAdminClinic(row);
    await recordAudit(trx, change.organizationId, change.who, { action: 'clinic.create', target: { type: 'clinic', id }, after: clinic }, change.now);
    return clinic;
  });
}

/**
 * Changes a clinic's name, address, group, zone or text (the fields given).
 *
 * @example
 * await updateClinic(change, id, { group: 'Oslo' });
 */
export async function updateClinic(change: CatalogChange, id: string, patch: ClinicPatch): Promise<AdminClinic> {
  return change.db.transaction().execute(async (trx) => {
    const before = toAdminClinic(await clinicRow(trx, change.organizationId, id, true));
    const columns = clinicColumns(patch);
    if (Object.keys(columns).length === 0) return before;
    const row = await trx.updateTable('clinics').set(columns).where('id', '=', id).where('organization_id', '=', change.organizationId).returningAll().executeTakeFirstOrThrow();
    const after = toAdminClinic(row);
    await recordAudit(trx, change.organizationId, change.who, { action: 'clinic.update', target: { type: 'clinic', id }, before, after }, change.now);
    return after;
  });
}

/**
 * Archives (`active` false) or restores a clinic. Archived, it is gone from
 * the public catalog and the slot search; its appointments are untouched. A
 * restored clinic comes back last in the order.
 *
 * @example
 * await setClinicActive(change, id, false);
 */
export async function setClinicActive(change: CatalogChange, id: string, active: boolean): Promise<AdminClinic> {
  return change.db.transaction().execute(async (trx) => {
    const before = toAdminClinic(await clinicRow(trx, change.organizationId, id, true));
    if (before.active === active) return before;
    const order = active ? await nextOrder(trx, 'clinics', change.organizationId) : before.order;
    const row = await trx.updateTable('clinics').set({ active, display_order: order }).where('id', '=', id).where('organization_id', '=', change.organizationId)
      .returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, change.organizationId, change.who, { action: active ? 'clinic.restore' : 'clinic.archive', target: { type: 'clinic', id }, before: { active: before.active }, after: { active } }, change.now);
    return toAdminClinic(row);
  });
}

/**
 * Puts the active clinics in a new order: `ids` must name each of them once;
 * a missing, archived, unknown or another organization's id is a 422 on `ids`.
 *
 * @example
 * await orderClinics(change, { ids: [c, a, b] });
 */
export async function orderClinics(change: CatalogChange, request: OrderRequest): Promise<AdminClinicList> {
  await change.db.transaction().execute(async (trx) => {
    await applyOrder(trx, change, 'clinics', 'clinic', request.ids);
  });
  return listAdminClinics(change.db, change.organizationId);
}

// --- Ordering, shared by clinics and treatments ---

type Ordered = 'clinics' | 'treatments';

async function nextOrder(db: Executor, table: Ordered, organizationId: string): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.max<number>('display_order').as('last')).where('organization_id', '=', organizationId).executeTakeFirst();
  return (row?.last ?? 0) + 1;
}

async function applyOrder(trx: Executor, change: CatalogChange, table: Ordered, type: 'clinic' | 'treatment', ids: readonly string[]): Promise<void> {
  const rows = await trx.selectFrom(table).select(['id', 'display_order']).where('organization_id', '=', change.organizationId).where('active', '=', true)
    .orderBy('display_order').orderBy('id').forUpdate().execute();
  const active = new Set(rows.map((r) => r.id));
  const unknown = ids.findIndex((id) => !active.has(id));
  if (unknown >= 0) throw DomainError.invalid(`ids.${unknown}`, `Not an active ${type} of this organization`, 'not_found');
  if (ids.length !== active.size) throw DomainError.invalid('ids', `Name every active ${type} once (${active.size}); ${active.size - ids.length} missing`, 'incomplete');
  for (const [index, id] of ids.entries()) {
    await trx.updateTable(table).set({ display_order: index + 1 }).where('id', '=', id).where('organization_id', '=', change.organizationId).execute();
  }
  await recordAudit(trx, change.organizationId, change.who, { action: `${type}.order`, target: { type, id: null }, before: rows.map((r) => r.id), after: ids }, change.now);
}

// --- Providers ---

async function placements(db: Executor, organizationId: string, providerIds: readonly string[]): Promise<Map<string, ProviderPlacement[]>> {
  const byProvider = new Map<string, ProviderPlacement[]>();
  if (providerIds.length === 0) return byProvider;
  const rows = await db.selectFrom('provider_clinics as pc').innerJoin('clinics as c', 'c.id', 'pc.clinic_id')
    .select(['pc.provider_id', 'pc.clinic_id', 'pc.display_order', 'pc.published', 'pc.consent_photo', 'pc.consent_title'])
    .where('pc.provider_id', 'in', providerIds).where('c.organization_id', '=', organizationId)
    .orderBy('c.display_order').orderBy('c.name').orderBy('c.id').execute();
  for (const row of rows) {
    const list = byProvider.get(row.provider_id) ?? [];
    list.push({ clinicId: row.clinic_id, order: row.display_order, published: row.published, consentPhoto: row.consent_photo, consentTitle: row.consent_title });
    byProvider.set(row.provider_id, list);
  }
  return byProvider;
}

const PROVIDER_COLUMNS = ['id', 'name', 'title', 'bio', 'active', 'photo_type'] as const;
type ProviderColumns = { id: string; name: string; title: string; bio: string; active: boolean; photo_type: string | null };

function toAdminProvider(row: ProviderColumns, clinics: ProviderPlacement[]): AdminProvider {
  return { id: row.id, name: row.name, title: row.title, bio: row.bio, active: row.active, photoType: row.photo_type, clinics };
}

/**
 * Every provider of the organization, archived ones too, by name, with where they work.
 *
 * @example
 * const { providers } = await listAdminProviders(db, org.id);
 */
export async function listAdminProviders(db: Executor, organizationId: string): Promise<AdminProviderList> {
  const rows = await db.selectFrom('providers').select(PROVIDER_COLUMNS).where('organization_id', '=', organizationId)
    .orderBy('active', 'desc').orderBy('name').orderBy('id').execute();
  const where = await placements(db, organizationId, rows.map((r) => r.id));
  return { providers: rows.map((row) => toAdminProvider(row, where.get(row.id) ?? [])) };
}

async function providerRow(db: Executor, organizationId: string, id: string, lock = false): Promise<ProviderColumns> {
  let q = db.selectFrom('providers').select(PROVIDER_COLUMNS).where('id', '=', id).where('organization_id', '=', organizationId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('provider');
  return row;
}

/**
 * One provider of the organization with where they work; 404 for an unknown id or another organization's.
 *
 * @example
 * const provider = await getAdminProvider(db, org.id, id);
 */
export async function getAdminProvider(db: Executor, organizationId: string, id: string): Promise<AdminProvider> {
  const row = await providerRow(db, organizationId, id);
  return toAdminProvider(row, (await placements(db, organizationId, [id])).get(id) ?? []);
}

/**
 * Adds a provider (at no clinic yet: see {@link setProviderClinics}).
 *
 * @example
 * const provider = await createProvider(change, { name: 'Kari Nordmann', title: 'Tannlege' });
 */
export async function createProvider(change: CatalogChange, request: ProviderCreate): Promise<AdminProvider> {
  return change.db.transaction().execute(async (trx) => {
    const id = randomUUID();
    const row = await trx.insertInto('providers').values({ id, organization_id: change.organizationId, name: request.name, title: request.title ?? '', bio: request.bio ?? '', photo: null, photo_type: null })
      .returning(PROVIDER_COLUMNS).executeTakeFirstOrThrow();
    const provider = toAdminProvider(row, []);
    await recordAudit(trx, change.organizationId, change.who, { action: 'provider.create', target: { type: 'provider', id }, after: provider }, change.now);
    return provider;
  });
}

/**
 * Changes a provider's name, title or text (the fields given).
 *
 * @example
 * await updateProvider(change, id, { title: 'Kjeveortoped' });
 */
export async function updateProvider(change: CatalogChange, id: string, patch: ProviderPatch): Promise<AdminProvider> {
  await change.db.transaction().execute(async (trx) => {
    const before = await providerRow(trx, change.organizationId, id, true);
    const columns = { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.title !== undefined ? { title: patch.title } : {}), ...(patch.bio !== undefined ? { bio: patch.bio } : {}) };
    if (Object.keys(columns).length === 0) return;
    const after = await trx.updateTable('providers').set(columns).where('id', '=', id).where('organization_id', '=', change.organizationId).returning(PROVIDER_COLUMNS).executeTakeFirstOrThrow();
    const fields = ({ name, title, bio }: ProviderColumns) => ({ name, title, bio });
    await recordAudit(trx, change.organizationId, change.who, { action: 'provider.update', target: { type: 'provider', id }, before: fields(before), after: fields(after) }, change.now);
  });
  return getAdminProvider(change.db, change.organizationId, id);
}

/**
 * Archives (`active` false) or restores a provider: archived, they are gone
 * from the public catalog and the slot search; their appointments stay.
 *
 * @example
 * await setProviderActive(change, id, false);
 */
export async function setProviderActive(change: CatalogChange, id: string, active: boolean): Promise<AdminProvider> {
  await change.db.transaction().execute(async (trx) => {
    const before = await providerRow(trx, change.organizationId, id, true);
    if (before.active === active) return;
    await trx.updateTable('providers').set({ active }).where('id', '=', id).where('organization_id', '=', change.organizationId).execute();
    await recordAudit(trx, change.organizationId, change.who, { action: active ? 'provider.restore' : 'provider.archive', target: { type: 'provider', id }, before: { active: before.active }, after: { active } }, change.now);
  });
  return getAdminProvider(change.db, change.organizationId, id);
}

/**
 * Sets a provider's photo from an upload: at most 25 KB decoded, and a PNG,
 * JPEG, WebP or GIF by its content (422 on `data` otherwise, saying the size
 * and the limit). Patients see it only where the provider consented.
 *
 * @example
 * await setProviderPhoto(change, id, { data: base64Png });
 */
export async function setProviderPhoto(change: CatalogChange, id: string, upload: ImageUpload): Promise<AdminProvider> {
  const { bytes, type } = decodeImage(upload, PHOTO_MAX_BYTES);
  await change.db.transaction().execute(async (trx) => {
    const before = await providerRow(trx, change.organizationId, id, true);
    await trx.updateTable('providers').set({ photo: bytes, photo_type: type }).where('id', '=', id).where('organization_id', '=', change.organizationId).execute();
    await recordAudit(trx, change.organizationId, change.who, { action: 'provider.photo', target: { type: 'provider', id }, before: { photoType: before.photo_type }, after: { photoType: type, bytes: bytes.length } }, change.now);
  });
  return getAdminProvider(change.db, change.organizationId, id);
}

/**
 * Removes a provider's photo.
 *
 * @example
 * await deleteProviderPhoto(change, id);
 */
export async function deleteProviderPhoto(change: CatalogChange, id: string): Promise<AdminProvider> {
  await change.db.transaction().execute(async (trx) => {
    const before = await providerRow(trx, change.organizationId, id, true);
    if (before.photo_type === null) return;
    await trx.updateTable('providers').set({ photo: null, photo_type: null }).where('id', '=', id).where('organization_id', '=', change.organizationId).execute();
    await recordAudit(trx, change.organizationId, change.who, { action: 'provider.photo_delete', target: { type: 'provider', id }, before: { photoType: before.photo_type }, after: { photoType: null } }, change.now);
  });
  return getAdminProvider(change.db, change.organizationId, id);
}

/**
 * The clinics a provider works at.
 *
 * @example
 * const clinics = await providerClinics(db, org.id, id);
 */
export async function providerClinics(db: Executor, organizationId: string, id: string): Promise<ProviderPlacement[]> {
  await providerRow(db, organizationId, id);
  return (await placements(db, organizationId, [id])).get(id) ?? [];
}

/**
 * Replaces where a provider works: the set of clinics, their order among
 * each clinic's providers, whether published there, and the consent to show
 * photo and title there (B13, per clinic). Another organization's or an
 * unknown clinic is a 422 naming the entry. Removing a clinic where they
 * have future booked appointments is allowed; the answer lists those
 * appointments (`stranded`), which stay booked.
 *
 * @example
 * const { stranded } = await setProviderClinics(change, id, { clinics: [{ clinicId, consentPhoto: true, consentTitle: true }] });
 */
export async function setProviderClinics(change: CatalogChange, id: string, request: ProviderClinicsRequest): Promise<ProviderClinicsResult> {
  const removed = await change.db.transaction().execute(async (trx) => {
    await providerRow(trx, change.organizationId, id, true);
    const wanted = request.clinics.map((c) => c.clinicId);
    const known = new Set(wanted.length === 0 ? [] : (await trx.selectFrom('clinics').select('id').where('organization_id', '=', change.organizationId).where('id', 'in', wanted).execute()).map((r) => r.id));
    const foreign = wanted.findIndex((clinicId) => !known.has(clinicId));
    if (foreign >= 0) throw DomainError.invalid(`clinics.${foreign}.clinicId`, 'Not a clinic of this organization', 'not_found');
    const before = (await placements(trx, change.organizationId, [id])).get(id) ?? [];
    const old = new Map(before.map((p) => [p.clinicId, p]));
    const gone = before.filter((p) => !wanted.includes(p.clinicId)).map((p) => p.clinicId);
    if (gone.length > 0) await trx.deleteFrom('provider_clinics').where('provider_id', '=', id).where('clinic_id', 'in', gone).execute();
    for (const entry of request.clinics) {
      const previous = old.get(entry.clinicId);
      const order = entry.order ?? previous?.order ?? (await nextPlacementOrder(trx, entry.clinicId));
      const values = { display_order: order, published: entry.published ?? previous?.published ?? true, consent_photo: entry.consentPhoto, consent_title: entry.consentTitle };
      await trx.insertInto('provider_clinics').values({ organization_id: change.organizationId, provider_id: id, clinic_id: entry.clinicId, ...values })
        .onConflict((oc) => oc.columns(['provider_id', 'clinic_id', 'organization_id']).doUpdateSet(values)).execute();
    }
    const after = (await placements(trx, change.organizationId, [id])).get(id) ?? [];
    await recordAudit(trx, change.organizationId, change.who, { action: 'provider.clinics', target: { type: 'provider', id }, before, after }, change.now);
    return gone;
  });
  return { clinics: (await placements(change.db, change.organizationId, [id])).get(id) ?? [], stranded: (await bookedAhead(change.db, { id: change.organizationId, timeZone: change.timeZone }, id, removed, change.now)).map(strandedView) };
}

async function nextPlacementOrder(db: Executor, clinicId: string): Promise<number> {
  const row = await db.selectFrom('provider_clinics').select((eb) => eb.fn.max<number>('display_order').as('last')).where('clinic_id', '=', clinicId).executeTakeFirst();
  return (row?.last ?? 0) + 1;
}

// --- Treatments ---

type TreatmentColumns = { id: string; name: string; duration_minutes: number; description: string; display_order: number; online: boolean; active: boolean };

async function toAdminTreatments(db: Executor, rows: readonly TreatmentColumns[]): Promise<AdminTreatment[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [providers, clinics] = await Promise.all([
    db.selectFrom('treatment_providers').select(['treatment_id', 'provider_id']).where('treatment_id', 'in', ids).orderBy('provider_id').execute(),
    db.selectFrom('treatment_clinics').select(['treatment_id', 'clinic_id']).where('treatment_id', 'in', ids).orderBy('clinic_id').execute(),
  ]);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    durationMinutes: row.duration_minutes,
    description: row.description,
    order: row.display_order,
    online: row.online,
    active: row.active,
    providerIds: providers.filter((p) => p.treatment_id === row.id).map((p) => p.provider_id),
    clinicIds: clinics.filter((c) => c.treatment_id === row.id).map((c) => c.clinic_id),
  }));
}

/**
 * Every treatment of the organization, archived ones too, in display order, with who offers it where.
 *
 * @example
 * const { treatments } = await listAdminTreatments(db, org.id);
 */
export async function listAdminTreatments(db: Executor, organizationId: string): Promise<AdminTreatmentList> {
  const rows = await db.selectFrom('treatments').selectAll().where('organization_id', '=', organizationId)
    .orderBy('active', 'desc').orderBy('display_order').orderBy('name').orderBy('id').execute();
  return { treatments: await toAdminTreatments(db, rows) };
}

async function treatmentRow(db: Executor, organizationId: string, id: string, lock = false): Promise<TreatmentColumns> {
  let q = db.selectFrom('treatments').selectAll().where('id', '=', id).where('organization_id', '=', organizationId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('treatment');
  return row;
}

/**
 * One treatment of the organization; 404 for an unknown id or another organization's.
 *
 * @example
 * const treatment = await getAdminTreatment(db, org.id, id);
 */
export async function getAdminTreatment(db: Executor, organizationId: string, id: string): Promise<AdminTreatment> {
  return (await toAdminTreatments(db, [await treatmentRow(db, organizationId, id)]))[0]!;
}

/**
 * Adds a treatment, last in the order, offered by no one yet (see {@link setTreatmentOffers}).
 *
 * @example
 * const treatment = await createTreatment(change, { name: 'Tannrens', durationMinutes: 45 });
 */
export async function createTreatment(change: CatalogChange, request: TreatmentCreate): Promise<AdminTreatment> {
  return change.db.transaction().execute(async (trx) => {
    const id = randomUUID();
    const row = await trx.insertInto('treatments').values({
      id, organization_id: change.organizationId, name: request.name, duration_minutes: request.durationMinutes,
      description: request.description ?? '', online: request.online ?? true, display_order: await nextOrder(trx, 'treatments', change.organizationId),
    }).returningAll().executeTakeFirstOrThrow();
    const [treatment] = await toAdminTreatments(trx, [row]);
    await recordAudit(trx, change.organizationId, change.who, { action: 'treatment.create', target: { type: 'treatment', id }, after: treatment }, change.now);
    return treatment!;
  });
}

/**
 * Changes a treatment (the fields given). A new duration applies to new
 * bookings; existing appointments keep their times.
 *
 * @example
 * await updateTreatment(change, id, { durationMinutes: 60 });
 */
export async function updateTreatment(change: CatalogChange, id: string, patch: TreatmentPatch): Promise<AdminTreatment> {
  await change.db.transaction().execute(async (trx) => {
    const before = await treatmentRow(trx, change.organizationId, id, true);
    const columns = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.durationMinutes !== undefined ? { duration_minutes: patch.durationMinutes } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.online !== undefined ? { online: patch.online } : {}),
    };
    if (Object.keys(columns).length === 0) return;
    const after = await trx.updateTable('treatments').set(columns).where('id', '=', id).where('organization_id', '=', change.organizationId).returningAll().executeTakeFirstOrThrow();
    const fields = (t: TreatmentColumns) => ({ name: t.name, durationMinutes: t.duration_minutes, description: t.description, online: t.online });
    await recordAudit(trx, change.organizationId, change.who, { action: 'treatment.update', target: { type: 'treatment', id }, before: fields(before), after: fields(after) }, change.now);
  });
  return getAdminTreatment(change.db, change.organizationId, id);
}

/**
 * Archives a treatment (inactive and not online) or restores it (active,
 * last in the order, still not online until turned on). Appointments that
 * name it keep it.
 *
 * @example
 * await setTreatmentActive(change, id, false);
 */
export async function setTreatmentActive(change: CatalogChange, id: string, active: boolean): Promise<AdminTreatment> {
  await change.db.transaction().execute(async (trx) => {
    const before = await treatmentRow(trx, change.organizationId, id, true);
    if (before.active === active) return;
    const columns = active ? { active, display_order: await nextOrder(trx, 'treatments', change.organizationId) } : { active, online: false };
    await trx.updateTable('treatments').set(columns).where('id', '=', id).where('organization_id', '=', change.organizationId).execute();
    await recordAudit(trx, change.organizationId, change.who, {
      action: active ? 'treatment.restore' : 'treatment.archive', target: { type: 'treatment', id },
      before: { active: before.active, online: before.online }, after: { active, online: active ? before.online : false },
    }, change.now);
  });
  return getAdminTreatment(change.db, change.organizationId, id);
}

/**
 * Puts the active treatments in a new order: `ids` must name each of them once (422 on `ids` otherwise).
 *
 * @example
 * await orderTreatments(change, { ids: [cleaning, checkup] });
 */
export async function orderTreatments(change: CatalogChange, request: OrderRequest): Promise<AdminTreatmentList> {
  await change.db.transaction().execute(async (trx) => {
    await applyOrder(trx, change, 'treatments', 'treatment', request.ids);
  });
  return listAdminTreatments(change.db, change.organizationId);
}

/**
 * Replaces who offers a treatment (providers) and where (clinics). An id
 * that is not the organization's is a 422 naming it (`providerIds.1`).
 *
 * @example
 * await setTreatmentOffers(change, id, { providerIds: [p1], clinicIds: [a, b] });
 */
export async function setTreatmentOffers(change: CatalogChange, id: string, request: TreatmentOffers): Promise<AdminTreatment> {
  await change.db.transaction().execute(async (trx) => {
    await treatmentRow(trx, change.organizationId, id, true);
    await checkOwned(trx, change.organizationId, 'providers', 'providerIds', request.providerIds);
    await checkOwned(trx, change.organizationId, 'clinics', 'clinicIds', request.clinicIds);
    const [before] = await toAdminTreatments(trx, [await treatmentRow(trx, change.organizationId, id)]);
    await trx.deleteFrom('treatment_providers').where('treatment_id', '=', id).execute();
    await trx.deleteFrom('treatment_clinics').where('treatment_id', '=', id).execute();
    if (request.providerIds.length > 0) await trx.insertInto('treatment_providers').values(request.providerIds.map((provider_id) => ({ organization_id: change.organizationId, treatment_id: id, provider_id }))).execute();
    if (request.clinicIds.length > 0) await trx.insertInto('treatment_clinics').values(request.clinicIds.map((clinic_id) => ({ organization_id: change.organizationId, treatment_id: id, clinic_id }))).execute();
    await recordAudit(trx, change.organizationId, change.who, {
      action: 'treatment.offers', target: { type: 'treatment', id },
      before: { providerIds: before!.providerIds, clinicIds: before!.clinicIds }, after: { providerIds: [...request.providerIds].sort(), clinicIds: [...request.clinicIds].sort() },
    }, change.now);
  });
  return getAdminTreatment(change.db, change.organizationId, id);
}

async function checkOwned(db: Executor, organizationId: string, table: 'providers' | 'clinics', field: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const owned = new Set((await db.selectFrom(table).select('id').where('organization_id', '=', organizationId).where('id', 'in', ids).execute()).map((r) => r.id));
  const foreign = ids.findIndex((id) => !owned.has(id));
  if (foreign >= 0) throw DomainError.invalid(`${field}.${foreign}`, `Not a ${table === 'providers' ? 'provider' : 'clinic'} of this organization`, 'not_found');
}
