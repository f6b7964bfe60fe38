import type { Executor } from '../db/database.ts';
import { findOrganization } from '../organizations/organization-repository.ts';
import type { Organization } from '../organizations/organization.ts';

/**
 * Remembers a value derived from an organization's configuration under a
 * key, computing it with `load` once for as long as that configuration stays
 * the same.
 */
export type Remember = <T>(key: string, load: () => Promise<T>) => Promise<T>;

/** No memory: every call loads. What callers without a cache (a booking's transaction) use. */
export const loadEveryTime: Remember = (_key, load) => load();

/**
 * What the public API reads on every request and staff change rarely: an
 * organization's settings, catalog and schedules (issue 11.2).
 */
export interface ConfigCache {
  /** The organization with this subdomain as it is now, or a `not_found` DomainError. */
  organization(db: Executor, subdomain: string): Promise<Organization>;
  /**
   * The memory of one organization's configuration at the version its
   * object was read at; an organization not read through this cache
   * remembers nothing ({@link loadEveryTime}).
   */
  remember(org: Organization): Remember;
  /**
   * The organization with this subdomain as this cache last read it, and the
   * `config_version` it was read at, without asking the database: for a
   * caller that reads the current version itself in the statement it needs
   * anyway (`searchSlotsAt`), and falls back to {@link organization} when it moved.
   */
  lastRead(subdomain: string): { org: Organization; version: number } | undefined;
}

interface Entry {
  version: number;
  org: Organization;
  values: Map<string, Promise<unknown>>;
}

/**
 * A per-process cache keyed by `organizations.config_version`, which
 * triggers bump in the transaction of any change to the settings, the
 * catalog or the schedules (migration 0018). Each request reads the version
 * (one indexed query, the organization's lookup by subdomain that it needed
 * anyway), so a change committed by any process is seen by every process's
 * next request: nothing to broadcast, nothing to miss. Busy times
 * (appointments and holds) are never cached: a taken time is never served
 * as free. Entries are bounded: the oldest organization, or an
 * organization's oldest value, is forgotten first.
 *
 * @example
 * const cache = createConfigCache();
 * const org = await cache.organization(db, 'demo');
 * const clinics = await cache.remember(org)('clinics', () => listClinics(db, org));
 */
export function createConfigCache(limits: { organizations?: number; valuesPerOrganization?: number } = {}): ConfigCache {
  const maxOrganizations = limits.organizations ?? 1000;
  const maxValues = limits.valuesPerOrganization ?? 500;
  const bySubdomain = new Map<string, Entry>();
  const byObject = new WeakMap<Organization, Entry>();

  return {
    async organization(db, subdomain) {
      const key = subdomain.toLowerCase();
      const current = await db.selectFrom('organizations').select(['id', 'config_version']).where('subdomain', '=', key).executeTakeFirst();
      const cached = bySubdomain.get(key);
      if (current && cached && cached.org.id === current.id && cached.version === current.config_version) return cached.org;
      // Read after the version: what is remembered under it is never older than it.
      const org = await findOrganization(db, key);
      if (!current) return org;
      const entry: Entry = { version: current.config_version, org, values: new Map() };
      bySubdomain.delete(key);
      if (bySubdomain.size >= maxOrganizations) bySubdomain.delete(bySubdomain.keys().next().value!);
      bySubdomain.set(key, entry);
      byObject.set(org, entry);
      return org;
    },

    remember(org) {
      const entry = byObject.get(org);
      if (!entry) return loadEveryTime;
      return <T>(key: string, load: () => Promise<T>): Promise<T> => {
        const known = entry.values.get(key);
        if (known) return known as Promise<T>;
        if (entry.values.size >= maxValues) entry.values.delete(entry.values.keys().next().value!);
        const loading = load();
        entry.values.set(key, loading);
        // A failed load is not remembered: the next request tries again.
        loading.catch(() => { if (entry.values.get(key) === loading) entry.values.delete(key); });
        return loading;
      };
    },

    lastRead(subdomain) {
      const entry = bySubdomain.get(subdomain.toLowerCase());
      return entry && { org: entry.org, version: entry.version };
    },
  };
}
