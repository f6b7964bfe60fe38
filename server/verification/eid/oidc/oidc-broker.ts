import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import type { EidSettings } from '../../../../sdk/schemas/organization.ts';
import type { EidBroker } from '../eid-broker.ts';

/** How long a broker's discovered metadata is trusted before it is read again. */
const DISCOVERY_TTL_MS = 60 * 60_000;
/** Seconds to wait for the broker (discovery, token endpoint, keys). */
const BROKER_TIMEOUT_SECONDS = 15;

/**
 * An e-ID broker spoken to by OpenID Connect with openid-client: discovery
 * from the issuer (kept in memory for an hour per issuer and client; a failed
 * discovery is not kept), authorization code flow with PKCE (S256), state
 * and nonce, the client authenticated by `client_secret_basic`. openid-client
 * checks the id token's signature (the broker's JWKS), issuer, audience,
 * expiry and nonce. Plain http is allowed only for loopback issuers, which
 * `EidSettings` alone lets through.
 *
 * @example
 * const broker = oidcBroker();
 * const url = await broker.authorizationUrl(org.settings.eid, redirectUri, { state, nonce, codeVerifier });
 */
export function oidcBroker(): EidBroker {
  const configs = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();

  const configFor = (eid: EidSettings): Promise<oidc.Configuration> => {
    const key = [eid.issuer, eid.clientId, createHash('sha256').update(eid.clientSecret).digest('hex')].join('\n');
    const cached = configs.get(key);
    if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
    const insecure = new URL(eid.issuer).protocol === 'http:';
    const config = oidc.discovery(new URL(eid.issuer), eid.clientId, { client_secret: eid.clientSecret }, oidc.ClientSecretBasic(eid.clientSecret), {
      timeout: BROKER_TIMEOUT_SECONDS,
      ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
    }).then((discovered) => {
      discovered.timeout = BROKER_TIMEOUT_SECONDS;
      return discovered;
    });
    configs.set(key, { at: Date.now(), config });
    config.catch(() => {
      if (configs.get(key)?.config === config) configs.delete(key);
    });
    return config;
  };

  return {
    async authorizationUrl(eid, redirectUri, { state, nonce, codeVerifier }) {
      return oidc.buildAuthorizationUrl(await configFor(eid), {
        redirect_uri: redirectUri,
        scope: eid.scope,
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      }).href;
    },
    async idTokenClaims(eid, callbackUrl, { state, nonce, codeVerifier }) {
      const tokens = await oidc.authorizationCodeGrant(await configFor(eid), callbackUrl, {
        pkceCodeVerifier: codeVerifier,
        expectedState: state,
        expectedNonce: nonce,
        idTokenExpected: true,
      });
      return { ...tokens.claims() };
    },
  };
}
