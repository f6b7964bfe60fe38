import * as z from 'zod/mini';
import { ImageUpload } from '../../sdk/schemas/media.ts';
import {
  EidSettings, OrganizationSettings, OrganizationTexts, Subdomain, Theme,
} from '../../sdk/schemas/organization.ts';
import {
  EidSettingsInput, OrganizationProfilePatch, SECTION_SCHEMAS, SubdomainChange,
  type EidSettingsView, type LogoInfo, type OrganizationProfile, type SectionView, type SettingsOverview, type SettingsSection, type SubdomainCheck,
} from '../../sdk/schemas/settings.ts';
import type { Db, Executor } from '../db/database.ts';
import type { OrganizationRow } from '../db/tables.ts';
import { DomainError } from '../domain/domain-error.ts';
import { validate } from '../domain/validate.ts';
import { recordAudit, type AuditWho } from '../audit/audit-log.ts';
import { decodeImage } from '../media/image.ts';
import { RESERVED_SUBDOMAINS } from './create-organization.ts';
import { isTimeZone } from '../../sdk/schemas/catalog-admin.ts';
import { DEFAULT_TEXTS } from './defaults.ts';
import { asRecord, organizationFromRow, type Organization } from './organization.ts';
import { isUniqueViolation } from '../db/constraint-errors.ts';

/** What the settings service needs: the database, the clock, and where the service is reached (for the logo's address). */
export interface SettingsDeps {
  db: Db;
  now: () => Date;
  /** e.g. `https://booking.example.no`, without a trailing slash. */
  publicUrl: string;
}

/**
 * The largest logo accepted, decoded. Its base64 (about 55 KB) fits the API's
 * 64 KB body limit and `ImageUpload`'s 60 000 characters, so the one body
 * limit of the API holds for this route too; a logo shown at 3 rem high needs
 * no more.
 */
export const LOGO_MAX_BYTES = 40 * 1024;

/** The whole stored value of each section: what a change must pass (the e-ID's with its secret). */
const FULL_SCHEMAS = { ...OrganizationSettings.shape, texts: OrganizationTexts, theme: Theme } as const;

type SectionValue<S extends SettingsSection> = z.infer<(typeof FULL_SCHEMAS)[S]>;

/** The sections kept in `organizations.settings` (the others have columns of their own). */
const IN_SETTINGS = new Set<SettingsSection>(['flexibility', 'fields', 'steps', 'booking', 'hostedPage', 'rateLimits', 'eid']);

function valueOf<S extends SettingsSection>(org: Organization, section: S): SectionValue<S> {
  if (section === 'texts') return org.texts as SectionValue<S>;
  if (section === 'theme') return org.theme as SectionValue<S>;
  return org.settings[section as keyof Organization['settings']] as SectionValue<S>;
}

/**
 * The e-ID settings as answered and audited: the client secret replaced by
 * whether one is stored.
 *
 * @example
 * eidView(org.settings.eid).clientSecretSet; // true
 */
export function eidView(eid: EidSettings): EidSettingsView {
  const { clientSecret, ...rest } = eid;
  return { ...rest, clientSecretSet: clientSecret !== '' };
}

/**
 * A settings section of an organization as the admin API answers it.
 *
 * @example
 * sectionView(org, 'booking').cutoffHours; // 24
 */
export function sectionView<S extends SettingsSection>(org: Organization, section: S): SectionView<S> {
  const value = valueOf(org, section);
  return (section === 'eid' ? eidView(value as EidSettings) : value) as SectionView<S>;
}

/**
 * Every setting at once (`GET /settings`), the e-ID secret left out.
 *
 * @example
 * const all = await settingsOverview(deps, c.get('org'));
 */
