import { Hono, type Context } from 'hono';
import {
  ClinicCreate, ClinicPatch, OrderRequest, ProviderClinicsRequest, ProviderCreate, ProviderPatch, TreatmentCreate, TreatmentOffers, TreatmentPatch,
} from '../../../sdk/schemas/catalog-admin.ts';
import { Id } from '../../../sdk/schemas/common.ts';
import { ImageUpload } from '../../../sdk/schemas/media.ts';
import {
  createClinic, createProvider, createTreatment, deleteProviderPhoto, getAdminClinic, getAdminProvider, getAdminTreatment, listAdminClinics,
  listAdminProviders, listAdminTreatments, orderClinics, orderTreatments, providerClinics, setClinicActive, setProviderActive, setProviderClinics,
  setProviderPhoto, setTreatmentActive, setTreatmentOffers, updateClinic, updateProvider, updateTreatment, type CatalogChange,
} from '../../catalog/catalog-admin.ts';
import { readJson } from '../../http/read-json.ts';
import { validate } from '../../domain/validate.ts';
import type { AdminDeps } from '../admin-api.ts';
import type { AdminEnv } from '../access.ts';

/**
 * The catalog (W2, W3): clinics (groups, order, texts, archive), providers
 * (photo, where they work with per-clinic consent), treatments (order,
 * archive, who offers them where). Every id is the caller's organization's:
 * another's answers 404 (in the path) or 422 (in the body), changing nothing.
 *
 * @example
 * api.route('/', catalogRoutes(deps));
 */
export function catalogRoutes(deps: AdminDeps) {
  const api = new Hono<AdminEnv>();
  const id = (c: Context<AdminEnv>) => validate(Id, c.req.param('id'), 'id');
  const change = (c: Context<AdminEnv>): CatalogChange => ({ db: deps.db, organizationId: c.get('org').id, timeZone: c.get('org').timeZone, who: c.get('actor'), now: deps.now() });
  const body = async <S extends Parameters<typeof validate>[0]>(c: Context<AdminEnv>, schema: S) => validate(schema, await readJson(c.req.raw));

  // Clinics. `/clinics/order` before `/clinics/:id`.
  api.get('/clinics', async (c) => c.json(await listAdminClinics(deps.db, c.get('org').id)));
  api.post('/clinics', async (c) => c.json(await createClinic(change(c), await body(c, ClinicCreate)), 201));
  api.put('/clinics/order', async (c) => c.json(await orderClinics(change(c), await body(c, OrderRequest))));
  api.get('/clinics/:id', async (c) => c.json(await getAdminClinic(deps.db, c.get('org').id, id(c))));
  api.patch('/clinics/:id', async (c) => {
    const clinicId = id(c);
    return c.json(await updateClinic(change(c), clinicId, await body(c, ClinicPatch)));
  });
  api.post('/clinics/:id/archive', async (c) => c.json(await setClinicActive(change(c), id(c), false)));
  api.post('/clinics/:id/restore', async (c) => c.json(await setClinicActive(change(c), id(c), true)));

  // Providers.
  api.get('/providers', async (c) => c.json(await listAdminProviders(deps.db, c.get('org').id)));
  api.post('/providers', async (c) => c.json(await createProvider(change(c), await body(c, ProviderCreate)), 201));
  api.get('/providers/:id', async (c) => c.json(await getAdminProvider(deps.db, c.get('org').id, id(c))));
  api.patch('/providers/:id', async (c) => {
    const providerId = id(c);
    return c.json(await updateProvider(change(c), providerId, await body(c, ProviderPatch)));
  });
  api.post('/providers/:id/archive', async (c) => c.json(await setProviderActive(change(c), id(c), false)));
  api.post('/providers/:id/restore', async (c) => c.json(await setProviderActive(change(c), id(c), true)));
  api.put('/providers/:id/photo', async (c) => {
    const providerId = id(c);
    return c.json(await setProviderPhoto(change(c), providerId, await body(c, ImageUpload)));
  });
  api.delete('/providers/:id/photo', async (c) => c.json(await deleteProviderPhoto(change(c), id(c))));
  api.get('/providers/:id/clinics', async (c) => c.json({ clinics: await providerClinics(deps.db, c.get('org').id, id(c)) }));
  api.put('/providers/:id/clinics', async (c) => {
    const providerId = id(c);
    return c.json(await setProviderClinics(change(c), providerId, await body(c, ProviderClinicsRequest)));
  });

  // Treatments. `/treatments/order` before `/treatments/:id`.
  api.get('/treatments', async (c) => c.json(await listAdminTreatments(deps.db, c.get('org').id)));
  api.post('/treatments', async (c) => c.json(await createTreatment(change(c), await body(c, TreatmentCreate)), 201));
  api.put('/treatments/order', async (c) => c.json(await orderTreatments(change(c), await body(c, OrderRequest))));
  api.get('/treatments/:id', async (c) => c.json(await getAdminTreatment(deps.db, c.get('org').id, id(c))));
  api.patch('/treatments/:id', async (c) => {
    const treatmentId = id(c);
    return c.json(await updateTreatment(change(c), treatmentId, await body(c, TreatmentPatch)));
  });
  api.post('/treatments/:id/archive', async (c) => c.json(await setTreatmentActive(change(c), id(c), false)));
  api.post('/treatments/:id/restore', async (c) => c.json(await setTreatmentActive(change(c), id(c), true)));
  api.put('/treatments/:id/offers', async (c) => {
    const treatmentId = id(c);
    return c.json(await setTreatmentOffers(change(c), treatmentId, await body(c, TreatmentOffers)));
  });
  return api;
}
