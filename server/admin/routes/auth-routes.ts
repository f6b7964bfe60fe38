import { Hono } from 'hono';
import {
  AcceptInviteRequest, ChangePasswordRequest, LoginRequest, PasswordResetComplete, PasswordResetRequest, TotpDisableRequest, TotpEnableRequest,
} from '../../../sdk/schemas/staff.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { validate } from '../../domain/validate.ts';
import { readJson } from '../../http/read-json.ts';
import type { AdminDeps } from '../admin-api.ts';
import { authenticateStaff, type AdminEnv } from '../access.ts';
import {
  acceptInvite, changePassword, completePasswordReset, disableTotp, enableTotp, requestPasswordReset, setupTotp, staffActor, staffLogin, staffMe,
} from '../staff-auth.ts';
import { endStaffSession } from '../staff-sessions.ts';

/**
 * The console's login and own account (issue 9), mounted at `/auth` before
 * `requireAdmin`: login, invite acceptance and password reset need no
 * credentials; the rest need a staff session (not an API key), and their
 * changes the session's `X-CSRF-Token`.
 *
 * @example
 * api.route('/auth', authRoutes(deps));
 */
export function authRoutes(deps: AdminDeps) {
  const api = new Hono<AdminEnv>();
  const ok = { ok: true as const };

  api.post('/login', async (c) => c.json(await staffLogin(deps.staff, c, validate(LoginRequest, await readJson(c.req.raw)), deps.clientIp(c))));
  api.post('/invite/accept', async (c) => c.json(await acceptInvite(deps.staff, c, validate(AcceptInviteRequest, await readJson(c.req.raw)))));
  api.post('/password-reset', async (c) => {
    await requestPasswordReset(deps.staff, validate(PasswordResetRequest, await readJson(c.req.raw)), deps.clientIp(c));
    return c.json(ok, 202);
  });
  api.post('/password-reset/complete', async (c) => {
    await completePasswordReset(deps.staff, validate(PasswordResetComplete, await readJson(c.req.raw)));
    return c.json(ok);
  });

  // Everything below is the logged-in user's own session.
  api.use('*', async (c, next) => {
    await authenticateStaff(deps.db, c, deps.now());
    await next();
  });
  api.get('/me', async (c) => c.json(await staffMe(deps.db, c.get('org'), staffActor(c))));
  api.post('/logout', async (c) => {
    const actor = staffActor(c);
    const now = deps.now();
    await deps.db.transaction().execute(async (trx) => {
      await endStaffSession(trx, c, actor.sessionId, now);
      await recordAudit(trx, c.get('org').id, actor, { action: 'staff.logout', target: { type: 'staff_user', id: actor.id } }, now);
    });
    return c.json(ok);
  });
  api.post('/password', async (c) => {
    await changePassword(deps.staff, c.get('org'), staffActor(c), validate(ChangePasswordRequest, await readJson(c.req.raw)));
    return c.json(ok);
  });
  api.post('/totp/setup', async (c) => c.json(await setupTotp(deps.staff, c.get('org'), staffActor(c))));
  api.post('/totp/enable', async (c) => {
    await enableTotp(deps.staff, c.get('org'), staffActor(c), validate(TotpEnableRequest, await readJson(c.req.raw)));
    return c.json(ok);
  });
  api.post('/totp/disable', async (c) => {
    await disableTotp(deps.staff, c.get('org'), staffActor(c), validate(TotpDisableRequest, await readJson(c.req.raw)));
    return c.json(ok);
  });
  return api;
}
