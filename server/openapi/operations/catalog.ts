import * as z from 'zod/mini';
import {
  AdminClinic, AdminClinicList, AdminProvider, AdminProviderList, AdminTreatment, AdminTreatmentList, ClinicCreate, ClinicPatch, OrderRequest,
  ProviderClinicsRequest, ProviderClinicsResult, ProviderCreate, ProviderPatch, ProviderPlacement, TreatmentCreate, TreatmentOffers, TreatmentPatch,
} from '../../../sdk/schemas/catalog-admin.ts';
import { ImageUpload } from '../../../sdk/schemas/media.ts';
import { ADMIN, type ApiOperation } from '../api-operation.ts';

const tag = 'Admin: catalog';
const clinic = { status: 200, schema: AdminClinic, name: 'AdminClinic' } as const;
const provider = { status: 200, schema: AdminProvider, name: 'AdminProvider' } as const;
const treatment = { status: 200, schema: AdminTreatment, name: 'AdminTreatment' } as const;
const order = { schema: OrderRequest, name: 'OrderRequest' } as const;

/** Clinics, providers and treatments (W2, W3). */
export const CATALOG_OPERATIONS: ApiOperation[] = [
  { method: 'get', path: `${ADMIN}/clinics`, tag, summary: 'Every clinic, archived ones too, in display order', security: 'admin', ok: { status: 200, schema: AdminClinicList, name: 'AdminClinicList' } },
  { method: 'post', path: `${ADMIN}/clinics`, tag, summary: 'Adds a clinic (last in the order)', security: 'admin', body: { schema: ClinicCreate, name: 'ClinicCreate' }, ok: { ...clinic, status: 201 } },
  { method: 'put', path: `${ADMIN}/clinics/order`, tag, summary: 'Orders the active clinics: each id once', security: 'admin', body: order, ok: { status: 200, schema: AdminClinicList, name: 'AdminClinicList' } },
  { method: 'get', path: `${ADMIN}/clinics/:id`, tag, summary: 'One clinic', security: 'admin', ok: clinic },
  { method: 'patch', path: `${ADMIN}/clinics/:id`, tag, summary: "Changes a clinic's name, address, group, time zone or text (the fields given)", security: 'admin', body: { schema: ClinicPatch, name: 'ClinicPatch' }, ok: clinic },
  { method: 'post', path: `${ADMIN}/clinics/:id/archive`, tag, summary: 'Archives a clinic: gone from the public catalog and slot search; appointments stay', security: 'admin', ok: clinic },
  { method: 'post', path: `${ADMIN}/clinics/:id/restore`, tag, summary: 'Restores an archived clinic (last in the order)', security: 'admin', ok: clinic },
  { method: 'get', path: `${ADMIN}/providers`, tag, summary: 'Every provider, archived ones too, with where they work', security: 'admin', ok: { status: 200, schema: AdminProviderList, name: 'AdminProviderList' } },
  { method: 'post', path: `${ADMIN}/providers`, tag, summary: 'Adds a provider', security: 'admin', body: { schema: ProviderCreate, name: 'ProviderCreate' }, ok: { ...provider, status: 201 } },
  { method: 'get', path: `${ADMIN}/providers/:id`, tag, summary: 'One provider', security: 'admin', ok: provider },
  { method: 'patch', path: `${ADMIN}/providers/:id`, tag, summary: "Changes a provider's name, title or text (the fields given)", security: 'admin', body: { schema: ProviderPatch, name: 'ProviderPatch' }, ok: provider },
  { method: 'post', path: `${ADMIN}/providers/:id/archive`, tag, summary: 'Archives a provider: gone from the public catalog and slot search; appointments stay', security: 'admin', ok: provider },
  { method: 'post', path: `${ADMIN}/providers/:id/restore`, tag, summary: 'Restores an archived provider', security: 'admin', ok: provider },
  {
    method: 'put', path: `${ADMIN}/providers/:id/photo`, tag, summary: "Sets a provider's photo", security: 'admin',
    description: 'At most 25 KB decoded; PNG, JPEG, WebP or GIF by content (the name does not matter). Patients see it only at clinics where the provider consented.',
    body: { schema: ImageUpload, name: 'ImageUpload' }, ok: provider,
  },
  { method: 'delete', path: `${ADMIN}/providers/:id/photo`, tag, summary: "Removes a provider's photo", security: 'admin', ok: provider },
  { method: 'get', path: `${ADMIN}/providers/:id/clinics`, tag, summary: 'Where a provider works, with order, publishing and consent per clinic', security: 'admin', ok: { status: 200, schema: z.object({ clinics: z.array(ProviderPlacement) }) } },
  {
    method: 'put', path: `${ADMIN}/providers/:id/clinics`, tag, summary: 'Sets where a provider works, with order, publishing and consent to show photo and title per clinic', security: 'admin',
    description: 'Replaces the set. Removing a clinic where the provider has future booked appointments is allowed: they stay booked and come back in `stranded`.',
    body: { schema: ProviderClinicsRequest, name: 'ProviderClinicsRequest' }, ok: { status: 200, schema: ProviderClinicsResult, name: 'ProviderClinicsResult' },
  },
  { method: 'get', path: `${ADMIN}/treatments`, tag, summary: 'Every treatment, archived ones too, in display order, with who offers it where', security: 'admin', ok: { status: 200, schema: AdminTreatmentList, name: 'AdminTreatmentList' } },
  { method: 'post', path: `${ADMIN}/treatments`, tag, summary: 'Adds a treatment (last in the order, offered by no one yet)', security: 'admin', body: { schema: TreatmentCreate, name: 'TreatmentCreate' }, ok: { ...treatment, status: 201 } },
  { method: 'put', path: `${ADMIN}/treatments/order`, tag, summary: 'Orders the active treatments: each id once', security: 'admin', body: order, ok: { status: 200, schema: AdminTreatmentList, name: 'AdminTreatmentList' } },
  { method: 'get', path: `${ADMIN}/treatments/:id`, tag, summary: 'One treatment', security: 'admin', ok: treatment },
  { method: 'patch', path: `${ADMIN}/treatments/:id`, tag, summary: 'Changes a treatment (a new duration applies to new bookings only)', security: 'admin', body: { schema: TreatmentPatch, name: 'TreatmentPatch' }, ok: treatment },
  { method: 'post', path: `${ADMIN}/treatments/:id/archive`, tag, summary: 'Archives a treatment (and takes it offline); appointments keep it', security: 'admin', ok: treatment },
  { method: 'post', path: `${ADMIN}/treatments/:id/restore`, tag, summary: 'Restores an archived treatment (still offline until turned on)', security: 'admin', ok: treatment },
  { method: 'put', path: `${ADMIN}/treatments/:id/offers`, tag, summary: 'Sets who offers a treatment and at which clinics', security: 'admin', body: { schema: TreatmentOffers, name: 'TreatmentOffers' }, ok: treatment },
];
