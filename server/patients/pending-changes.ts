import { sql } from 'kysely';
import type { PendingChange, PendingChangeList, PendingChangeQuery } from '../../sdk/schemas/patients.ts';
import { Id } from '../../sdk/schemas/common.ts';
import type { Actor } from '../admin/access.ts';
import { decodeCursor, encodeCursor, invalidCursor, isTimestampText, pageSize } from '../admin/paging.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { journal } from '../booking/booking-service.ts';
import { writeFieldChanges } from '../booking/patient-repository.ts';
import type { Db, Executor } from '../db/database.ts';
import type { PatientFieldChange } from '../db/tables.ts';
import { DomainError } from '../domain/domain-error.ts';
import type { Organization } from '../organizations/organization.ts';

const changesOf = (value: unknown): PatientFieldChange[] => (typeof value === 'string' ? JSON.parse(value) : value) as PatientFieldChange[];

/**
 * Pending changes with their patient; `created_text` keeps the database's microseconds for the cursor.
 *
 * @example
 * const rows = await pendingRows(db, org).where('c.patient_id', '=', patientId).execute();
 */
export function pendingRows(db: Executor, org: Organization) {
  return db.selectFrom('pending_patient_changes as c').innerJoin('patients as p', 'p.id', 'c.patient_id')
    .select(['c.id', 'c.status', 'c.created_at', 'c.decided_at', 'c.appointment_id', 'c.changes', 'p.id as pid', 'p.first_name', 'p.last_name', sql<string>`c.created_at::text`.as('created_text')])
    .where('c.organization_id', '=', org.id);
}

/**
 * A pending change row as the contract shows it.
 *
 * @example
 * const changes = rows.map(toPendingChange);
 */
export function toPendingChange(r: Awaited<ReturnType<ReturnType<typeof pendingRows>['execute']>>[number]): PendingChange {
  return {
    id: r.id, status: r.status, createdAt: new Date(r.created_at).toISOString(), decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    appointmentId: r.appointment_id, patient: { id: r.pid, firstName: r.first_name, lastName: r.last_name },
    changes: changesOf(r.changes).map((c) => ({ field: c.field, old: c.old, new: c.new })),
  };
}

/**
 * Pending changes (B18) of one status (default `pending`), newest first,
 * with their patient and each field's old and new value; paged by cursor.
 * With `patientId`, only that patient's.
 *
 * @example
 * const { changes } = await listPendingChanges(db, org, { status: 'pending' });
 */
export async function listPendingChanges(db: Executor, org: Organization, query: PendingChangeQuery, patientId?: string): Promise<PendingChangeList> {
  const size = pageSize(query);
  let select = pendingRows(db, org).where('c.status', '=', query.status ?? 'pending');
  if (patientId) select = select.where('c.patient_id', '=', patientId);
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, 2) as [string, string];
    if (!isTimestampText(at) || !Id.safeParse(id).success) throw invalidCursor();
    const before = sql<Date>`cast(${at} as timestamptz)`;
    select = select.where((eb) => eb.or([eb('c.created_at', '<', before), eb.and([eb('c.created_at', '=', before), eb('c.id', '<', id)])]));
  }
  const rows = await select.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(size + 1).execute();
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return { changes: page.map(toPendingChange), nextCursor: rows.length > size && last ? encodeCursor([last.created_text, last.id]) : null };
}

/**
 * Accepts or rejects a pending change (B18), journaled on the patient's
 * record; accepting writes its fields onto the record (a mobile accepted this
 * way is not proved, issue 8). Deciding one already decided is 409
 * `already_decided`; another organization's id is 404.
 *
 * @example
 * const decided = await decidePendingChange(deps, org, actor, id, 'accept');
 */
export async function decidePendingChange(deps: { db: Db; now: () => Date }, org: Organization, actor: Actor, id: string, decision: 'accept' | 'reject'): Promise<PendingChange> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('pending_patient_changes').selectAll().where('organization_id', '=', org.id).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new DomainError('not_found', { detail: 'No such pending change' });
    if (row.status !== 'pending') throw new DomainError('already_decided');
    const at = deps.now();
    const changes = changesOf(row.changes);
    const fields = changes.map((c) => c.field);
    if (decision === 'accept') await writeFieldChanges(trx, row.patient_id, changes, { mobileUnproved: true });
    await trx.updateTable('pending_patient_changes').set({ status: decision === 'accept' ? 'accepted' : 'rejected', decided_at: at }).where('id', '=', id).execute();
    await journal(trx, org, row.patient_id, row.appointment_id, decision === 'accept' ? 'patient_change_accepted' : 'patient_change_rejected',
      `${decision === 'accept' ? 'Accepted' : 'Rejected'} changed details from an online booking: ${fields.join(', ')}`);
    await recordAudit(trx, org.id, actor, { action: `pending_change.${decision}`, target: { type: 'pending_change', id }, after: { patientId: row.patient_id, fields } }, at);
    return toPendingChange(await pendingRows(trx, org).where('c.id', '=', id).executeTakeFirstOrThrow());
  });
}
