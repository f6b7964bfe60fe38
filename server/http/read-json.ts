import { DomainError } from '../domain/domain-error.ts';
import { isJsonType, notJson } from './json-bodies.ts';

/**
 * The request's JSON body; a body without a JSON Content-Type is a 415, a
 * malformed one a `validation_failed`: the client's mistake, not a 500. No
 * body at all reads as `{}`.
 *
 * @example
 * const body = await readJson(c.req.raw);
 */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text === '') return {};
  if (!isJsonType(request.headers.get('content-type'))) throw notJson();
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError('validation_failed', { detail: 'The body is not valid JSON', issues: [{ path: '', message: 'Not valid JSON', code: 'malformed_json' }] });
  }
}
