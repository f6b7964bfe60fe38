import { DomainError } from '../domain/domain-error.ts';

/**
 * The request's JSON body, or a `validation_failed` DomainError when it is
 * not JSON: a malformed body is the client's mistake, not a 500.
 *
 * @example
 * const body = await readJson(c.req.raw);
 */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  try {
    return text === '' ? {} : JSON.parse(text);
  } catch {
    throw new DomainError('validation_failed', { detail: 'The body is not valid JSON', issues: [{ path: '', message: 'Not valid JSON', code: 'malformed_json' }] });
  }
}