export async function settingsOverview(deps: SettingsDeps, org: Organization): Promise<SettingsOverview> {
  return {
    organization: organizationProfile(org),
    flexibility: org.settings.flexibility,
    fields: org.settings.fields,
    steps: org.settings.steps,
    booking: org.settings.booking,
    hostedPage: org.settings.hostedPage,
    rateLimits: org.settings.rateLimits,
    eid: eidView(org.settings.eid),
    texts: org.texts,
    theme: org.theme,
    logo: await logoInfo(deps, deps.db, org),
  };
}

/**
 * Replaces a section whole (`PUT`), validated by the contract's schema. The
 * e-ID's client secret is kept when the request leaves it out and cleared by
 * an empty string.
 *
 * @example
 * await putSection(deps, org.id, actor, 'booking', { ...booking, cutoffHours: 12 });
 */
export async function putSection<S extends SettingsSection>(deps: SettingsDeps, organizationId: string, who: AuditWho, section: S, body: unknown): Promise<SectionView<S>> {
  if (section === 'eid') {
    const input = validate(EidSettingsInput, body);
    return changeSection(deps, organizationId, who, section, 'settings.update', (current) => {
      const stored = current as EidSettings;
      return validate(EidSettings, { ...input, clientSecret: keptSecret(stored, input) }) as SectionValue<S>;
    });
  }
  const value = validate(FULL_SCHEMAS[section], body) as SectionValue<S>;
  return changeSection(deps, organizationId, who, section, 'settings.update', () => value);
}

/**
 * Changes some fields of a section (`PATCH`): nested objects merge, lists
 * and other values replace, and the result must pass the section's schema
 * whole (so a cross-field rule such as the e-ID's still holds).
 *
 * @example
 * await patchSection(deps, org.id, actor, 'flexibility', { published: false });
 */
export async function patchSection<S extends SettingsSection>(deps: SettingsDeps, organizationId: string, who: AuditWho, section: S, body: unknown): Promise<SectionView<S>> {
  const patch = validate(SECTION_SCHEMAS[section].patch, body);
  return changeSection(deps, organizationId, who, section, 'settings.update', (current) => {
    const merged = mergeDeep(current, patch) as SectionValue<S>;
    if (section === 'eid') {
      const next = merged as EidSettings;
      next.clientSecret = keptSecret(current as EidSettings, { ...next, clientSecret: (patch as { clientSecret?: string }).clientSecret });
    }
    return validate(FULL_SCHEMAS[section], merged) as SectionValue<S>;
  });
}

/**
 * The e-ID client secret after a change: the one given, else the stored one —
 * but only for the same broker and client. A new issuer or client id without
 * a new secret clears it, so nobody who may change settings can send the
 * stored secret to a broker of their choosing.
 */
function keptSecret(stored: EidSettings, next: { issuer: string; clientId: string; clientSecret?: string | undefined }): string {
  if (next.clientSecret !== undefined) return next.clientSecret;
  return next.issuer === stored.issuer && next.clientId === stored.clientId ? stored.clientSecret : '';
}

/**
 * Resets a section to the standard values ("Återställ"), answering it. The
 * theme keeps pointing at an uploaded logo (`DELETE /settings/logo` removes that).
 *
 * @example
 * await resetSection(deps, org.id, actor, 'texts');
 */
export async function resetSection<S extends SettingsSection>(deps: SettingsDeps, organizationId: string, who: AuditWho, section: S): Promise<SectionView<S>> {
  return changeSection(deps, organizationId, who, section, 'settings.reset', () => undefined);
}

/**
 * One change of one section in one transaction: the organization's row is
 * locked first, so concurrent changes of different sections each see the
 * other's result and none is lost; the audit entry commits with the change.
 */
