import { ImageUpload } from '../../../sdk/schemas/media.ts';
import { Theme } from '../../../sdk/schemas/organization.ts';
import {
  OrganizationProfile, OrganizationProfilePatch, SECTION_SCHEMAS, SettingsOverview, SettingsSection, SubdomainChange, SubdomainCheck, SubdomainCheckQuery,
} from '../../../sdk/schemas/settings.ts';
import { ADMIN, type ApiOperation } from '../api-operation.ts';

const TAG = 'Admin: settings';

/** Component names per section: its answer, whole value and patch. */
const title = (section: SettingsSection) => `${section[0]!.toUpperCase()}${section.slice(1)}Settings`;

/** The settings as resources (issue 9; W1, W4–W9, W12), and the public logo. */
export const SETTINGS_OPERATIONS: ApiOperation[] = [
  { method: 'get', path: `${ADMIN}/settings`, tag: TAG, summary: 'Every setting at once (the e-ID client secret never)', security: 'admin', ok: { status: 200, schema: SettingsOverview, name: 'SettingsOverview' } },
  { method: 'get', path: `${ADMIN}/settings/organization`, tag: TAG, summary: "The organization's subdomain, name, language and time zone", security: 'admin', ok: { status: 200, schema: OrganizationProfile, name: 'OrganizationProfile' } },
  { method: 'patch', path: `${ADMIN}/settings/organization`, tag: TAG, summary: "Changes the organization's name, language or time zone (IANA)", security: 'admin', body: { schema: OrganizationProfilePatch, name: 'OrganizationProfilePatch' }, ok: { status: 200, schema: OrganizationProfile, name: 'OrganizationProfile' } },
  ...SettingsSection.options.flatMap((section): ApiOperation[] => {
    const { view, input, patch } = SECTION_SCHEMAS[section];
    const path = `${ADMIN}/settings/${section}`;
    const secret = section === 'eid' ? ' The client secret is never answered (`clientSecretSet` says whether one is stored); without `clientSecret` the stored one is kept, an empty string clears it.' : '';
    return [
      { method: 'get', path, tag: TAG, summary: `The ${section} settings`, security: 'admin', ok: { status: 200, schema: view, name: title(section) } },
      { method: 'put', path, tag: TAG, summary: `Replaces the ${section} settings`, description: `The whole section, validated by its schema.${secret}`, security: 'admin', body: { schema: input, name: `${title(section)}Input` }, ok: { status: 200, schema: view, name: title(section) } },
      { method: 'patch', path, tag: TAG, summary: `Changes some of the ${section} settings`, description: `Nested objects merge, lists replace; the merged section must pass its schema.${secret}`, security: 'admin', body: { schema: patch, name: `${title(section)}Patch` }, ok: { status: 200, schema: view, name: title(section) } },
      { method: 'delete', path, tag: TAG, summary: `Resets the ${section} settings to the standard values`, security: 'admin', ok: { status: 200, schema: view, name: title(section) } },
    ];
  }),
  { method: 'put', path: `${ADMIN}/settings/logo`, tag: TAG, summary: 'Uploads the logo (PNG, JPEG, WebP or GIF by content, at most 40 KB); the theme points at it', security: 'admin', body: { schema: ImageUpload, name: 'ImageUpload' }, ok: { status: 200, schema: Theme, name: 'ThemeSettings' } },
  { method: 'delete', path: `${ADMIN}/settings/logo`, tag: TAG, summary: 'Removes the uploaded logo', security: 'admin', ok: { status: 200, schema: Theme, name: 'ThemeSettings' } },
  { method: 'get', path: `${ADMIN}/subdomain/check`, tag: TAG, summary: 'Whether a subdomain is free (W1)', security: 'admin', query: SubdomainCheckQuery, ok: { status: 200, schema: SubdomainCheck, name: 'SubdomainCheck' } },
  { method: 'put', path: `${ADMIN}/subdomain`, tag: TAG, summary: "Changes the organization's subdomain; the old one stops working at once (W1)", security: 'admin', body: { schema: SubdomainChange, name: 'SubdomainChange' }, ok: { status: 200, schema: OrganizationProfile, name: 'OrganizationProfile' }, errors: ['subdomain_taken'] },
  { method: 'get', path: '/api/v1/organizations/:org/logo', tag: 'Organization', summary: "The organization's uploaded logo", ok: { status: 200, description: 'The image', contentType: 'image/*' } },
];
