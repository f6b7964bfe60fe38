import type { EidCallbackQuery } from '../../../sdk/schemas/eid.ts';
import type { PatientSession } from '../../../sdk/schemas/verification.ts';
import { parseNationalId } from '../../../sdk/validation/national-id.ts';
import type { Db, Executor } from '../../db/database.ts';
import { describeError } from '../../logging/describe-error.ts';
import type { Organization } from '../../organizations/organization.ts';
import { hashSecretToken, newSecretToken, sameHash } from '../../domain/secret-token.ts';
import { startSession } from '../patient-sessions.ts';
import type { EidBroker } from './eid-broker.ts';
import type { EidReturn } from './eid-return.ts';

/** How long a started e-ID login waits for its callback. */
export const EID_LOGIN_TTL_MS = 10 * 60_000;

export interface EidDeps {
  db: Db;
  now: () => Date;
  /** Where patients reach the server (`createApp`'s `publicUrl`, no trailing slash). */
  publicUrl: string;
  /** The e-ID broker (`oidcBroker()` for OpenID Connect). */
  eidBroker: EidBroker;
  /** Where a broker's failures are logged (never a token, code or national id). */
  log?: ((message: string) => void) | undefined;
}

/** The outcome of a callback: a session, or a failure (with where to report it, when the state was ours). */
export type EidOutcome = { ok: true; back: EidReturn; session: PatientSession } | { ok: false; back: EidReturn | undefined };

/**
 * The path of an organization's e-ID callback.
 *
 * @example
 * eidCallbackPath(org); // '/api/v1/organizations/acme/auth/eid/callback'
 */
export function eidCallbackPath(org: Organization): string {
  return `/api/v1/organizations/${org.subdomain}/auth/eid/callback`;
}

/**
 * The broker redirects back here; it must be registered with the broker as it is.
 *
 * @example
 * eidRedirectUri('https://book.example', org); // 'https://book.example/api/v1/organizations/acme/auth/eid/callback'
 */
export function eidRedirectUri(publicUrl: string, org: Organization): string {
  return `${publicUrl}${eidCallbackPath(org)}`;
}

/**
 * Starts an e-ID login: remembers a fresh state (stored hashed), nonce and
 * PKCE verifier with where to return for 10 minutes, bound to the browser
 * by a token for its cookie (stored hashed), and answers the broker's
 * authorization URL to send the browser to (PKCE S256, state, nonce) with
 * that token; or undefined (logged) when the broker cannot be reached, and
 * then nothing is stored. Expired logins are deleted by the worker's sweep
 * ({@link sweepEidLogins}).
 *
 * @example
 * const started = await startEidLogin(deps, org, checkReturn(org, deps.publicUrl, query));
 * if (started) return c.redirect(started.url, 302); // after setting the cookie to started.browserToken
 */
export async function startEidLogin(deps: EidDeps, org: Organization, back: EidReturn): Promise<{ url: string; browserToken: string } | undefined> {
  // 256 random bits each, URL-safe: a valid PKCE verifier (43 characters) too.
  const { token: state, hash } = newSecretToken();
  const secrets = { state, nonce: newSecretToken().token, codeVerifier: newSecretToken().token };
  const browser = newSecretToken();
  let url: string;
  try {
    url = await deps.eidBroker.authorizationUrl(org.settings.eid, eidRedirectUri(deps.publicUrl, org), secrets);
  } catch (error) {
    deps.log?.(`[opus] e-ID login for ${org.subdomain} could not start: ${brokerError(error)}`);
    return undefined;
  }
  const now = deps.now();
  await deps.db.insertInto('eid_logins').values({
    state_hash: hash,
    organization_id: org.id,
    browser_hash: browser.hash,
    nonce: secrets.nonce,
    code_verifier: secrets.codeVerifier,
    return_to: back.returnTo,
    mode: back.mode,
    origin: back.origin,
    created_at: now,
    expires_at: new Date(now.getTime() + EID_LOGIN_TTL_MS),
  }).execute();
  return { url, browserToken: browser.token };
}

