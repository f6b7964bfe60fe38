import type { MiddlewareHandler } from 'hono';
import { DomainError } from '../domain/domain-error.ts';

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/** Whether a Content-Type header names JSON (`application/json`, any parameters). */
export function isJsonType(type: string | null | undefined): boolean {
  return JSON_TYPE.test(type ?? '');
}

/**
 * Refuses a request body that is not `application/json` with 415
 * (`unsupported_media_type`). Besides catching client mistakes, this keeps
 * other web pages from writing through the API in a visitor's browser: a
 * `text/plain`, form or multipart POST is a "simple" cross-origin request
 * that skips the CORS preflight, an `application/json` one never is.
 * A request without a Content-Type passes here; `readJson` refuses a body
 * that comes without one.
 *
 * @example
 * app.use('/api/v1/organizations/*', jsonBodies());
 */
export function jsonBodies(): MiddlewareHandler {
  return async function jsonBodies(c, next) {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.method !== 'OPTIONS') {
      const type = c.req.header('content-type');
      if (type !== undefined && !isJsonType(type)) throw notJson();
    }
    await next();
  };
}

/** The 415 for a body that is not JSON. */
export function notJson(): DomainError {
  return new DomainError('unsupported_media_type', { detail: 'Send the body as application/json' });
}
