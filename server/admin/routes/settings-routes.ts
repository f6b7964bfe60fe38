import { Hono } from 'hono';
import { SettingsSection, SubdomainCheckQuery } from '../../../sdk/schemas/settings.ts';
import { validate } from '../../domain/validate.ts';
import { readJson } from '../../http/read-json.ts';
import {
  changeSubdomain, checkSubdomain, deleteLogo, organizationProfile, patchProfile, patchSection, putLogo, putSection, resetSection, sectionView, settingsOverview,
  type SettingsDeps,
} from '../../organizations/settings-service.ts';
import type { AdminEnv } from '../access.ts';

/**
 * The organization's settings as resources (issue 9; W1, W4–W9, W12): every
 * section at `/settings/{section}` with GET, PUT (whole), PATCH (some fields)
 * and DELETE (reset to the standard values); the organization's name,
 * language and time zone; the uploaded logo; the subdomain. Reading needs
 * `read`, changing `settings` (access.ts); every change is audited.
 *
 * @example
 * api.route('/', settingsRoutes({ db, now, publicUrl }));
 */
export function settingsRoutes(deps: SettingsDeps) {
  const api = new Hono<AdminEnv>();

  api.get('/settings', async (c) => c.json(await settingsOverview(deps, c.get('org'))));
  api.get('/settings/organization', (c) => c.json(organizationProfile(c.get('org'))));
  api.patch('/settings/organization', async (c) => c.json(await patchProfile(deps, c.get('org').id, c.get('actor'), await readJson(c.req.raw))));

  api.put('/settings/logo', async (c) => c.json(await putLogo(deps, c.get('org').id, c.get('actor'), await readJson(c.req.raw))));
  api.delete('/settings/logo', async (c) => c.json(await deleteLogo(deps, c.get('org').id, c.get('actor'))));

  for (const section of SettingsSection.options) {
    const path = `/settings/${section}`;
    api.get(path, (c) => c.json(sectionView(c.get('org'), section)));
    api.put(path, async (c) => c.json(await putSection(deps, c.get('org').id, c.get('actor'), section, await readJson(c.req.raw))));
    api.patch(path, async (c) => c.json(await patchSection(deps, c.get('org').id, c.get('actor'), section, await readJson(c.req.raw))));
    api.delete(path, async (c) => c.json(await resetSection(deps, c.get('org').id, c.get('actor'), section)));
  }

  api.get('/subdomain/check', async (c) => c.json(await checkSubdomain(deps.db, c.get('org'), validate(SubdomainCheckQuery, c.req.query()).name)));
  api.put('/subdomain', async (c) => c.json(await changeSubdomain(deps, c.get('org').id, c.get('actor'), await readJson(c.req.raw))));
  return api;
}
