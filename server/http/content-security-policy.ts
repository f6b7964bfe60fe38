import { EMBEDDING_ORIGIN } from '../../sdk/schemas/organization.ts';

/** What a page's Content-Security-Policy allows beyond its own origin. */
export interface PolicySources {
  /** A fresh random value per response, carried by the page's own inline `<style>`. */
  nonce?: string;
  /** `'sha256-…'` sources of a static page's inline scripts and styles. */
  scriptHashes?: readonly string[];
  styleHashes?: readonly string[];
  /** The organization's analytics script (W12): its origin may run scripts and be called. */
  analyticsScriptUrl?: string | null | undefined;
  /** The organization's logo: its origin may serve images. */
  logoUrl?: string | null | undefined;
  /** https origins allowed to frame the page; none (the default) gives `'none'`. */
  frameAncestors?: readonly string[];
}

const HASH = /^'sha(?:256|384|512)-[A-Za-z0-9+/]+={0,2}'$/;
const NONCE = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * The origin of an https URL as a CSP source, or null for anything else
 * (another scheme, a relative or data URL, or a host a policy could be
 * smuggled through: URL parsing lets `;`, `,` and `'` into a host).
 *
 * @example
 * cspOrigin('https://stats.example.org/script.js'); // 'https://stats.example.org'
 * cspOrigin('/logo.png');                           // null ('self' covers it)
 */
export function cspOrigin(url: string | null | undefined): string | null {
  if (!url) return null;
  let origin: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:') return null;
    origin = parsed.origin;
  } catch {
    return null;
  }
  return EMBEDDING_ORIGIN.test(origin) && !origin.includes('*') ? origin : null;
}

/**
 * A strict Content-Security-Policy: nothing by default; scripts, styles,
 * images and requests from the page's own origin; the analytics script's
 * origin for scripts and requests, the logo's for images; inline styles and
 * scripts only by nonce or hash; no plugins, no `<base>`, forms only to the
 * own origin; framing only by the listed origins. Pure: every value taken
 * from settings is re-checked, so none can add a directive or a source.
 *
 * @example
 * contentSecurityPolicy({ nonce, analyticsScriptUrl: 'https://stats.example.org/s.js', frameAncestors: ['https://www.clinic.no'] });
 * // "default-src 'none'; script-src 'self' https://stats.example.org; style-src 'self' 'nonce-…'; … frame-ancestors https://www.clinic.no"
 */
export function contentSecurityPolicy(sources: PolicySources): string {
  const analytics = cspOrigin(sources.analyticsScriptUrl);
  const logo = cspOrigin(sources.logoUrl);
  const nonce = sources.nonce && NONCE.test(sources.nonce) ? [`'nonce-${sources.nonce}'`] : [];
  const hashes = (list: readonly string[] | undefined) => (list ?? []).filter((hash) => HASH.test(hash));
  const ancestors = [...new Set((sources.frameAncestors ?? []).filter((origin) => EMBEDDING_ORIGIN.test(origin)))];
  const directives: [string, ...string[]][] = [
    ['default-src', "'none'"],
    ['script-src', "'self'", ...hashes(sources.scriptHashes), ...(analytics ? [analytics] : [])],
    ['style-src', "'self'", ...nonce, ...hashes(sources.styleHashes)],
    ['img-src', "'self'", 'data:', ...(logo ? [logo] : [])],
    ['connect-src', "'self'", ...(analytics ? [analytics] : [])],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['object-src', "'none'"],
    ['frame-ancestors', ...(ancestors.length > 0 ? ancestors : ["'none'"])],
  ];
  return directives.map((directive) => directive.join(' ')).join('; ');
}
