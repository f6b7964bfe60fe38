import { Hono, type Context } from 'hono';
import { html, raw } from 'hono/html';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Locale } from '../../sdk/schemas/common.ts';
import { EidCallbackQuery, EidStartQuery } from '../../sdk/schemas/eid.ts';
import { DomainError } from '../domain/domain-error.ts';
import { validate } from '../domain/validate.ts';
import { contentSecurityPolicy } from '../http/content-security-policy.ts';
import { inlineHashes } from '../http/inline-hashes.ts';
import { eidLoginOn, type Organization } from '../organizations/organization.ts';
import type { AttemptLimits } from '../rate-limit/booking-attempts.ts';
import type { ClientIp } from '../rate-limit/client-ip.ts';
import { limitLoginAttempt, type LoginStep } from '../rate-limit/login-attempts.ts';
import { EID_LOGIN_TTL_MS, eidCallbackPath, finishEidLogin, startEidLogin, type EidDeps } from '../verification/eid/eid-login.ts';
import { checkReturn, type EidReturn } from '../verification/eid/eid-return.ts';
import { setSessionCookie } from '../verification/patient-sessions.ts';

type Env = { Variables: { org: Organization } };

/** The popup's one script: posts the result (from the page's data attributes) to the opener's origin, then closes. */
const POPUP_SCRIPT = "const d=document.getElementById('opus-eid').dataset;if(window.opener)window.opener.postMessage(JSON.parse(d.message),d.origin);window.close();";
const POPUP_SCRIPT_HASHES = inlineHashes(`<script>${POPUP_SCRIPT}</script>`).scriptHashes;

/** The cookie that ties a login's callback to the browser that started it: only ever sent to the callback. */
const BROWSER_COOKIE = 'opus_eid';

const TEXTS: Record<Locale, { done: string; failed: string; back: string }> = {
  nb: { done: 'Du er logget inn. Du kan lukke dette vinduet.', failed: 'Innloggingen mislyktes. Lukk vinduet og prøv igjen.', back: 'Til timebestillingen' },
  sv: { done: 'Du är inloggad. Du kan stänga det här fönstret.', failed: 'Inloggningen misslyckades. Stäng fönstret och försök igen.', back: 'Till bokningen' },
  en: { done: 'You are logged in. You can close this window.', failed: 'Login failed. Close this window and try again.', back: 'Back to booking' },
};

/**
 * National e-ID login through the organization's OpenID Connect broker
 * (B15; issue 8.6), under `/api/v1/organizations/:org/auth/eid`:
 *
 * - `GET start?returnTo&mode&origin` → 302 to the broker (PKCE, state, nonce);
 * - `GET callback?code&state` → a patient session (cookie for the hosted
 *   page), then 303 back to `returnTo` (redirect mode) or a page that posts
 *   `{ type: 'opus-session', session }` to the opener's origin and closes
 *   (popup mode). A failed login goes back the same way, as `?eid=failed` or
 *   `{ type: 'opus-session-failed' }`, and says nothing of why.
 *
 * Both count against `loginsPerIpPerHour`. Without e-ID configured and login
 * on, both are `not_found`. Mounted by `publicApi` after its organization
 * middleware.
 *
 * @example
 * api.route('/:org/auth/eid', eidRoutes({ db, now, publicUrl, eidBroker: oidcBroker(), limits, clientIp }));
 */
export function eidRoutes(deps: EidDeps & { limits: AttemptLimits; clientIp: ClientIp }) {
  const api = new Hono<Env>();
  // A popup opened by the clinic's site must stay linked to it (window.opener) to post the session back.
  api.use('*', async (c, next) => {
    await next();
    c.res.headers.set('cross-origin-opener-policy', 'unsafe-none');
  });
  const guard = async (c: Context<Env>, step: LoginStep) => {
    const org = c.get('org');
    if (!eidLoginOn(org)) throw new DomainError('not_found', { detail: 'This organization has no e-ID login' });
    await limitLoginAttempt(deps.limits, { organizationId: org.id, settings: org.settings.rateLimits, ip: deps.clientIp(c) }, step, deps.now());
    return org;
  };

  api.get('/start', async (c) => {
    const org = await guard(c, 'eid-start');
    const back = checkReturn(org, deps.publicUrl, validate(EidStartQuery, c.req.query()));
    const started = await startEidLogin(deps, org, back);
    if (!started) return failed(c, org, back);
    // SameSite=Lax: sent on the broker's top-level redirect back to us, not on requests other sites make.
    setCookie(c, BROWSER_COOKIE, started.browserToken, { path: eidCallbackPath(org), httpOnly: true, secure: true, sameSite: 'Lax', maxAge: EID_LOGIN_TTL_MS / 1000 });
    c.header('referrer-policy', 'no-referrer');
    return c.redirect(started.url, 302);
  });

  api.get('/callback', async (c) => {
    const org = await guard(c, 'eid-callback');
    const query = validate(EidCallbackQuery, c.req.query());
    const outcome = await finishEidLogin(deps, org, new URL(c.req.url).searchParams, query, browserToken(c));
    deleteCookie(c, BROWSER_COOKIE, { path: eidCallbackPath(org), secure: true });
    if (!outcome.ok) return failed(c, org, outcome.back);
    setSessionCookie(c, org, outcome.session.token, new Date(outcome.session.expiresAt));
    if (outcome.back.mode === 'redirect') return c.redirect(`${deps.publicUrl}${outcome.back.returnTo}`, 303);
    return popupPage(c, org, outcome.back.origin!, { type: 'opus-session', session: outcome.session }, TEXTS[org.locale].done);
  });

  /** Where a failed login goes: back with `?eid=failed`, a popup posting the failure, or (state unknown) a page saying so. */
  function failed(c: Context<Env>, org: Organization, back: EidReturn | undefined) {
    if (back?.mode === 'redirect') {
      const url = new URL(`${deps.publicUrl}${back.returnTo}`);
      url.searchParams.set('eid', 'failed');
      return c.redirect(url.href, 303);
    }
    if (back?.mode === 'popup') return popupPage(c, org, back.origin!, { type: 'opus-session-failed' }, TEXTS[org.locale].failed, 400);
    c.header('content-security-policy', contentSecurityPolicy({}));
    const texts = TEXTS[org.locale];
    return c.html(html`<!doctype html><html lang="${org.locale}"><head><meta charset="utf-8"><title>${org.name}</title></head><body><p>${texts.failed}</p><p><a href="/o/${org.subdomain}/">${texts.back}</a></p></body></html>`, 400);
  }

  return api;
}

/** The start's cookie, if the callback's browser has one of the right shape. */
function browserToken(c: Context<Env>): string | undefined {
  const token = getCookie(c, BROWSER_COOKIE);
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined;
}

/**
 * The page a popup ends on: a strict policy allowing only its own script (by
 * hash), which posts `message` to `origin` (already checked against the
 * organization's embedding origins) and closes the window.
 */
function popupPage(c: Context<Env>, org: Organization, origin: string, message: unknown, text: string, status: 200 | 400 = 200) {
  c.header('content-security-policy', contentSecurityPolicy({ scriptHashes: POPUP_SCRIPT_HASHES }));
  c.header('referrer-policy', 'no-referrer');
  return c.html(html`<!doctype html><html lang="${org.locale}"><head><meta charset="utf-8"><title>${org.name}</title></head><body><p id="opus-eid" data-origin="${origin}" data-message="${JSON.stringify(message)}">${text}</p><script>${raw(POPUP_SCRIPT)}</script></body></html>`, status);
}
