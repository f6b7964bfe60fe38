import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { Id } from '../../sdk/schemas/common.ts';
import type { InviteStaffRequest, StaffList, StaffPatch, StaffQuery, StaffUser } from '../../sdk/schemas/staff.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Db, Executor } from '../db/database.ts';
import { DomainError } from '../domain/domain-error.ts';
import type { Organization } from '../organizations/organization.ts';
import type { Actor } from './access.ts';
import { decodeCursor, encodeCursor, invalidCursor, pageSize } from './paging.ts';
import { endSessionsOf } from './staff-sessions.ts';
import { issueStaffToken } from './staff-tokens.ts';
import { isUniqueViolation } from '../db/constraint-errors.ts';

type Row = { id: string; email: string; name: string; role: StaffUser['role']; password_hash: string | null; totp_enabled: boolean; locked_until: Date | string | null; disabled_at: Date | string | null; created_at: Date };
const COLUMNS = ['id', 'email', 'name', 'role', 'password_hash', 'totp_enabled', 'locked_until', 'disabled_at', 'created_at'] as const;

function view(r: Row): StaffUser {
  return {
    id: r.id, email: r.email, name: r.name, role: r.role,
    status: r.disabled_at !== null ? 'disabled' : r.password_hash === null ? 'invited' : 'active',
    totpEnabled: r.totp_enabled,
    lockedUntil: r.locked_until === null ? null : new Date(r.locked_until).toISOString(),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

function snapshot(r: Row) {
  return { email: r.email, name: r.name, role: r.role, disabled: r.disabled_at !== null };
}

/** What managing staff needs. */
export interface StaffUserDeps {
  db: Db;
  now: () => Date;
  publicUrl: string;
}

/**
 * The organization's staff users, oldest first, paged by cursor.
 *
 * @example
 * const { users, nextCursor } = await listStaff(db, org.id, { limit: '50' });
 */
export async function listStaff(db: Executor, organizationId: string, query: StaffQuery): Promise<StaffList> {
  const size = pageSize(query);
  let select = db.selectFrom('staff_users').select(COLUMNS).where('organization_id', '=', organizationId);
  if (query.cursor) {
    // The cursor names the last user of the page; comparing with that row's own timestamp keeps its full precision.
    const [id] = decodeCursor(query.cursor, 1) as [string];
    if (!Id.safeParse(id).success) throw invalidCursor();
    select = select.where(sql<boolean>`(created_at, id) > (SELECT c.created_at, c.id FROM staff_users c WHERE c.id = ${id} AND c.organization_id = ${organizationId})`);
  }
  const rows = await select.orderBy('created_at').orderBy('id').limit(size + 1).execute();
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return { users: page.map(view), nextCursor: rows.length > size && last ? encodeCursor([last.id]) : null };
}

function mustBeOwnerFor(actor: Actor, what: string): void {
  if (actor.kind !== 'staff' || actor.role !== 'owner') throw new DomainError('forbidden', { detail: `Only an owner may ${what}` });
}

/**
 * Invites a staff user (`POST /staff`): the user without a password and an
 * e-mail with a link to set one (7 days). Only an owner may invite an
 * owner; an e-mail already in use is 422 on `email`.
 *
 * @example
 * const user = await inviteStaff(deps, org, actor, { email: 'kari@smilet.no', name: 'Kari', role: 'reception' });
 */
export async function inviteStaff(deps: StaffUserDeps, org: Organization, actor: Actor, request: InviteStaffRequest): Promise<StaffUser> {
  if (request.role === 'owner') mustBeOwnerFor(actor, 'invite an owner');
  const now = deps.now();
  const taken = () => DomainError.invalid('email', 'There is a user with this e-mail already', 'taken');
  return deps.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('staff_users').select('id').where('organization_id', '=', org.id).where('email', '=', request.email).executeTakeFirst()) throw taken();
    const row = await trx.insertInto('staff_users')
      .values({ id: randomUUID(), organization_id: org.id, email: request.email, name: request.name, role: request.role, created_at: now })
      .returning(COLUMNS).executeTakeFirstOrThrow();
    await issueStaffToken(trx, org, row, 'invite', now, deps.publicUrl);
    await recordAudit(trx, org.id, actor, { action: 'staff.invite', target: { type: 'staff_user', id: row.id }, after: snapshot(row) }, now);
    return view(row);
  }).catch((error: unknown) => {
    // Two invites of one e-mail at once: the unique constraint decides.
    if (isUniqueViolation(error)) throw taken();
    throw error;
  });
}

/**
 * Sends an invite again (`POST /staff/:id/invite`): the earlier link stops
 * working. 422 on `id` when the user has a password already or is disabled.
 *
 * @example
 * await resendInvite(deps, org, actor, userId);
 */
