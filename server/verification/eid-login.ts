import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import { EMBEDDING_ORIGIN, type EidSettings } from '../../sdk/schemas/organization.ts';
import type { EidCallbackQuery, EidLoginMode, EidStartQuery } from '../../sdk/schemas/eid.ts';
import type { PatientSession } from '../../sdk/schemas/verification.ts';
import { parseNationalId } from '../../sdk/validation/national-id.ts';
import type { Db } from '../db/database.ts';
import { DomainError } from '../domain/domain-error.ts';
import { describeError } from '../logging/describe-error.ts';
import type { Organization } from '../organizations/organization.ts';
import { hashManageToken as hashState, newManageToken as newState } from '../booking/manage-token.ts';
import { startSession } from './patient-sessions.ts';

/** How long a started e-ID login waits for its callback. */
export const EID_LOGIN_TTL_MS = 10 * 60_000;
/** How long a broker's discovered metadata is trusted before it is read again. */
const DISCOVERY_TTL_MS = 60 * 60_000;
/** Seconds to wait for the broker (discovery, token endpoint, keys). */
const BROKER_TIMEOUT_SECONDS = 15;

export interface EidDeps {
  db: Db;
  now: () => Date;
  /** Where patients reach the server (`createApp`'s `publicUrl`, no trailing slash). */
  publicUrl: string;
  /** Where a broker's failures are logged (never a token, code or national id). */
  log?: ((message: string) => void) | undefined;
}

/** Where a login goes back to, whether it succeeded or not. */
export interface EidReturn {
  mode: EidLoginMode;
  /** A path on the hosted page (`/o/{subdomain}/…`). */
  returnTo: string;
  /** Popup mode: the opener's origin the result is posted to. */
  origin: string | null;
}

/** The outcome of a callback: a session, or a failure (with where to report it, when the state was ours). */
export type EidOutcome = { ok: true; back: EidReturn; session: PatientSession } | { ok: false; back: EidReturn | undefined };

/**
 * Whether e-ID login is on for an organization: a broker configured and
 * enabled, and login switched on (W4).
 *
 * @example
 * if (!eidLoginOn(org)) throw new DomainError('not_found');
 */
export function eidLoginOn(org: Organization): boolean {
  return org.settings.eid.enabled && org.settings.flexibility.login && org.settings.eid.issuer !== '' && org.settings.eid.clientId !== '';
}

/** The broker redirects back here; it must be registered with the broker as it is. */
export function eidRedirectUri(publicUrl: string, org: Organization): string {
  return `${publicUrl}/api/v1/organizations/${org.subdomain}/auth/eid/callback`;
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

/**
 * Starts an e-ID login: remembers a fresh state (stored hashed), nonce and
 * PKCE verifier with where to return for 10 minutes, and answers the
 * broker's authorization URL to send the browser to (PKCE S256, state,
 * nonce). Expired logins of any organization are deleted on the way.
 *
 * @example
 * const url = await startEidLogin(deps, org, checkReturn(org, deps.publicUrl, query));
 * return c.redirect(url, 302);
 */
export async function startEidLogin(deps: EidDeps, org: Organization, back: EidReturn): Promise<string> {
  const eid = org.settings.eid;
  const config = await brokerConfig(eid);
  const { token: state, hash } = newState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const now = deps.now();
  await deps.db.deleteFrom('eid_logins').where('expires_at', '<=', now).execute();
  await deps.db.insertInto('eid_logins').values({
    state_hash: hash,
    organization_id: org.id,
    nonce,
    code_verifier: codeVerifier,
    return_to: back.returnTo,
    mode: back.mode,
    origin: back.origin,
    created_at: now,
    expires_at: new Date(now.getTime() + EID_LOGIN_TTL_MS),
  }).execute();
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: eidRedirectUri(deps.publicUrl, org),
    scope: eid.scope,
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  }).href;
}

