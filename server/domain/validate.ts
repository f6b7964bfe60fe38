import type * as z from 'zod/mini';
import type { FieldIssue } from '../../sdk/schemas/problem.ts';
import { DomainError } from './domain-error.ts';

/**
 * Parses input with a shared schema, or throws a `validation_failed`
 * DomainError naming every wrong field (dotted paths, e.g. `patient.mobile`).
 * Every text the schema keeps is also refused if it holds a NUL or a lone
 * surrogate (code `invalid_characters`): PostgreSQL cannot store the one and
 * would silently store the other as U+FFFD.
 *
 * @example
 * const query = validate(SlotQuery, c.req.query());
 */
export function validate<S extends z.ZodMiniType>(schema: S, input: unknown, prefix?: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) {
    const bad = textsWithBadCharacters(result.data, prefix === undefined ? [] : [prefix]);
    if (bad.length > 0) throw new DomainError('validation_failed', { issues: bad.map((path) => ({ path: path.join('.'), message: 'Contains a NUL character or an unpaired surrogate', code: 'invalid_characters' })) });
    return result.data as z.infer<S>;
  }
  throw new DomainError('validation_failed', { issues: result.error.issues.map((issue) => toFieldIssue(issue, prefix)) });
}

/** A NUL, or a UTF-16 surrogate without its pair. */
const BAD_CHARACTER = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textsWithBadCharacters(value: unknown, path: string[]): string[][] {
  if (typeof value === 'string') return BAD_CHARACTER.test(value) ? [path] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => textsWithBadCharacters(inner, [...path, key]));
}

function toFieldIssue(issue: z.core.$ZodIssue, prefix: string | undefined): FieldIssue {
  const path = [prefix, ...issue.path.map(String)].filter((p) => p !== undefined && p !== '').join('.');
  return { path, message: describe(issue), code: issue.code };
}

/** zod/mini carries no messages of its own; these are what a developer reads. */
function describe(issue: z.core.$ZodIssue): string {
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'Required' : `Expected ${issue.expected}`;
    case 'too_big':
      return issue.origin === 'string' ? `At most ${issue.maximum} characters` : `At most ${issue.maximum}`;
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) === 1 ? 'Required' : `At least ${issue.minimum}`;
    case 'invalid_format':
      return `Not a valid ${issue.format}`;
    case 'invalid_value':
      return `Expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `Unknown field ${issue.keys.join(', ')}`;
    default:
      return 'Invalid value';
  }
}
