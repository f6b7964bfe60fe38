import * as z from 'zod/mini';

/** The closed set of error codes the API answers with. */
export const ErrorCode = z.enum([
  'validation_failed',
  'not_found',
  'slot_taken',
  'slot_unavailable',
  'booking_off',
  'rebooking_disabled',
  'cancellation_disabled',
  'cutoff_passed',
  'already_cancelled',
  'already_decided',
  'idempotency_key_reused',
  'payload_too_large',
  'unsupported_media_type',
  'unauthorized',
  'forbidden',
  'rate_limited',
  'verification_required',
  'verification_failed',
  'verification_expired',
  'hold_expired',
  'login_required',
  'subdomain_taken',
  'totp_required',
  'last_owner',
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** One wrong field: `path` is dotted, e.g. `patient.mobile`. */
export const FieldIssue = z.object({ path: z.string(), message: z.string(), code: z.string() });
export type FieldIssue = z.infer<typeof FieldIssue>;

/** An `application/problem+json` body (RFC 9457) with our code and field issues. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.optional(z.string()),
  code: ErrorCode,
  issues: z.optional(z.array(FieldIssue)),
  /** For `booking_off`: why, and the organization's deviation text to show (B17); for `not_found`, `erased` when the patient was erased. */
  reason: z.optional(z.string()),
  text: z.optional(z.string()),
  /** For `verification_required`: what the booking must carry, `code` (B11) or `captcha`. */
  verification: z.optional(z.enum(['code', 'captcha', 'login'])),
  /** For `verification_failed`: wrong tries left at this code (0: ask for a new one). */
  attemptsLeft: z.optional(z.int()),
});
export type Problem = z.infer<typeof Problem>;
