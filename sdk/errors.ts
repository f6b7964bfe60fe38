import type { ErrorCode, FieldIssue, Problem } from './schemas/problem.ts';

/**
 * A failed API call: the HTTP status, our error code and, for bad input, the
 * fields that were wrong. Network failures have status 0 and code `network`.
 *
 * @example
 * try { await client.createBooking(request); }
 * catch (error) {
 *   if (error instanceof OpusApiError && error.code === 'slot_taken') showTimesAgain();
 * }
 */
export class OpusApiError extends Error {
  override readonly name = 'OpusApiError';
  readonly status: number;
  readonly code: ErrorCode | 'network' | 'invalid_response';
  readonly issues: readonly FieldIssue[];
  readonly problem: Problem | undefined;

  constructor(status: number, code: OpusApiError['code'], message: string, problem?: Problem) {
    super(message);
    this.status = status;
    this.code = code;
    this.problem = problem;
    this.issues = problem?.issues ?? [];
  }

  /** The message for one field, e.g. `issueFor('patient.mobile')`. */
  issueFor(path: string): string | undefined {
    return this.issues.find((issue) => issue.path === path)?.message;
  }
}
