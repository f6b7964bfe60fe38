import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { packagePath } from '../package-path.ts';
import type { BookingDeps } from '../booking/booking-service.ts';
import type { BookingView } from '../../sdk/schemas/booking.ts';
import { findOrganization } from '../organizations/organization-repository.ts';
import { Subdomain } from '../../sdk/schemas/organization.ts';
import { validate } from '../domain/validate.ts';
import { DomainError } from '../domain/domain-error.ts';
import { bookingOff, type Organization } from '../organizations/organization.ts';
import { getBooking } from '../booking/booking-service.ts';
import { pageLocale } from './page-locale.ts';
import { DEFAULT_ICON } from './default-icon.ts';
import { contentSecurityPolicy, cspOrigin } from '../http/content-security-policy.ts';
import { serveBuiltFile, IMMUTABLE } from '../http/built-files.ts';
import { entityTag, notModified } from '../http/etag.ts';
import { inlineHashes } from '../http/inline-hashes.ts';

/** Where `npm run build` writes the widget. */
export const WIDGET_DIR = packagePath('dist/widget/');

const WIDGET_FILE = /^(chunks\/)?[\w.-]+\.js$/;

/**
 * The hosted booking page per organization (D5, W1) at `/o/:subdomain/`, and
 * the patient's manage link at `/o/:subdomain/manage/:token`: the
 * organization's logo, colours and name around the `<opus-booking>` widget,
 * which shows the welcome text (B7) and the flow.
 */
export function hostedPage(deps: BookingDeps) {
  const page = new Hono();
  page.get('/:org', (c) => c.redirect(`/o/${encodeURIComponent(c.req.param('org'))}/`, 301));
  page.get('/:org/', async (c) => pageFor(c, await orgOf(deps, c.req.param('org')), '/o/'));
  page.get('/:org/manage/:token', async (c) => pageFor(c, await orgOf(deps, c.req.param('org')), '/o/', c.req.param('token'), deps));
  return page;
}

/**
 * The same page at `<subdomain>.<domain>/` (W1): when the request's Host is a
 * subdomain of PUBLIC_URL's host, its first label names the organization.
 * Also serves the built widget at `/widget/*`, to any origin (clinics embed it),
 * and the default icon at `/favicon.ico`.
 *
 * @example
 * app.route('/', hostedSite(deps, 'https://booking.example.no')); // demo.booking.example.no/ → the demo page
 */
export function hostedSite(deps: BookingDeps, publicUrl: string) {
  const site = new Hono();
  const parent = new URL(publicUrl).hostname.toLowerCase();
  site.get('/widget/*', async (c) => {
    const name = c.req.path.slice('/widget/'.length);
    if (!WIDGET_FILE.test(name) || name.includes('..')) throw new DomainError('not_found');
    const response = await serveBuiltFile(c, `${WIDGET_DIR}${name}`, {
      // The entry's name is stable (clinics' pages name it): kept briefly, then revalidated by its ETag; chunks carry a content hash.
      cacheControl: name.startsWith('chunks/') ? IMMUTABLE : 'public, max-age=300',
      headers: { 'access-control-allow-origin': '*', 'cross-origin-resource-policy': 'cross-origin' },
    });
    if (!response) throw new DomainError('not_found', { detail: 'Widget not built: run npm run build' });
    return response;
  });
  // Browsers ask every host for it; the hosted page links the organization's logo instead when it has one.
  site.get('/favicon.ico', (c) => c.body(DEFAULT_ICON, 200, { 'content-type': 'image/x-icon', 'cache-control': 'public, max-age=86400' }));
  const bySubdomain = async (c: Context, next: () => Promise<void>) => {
    const subdomain = subdomainOf(c.req.header('host'), parent);
    if (subdomain === undefined) return next();
    const token = c.req.param('token');
    return pageFor(c, await orgOf(deps, subdomain), '/', token, deps);
  };
  site.get('/', bySubdomain);
  site.get('/manage/:token', bySubdomain);
  return site;
}

/**
 * The organization's subdomain from a Host header, when the host is exactly
 * one label under `parent` (`demo.booking.example.no` under
 * `booking.example.no`); undefined otherwise.
 *
 * @example
 * subdomainOf('demo.booking.example.no:443', 'booking.example.no'); // 'demo'
 * subdomainOf('booking.example.no', 'booking.example.no');          // undefined
 */
export function subdomainOf(host: string | undefined, parent: string): string | undefined {
  const name = (host ?? '').toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  if (!parent || !name.endsWith(`.${parent}`)) return undefined;
  const label = name.slice(0, -parent.length - 1);
  return Subdomain.safeParse(label).success && !label.includes('.') ? label : undefined;
}

async function orgOf(deps: BookingDeps, subdomain: string): Promise<Organization> {
  return findOrganization(deps.db, validate(Subdomain, subdomain, 'organization'));
}

