import type { EidSettings } from '../../../sdk/schemas/organization.ts';

/** What one login sends to the broker and expects back: fresh per login, kept server-side in between. */
export interface EidLoginSecrets {
  state: string;
  nonce: string;
  /** The PKCE code verifier; the broker is sent its S256 challenge. */
  codeVerifier: string;
}

/**
 * A national e-ID broker (B15; issue 8.6), as the login flow needs it: where
 * to send the browser, and what the broker vouches for once it comes back.
 * `oidc/` talks OpenID Connect to a real broker (ID-porten, BankID, …);
 * `memory/` logs everyone in as one national id, for tests and the demo.
 */
export interface EidBroker {
  /**
   * The URL of the broker's login for this organization's client, carrying
   * the redirect URI, scope, state, nonce and PKCE challenge.
   */
  authorizationUrl(eid: EidSettings, redirectUri: string, secrets: EidLoginSecrets): Promise<string>;
  /**
   * Exchanges the code of the callback (`callbackUrl`: our redirect URI with
   * the broker's query) and checks the id token: signature, issuer,
   * audience, expiry, nonce. Its claims, or an error when any check fails.
   */
  idTokenClaims(eid: EidSettings, callbackUrl: URL, secrets: EidLoginSecrets): Promise<Record<string, unknown>>;
}
