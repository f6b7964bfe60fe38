import type { Context } from 'hono';
import type { Problem } from '../../sdk/schemas/problem.ts';
import { DomainError } from './domain-error.ts';
import { describeError } from './describe-error.ts';

/**
 * Turns any thrown error into an RFC 9457 `application/problem+json` answer.
 * Unknown errors become a 500 whose body says nothing about the cause; the
 * cause is logged without request data (no national ids, numbers or texts).
 *
 * @example
 * app.onError(problemHandler());
 */
export function problemHandler(log: (message: string) => void = (m) => console.error(m)) {
  return function onError(error: Error, c: Context): Response {
    const domain = toDomainError(error);
    if (domain.code === 'internal') log(`[opus] ${c.req.method} ${c.req.routePath}: ${describeError(error)}`);
    const body: Problem = {
      type: `https://opus-booking.dev/problems/${domain.code.replaceAll('_', '-')}`,
      title: domain.title,
      status: domain.status,
      code: domain.code,
      ...(domain.message !== domain.title ? { detail: domain.message } : {}),
      ...(domain.issues ? { issues: [...domain.issues] } : {}),
      ...domain.extra,
    };
    return new Response(JSON.stringify(body), {
      status: domain.status,
      headers: { 'content-type': 'application/problem+json' },
    });
  };
}

function toDomainError(error: Error): DomainError {
  if (error instanceof DomainError) return error;
  // Hono's own errors (e.g. a body that is not JSON) carry a 4xx status.
  const status = (error as { status?: number }).status;
  if (status === 413) return new DomainError('payload_too_large');
  if (status !== undefined && status >= 400 && status < 500) {
    return new DomainError('validation_failed', { detail: error.message, issues: [{ path: '', message: error.message, code: 'malformed' }] });
  }
  return new DomainError('internal');
}
