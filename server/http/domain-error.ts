import type { ErrorCode, FieldIssue } from '../../sdk/schemas/problem.ts';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 422,
  not_found: 404,
  slot_taken: 409,
  slot_unavailable: 409,
  booking_off: 403,
  rebooking_disabled: 403,
  cancellation_disabled: 403,
  cutoff_passed: 403,
  already_cancelled: 409,
  idempotency_key_reused: 422,
  payload_too_large: 413,
  unauthorized: 401,
  internal: 500,
};

const TITLES: Record<ErrorCode, string> = {
  validation_failed: 'The request has invalid fields',
  not_found: 'Not found',
  slot_taken: 'The time was just taken by someone else',
  slot_unavailable: 'The time is not available',
  booking_off: 'Online booking is not available',
  rebooking_disabled: 'Rebooking online is not allowed',
  cancellation_disabled: 'Cancelling online is not allowed',
  cutoff_passed: 'It is too late to change this appointment online',
  already_cancelled: 'The appointment is already cancelled',
  idempotency_key_reused: 'The Idempotency-Key was used for a different request',
  payload_too_large: 'The request body is too large',
  unauthorized: 'Not authorized',
  internal: 'Something went wrong on our side',
};

/**
 * The one error the domain throws; `onError` turns it into
 * `application/problem+json`, and the SDK turns that back into `OpusApiError`.
 *
 * @example
 * throw new DomainError('slot_taken', { detail: 'Choose another time' });
 * throw DomainError.invalid('patient.mobile', 'Not a valid mobile number');
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly issues: readonly FieldIssue[] | undefined;
  readonly extra: { reason?: string; text?: string };

  constructor(code: ErrorCode, options: { detail?: string; issues?: FieldIssue[]; reason?: string; text?: string } = {}) {
    super(options.detail ?? TITLES[code]);
    this.code = code;
    this.status = STATUS[code];
    this.issues = options.issues;
    this.extra = { ...(options.reason ? { reason: options.reason } : {}), ...(options.text !== undefined ? { text: options.text } : {}) };
  }

  get title(): string {
    return TITLES[this.code];
  }

  /** A validation error for one field. */
  static invalid(path: string, message: string, code = 'invalid'): DomainError {
    return new DomainError('validation_failed', { issues: [{ path, message, code }] });
  }
}