export async function resendInvite(deps: StaffUserDeps, org: Organization, actor: Actor, id: string): Promise<StaffUser> {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('staff_users').select(COLUMNS).where('organization_id', '=', org.id).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new DomainError('not_found', { detail: 'No such staff user' });
    if (row.role === 'owner') mustBeOwnerFor(actor, 'invite an owner');
    if (row.password_hash !== null || row.disabled_at !== null) throw DomainError.invalid('id', 'Only a user who has not accepted the invite yet can get it again', 'not_invited');
    await issueStaffToken(trx, org, row, 'invite', now, deps.publicUrl);
    await recordAudit(trx, org.id, actor, { action: 'staff.invite_resend', target: { type: 'staff_user', id: row.id } }, now);
    return view(row);
  });
}

/**
 * Changes a staff user (`PATCH /staff/:id`): name, role, disabled. Only an
 * owner may make someone owner or change or disable an owner (so an admin
 * cannot raise itself); nobody disables themselves; the last active owner
 * stays (409 `last_owner`). A role change or disabling ends the user's
 * sessions.
 *
 * @example
 * await updateStaff(deps, org, actor, userId, { role: 'admin' });
 */
export async function updateStaff(deps: StaffUserDeps, org: Organization, actor: Actor, id: string, patch: StaffPatch): Promise<StaffUser> {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    // Every owner row is locked first, in one order, so two demotions at once cannot leave none (nor deadlock).
    await trx.selectFrom('staff_users').select('id').where('organization_id', '=', org.id).where('role', '=', 'owner').orderBy('id').forUpdate().execute();
    const row = await trx.selectFrom('staff_users').select(COLUMNS).where('organization_id', '=', org.id).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new DomainError('not_found', { detail: 'No such staff user' });
    const roleChanges = patch.role !== undefined && patch.role !== row.role;
    const disables = patch.disabled === true && row.disabled_at === null;
    if (row.role === 'owner' && (roleChanges || patch.disabled !== undefined)) mustBeOwnerFor(actor, "change or disable an owner's account");
    if (patch.role === 'owner' && roleChanges) mustBeOwnerFor(actor, 'make someone owner');
    if (actor.kind === 'staff' && actor.id === row.id && disables) throw DomainError.invalid('disabled', 'You cannot disable yourself', 'self');
    if (row.role === 'owner' && row.disabled_at === null && (roleChanges || disables)) {
      const others = await trx.selectFrom('staff_users').select('id')
        .where('organization_id', '=', org.id).where('role', '=', 'owner').where('disabled_at', 'is', null).where('id', '<>', row.id)
        // An owner still invited (no password yet) cannot log in: not one who keeps the organization.
        .where('password_hash', 'is not', null)
        .executeTakeFirst();
      if (!others) throw new DomainError('last_owner', { detail: 'Make someone else owner first: the organization must keep an active owner' });
    }
    const updated = await trx.updateTable('staff_users')
      .set({
        name: patch.name ?? row.name,
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.disabled !== undefined ? { disabled_at: patch.disabled ? (row.disabled_at ?? now) : null } : {}),
      })
      .where('id', '=', row.id)
      .returning(COLUMNS).executeTakeFirstOrThrow();
    if (roleChanges || disables) await endSessionsOf(trx, row.id, now);
    await recordAudit(trx, org.id, actor, { action: 'staff.update', target: { type: 'staff_user', id: row.id }, before: snapshot(row), after: snapshot(updated) }, now);
    return view(updated);
  });
}

/**
 * The first owner of a new organization (the org CLI): a user without a
 * password and an invite link (7 days), e-mailed and answered so the CLI
 * can print it. Call it in the organization's creating transaction.
 *
 * @example
 * const { link } = await createFirstOwner(trx, org, { email: 'kari@smilet.no', name: 'Kari' }, new Date(), publicUrl);
 */
export async function createFirstOwner(trx: Executor, org: Organization, owner: { email: string; name: string }, now: Date, publicUrl: string): Promise<{ id: string; email: string; link: string; expiresAt: Date }> {
  const row = await trx.insertInto('staff_users')
    .values({ id: randomUUID(), organization_id: org.id, email: owner.email, name: owner.name, role: 'owner', created_at: now })
    .returning(COLUMNS).executeTakeFirstOrThrow();
  const { link, expiresAt } = await issueStaffToken(trx, org, row, 'invite', now, publicUrl);
  await recordAudit(trx, org.id, { kind: 'system', label: 'org CLI' }, { action: 'staff.invite', target: { type: 'staff_user', id: row.id }, after: snapshot(row) }, now);
  return { id: row.id, email: row.email, link, expiresAt };
}
