import type * as z from 'zod/mini';
import type { Call } from '../http-call.ts';
import { Theme } from '../schemas/organization.ts';
import type { ImageUpload } from '../schemas/media.ts';
import {
  OrganizationProfile, SECTION_SCHEMAS, SettingsOverview, SubdomainCheck,
  type OrganizationProfilePatch, type SectionInput, type SectionPatch, type SectionView, type SettingsSection,
} from '../schemas/settings.ts';

/**
 * The organization's settings (issue 9; W1, W4–W9, W12): each section read,
 * replaced, patched or reset by name, typed per section; the organization's
 * name, language and time zone; the logo; the subdomain.
 *
 * @example
 * const admin = createAdminClient({ baseUrl, apiKey });
 * await admin.patchSection('flexibility', { published: false });
 * await admin.resetSection('texts');
 */
export function settingsMethods(call: Call) {
  const view = (section: SettingsSection): z.ZodMiniType => SECTION_SCHEMAS[section].view;
  return {
    /** Every setting at once (the console's view). */
    getAllSettings: () => call(SettingsOverview, 'settings'),
    getSection: <S extends SettingsSection>(section: S): Promise<SectionView<S>> => call(view(section), `settings/${section}`) as Promise<SectionView<S>>,
    updateSection: <S extends SettingsSection>(section: S, value: SectionInput<S>): Promise<SectionView<S>> => call(view(section), `settings/${section}`, { method: 'put', json: value }) as Promise<SectionView<S>>,
    patchSection: <S extends SettingsSection>(section: S, patch: SectionPatch<S>): Promise<SectionView<S>> => call(view(section), `settings/${section}`, { method: 'patch', json: patch }) as Promise<SectionView<S>>,
    /** "Återställ": back to the standard values. */
    resetSection: <S extends SettingsSection>(section: S): Promise<SectionView<S>> => call(view(section), `settings/${section}`, { method: 'delete' }) as Promise<SectionView<S>>,
    getOrganization: () => call(OrganizationProfile, 'settings/organization'),
    updateOrganization: (patch: OrganizationProfilePatch) => call(OrganizationProfile, 'settings/organization', { method: 'patch', json: patch }),
    /** Uploads the logo (base64 of a PNG, JPEG, WebP or GIF, at most 40 KB); answers the theme pointing at it. */
    uploadLogo: (upload: ImageUpload) => call(Theme, 'settings/logo', { method: 'put', json: upload }),
    deleteLogo: () => call(Theme, 'settings/logo', { method: 'delete' }),
    checkSubdomain: (name: string) => call(SubdomainCheck, 'subdomain/check', { searchParams: { name } }),
    changeSubdomain: (subdomain: string) => call(OrganizationProfile, 'subdomain', { method: 'put', json: { subdomain } }),
  };
}
