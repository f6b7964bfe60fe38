import type { FlexibilitySettings } from '../../sdk/schemas/organization.ts';

// Pure rules of issue 8, beside internal/flow.ts: only the lazily loaded
// verification code uses them, so they stay out of the first bundle.

/** What stands between the confirm button and the booking (B11): a code, a captcha, or nothing. */
export type Verification = 'code' | 'captcha' | 'none';

/** What of the logged-in patient decides whether their session verifies a booking. */
export interface SessionProof {
  method: 'sms' | 'eid';
  /** The mobile an SMS login proved. */
  mobile: string | null;
  /** The records the session reaches (for e-ID: those of the proved national id). */
  patients: readonly { nationalId: string }[];
}

/**
 * How a booking is verified (B11, B15), as the server decides it
 * (`server/verification/booking-verification.ts`): "skip confirmation"
 * removes both checks; a session verifies a booking whose typed mobile its
 * SMS login proved, or whose typed national id its e-ID login proved;
 * otherwise a code when the organization asks for one, else a captcha.
 *
 * @example
 * verificationFor({ codeChallenge: 'sms', skipConfirmation: false }, { method: 'sms', mobile: '+4791234567', patients: [] }, { mobile: '912 34 567' }); // 'none'
 * verificationFor({ codeChallenge: 'off', skipConfirmation: false }, undefined, {}); // 'captcha'
 */
export function verificationFor(
  flexibility: Pick<FlexibilitySettings, 'codeChallenge' | 'skipConfirmation'>,
  session: SessionProof | undefined,
  typed: { mobile?: string | undefined; nationalId?: string | undefined },
): Verification {
  if (flexibility.skipConfirmation || (session && proves(session, typed))) return 'none';
  return flexibility.codeChallenge === 'off' ? 'captcha' : 'code';
}

function proves(session: SessionProof, typed: { mobile?: string | undefined; nationalId?: string | undefined }): boolean {
  if (session.method === 'eid') {
    const nationalId = typed.nationalId?.replace(/\s/g, '');
    return !!nationalId && session.patients.some((p) => p.nationalId === nationalId);
  }
  return !!session.mobile && !!typed.mobile && sameMobile(session.mobile, typed.mobile);
}

/**
 * Whether two mobile numbers are the same, ignoring spaces and a Norwegian/Swedish country code written or not.
 *
 * @example
 * sameMobile('+47 912 34 567', '91234567'); // true
 */
export function sameMobile(a: string, b: string): boolean {
  const digits = (n: string) => n.replace(/[^\d+]/g, '').replace(/^00/, '+').replace(/^\+4[67]/, '').replace(/^0/, '');
  return digits(a) === digits(b);
}
