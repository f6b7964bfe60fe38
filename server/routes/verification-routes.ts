import type { Context, Hono } from 'hono';
import { Id } from '../../sdk/schemas/common.ts';
import { SessionRequest } from '../../sdk/schemas/verification.ts';
import { cancelBooking, rebookBooking, type BookingDeps } from '../booking/booking-service.ts';
import { DomainError } from '../domain/domain-error.ts';
import { validate } from '../domain/validate.ts';
import { readJson } from '../http/read-json.ts';
import type { Organization } from '../organizations/organization.ts';
import type { ClientIp } from '../rate-limit/client-ip.ts';
import { limitLoginAttempt } from '../rate-limit/login-attempts.ts';
import { checkCode, consumeCode, requestCode, resendCode, type CodeDeps } from '../verification/codes.ts';
import { me, myBookings } from '../verification/my-bookings.ts';
import { endSession, requireSession, setSessionCookie, startSession } from '../verification/patient-sessions.ts';

type Env = { Variables: { org: Organization } };

/** What the verification routes need: the booking deps, the code deps, the client's IP, and the booking routes' change limit. */
export interface VerificationRouteDeps extends BookingDeps, CodeDeps {
  clientIp: ClientIp;
  /** Counts a rebook or cancellation against the organization's change limits (as the manage link's routes do). */
  limitChange: (c: Context<Env>, who: { token: string }) => Promise<void>;
}

/**
 * The code challenge, SMS login and "my bookings" (issue 8, items 1 and 5),
 * added to the public API under `/api/v1/organizations/:org` (its
 * organization middleware runs first):
 *
 * - `POST /verifications` → 201 VerificationChallenge; `POST /verifications/:id/resend`
 * - `POST /sessions` (a `login` code) → 201 PatientSession, also as the hosted page's cookie
 * - `GET /me`, `GET /me/bookings`, `POST /me/bookings/:id/rebook`, `POST /me/bookings/:id/cancel`
 * - `DELETE /me/session` → 204
 *
 * Without a live session the `/me` routes answer 401 `login_required`.
 *
 * @example
 * addVerificationRoutes(api, { ...deps, limitChange: (c, who) => limit(c, who) });
 */
export function addVerificationRoutes(api: Hono<Env>, deps: VerificationRouteDeps): void {
  api.post('/:org/verifications', async (c) => {
    const body = await readJson(c.req.raw);
    return c.json(await requestCode(deps, c.get('org'), body, deps.clientIp(c)), 201);
  });

  api.post('/:org/verifications/:id/resend', async (c) => {
    return c.json(await resendCode(deps, c.get('org'), c.req.param('id'), deps.clientIp(c)));
  });

  api.post('/:org/sessions', async (c) => {
    const org = c.get('org');
    const body = await readJson(c.req.raw);
    const now = deps.now();
    await limitLoginAttempt(deps.limits, { organizationId: org.id, settings: org.settings.rateLimits, ip: deps.clientIp(c) }, 'sms-session', now);
    const request = validate(SessionRequest, body);
    if (!(org.settings.flexibility.login && org.settings.flexibility.smsLogin)) throw DomainError.invalid('verification', 'This organization does not offer login by SMS code', 'not_offered');
    const checked = await checkCode(deps, org, request.verification, 'login', deps.clientIp(c));
    const session = await deps.db.transaction().execute(async (trx) => {
      await consumeCode(trx, checked, now);
      return startSession(trx, org, { method: 'sms', mobile: checked.recipient }, now);
    });
    setSessionCookie(c, org, session.token, new Date(session.expiresAt));
    return c.json(session, 201);
  });

  api.get('/:org/me', async (c) => {
    const org = c.get('org');
    return c.json(await me(deps.db, org, await requireSession(deps.db, org, c, deps.now())));
  });

  api.get('/:org/me/bookings', async (c) => {
    const org = c.get('org');
    const session = await requireSession(deps.db, org, c, deps.now());
    return c.json(await myBookings(deps.db, org, session, deps.now()));
  });

  api.post('/:org/me/bookings/:id/rebook', async (c) => {
    const org = c.get('org');
    const request = await readJson(c.req.raw);
    const session = await requireSession(deps.db, org, c, deps.now());
    const id = validate(Id, c.req.param('id'), 'id');
    await deps.limitChange(c, { token: `session:${session.id}` });
    return c.json(await rebookBooking(deps, org, { id, session }, request));
  });

  api.post('/:org/me/bookings/:id/cancel', async (c) => {
    const org = c.get('org');
    const session = await requireSession(deps.db, org, c, deps.now());
    const id = validate(Id, c.req.param('id'), 'id');
    await deps.limitChange(c, { token: `session:${session.id}` });
    return c.json(await cancelBooking(deps, org, { id, session }));
  });

  api.delete('/:org/me/session', async (c) => {
    const org = c.get('org');
    await requireSession(deps.db, org, c, deps.now());
    await endSession(deps.db, org, c, deps.now());
    return c.body(null, 204);
  });
}
