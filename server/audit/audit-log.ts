import { randomUUID } from 'node:crypto';
import type { AuditEntry, AuditList, AuditQuery } from '../../sdk/schemas/admin-common.ts';
import type { Selectable } from 'kysely';
import type { Db, Executor } from '../db/database.ts';
import type { AuditLogTable } from '../db/tables.ts';
import type { Actor } from '../admin/access.ts';
import { decodeInstantCursor, encodeCursor, pageSize } from '../admin/paging.ts';

/** A change to note: `area.verb`, what it touched, and for settings the value before and after. */
export interface AuditChange {
  action: string;
  target: { type: string; id?: string | null | undefined };
  before?: unknown;
  after?: unknown;
}

/** Who did it, as the log keeps it: a request's actor, or the system (CLI, worker). */
export type AuditWho = Actor | { kind: 'system'; label: string };

function actorColumns(who: AuditWho) {
  if (who.kind === 'staff') return { actor_kind: 'staff' as const, actor_id: who.id, actor_label: who.email };
  if (who.kind === 'api_key') return { actor_kind: 'api_key' as const, actor_id: who.id, actor_label: `${who.name} (${who.prefix || 'key'})` };
  return { actor_kind: 'system' as const, actor_id: null, actor_label: who.label };
}

/**
 * Notes a staff change in the audit log; call it in the change's own
 * transaction so the log and the change commit together. Never pass
 * secrets (passwords, tokens, client secrets) in `before`/`after`.
 *
 * @example
 * await recordAudit(trx, org.id, c.get('actor'), { action: 'settings.update', target: { type: 'settings', id: 'flexibility' }, before, after }, deps.now());
 */
export async function recordAudit(db: Executor, organizationId: string, who: AuditWho, change: AuditChange, at: Date = new Date()): Promise<void> {
  await db.insertInto('audit_log').values({
    id: randomUUID(),
    // Milliseconds, as the cursor carries them (the database's default would keep microseconds).
    at,
    organization_id: organizationId,
    ...actorColumns(who),
    action: change.action,
    target_type: change.target.type,
    target_id: change.target.id ?? null,
    before: change.before === undefined ? null : JSON.stringify(change.before),
    after: change.after === undefined ? null : JSON.stringify(change.after),
  }).execute();
}

/**
 * Runs a change in a transaction and notes it in the audit log in the same
 * transaction, described from the change's result: for services that take
 * any executor and leave the transaction to their caller.
 *
 * @example
 * const saved = await withAudit(db, org.id, actor, now, (trx) => saveTemplate(trx, …), (t) => ({ action: 'template.save', target: { type: 'template', id: t.kind } }));
 */
export async function withAudit<T>(db: Db, organizationId: string, who: AuditWho, at: Date, work: (trx: Executor) => Promise<T>, describe: (result: T) => AuditChange): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const result = await work(trx);
    await recordAudit(trx, organizationId, who, describe(result), at);
    return result;
  });
}

/**
 * An audit log row as the contract shows it.
 *
 * @example
 * const entries = rows.map(toAuditEntry);
 */
export function toAuditEntry(r: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    actor: { kind: r.actor_kind, id: r.actor_id, label: r.actor_label },
    action: r.action,
    target: { type: r.target_type, id: r.target_id },
    before: r.before ?? null,
    after: r.after ?? null,
  };
}

/**
 * The organization's audit log, newest first, paged by cursor.
 *
 * @example
 * const { entries, nextCursor } = await listAudit(db, org.id, { action: 'settings.update' });
 */
export async function listAudit(db: Executor, organizationId: string, query: AuditQuery): Promise<AuditList> {
  const size = pageSize(query);
  let select = db.selectFrom('audit_log').selectAll().where('organization_id', '=', organizationId);
  if (query.action) select = select.where('action', '=', query.action);
  if (query.targetType) select = select.where('target_type', '=', query.targetType);
  if (query.targetId) select = select.where('target_id', '=', query.targetId);
  if (query.actorId) select = select.where('actor_id', '=', query.actorId);
  if (query.cursor) {
    const { at: after, id } = decodeInstantCursor(query.cursor);
    select = select.where((eb) => eb.or([eb('at', '<', after), eb.and([eb('at', '=', after), eb('id', '<', id)])]));
  }
  const rows = await select.orderBy('at', 'desc').orderBy('id', 'desc').limit(size + 1).execute();
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return {
    entries: page.map(toAuditEntry),
    nextCursor: rows.length > size && last ? encodeCursor([last.at.toISOString(), last.id]) : null,
  };
}