/**
 * Finishes an e-ID login at the callback: takes the login its state names
 * (once: the row is deleted, and one past its 10 minutes or from another
 * browser — `browserToken` is the starting browser's cookie — fails),
 * has the broker exchange the code with the PKCE verifier and check the id
 * token (signature, issuer, audience, expiry, nonce), reads the national id
 * from the configured claim and checks it, then starts an `eid` session.
 * Every failure is `{ ok: false }`; the log gets the broker's error class,
 * never a token, code or national id.
 *
 * @example
 * const outcome = await finishEidLogin(deps, org, new URL(c.req.url).searchParams, query, getCookie(c, 'opus_eid'));
 */
export async function finishEidLogin(deps: EidDeps, org: Organization, params: URLSearchParams, query: EidCallbackQuery, browserToken: string | undefined): Promise<EidOutcome> {
  const now = deps.now();
  const row = await deps.db
    .deleteFrom('eid_logins')
    .where('state_hash', '=', hashSecretToken(query.state))
    .where('organization_id', '=', org.id)
    .returningAll()
    .executeTakeFirst();
  if (!row) return { ok: false, back: undefined };
  const back: EidReturn = { mode: row.mode, returnTo: row.return_to, origin: row.origin };
  if (row.expires_at.getTime() <= now.getTime() || query.error !== undefined || query.code === undefined) return { ok: false, back };
  if (browserToken === undefined || !sameHash(hashSecretToken(browserToken), row.browser_hash)) {
    deps.log?.(`[opus] e-ID login for ${org.subdomain} refused: the callback came from another browser than the start`);
    return { ok: false, back };
  }
  const eid = org.settings.eid;
  let claims: Record<string, unknown>;
  try {
    const callbackUrl = new URL(eidRedirectUri(deps.publicUrl, org));
    for (const [key, value] of params) callbackUrl.searchParams.append(key, value);
    claims = await deps.eidBroker.idTokenClaims(eid, callbackUrl, { state: query.state, nonce: row.nonce, codeVerifier: row.code_verifier });
  } catch (error) {
    deps.log?.(`[opus] e-ID login for ${org.subdomain} refused: ${brokerError(error)}`);
    return { ok: false, back };
  }
  const claimed = claims[eid.nationalIdClaim];
  const nationalId = typeof claimed === 'string' ? parseNationalId(claimed) : undefined;
  if (!nationalId) {
    deps.log?.(`[opus] e-ID login for ${org.subdomain} refused: the id token has no valid national id in "${eid.nationalIdClaim}"`);
    return { ok: false, back };
  }
  const session = await startSession(deps.db, org, { method: 'eid', nationalId: nationalId.value }, now);
  return { ok: true, back, session };
}

/** A broker error for the log: its class, code and the name of the claim that failed, never its values (the error's message and cause may quote them). */
function brokerError(error: unknown): string {
  type Chain = { name?: unknown; code?: unknown; error?: unknown; claim?: unknown; cause?: Chain } | undefined;
  const { name, code, error: oauthError, cause } = (error ?? {}) as NonNullable<Chain>;
  const word = (value: unknown) => (typeof value === 'string' && /^[\w.:-]{1,60}$/.test(value) ? value : undefined);
  // openid-client wraps oauth4webapi's error, whose cause names the claim.
  const claim = word(cause?.claim) ?? word(cause?.cause?.claim);
  const line = [word(name) ?? 'Error', word(code), word(oauthError), claim && `(claim "${claim}")`].filter(Boolean).join(' ');
  return describeError(new Error(line)).replace(/^Error: /, '');
}

/**
 * Deletes e-ID logins whose 10 minutes have passed without a callback (the
 * worker's sweep, `sweepVerification`); answers how many.
 *
 * @example
 * const deleted = await sweepEidLogins(db, new Date());
 */
export async function sweepEidLogins(db: Executor, now: Date): Promise<number> {
  const result = await db.deleteFrom('eid_logins').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
