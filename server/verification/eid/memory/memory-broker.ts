import type { EidBroker } from '../eid-broker.ts';

/**
 * A broker without a broker, for tests and the demo: its "login page" is the
 * callback itself, and every login is the one national id given, in the
 * organization's configured claim. It still holds the flow to its word:
 * the callback must carry the state it was sent and the code it made.
 *
 * @example
 * const app = createApp({ db, eidBroker: memoryBroker('13097248022') });
 */
export function memoryBroker(nationalId: string): EidBroker {
  const codes = new Map<string, string>();
  return {
    async authorizationUrl(_eid, redirectUri, { state, nonce }) {
      const code = `memory-${codes.size + 1}`;
      codes.set(code, nonce);
      const url = new URL(redirectUri);
      url.search = new URLSearchParams({ code, state }).toString();
      return url.href;
    },
    async idTokenClaims(eid, callbackUrl, { state, nonce }) {
      const code = callbackUrl.searchParams.get('code') ?? '';
      if (callbackUrl.searchParams.get('state') !== state || codes.get(code) !== nonce) throw new Error('Unknown code or state');
      codes.delete(code);
      return { sub: 'memory', nonce, [eid.nationalIdClaim]: nationalId };
    },
  };
}
