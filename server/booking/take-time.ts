import type { Executor } from '../db/database.ts';
import type { NewAppointment } from '../db/tables.ts';
import { clearExpiredHolds } from '../verification/holds.ts';
import { dateAt, minuteOf } from '../time/minutes.ts';

/**
 * The one write path of an appointment's time, shared by online bookings,
 * rebookings, staff (phone) bookings, staff moves and the inbound sync
 * (issue 9.4): expired holds over the time are cleared, then the row is
 * written and the exclusion constraint `appointments_no_overlap` decides.
 * Callers run it inside `translateConflicts(() => db.transaction()…)` after
 * `queueForProvider(trx, providerId)`, so a lost race answers `slot_taken`
 * (409) whoever wrote first. Online rules (opening hours, cutoff, notice) are
 * the caller's to check before; this checks only that the time is free.
 *
 * @example
 * await queueForProvider(trx, providerId);
 * await insertAppointment(trx, { id, organization_id: org.id, provider_id: providerId, … }, deps.now());
 */
export async function insertAppointment(trx: Executor, row: NewAppointment & { id: string }, now: Date, intoHoldId?: string): Promise<void> {
  await clearExpiredHolds(trx, row.provider_id, minuteOf(row.starts_at), minuteOf(row.ends_at), now);
  if (intoHoldId) {
    const { id: _id, organization_id: _org, created_at: _created, ...values } = row;
    await trx.updateTable('appointments').set({ ...values, updated_at: now }).where('id', '=', intoHoldId).execute();
  } else {
    await trx.insertInto('appointments').values(row).execute();
  }
}

/**
 * Moves an appointment to another time (and provider or clinic) through the
 * same path as {@link insertAppointment}: expired holds over the new time are
 * cleared, the constraint refuses an overlap.
 *
 * @example
 * await queueForProvider(trx, providerId);
 * await moveAppointment(trx, appointment.id, { providerId, start, end }, deps.now());
 */
export async function moveAppointment(trx: Executor, id: string, to: { providerId: string; clinicId?: string; start: number; end: number }, now: Date): Promise<void> {
  await clearExpiredHolds(trx, to.providerId, to.start, to.end, now);
  await trx
    .updateTable('appointments')
    .set({ starts_at: dateAt(to.start), ends_at: dateAt(to.end), provider_id: to.providerId, ...(to.clinicId ? { clinic_id: to.clinicId } : {}), updated_at: now })
    .where('id', '=', id)
    .execute();
}