/**
 * The page. The widget's light-DOM children are what shows before it starts
 * (and without JavaScript): the welcome or deviation text, or the booking of
 * a manage link. An unknown manage token is a 404. The organization's
 * analytics script (W12) is loaded on the booking page only: a manage page's
 * address is the patient's secret. The language is `?locale=` (or `?lang=`),
 * else the booking's own on a manage link, else the browser's
 * (Accept-Language), else the organization's.
 */
async function pageFor(c: Context, org: Organization, base: string, manageToken?: string, deps?: BookingDeps) {
  const { primaryColor, accentColor, logoUrl } = org.theme;
  // Loaded only where the policy allows it: the page and its policy agree on one origin.
  const analyticsScriptUrl = !manageToken && cspOrigin(org.theme.analyticsScriptUrl) ? org.theme.analyticsScriptUrl : null;
  const { frameAncestors } = org.settings.hostedPage;
  // X-Frame-Options cannot name several sites: with a list, frame-ancestors alone decides.
  if (frameAncestors.length === 0) c.header('x-frame-options', 'DENY');
  const home = base === '/' ? '/' : `/o/${org.subdomain}/`;
  const off = bookingOff(org);
  let fallback = html`<p>${off?.text ?? org.texts.welcome}</p>`;
  // "Published" off closes the booking page: its text, no widget (the API still takes bookings; seed 001).
  const closed = !manageToken && off?.reason === 'not_published';
  let status: 200 | 404 = 200;
  let booking: BookingView | null = null;
  c.header('vary', 'Accept-Language');
  if (manageToken) {
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    booking = deps ? await getBooking(deps, org, manageToken).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'not_found') return null;
      throw error;
    }) : null;
  }
  const locale = pageLocale({
    query: c.req.query('locale') ?? c.req.query('lang'), booking: booking?.locale, acceptLanguage: c.req.header('accept-language'), organization: org.locale,
  });
  if (manageToken && !booking) {
    status = 404;
    fallback = html`<p>No booking for this link.</p>`;
  } else if (booking) {
    const when = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone: booking.timeZone }).format(new Date(booking.start));
    fallback = html`<dl><dt>Time</dt><dd>${when}</dd><dt>Treatment</dt><dd>${booking.treatment?.name ?? ''}</dd><dt>Provider</dt><dd>${booking.provider.name}</dd><dt>Clinic</dt><dd>${booking.clinic.name}, ${booking.clinic.address}, ${booking.clinic.city} (${booking.clinic.phone})</dd><dt>Status</dt><dd>${booking.status}</dd></dl>`;
  }
  const page = String(await html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${manageToken ? html`<meta name="robots" content="noindex">` : ''}
<title>${org.name}</title>
<link rel="icon" href="${logoUrl ?? '/favicon.ico'}">
<link rel="modulepreload" href="/widget/opus-booking.js">
<style>
:root{color-scheme:light dark;--opus-color-primary:${primaryColor};--opus-color-accent:${accentColor}}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#f4f6f7;color:#1d2327}
header{background:${primaryColor};color:#fff;border-bottom:4px solid ${accentColor}}
header div{max-width:64rem;margin:0 auto;padding:.75rem 1rem;display:flex;align-items:center;gap:.75rem}
header img{max-height:3rem;max-width:10rem;background:#fff;border-radius:.25rem;padding:.15rem}
header a{color:inherit;text-decoration:none;font-size:1.35rem;font-weight:700}
main{max-width:64rem;margin:1rem auto;padding:0 .5rem}
opus-booking{box-shadow:0 1px 3px rgb(0 0 0 / .12);border-radius:.5rem}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
@media (prefers-color-scheme:dark){body{background:#0e1113;color:#eef1f3}}
</style>
</head>
<body>
<header><div>${logoUrl ? html`<img src="${logoUrl}" alt="">` : ''}<a href="${home}">${org.name}</a></div></header>
<main>
<h1 class="sr-only">${org.name}</h1>
${status === 404 || closed ? fallback : html`<opus-booking api="/" organization="${org.subdomain}" locale="${locale}" hide-logo ${manageToken ? html`manage="${manageToken}"` : ''}>${fallback}</opus-booking>`}
</main>
<script type="module" src="/widget/opus-booking.js"></script>
${analyticsScriptUrl ? html`<script async src="${analyticsScriptUrl}" data-organization="${org.subdomain}"></script>` : ''}
</body>
</html>`);
  // The same page for the same settings, texts and language: its inline style allowed by hash, not a per-response nonce, so it can be revalidated.
  const policy = contentSecurityPolicy({ styleHashes: inlineHashes(page).styleHashes, analyticsScriptUrl, logoUrl, frameAncestors });
  c.header('content-security-policy', policy);
  if (manageToken) return c.html(page, status);
  const etag = entityTag(`${policy}\n${page}`);
  c.header('etag', etag);
  c.header('cache-control', 'no-cache');
  if (notModified(c.req.header('if-none-match'), etag)) return c.body(null, 304);
  return c.html(page, status);
}
