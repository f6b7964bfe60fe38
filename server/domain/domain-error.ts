import type { ErrorCode, FieldIssue } from '../../sdk/schemas/problem.ts';

/**
 * The one error the domain throws, with a code from the contract's closed
 * union. It knows nothing of HTTP: the app's `onError` (`http/problem.ts`)
 * maps the code to a status and title and answers `application/problem+json`;
 * the worker records its message; the SDK turns the problem back into
 * `OpusApiError`.
 *
 * @example
 * throw new DomainError('slot_taken', { detail: 'Choose another time' });
 * throw DomainError.invalid('patient.mobile', 'Not a valid mobile number');
 * throw new DomainError('rate_limited', { retryAfterSeconds: 60 });
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly code: ErrorCode;
  /** What the client is told beyond the code's title, if anything. */
  readonly detail: string | undefined;
  readonly issues: readonly FieldIssue[] | undefined;
  readonly extra: { reason?: string; text?: string; verification?: 'code' | 'captcha' | 'login'; attemptsLeft?: number };
  /** For `rate_limited`: whole seconds until another attempt may succeed (HTTP `Retry-After`). */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, options: { detail?: string; issues?: FieldIssue[]; reason?: string; text?: string; verification?: 'code' | 'captcha' | 'login'; attemptsLeft?: number; retryAfterSeconds?: number } = {}) {
    super(options.detail ?? code);
    this.code = code;
    this.detail = options.detail;
    this.issues = options.issues;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.extra = {
      ...(options.reason ? { reason: options.reason } : {}),
      ...(options.text !== undefined ? { text: options.text } : {}),
      // Issue 8: what a booking must carry (verification_required), wrong tries left (verification_failed).
      ...(options.verification ? { verification: options.verification } : {}),
      ...(options.attemptsLeft !== undefined ? { attemptsLeft: options.attemptsLeft } : {}),
    };
  }

  /** A validation error for one field. */
  static invalid(path: string, message: string, code = 'invalid'): DomainError {
    return new DomainError('validation_failed', { issues: [{ path, message, code }] });
  }
}