async function changeSection<S extends SettingsSection>(
  deps: SettingsDeps, organizationId: string, who: AuditWho, section: S, action: string, change: (current: SectionValue<S>) => SectionValue<S> | undefined,
): Promise<SectionView<S>> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockedRow(trx, organizationId);
    const before = organizationFromRow(row);
    const next = change(valueOf(before, section));
    if (IN_SETTINGS.has(section)) {
      const settings = { ...asRecord(row.settings) };
      if (next === undefined) delete settings[section];
      else settings[section] = next;
      await trx.updateTable('organizations').set({ settings: JSON.stringify(settings) }).where('id', '=', organizationId).execute();
    } else if (section === 'texts') {
      const texts = next === undefined ? {} : textsToStore(next as OrganizationTexts, DEFAULT_TEXTS[row.locale]);
      await trx.updateTable('organizations').set({ texts: JSON.stringify(texts) }).where('id', '=', organizationId).execute();
    } else {
      const theme = next ?? { logoUrl: await currentLogoUrl(deps, trx, before) };
      await trx.updateTable('organizations').set({ theme: JSON.stringify(theme) }).where('id', '=', organizationId).execute();
    }
    const after = organizationFromRow(await lockedRow(trx, organizationId));
    const [was, is] = [sectionView(before, section), sectionView(after, section)];
    // Nothing changed (an empty patch, a reset of standard values): nothing to note.
    if (JSON.stringify(was) !== JSON.stringify(is)) {
      await recordAudit(trx, organizationId, who, { action, target: { type: 'settings', id: section }, before: was, after: is }, deps.now());
    }
    return is;
  });
}

async function lockedRow(trx: Executor, organizationId: string): Promise<OrganizationRow> {
  const row = await trx.selectFrom('organizations').selectAll().where('id', '=', organizationId).forUpdate().executeTakeFirst();
  if (!row) throw new DomainError('not_found');
  return row;
}

/** Only the texts that differ from the standard ones are stored, so the others follow the organization's language. */
function textsToStore(texts: OrganizationTexts, defaults: OrganizationTexts): Record<string, unknown> {
  const changed = <T extends Record<string, string>>(value: T, standard: T) => Object.fromEntries(Object.entries(value).filter(([k, v]) => v !== standard[k]));
  return {
    ...(texts.welcome !== defaults.welcome ? { welcome: texts.welcome } : {}),
    ...(texts.patientInfo !== defaults.patientInfo ? { patientInfo: texts.patientInfo } : {}),
    defaultClinicText: changed(texts.defaultClinicText, defaults.defaultClinicText),
    deviation: changed(texts.deviation, defaults.deviation),
  };
}

/**
 * A patch merged into a value: objects key by key (recursively), anything
 * else (lists, texts, null) replaces.
 *
 * @example
 * mergeDeep({ a: { b: 1, c: 2 } }, { a: { c: 3 } }); // { a: { b: 1, c: 3 } }
 */
export function mergeDeep(base: unknown, patch: unknown): unknown {
  if (!isObject(base) || !isObject(patch)) return patch === undefined ? base : patch;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) merged[key] = mergeDeep(base[key], value);
  return merged;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The organization's name, language and subdomain, as `GET /settings/organization` answers.
 *
 * @example
 * organizationProfile(c.get('org')); // { subdomain: 'smile', name: 'Smile', locale: 'nb', timeZone: 'Europe/Oslo' }
 */
export function organizationProfile(org: Organization): OrganizationProfile {
  return { subdomain: org.subdomain, name: org.name, locale: org.locale, timeZone: org.timeZone };
}

/**
 * Changes the organization's name, language or time zone (an IANA zone).
 *
 * @example
 * await patchProfile(deps, org.id, actor, { timeZone: 'Europe/Stockholm' });
 */
export async function patchProfile(deps: SettingsDeps, organizationId: string, who: AuditWho, body: unknown): Promise<OrganizationProfile> {
  const patch = validate(OrganizationProfilePatch, body);
  if (patch.timeZone !== undefined && !isTimeZone(patch.timeZone)) throw DomainError.invalid('timeZone', `Unknown time zone "${patch.timeZone}"`, 'invalid_time_zone');
  return deps.db.transaction().execute(async (trx) => {
    const before = organizationFromRow(await lockedRow(trx, organizationId));
    const changes = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
      ...(patch.timeZone !== undefined ? { time_zone: patch.timeZone } : {}),
    };
    if (Object.keys(changes).length === 0) return organizationProfile(before);
    await trx.updateTable('organizations').set(changes).where('id', '=', organizationId).execute();
    const after = organizationFromRow(await lockedRow(trx, organizationId));
    await recordAudit(trx, organizationId, who, { action: 'organization.update', target: { type: 'organization', id: organizationId }, before: organizationProfile(before), after: organizationProfile(after) }, deps.now());
    return organizationProfile(after);
  });
}

