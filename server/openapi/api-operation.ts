import type * as z from 'zod/mini';
import type { ErrorCode } from '../../sdk/schemas/problem.ts';

export type Schema = z.core.$ZodType;
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Where the admin API lives; an area's operations are `${ADMIN}/…`. */
export const ADMIN = '/api/v1/admin';

/** One documented operation of the API. */
export interface ApiOperation {
  method: Method;
  /** The path as Hono routes it (`:param`). */
  path: string;
  tag: string;
  summary: string;
  query?: Schema;
  body?: { schema: Schema; name?: string; form?: boolean };
  /** The success answer: its status and JSON schema (none for an empty or non-JSON answer). */
  ok: { status: number; schema?: Schema; name?: string; description?: string; contentType?: string };
  /** Domain errors the operation can answer, besides those every operation of its kind can. */
  errors?: ErrorCode[];
  security?: 'admin' | 'session' | 'optionalSession';
  description?: string;
}

