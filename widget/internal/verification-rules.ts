import type { FlexibilitySettings } from '../../sdk/schemas/organization.ts';

// Pure rules of issue 8, beside internal/flow.ts: only the lazily loaded
// verification code uses them, so they stay out of the first bundle.

/** What stands between the confirm button and the booking (B11): a code, a captcha, or nothing. */
export type Verification = 'code' | 'captcha' | 'none';

/**
 * How a booking is verified (B11, B15): "skip confirmation" removes both
 * checks; otherwise a code when the organization asks for one, unless a
 * logged-in session already verified the typed mobile; a captcha when it
 * does not and no one is logged in.
 *
 * @example
 * verificationFor({ codeChallenge: 'sms', skipConfirmation: false }, { mobile: '+4791234567' }, '912 34 567'); // 'none'
 * verificationFor({ codeChallenge: 'off', skipConfirmation: false }, undefined, undefined); // 'captcha'
 */
export function verificationFor(
  flexibility: Pick<FlexibilitySettings, 'codeChallenge' | 'skipConfirmation'>,
  session: { mobile: string | null } | undefined,
  mobile: string | undefined,
): Verification {
  if (flexibility.skipConfirmation) return 'none';
  if (flexibility.codeChallenge === 'off') return session ? 'none' : 'captcha';
  return session?.mobile && mobile && sameMobile(session.mobile, mobile) ? 'none' : 'code';
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
