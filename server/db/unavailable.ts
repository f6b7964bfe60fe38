/** Node's socket errors when the database server is down, restarting or unreachable. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a server that is going away or not taking connections:
 * class 08 (connection exception), 57P01–57P03 (admin or crash shutdown,
 * cannot connect now) and 53300 (too many connections).
 */
const SQLSTATE = /^(08...|57P0[123]|53300)$/;

/**
 * What node-postgres and PGlite say when the connection is gone or never came;
 * `timeout exceeded when trying to connect` is also the pool's answer when no
 * connection came free within its `connectionTimeoutMillis` (DATABASE_POOL_TIMEOUT_MS).
 */
const MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|PGlite is closed|Client was closed and is not queryable/i;

/**
 * Whether an error means the database cannot be reached right now (down,
 * restarting, failing over, out of connections, its pool busy past the timeout), as opposed to a fault in
 * the request or the code: such a request may simply be tried again, so it
 * is answered 503 with `Retry-After`, not 500. Causes and aggregated errors
 * (a connect to several addresses) are looked through.
 *
 * @example
 * isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })); // true
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || SQLSTATE.test(code))) return true;
  if (MESSAGES.test(error.message)) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(error.cause, depth + 1);
}
