import { isIP } from 'node:net';
import { lookup } from 'node:dns/promises';

/**
 * What kind of address a literal IP is, for the SSRF rule.
 *
 * @example
 * addressKind('169.254.169.254'); // 'private' (link-local: cloud metadata)
 */
export function addressKind(address: string): 'public' | 'loopback' | 'private' {
  const v4 = isIP(address) === 4 ? address : /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (v4) {
    const [a, b] = v4.split('.').map(Number) as [number, number];
    if (a === 127) return 'loopback';
    // this network, private, shared (CGNAT), link-local (cloud metadata), benchmarking, multicast and reserved
    if (a === 0 || a === 10 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 198 && (b === 18 || b === 19)) || a >= 224) return 'private';
    return 'public';
  }
  const v6 = address.toLowerCase();
  if (v6 === '::1') return 'loopback';
  // unspecified, unique local (fc00::/7), link-local (fe80::/10), multicast, other v4-mapped/translated forms
  if (v6 === '::' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || v6.startsWith('ff') || v6.startsWith('::ffff:') || v6.startsWith('64:ff9b:')) return 'private';
  return 'public';
}

/**
 * Why a webhook URL is refused, or null when it may be used (SSRF rule,
 * README "Webhooks"): `https:`, or `http:` only to loopback when loopback
 * is allowed; no credentials in the URL; a literal IP address must be
 * public (or loopback when allowed); `localhost` counts as loopback.
 * Host names are checked again on their resolved addresses before each
 * delivery ({@link resolvedAddressProblem}).
 *
 * @example
 * webhookUrlProblem('http://10.0.0.5/hook', { allowLoopback: true }); // 'Private, link-local and reserved addresses are refused'
 */
export function webhookUrlProblem(raw: string, options: { allowLoopback: boolean }): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Not a URL';
  }
  if (url.username || url.password) return 'A URL with a user name or password is refused; put credentials in the path or query';
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const kind = isIP(host) ? addressKind(host) : host === 'localhost' || host.endsWith('.localhost') ? 'loopback' : 'public';
  if (kind === 'private') return 'Private, link-local and reserved addresses are refused';
  if (kind === 'loopback' && !options.allowLoopback) return 'Loopback addresses are refused on this server';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && kind === 'loopback') return null;
  return 'Use https (http only to a loopback address, for development)';
}

/**
 * Why the addresses a host name resolves to are refused, or null: every
 * address must be public (or loopback when allowed). Asked by the worker
 * right before a delivery, so a name that later points inside the network
 * is caught; a name that changes between this look-up and the request's own
 * (DNS rebinding) is a remaining risk, documented.
 *
 * @example
 * const problem = await resolvedAddressProblem(new URL(endpoint.url).hostname, { allowLoopback: false });
 */
export async function resolvedAddressProblem(hostname: string, options: { allowLoopback: boolean }, resolve: (host: string) => Promise<string[]> = defaultResolve): Promise<string | null> {
  const host = hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch {
    return 'The host name does not resolve';
  }
  for (const address of addresses) {
    const kind = addressKind(address);
    if (kind === 'private' || (kind === 'loopback' && !options.allowLoopback)) return 'The host resolves to an address that is refused (private, link-local, reserved or loopback)';
  }
  return addresses.length === 0 ? 'The host name does not resolve' : null;
}

async function defaultResolve(host: string): Promise<string[]> {
  return (await lookup(host, { all: true })).map((a) => a.address);
}
