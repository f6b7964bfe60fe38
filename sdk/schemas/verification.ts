import * as z from 'zod/mini';
import { Code, Id, Instant, Secret, shortText } from './common.ts';
import { BookingView } from './booking.ts';

/**
 * Verification and identity (issue 8): slot holds, one-time codes, the
 * captcha, patient sessions (SMS or e-ID login) and "my bookings".
 *
 * The booking flow with the code challenge on (W4 `codeChallenge`):
 * `POST /holds` (the time is held for 5 minutes, renewed by activity) →
 * `POST /verifications` (a six-digit code goes to the typed mobile or
 * e-mail) → `POST /bookings` with `holdId` and `verification: { id, code }`.
 * With the challenge off and confirmation not skipped, the booking carries a
 * solved `captcha` instead (`GET /captcha`). A patient session (login) also
 * verifies its own mobile number.
 */

/** Hold a time while the patient verifies (5 minutes; renewed by `POST /holds/{id}/renew`). */
export const HoldRequest = z.object({ treatmentId: Id, clinicId: Id, providerId: Id, start: Instant });
export type HoldRequest = z.infer<typeof HoldRequest>;

/** A held time: `holdId` is the patient's secret to book, renew or release it. */
export const Hold = z.object({
  holdId: Secret,
  start: Instant,
  end: Instant,
  expiresAt: Instant,
  /** Seconds from this answer until `expiresAt`: count down from these, not from the device's clock, which may be wrong. */
  expiresInSeconds: z.int(),
});
export type Hold = z.infer<typeof Hold>;

/** Why a code is sent: to book (then `holdId` names the held time, when there is one) or to log in. */
export const VerificationPurpose = z.enum(['booking', 'login']);
export type VerificationPurpose = z.infer<typeof VerificationPurpose>;

/**
 * Ask for a code. For `booking` the channel is the organization's choice
 * (`codeChallenge`: `sms` needs `mobile`, `email` needs `email`); for
 * `login` it is always SMS to `mobile`. The answer is the same whether or not
 * a patient with that number exists.
 */
export const VerificationRequest = z.object({
  purpose: VerificationPurpose,
  mobile: z.optional(shortText(30)),
  email: z.optional(z.email().check(z.maxLength(254))),
  holdId: z.optional(Secret),
  locale: z.optional(z.enum(['nb', 'sv', 'en'])),
});
export type VerificationRequest = z.infer<typeof VerificationRequest>;

/** A code is on its way: where (masked), until when it is valid, and when a new one may be asked for. */
export const VerificationChallenge = z.object({
  verificationId: Secret,
  channel: z.enum(['sms', 'email']),
  /** The number or address, masked, e.g. `+47 ••• •• 432`. */
  sentTo: z.string(),
  expiresAt: Instant,
  resendAt: Instant,
  /** Seconds from this answer until `expiresAt` and `resendAt`: for countdowns, independent of the device's clock. */
  expiresInSeconds: z.int(),
  resendInSeconds: z.int(),
});
export type VerificationChallenge = z.infer<typeof VerificationChallenge>;

/** The code the patient typed, for the verification it answers. */
export const CodeProof = z.object({ id: Secret, code: Code });
export type CodeProof = z.infer<typeof CodeProof>;

/** Log in with a code sent for `purpose: 'login'`. */
export const SessionRequest = z.object({ verification: CodeProof });
export type SessionRequest = z.infer<typeof SessionRequest>;

/**
 * A patient session. On the hosted page it is also set as an HttpOnly,
 * Secure, SameSite=Lax cookie; an embedded widget on another origin keeps
 * `token` in memory and sends it as `Authorization: Bearer <token>`.
 * Idle 30 minutes, at most 12 hours.
 */
export const PatientSession = z.object({
  token: Secret,
  method: z.enum(['sms', 'eid']),
  expiresAt: Instant,
  idleTimeoutSeconds: z.int(),
});
export type PatientSession = z.infer<typeof PatientSession>;

/** One patient record the session may book for: its details prefill the details step. */
export const SessionPatient = z.object({
  firstName: z.string(),
  lastName: z.string(),
  nationalId: z.string(),
  mobile: z.nullable(z.string()),
  email: z.nullable(z.string()),
});
export type SessionPatient = z.infer<typeof SessionPatient>;

/** Who is logged in: how, the verified mobile (SMS) and the records it reaches. */
export const Me = z.object({
  method: z.enum(['sms', 'eid']),
  mobile: z.nullable(z.string()),
  patients: z.array(SessionPatient),
  expiresAt: Instant,
});
export type Me = z.infer<typeof Me>;

/** "My bookings" (B15): the session's upcoming appointments, soonest first. */
export const MyBookings = z.object({ bookings: z.array(BookingView) });
export type MyBookings = z.infer<typeof MyBookings>;

/**
 * A proof-of-work challenge (ALTCHA v2, self-hosted; `altcha-lib` 2.x's
 * `Challenge`): the browser finds the counter whose derived key starts with
 * `keyPrefix`, the server checks the signed answer once. Valid until
 * `parameters.data.expiresAt` (Unix seconds; 10 minutes). Pass it to the
 * ALTCHA solver as it comes: `signature` covers every parameter, so nothing
 * may be dropped or changed (unknown keys are kept).
 */
export const CaptchaChallenge = z.object({
  parameters: z.looseObject({
    algorithm: z.string(),
    nonce: z.string(),
    salt: z.string(),
    cost: z.int(),
    keyLength: z.int(),
    keyPrefix: z.string(),
    keySignature: z.optional(z.string()),
    data: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
  }),
  signature: z.string(),
});
export type CaptchaChallenge = z.infer<typeof CaptchaChallenge>;

/**
 * What the booking's `captcha` carries, base64 of this JSON (ALTCHA v2's
 * payload): the challenge as received and the solver's answer.
 */
export const CaptchaPayload = z.object({
  challenge: CaptchaChallenge,
  solution: z.object({ counter: z.int(), derivedKey: z.string(), time: z.optional(z.number()) }),
});
export type CaptchaPayload = z.infer<typeof CaptchaPayload>;

/** Nothing in the body (204). */
export const NoContent = z.optional(z.unknown());

