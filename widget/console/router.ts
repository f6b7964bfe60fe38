import type { Capability } from '../../sdk/schemas/admin-common.ts';
import type { Locale } from '../../sdk/schemas/common.ts';

/** Where a page sits in the navigation. */
export type NavGroup = 'book' | 'patients' | 'web' | 'sms' | 'access' | 'account';

/** One page of the console: its address, its element, and who may see it. */
export interface ConsoleRoute {
  /** The address after `#`: `/book`, `/patients/:id` (`:name` is a param). */
  path: string;
  /** The page's custom element, defined by the module `load` imports. */
  tag: string;
  /** Imports the page's chunk (code-split: a page is downloaded when first shown). */
  load: () => Promise<unknown>;
  /** What the role must be able to do to see the page (the API checks anyway). */
  capability: Capability;
  /** The page's `<h1>` and document title. */
  title: Record<Locale, string>;
  /** In the navigation, under this group; pages without it are reached by links (a patient's page). */
  nav?: NavGroup;
}

/** A parsed address: the route, its params and the query. */
export interface Location {
  route: ConsoleRoute | undefined;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
}

/**
 * Reads a hash address (`#/patients/42?tab=messages`) against the route
 * table. Hash addresses keep every page one static file on the server and
 * let invite and reset links carry their token where no server log sees it.
 *
 * @example
 * matchRoute(routes, '#/patients/42?tab=messages'); // { route: patientRoute, params: { id: '42' }, query: tab=messages }
 */
export function matchRoute(routes: readonly ConsoleRoute[], hash: string): Location {
  const raw = hash.replace(/^#/, '') || '/';
  const [pathPart = '/', search = ''] = raw.split('?', 2);
  const path = pathPart.startsWith('/') ? pathPart : `/${pathPart}`;
  const query = new URLSearchParams(search);
  const parts = path.split('/').filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let matched = true;
    for (let i = 0; i < pattern.length && matched; i++) {
      const segment = pattern[i]!;
      const actual = parts[i]!;
      if (segment.startsWith(':')) {
        try {
          params[segment.slice(1)] = decodeURIComponent(actual);
        } catch {
          matched = false;
        }
      } else matched = segment === actual;
    }
    if (matched) return { route, path, params, query };
  }
  return { route: undefined, path, params: {}, query };
}

/**
 * The hash address of a path and query (undefined values left out).
 *
 * @example
 * hrefOf('/book', { date: '2026-12-07' }); // '#/book?date=2026-12-07'
 */
export function hrefOf(path: string, query: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, value);
  return `#${path}${params.size ? `?${params}` : ''}`;
}

/** Whether a role with these capabilities sees a route. */
export const allowed = (route: ConsoleRoute, capabilities: readonly Capability[]) => capabilities.includes(route.capability);