/**
 * Finishes an e-ID login at the callback: takes the login its state names
 * (once: the row is deleted, and one past its 10 minutes counts as none),
 * exchanges the code with the PKCE verifier, has openid-client check the id
 * token (signature, issuer, audience, expiry, nonce), reads the national id
 * from the configured claim and checks it, then starts an `eid` session.
 * Every failure is `{ ok: false }`; the log gets the broker's error class,
 * never a token, code or national id.
 *
 * @example
 * const outcome = await finishEidLogin(deps, org, new URL(c.req.url).searchParams, query);
 */
export async function finishEidLogin(deps: EidDeps, org: Organization, params: URLSearchParams, query: EidCallbackQuery): Promise<EidOutcome> {
  const now = deps.now();
  const row = await deps.db
    .deleteFrom('eid_logins')
    .where('state_hash', '=', hashState(query.state))
    .where('organization_id', '=', org.id)
    .returningAll()
    .executeTakeFirst();
  if (!row) return { ok: false, back: undefined };
  const back: EidReturn = { mode: row.mode, returnTo: row.return_to, origin: row.origin };
  if (row.expires_at.getTime() <= now.getTime() || query.error !== undefined || query.code === undefined) return { ok: false, back };
  const eid = org.settings.eid;
  let claims: oidc.IDToken | undefined;
  try {
    const config = await brokerConfig(eid);
    const current = new URL(eidRedirectUri(deps.publicUrl, org));
    for (const [key, value] of params) current.searchParams.append(key, value);
    const tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: row.code_verifier,
      expectedState: query.state,
      expectedNonce: row.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch (error) {
    deps.log?.(`[opus] e-ID login for ${org.subdomain} refused: ${brokerError(error)}`);
    return { ok: false, back };
  }
  const claimed = claims?.[eid.nationalIdClaim];
  const nationalId = typeof claimed === 'string' ? parseNationalId(claimed) : undefined;
  if (!nationalId) {
    deps.log?.(`[opus] e-ID login for ${org.subdomain} refused: the id token has no valid national id in "${eid.nationalIdClaim}"`);
    return { ok: false, back };
  }
  const session = await startSession(deps.db, org, { method: 'eid', nationalId: nationalId.value }, now);
  return { ok: true, back, session };
}

/** A broker error for the log: the error's class and code only (its message may quote a claim). */
function brokerError(error: unknown): string {
  const { name, code, error: oauthError } = (error ?? {}) as { name?: unknown; code?: unknown; error?: unknown };
  const parts = [typeof name === 'string' ? name : 'Error', typeof code === 'string' ? code : undefined, typeof oauthError === 'string' ? oauthError : undefined];
  const line = parts.filter(Boolean).join(' ');
  return describeError(new Error(line)).replace(/^Error: /, '');
}

/** Broker configurations, by issuer, client and secret: discovery is read once an hour, not per login. */
const brokers = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();

/**
 * The openid-client configuration of an organization's broker, discovered
 * from its issuer (cached in memory for an hour; a failed discovery is not
 * kept). The client authenticates with HTTP Basic (`client_secret_basic`).
 */
async function brokerConfig(eid: EidSettings): Promise<oidc.Configuration> {
  const key = [eid.issuer, eid.clientId, createHash('sha256').update(eid.clientSecret).digest('hex')].join('\n');
  const cached = brokers.get(key);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
  const insecure = new URL(eid.issuer).protocol === 'http:'; // only loopback issuers pass EidSettings
  const config = oidc.discovery(new URL(eid.issuer), eid.clientId, { client_secret: eid.clientSecret }, oidc.ClientSecretBasic(eid.clientSecret), {
    timeout: BROKER_TIMEOUT_SECONDS,
    ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
  }).then((discovered) => {
    discovered.timeout = BROKER_TIMEOUT_SECONDS;
    return discovered;
  });
  brokers.set(key, { at: Date.now(), config });
  config.catch(() => {
    if (brokers.get(key)?.config === config) brokers.delete(key);
  });
  return config;
}
