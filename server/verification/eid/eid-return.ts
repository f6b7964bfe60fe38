import { EMBEDDING_ORIGIN } from '../../../sdk/schemas/organization.ts';
import type { EidLoginMode, EidStartQuery } from '../../../sdk/schemas/eid.ts';
import { DomainError } from '../../domain/domain-error.ts';
import type { Organization } from '../../organizations/organization.ts';

/** Where a login goes back to, whether it succeeded or not. */
export interface EidReturn {
  mode: EidLoginMode;
  /** A path on the hosted page (`/o/{subdomain}/…`). */
  returnTo: string;
  /** Popup mode: the opener's origin the result is posted to. */
  origin: string | null;
}

/**
 * Checks where a login asks to go back to, before anything is stored:
 * `returnTo` must be a path on this organization's hosted page (no other
 * host, no way out by `..` or `//`), and in popup mode `origin` must be an
 * origin the organization lets frame its page (exactly, or by its
 * `https://*.` wildcard) or the server's own. Throws `validation_failed`
 * naming the field.
 *
 * @example
 * checkReturn(org, 'https://book.example', { returnTo: '/o/acme/', mode: 'popup', origin: 'https://www.clinic.no' });
 */
export function checkReturn(org: Organization, publicUrl: string, query: EidStartQuery): EidReturn {
  const mode = query.mode ?? 'redirect';
  const home = `/o/${org.subdomain}`;
  let returnTo = `${home}/`;
  if (query.returnTo !== undefined) {
    const base = 'https://return.invalid';
    let url: URL | undefined;
    try {
      url = new URL(query.returnTo, base);
    } catch {
      url = undefined;
    }
    if (!url || url.origin !== base || !(url.pathname === home || url.pathname.startsWith(`${home}/`)) || /[\s\\]/.test(query.returnTo)) {
      throw DomainError.invalid('returnTo', `A path on this organization's booking page (${home}/…)`);
    }
    returnTo = url.pathname + url.search + url.hash;
  }
  if (mode === 'redirect') return { mode, returnTo, origin: null };
  const origin = query.origin;
  if (origin === undefined) throw DomainError.invalid('origin', 'Required in popup mode: the origin of the page that opened the popup', 'required');
  const own = new URL(publicUrl).origin;
  if (origin !== own && !originAllowed(origin, org.settings.hostedPage.frameAncestors)) {
    throw DomainError.invalid('origin', 'Not an origin this organization lets embed its booking (hostedPage.frameAncestors)', 'not_allowed');
  }
  return { mode, returnTo, origin };
}

/**
 * Whether an origin matches a list of embedding origins as CSP
 * `frame-ancestors` would: exactly, or `https://*.clinic.no` matching any
 * subdomain of clinic.no (not clinic.no itself) on the same port.
 *
 * @example
 * originAllowed('https://www.clinic.no', ['https://*.clinic.no']); // true
 * originAllowed('https://clinic.no.evil.example', ['https://*.clinic.no']); // false
 */
export function originAllowed(origin: string, patterns: readonly string[]): boolean {
  if (!EMBEDDING_ORIGIN.test(origin) || origin.includes('*')) return false;
  return patterns.some((pattern) => {
    if (!pattern.startsWith('https://*.')) return pattern === origin;
    const suffix = pattern.slice('https://*'.length);
    return origin.endsWith(suffix) && origin.length > 'https://'.length + suffix.length;
  });
}
