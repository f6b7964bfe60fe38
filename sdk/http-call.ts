import ky, { type KyInstance } from 'ky';
import type * as z from 'zod/mini';
import { OpusApiError } from './errors.ts';
import { Problem } from './schemas/problem.ts';

/** Query parameters; undefined ones are left out. */
export type Query = Record<string, string | undefined>;

/** One request: method (default GET), JSON body, query and extra headers. */
export interface CallInit {
  method?: string;
  json?: unknown;
  searchParams?: Query | undefined;
  headers?: Record<string, string> | undefined;
}

/** A typed call: the response parsed with `schema`, or an {@link OpusApiError}. */
export type Call = <S extends z.ZodMiniType>(schema: S, path: string, init?: CallInit) => Promise<z.infer<S>>;

/**
 * The one request path both SDK clients share: ky without retries or thrown
 * HTTP errors, problem+json turned into {@link OpusApiError}, a network
 * failure into status 0 / `network`, and a body the schema refuses into
 * `invalid_response`.
 *
 * @example
 * const call = createCall({ prefixUrl: 'http://localhost:3000/api/v1/admin/', headers: { authorization: `Bearer ${key}` } });
 * const status = await call(MessagingStatus, 'messaging/status');
 */
export function createCall(options: { prefixUrl: string; timeoutMs?: number | undefined; fetch?: typeof fetch | undefined; headers?: Record<string, string> | undefined }): Call {
  const http: KyInstance = ky.create({
    prefixUrl: options.prefixUrl,
    retry: 0,
    timeout: options.timeoutMs ?? 15_000,
    throwHttpErrors: false,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return async (schema, path, init = {}) => {
    let response: Response;
    try {
      response = await http(path, {
        method: init.method ?? 'get',
        json: init.json,
        ...(init.headers ? { headers: init.headers } : {}),
        searchParams: init.searchParams ? definedOnly(init.searchParams) : undefined,
      });
    } catch (error) {
      throw new OpusApiError(0, 'network', error instanceof Error ? error.message : String(error));
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const problem = Problem.safeParse(body);
      if (problem.success) throw new OpusApiError(response.status, problem.data.code, problem.data.detail ?? problem.data.title, problem.data, retryAfterOf(response));
      throw new OpusApiError(response.status, 'invalid_response', `HTTP ${response.status}`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new OpusApiError(response.status, 'invalid_response', `Unexpected response from ${path}`);
    return parsed.data as z.infer<typeof schema>;
  };
}

/** `Retry-After` in seconds; the HTTP-date form is not used by our server. */
function retryAfterOf(response: Response): number | undefined {
  const value = response.headers.get('retry-after');
  return value !== null && /^\d+$/.test(value) ? Number(value) : undefined;
}

function definedOnly(query: Query): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) if (value !== undefined) out[key] = value;
  return out;
}
