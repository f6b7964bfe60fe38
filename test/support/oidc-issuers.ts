import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import Provider from 'oidc-provider';

/** An OpenID Connect issuer on a loopback port, closed by `await using`. */
export interface TestIssuer extends AsyncDisposable {
  issuer: string;
}

/** Listens on 127.0.0.1 (a free port) with a handler chosen once the issuer URL is known. */
async function listen(handler: (issuer: string) => (req: IncomingMessage, res: ServerResponse) => void): Promise<TestIssuer> {
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  handle = handler(issuer);
  return {
    issuer,
    async [Symbol.asyncDispose]() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A real OpenID Connect provider (oidc-provider) with one confidential
 * client and its development login and consent pages: any login name is an
 * account whose `pid` claim is that name (so a test logs in as a national id).
 *
 * @example
 * await using idp = await startOidcProvider({ clientId: 'opus', clientSecret: 's', redirectUris: [callback] });
 */
export async function startOidcProvider(client: { clientId: string; clientSecret: string; redirectUris: string[] }): Promise<TestIssuer> {
  return listen((issuer) => new Provider(issuer, {
    clients: [{ client_id: client.clientId, client_secret: client.clientSecret, redirect_uris: client.redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub, pid: sub }) }),
    claims: { openid: ['sub', 'pid'] },
    conformIdTokenClaims: false,
    cookies: { keys: ['opus-test-cookie-key'] },
  }).callback());
}

/**
 * Plays a browser through the provider's development pages: follows
 * redirects with a cookie jar, logs in as `login` and consents, and stops at
 * the first redirect to `stopAt` (our callback), which it answers.
 *
 * @example
 * const callback = await signInAt(authorizationUrl, '13097248022', 'https://book.example/');
 */
export async function signInAt(url: string, login: string, stopAt: string): Promise<URL> {
  const jar = new Map<string, string>();
  let next: { url: string; form?: Record<string, string> } = { url };
  for (let step = 0; step < 20; step++) {
    if (next.url.startsWith(stopAt)) return new URL(next.url);
    const response = await fetch(next.url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(next.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(next.form ? { method: 'POST', body: new URLSearchParams(next.form).toString() } : {}),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    const location = response.headers.get('location');
    if (location) {
      next = { url: new URL(location, next.url).href };
      continue;
    }
    const page = await response.text();
    if (/name="login"/.test(page)) next = { url: next.url, form: { prompt: 'login', login, password: 'any' } };
    else if (/name="prompt" value="consent"/.test(page)) next = { url: next.url, form: { prompt: 'consent' } };
    else throw new Error(`The provider answered ${response.status} with no way on: ${page.slice(0, 500)}`);
  }
  throw new Error('Too many steps at the provider');
}

/** A fake issuer: `idToken()` gives the claims of the next id token, over valid defaults (issuer, audience, an expiry 5 minutes on). */
export interface FakeIssuer extends TestIssuer {
  clientId: string;
  idToken: () => Record<string, unknown>;
}

/**
 * A minimal issuer whose token endpoint answers whatever id token the test
 * asks for, signed with its own published key: for id tokens a real provider
 * would never issue (another nonce, another audience, expired, no national id).
 *
 * @example
 * await using fake = await startFakeIssuer();
 * fake.idToken = () => ({ aud: 'someone-else', nonce, pid: '13097248022' });
 */
export async function startFakeIssuer(): Promise<FakeIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const json = (res: ServerResponse, body: unknown) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  };
  const fake = { clientId: 'opus-fake', idToken: (): Record<string, unknown> => ({}) };
  const listening = await listen((issuer) => (req, res) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    if (path === '/.well-known/openid-configuration') {
      json(res, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    } else if (path === '/jwks') {
      json(res, { keys: [jwk] });
    } else if (path === '/token' && req.method === 'POST') {
      req.resume();
      req.on('end', () => {
        const now = Math.floor(Date.now() / 1000);
        const claims = { iss: issuer, aud: fake.clientId, sub: 'patient-1', iat: now, exp: now + 300, ...fake.idToken() };
        void new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(privateKey)
          .then((idToken) => json(res, { access_token: 'access', token_type: 'Bearer', expires_in: 300, id_token: idToken }));
      });
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  return Object.assign(fake, { issuer: listening.issuer, [Symbol.asyncDispose]: listening[Symbol.asyncDispose] });
}
