import * as z from 'zod/mini';
import type { Call } from '../http-call.ts';
import {
  AdminClinic, AdminClinicList, AdminProvider, AdminProviderList, AdminTreatment, AdminTreatmentList, ProviderClinicsResult, ProviderPlacement,
  type ClinicCreate, type ClinicPatch, type ProviderClinicsRequest, type ProviderCreate, type ProviderPatch, type TreatmentCreate, type TreatmentOffers,
  type TreatmentPatch,
} from '../schemas/catalog-admin.ts';
import type { ImageUpload } from '../schemas/media.ts';

/**
 * The catalog (W2, W3): clinics, providers (photo, where they work with
 * per-clinic consent) and treatments (who offers them where).
 *
 * @example
 * const clinic = await admin.createClinic({ name: 'Bryggen', group: 'Bergen' });
 * await admin.setProviderClinics(providerId, { clinics: [{ clinicId: clinic.id, consentPhoto: true, consentTitle: true }] });
 */
export function catalogMethods(call: Call) {
  return {
    listClinics: () => call(AdminClinicList, 'clinics'),
    createClinic: (request: ClinicCreate) => call(AdminClinic, 'clinics', { method: 'post', json: request }),
    getClinic: (id: string) => call(AdminClinic, `clinics/${id}`),
    updateClinic: (id: string, patch: ClinicPatch) => call(AdminClinic, `clinics/${id}`, { method: 'patch', json: patch }),
    /** Every active clinic's id once, first to last. */
    orderClinics: (ids: string[]) => call(AdminClinicList, 'clinics/order', { method: 'put', json: { ids } }),
    archiveClinic: (id: string) => call(AdminClinic, `clinics/${id}/archive`, { method: 'post', json: {} }),
    restoreClinic: (id: string) => call(AdminClinic, `clinics/${id}/restore`, { method: 'post', json: {} }),
    listProviders: () => call(AdminProviderList, 'providers'),
    createProvider: (request: ProviderCreate) => call(AdminProvider, 'providers', { method: 'post', json: request }),
    getProvider: (id: string) => call(AdminProvider, `providers/${id}`),
    updateProvider: (id: string, patch: ProviderPatch) => call(AdminProvider, `providers/${id}`, { method: 'patch', json: patch }),
    archiveProvider: (id: string) => call(AdminProvider, `providers/${id}/archive`, { method: 'post', json: {} }),
    restoreProvider: (id: string) => call(AdminProvider, `providers/${id}/restore`, { method: 'post', json: {} }),
    /** At most 25 KB; PNG, JPEG, WebP or GIF by content. */
    setProviderPhoto: (id: string, upload: ImageUpload) => call(AdminProvider, `providers/${id}/photo`, { method: 'put', json: upload }),
    deleteProviderPhoto: (id: string) => call(AdminProvider, `providers/${id}/photo`, { method: 'delete' }),
    getProviderClinics: (id: string) => call(z.object({ clinics: z.array(ProviderPlacement) }), `providers/${id}/clinics`),
    /** Replaces where the provider works; future appointments left behind come back in `stranded`. */
    setProviderClinics: (id: string, request: ProviderClinicsRequest) => call(ProviderClinicsResult, `providers/${id}/clinics`, { method: 'put', json: request }),
    listTreatments: () => call(AdminTreatmentList, 'treatments'),
    createTreatment: (request: TreatmentCreate) => call(AdminTreatment, 'treatments', { method: 'post', json: request }),
    getTreatment: (id: string) => call(AdminTreatment, `treatments/${id}`),
    updateTreatment: (id: string, patch: TreatmentPatch) => call(AdminTreatment, `treatments/${id}`, { method: 'patch', json: patch }),
    orderTreatments: (ids: string[]) => call(AdminTreatmentList, 'treatments/order', { method: 'put', json: { ids } }),
    archiveTreatment: (id: string) => call(AdminTreatment, `treatments/${id}/archive`, { method: 'post', json: {} }),
    restoreTreatment: (id: string) => call(AdminTreatment, `treatments/${id}/restore`, { method: 'post', json: {} }),
    setTreatmentOffers: (id: string, offers: TreatmentOffers) => call(AdminTreatment, `treatments/${id}/offers`, { method: 'put', json: offers }),
  };
}
