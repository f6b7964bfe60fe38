import type { Executor } from '../db/database.ts';
import { sweepSpentChallenges } from './captcha.ts';
import { sweepCodes } from './codes.ts';
import { sweepEidLogins } from './eid/eid-login.ts';
import { sweepHolds } from './holds.ts';
import { sweepSessions } from './patient-sessions.ts';

/** What one sweep of verification's short-lived rows deleted. */
export interface VerificationSweep {
  holds: number;
  codes: number;
  sessions: number;
  spentChallenges: number;
  eidLogins: number;
}

/**
 * Deletes what verification (issue 8) no longer needs: expired holds (they
 * stopped blocking at expiry already; this only tidies), codes a day past
 * expiry, sessions past their absolute limit, records of captcha
 * solutions whose challenge has expired, and e-ID logins that never came
 * back. Each is one indexed DELETE; the
 * messaging worker runs it every tick.
 *
 * @example
 * const swept = await sweepVerification(db, new Date());
 */
export async function sweepVerification(db: Executor, now: Date): Promise<VerificationSweep> {
  return {
    holds: await sweepHolds(db, now),
    codes: await sweepCodes(db, now),
    sessions: await sweepSessions(db, now),
    spentChallenges: await sweepSpentChallenges(db, now),
    eidLogins: await sweepEidLogins(db, now),
  };
}