/**
 * W1: whether a subdomain could be this organization's. Upper case is read as lower case.
 *
 * @example
 * await checkSubdomain(db, org, 'www'); // { name: 'www', available: false, reason: 'reserved' }
 */
export async function checkSubdomain(db: Executor, org: Organization, raw: string): Promise<SubdomainCheck> {
  const name = raw.trim().toLowerCase();
  if (!Subdomain.safeParse(name).success) return { name, available: false, reason: 'invalid' };
  // Its own name is its own, even where new organizations may not take it (the demo's "demo").
  if (name === org.subdomain) return { name, available: false, reason: 'current' };
  if (RESERVED_SUBDOMAINS.has(name)) return { name, available: false, reason: 'reserved' };
  const other = await db.selectFrom('organizations').select('id').where('subdomain', '=', name).executeTakeFirst();
  return other ? { name, available: false, reason: 'taken' } : { name, available: true };
}

/**
 * W1: gives the organization another subdomain; the old one stops working at
 * once (its hosted page and API answer 404). An uploaded logo's address
 * follows. Reserved or malformed → 422 on `subdomain`; another
 * organization's (even one taking it at the same moment) → 409 `subdomain_taken`.
 *
 * @example
 * await changeSubdomain(deps, org.id, actor, { subdomain: 'smile-oslo' });
 */
export async function changeSubdomain(deps: SettingsDeps, organizationId: string, who: AuditWho, body: unknown): Promise<OrganizationProfile> {
  const subdomain = validate(Subdomain, validate(SubdomainChange, body).subdomain.trim().toLowerCase(), 'subdomain');
  if (RESERVED_SUBDOMAINS.has(subdomain)) throw DomainError.invalid('subdomain', `"${subdomain}" is reserved`, 'reserved');
  const taken = () => new DomainError('subdomain_taken', { detail: `"${subdomain}" belongs to another organization` });
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const before = organizationFromRow(await lockedRow(trx, organizationId));
      if (before.subdomain === subdomain) return organizationProfile(before);
      const other = await trx.selectFrom('organizations').select('id').where('subdomain', '=', subdomain).executeTakeFirst();
      if (other) throw taken();
      const oldLogo = logoUrlPrefix(deps, before.subdomain);
      const logoUrl = before.theme.logoUrl?.startsWith(oldLogo) ? logoUrlPrefix(deps, subdomain) + before.theme.logoUrl.slice(oldLogo.length) : before.theme.logoUrl;
      await trx.updateTable('organizations').set({ subdomain, theme: JSON.stringify({ ...before.theme, logoUrl }) }).where('id', '=', organizationId).execute();
      await recordAudit(trx, organizationId, who, { action: 'subdomain.change', target: { type: 'organization', id: organizationId }, before: { subdomain: before.subdomain }, after: { subdomain } }, deps.now());
      return { ...organizationProfile(before), subdomain };
    });
  } catch (error) {
    // Another organization took the name between the check and the update: the unique constraint decides.
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}

function logoUrlPrefix(deps: SettingsDeps, subdomain: string): string {
  return `${deps.publicUrl}/api/v1/organizations/${subdomain}/logo`;
}

/** The logo's address, versioned by when it was uploaded so a cached old logo is never shown for a new one. */
function logoUrlFor(deps: SettingsDeps, subdomain: string, updatedAt: Date): string {
  return `${logoUrlPrefix(deps, subdomain)}?v=${updatedAt.getTime().toString(36)}`;
}

