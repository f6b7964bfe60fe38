import type { ErrorCode, FieldIssue, Problem } from './schemas/problem.ts';

/**
 * A failed API call: the HTTP status, our error code and, for bad input, the
 * fields that were wrong. Network failures have status 0 and code `network`.
 *
 * @example
 * try { await client.createBooking(request); }
 * catch (error) {
 *   if (error instanceof OpusApiError && error.code === 'slot_taken') showTimesAgain();
 *   if (error instanceof OpusApiError && error.code === 'rate_limited') waitSeconds(error.retryAfter ?? 60);
 * }
 */
export class OpusApiError extends Error {
  override readonly name = 'OpusApiError';
  readonly status: number;
  readonly code: ErrorCode | 'network' | 'invalid_response';
  readonly issues: readonly FieldIssue[];
  readonly problem: Problem | undefined;
  /** For `rate_limited`: seconds to wait before trying again (the `Retry-After` header), if the server said. */
  readonly retryAfter: number | undefined;

  constructor(status: number, code: OpusApiError['code'], message: string, problem?: Problem, retryAfter?: number) {
    super(message);
    this.status = status;
    this.code = code;
    this.problem = problem;
    this.issues = problem?.issues ?? [];
    this.retryAfter = retryAfter;
  }

  /** The message for one field, e.g. `issueFor('patient.mobile')`. */
  issueFor(path: string): string | undefined {
    return this.issues.find((issue) => issue.path === path)?.message;
  }
}
