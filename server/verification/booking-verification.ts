import type { BookingRequest } from '../../sdk/schemas/booking.ts';
import type { Executor } from '../db/database.ts';
import { DomainError } from '../domain/domain-error.ts';
import type { Organization } from '../organizations/organization.ts';
import type { PatientInput } from '../booking/patient-repository.ts';
import { checkCode, consumeCode, type CodeDeps } from './codes.ts';
import { requireCaptcha, spendCaptcha } from './captcha.ts';
import type { SessionIdentity } from './patient-sessions.ts';

/** What the booking route knows of the request beyond its body. */
export interface BookingContext {
  /** The request's live patient session (`currentSession`), if any. */
  session?: SessionIdentity | undefined;
  /** The client's address, for the code-check limit. */
  ip: string;
}

/** How a booking was verified, and what is left to do inside its transaction. */
export interface BookingVerification {
  /** Inside the booking transaction: spends the code that verified it (`verification_expired` if it was spent meanwhile). */
  consume(trx: Executor, now: Date): Promise<void>;
  /**
   * The booking's national id was proved by e-ID: it may update its own
   * patient record directly instead of leaving a pending change for staff.
   */
  ownsRecord: boolean;
  /**
   * The typed mobile was proved in this booking (an SMS code to it, or an SMS
   * login with it): only then may a later SMS login with that number reach
   * the booking, or the patient record the booking created.
   */
  mobileVerified: boolean;
}

const NOTHING_TO_SPEND = async () => {};

/**
 * Decides what a new booking must prove (issue 8, items 1 and 5), before its
 * transaction; the one place these rules live:
 *
 * 1. `newBookingRequiresLogin` with `login` on: a live patient session, else
 *    `login_required`.
 * 2. `skipConfirmation`: nothing more.
 * 3. A session that proved the typed mobile (SMS login) or the typed
 *    national id (e-ID) verifies the booking.
 * 4. `codeChallenge` `sms` / `email`: a `booking` verification whose code is
 *    right and whose recipient is the typed mobile / e-mail
 *    (`verification_required` without one, `verification_failed` on the
 *    field when it went elsewhere). A wrong code is counted even though the
 *    booking fails; a right one is spent inside the booking's transaction.
 * 5. `codeChallenge` `off`: a solved bot check (`captcha`, item 3), spent
 *    inside the booking's transaction.
 *
 * @example
 * const verified = await verifyBooking(deps, org, request, patient, { session, ip });
 * await db.transaction().execute(async (trx) => { await verified.consume(trx, now); … });
 */
export async function verifyBooking(deps: CodeDeps & { captchaSecret: () => Promise<string> }, org: Organization, request: BookingRequest, patient: PatientInput, context: BookingContext): Promise<BookingVerification> {
  const flex = org.settings.flexibility;
  const session = context.session;
  if (flex.newBookingRequiresLogin && flex.login && !session) throw new DomainError('login_required', { verification: 'login' });
  const ownsRecord = session?.method === 'eid' && session.nationalId === patient.nationalId;
  const sessionMobile = session?.method === 'sms' && session.mobile !== null && session.mobile === patient.mobile;
  if (flex.skipConfirmation || ownsRecord || sessionMobile) return { consume: NOTHING_TO_SPEND, ownsRecord, mobileVerified: sessionMobile };

  if (flex.codeChallenge !== 'off') {
    const channel = flex.codeChallenge;
    const typed = channel === 'sms' ? patient.mobile : patient.email?.trim().toLowerCase() ?? null;
    const field = channel === 'sms' ? 'patient.mobile' : 'patient.email';
    if (!request.verification) throw new DomainError('verification_required', { verification: 'code', detail: `Ask for a code (POST /verifications) sent to the ${channel === 'sms' ? 'mobile number' : 'e-mail address'} and send it with the booking` });
    if (!typed) throw DomainError.invalid(field, 'Needed: the code is sent here', 'required');
    const checked = await checkCode(deps, org, request.verification, 'booking', context.ip);
    if (checked.channel !== channel || checked.recipient !== typed) {
      throw new DomainError('verification_failed', { issues: [{ path: field, message: 'The code was sent to another number or address', code: 'other_recipient' }] });
    }
    return { consume: (trx, now) => consumeCode(trx, checked, now), ownsRecord, mobileVerified: channel === 'sms' };
  }

  // codeChallenge 'off', confirmation not skipped, no session: the bot check
  // (item 3), checked here and spent in the booking's transaction.
  const solved = await requireCaptcha(request.captcha, deps.captchaSecret, deps.now());
  return { consume: (trx) => spendCaptcha(trx, solved), ownsRecord, mobileVerified: false };
}