async function logoInfo(deps: SettingsDeps, db: Executor, org: Organization): Promise<LogoInfo | null> {
  const row = await db.selectFrom('organization_logos')
    .select((eb) => ['type', 'updated_at', eb.fn<number>('octet_length', ['image']).as('bytes')])
    .where('organization_id', '=', org.id)
    .executeTakeFirst();
  return row ? { url: logoUrlFor(deps, org.subdomain, row.updated_at), type: row.type as LogoInfo['type'], bytes: Number(row.bytes) } : null;
}

async function currentLogoUrl(deps: SettingsDeps, db: Executor, org: Organization): Promise<string | null> {
  return (await logoInfo(deps, db, org))?.url ?? null;
}

/**
 * W8: stores an uploaded logo (PNG, JPEG, WebP or GIF by its content, at
 * most {@link LOGO_MAX_BYTES}) and points `theme.logoUrl` at its address on
 * our own origin; answers the theme. Anything else → 422 on `data`.
 *
 * @example
 * const theme = await putLogo(deps, org.id, actor, { data: png.toString('base64') });
 */
export async function putLogo(deps: SettingsDeps, organizationId: string, who: AuditWho, body: unknown): Promise<Theme> {
  const { bytes, type } = decodeImage(validate(ImageUpload, body), LOGO_MAX_BYTES);
  const at = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const before = organizationFromRow(await lockedRow(trx, organizationId));
    await trx.insertInto('organization_logos').values({ organization_id: organizationId, image: bytes, type, updated_at: at })
      .onConflict((oc) => oc.column('organization_id').doUpdateSet({ image: bytes, type, updated_at: at }))
      .execute();
    const theme = { ...before.theme, logoUrl: logoUrlFor(deps, before.subdomain, at) };
    await trx.updateTable('organizations').set({ theme: JSON.stringify(theme) }).where('id', '=', organizationId).execute();
    await recordAudit(trx, organizationId, who, { action: 'settings.logo.upload', target: { type: 'settings', id: 'logo' }, before: { logoUrl: before.theme.logoUrl }, after: { logoUrl: theme.logoUrl, type, bytes: bytes.length } }, at);
    return theme;
  });
}

/**
 * W8: removes the uploaded logo; the theme stops pointing at it. Answers the theme.
 *
 * @example
 * const theme = await deleteLogo(deps, org.id, actor);
 */
export async function deleteLogo(deps: SettingsDeps, organizationId: string, who: AuditWho): Promise<Theme> {
  return deps.db.transaction().execute(async (trx) => {
    const before = organizationFromRow(await lockedRow(trx, organizationId));
    const deleted = await trx.deleteFrom('organization_logos').where('organization_id', '=', organizationId).executeTakeFirst();
    const ours = before.theme.logoUrl?.startsWith(logoUrlPrefix(deps, before.subdomain)) ?? false;
    const theme = { ...before.theme, logoUrl: ours ? null : before.theme.logoUrl };
    if (ours) await trx.updateTable('organizations').set({ theme: JSON.stringify(theme) }).where('id', '=', organizationId).execute();
    if (ours || Number(deleted.numDeletedRows) > 0) {
      await recordAudit(trx, organizationId, who, { action: 'settings.logo.delete', target: { type: 'settings', id: 'logo' }, before: { logoUrl: before.theme.logoUrl }, after: { logoUrl: theme.logoUrl } }, deps.now());
    }
    return theme;
  });
}

/**
 * The organization's uploaded logo, for the public route; undefined without one.
 *
 * @example
 * const logo = await readLogo(db, org.id);
 */
export async function readLogo(db: Executor, organizationId: string): Promise<{ image: Uint8Array; type: string } | undefined> {
  return db.selectFrom('organization_logos').select(['image', 'type']).where('organization_id', '=', organizationId).executeTakeFirst();
}
