import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { isSlotFree } from '../availability/engine.ts';
import { localDateOf } from '../availability/time-zone.ts';
import type { ProviderSchedule } from '../availability/types.ts';
import { DomainError } from '../domain/domain-error.ts';
import { apiBookingOff, type Organization } from '../organizations/organization.ts';
import { loadSchedules } from '../slots/schedule-loader.ts';
import { availabilityQueryFor } from '../slots/slot-search.ts';
import { DAY, MINUTE_MS } from '../time/minutes.ts';

/**
 * What taking a time checks, shared by booking, rebooking and holding one
 * (issue 8.2): booking is on, the start is in the future on a whole minute,
 * the provider's writers take turns, the time is on offer and free inside the
 * transaction, and a race lost at the exclusion constraint is `slot_taken`.
 */

const EXCLUSION_VIOLATION = '23P01';
/** deadlock_detected, serialization_failure: the transaction was rolled back whole. */
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 5;

/**
 * Throws `booking_off` (with the organization's deviation text) when new
 * bookings cannot be made through the API (B17): maintenance or new booking
 * off. An unpublished organization still takes them (see `apiBookingOff`).
 *
 * @example
 * requireBookingOn(org); // before validating a booking or a hold
 */
export function requireBookingOn(org: Organization): void {
  const off = apiBookingOff(org);
  if (off) throw new DomainError('booking_off', { detail: off.text, reason: off.reason, text: off.text });
}

/**
 * The epoch minute of a requested start, which must be on a whole minute and
 * after `now` (epoch minutes); otherwise a validation error naming `path`.
 *
 * @example
 * const start = requireFutureStart(request.start, minuteOf(now), 'start');
 */
export function requireFutureStart(iso: string, now: number, path: string): number {
  const ms = Date.parse(iso);
  if (ms % MINUTE_MS !== 0) throw DomainError.invalid(path, 'Must be on a whole minute', 'invalid');
  const start = ms / MINUTE_MS;
  if (start <= now) throw DomainError.invalid(path, 'Must be in the future', 'in_the_past');
  return start;
}

/**
 * Bookings for one provider take turns (a transaction-scoped advisory lock),
 * so the re-check inside the transaction sees the previous winner and the
 * loser gets `slot_taken` at once. Without it, a crowd of inserts at one slot
 * waits on each other's uncommitted rows in the exclusion constraint and
 * PostgreSQL resolves those cycles one deadlock timeout (1 s) at a time. The
 * constraint stays what guarantees no overlap; this only keeps contention
 * fast. One lock per transaction, so these locks cannot form a cycle.
 *
 * @example
 * await db.transaction().execute(async (trx) => { await queueForProvider(trx, providerId); … });
 */
export async function queueForProvider(trx: Executor, providerId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${providerId}, 0))`.execute(trx);
}

/**
 * The schedule of one provider at one clinic around `start` (epoch minutes),
 * with its busy times as of `now` (live holds included, expired ones not),
 * the treatment's duration and name; a validation error naming the field when
 * the treatment or the provider at the clinic is not offered online.
 *
 * @example
 * const { schedule, durationMinutes } = await scheduleFor(trx, org, treatmentId, clinicId, providerId, start, deps.now());
 */
export async function scheduleFor(trx: Executor, org: Organization, treatmentId: string | null, clinicId: string, providerId: string, start: number, now: Date, ignoreAppointmentId?: string) {
  const loaded = await loadSchedules(trx, {
    organizationId: org.id, treatmentId, clinicId, providerId, defaultTimeZone: org.timeZone,
    fromMinute: start - DAY, toMinute: start + DAY, now, ignoreAppointmentId,
  });
  if (treatmentId !== null && loaded.durationMinutes === null) throw DomainError.invalid('treatmentId', 'No such treatment offered online', 'not_found');
  const schedule = loaded.schedules[0];
  if (!schedule) throw DomainError.invalid('providerId', 'This provider does not offer the treatment at this clinic online', 'not_offered');
  return { schedule, durationMinutes: loaded.durationMinutes ?? 0, treatmentName: loaded.treatmentName };
}

/**
 * Re-checks the slot in the transaction: taken by someone → `slot_taken`,
 * otherwise not on offer → `slot_unavailable`.
 *
 * @example
 * requireFree(org, schedule, start, durationMinutes, minuteOf(now));
 */
export function requireFree(org: Organization, schedule: ProviderSchedule, start: number, duration: number, now: number): void {
  const date = localDateOf(start, schedule.timeZone);
  if (isSlotFree(schedule, start, availabilityQueryFor(org, now, date, date, duration))) return;
  const taken = schedule.busy.some((b) => b.start < start + duration && start < b.end);
  throw new DomainError(taken ? 'slot_taken' : 'slot_unavailable');
}

/**
 * Runs a transaction that takes a time: an exclusion violation (another
 * writer got the time) becomes `slot_taken`, and a deadlock or serialization
 * failure (rolled back whole) is run again, a few times at most.
 *
 * @example
 * return translateConflicts(() => deps.db.transaction().execute(async (trx) => { … }));
 */
export async function translateConflicts<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === EXCLUSION_VIOLATION) throw new DomainError('slot_taken');
      // PostgreSQL may break a wait cycle between two conflicting inserts by
      // aborting one; the whole transaction rolled back, so running it again is
      // safe, and the rerun meets the winner's row as an exclusion violation.
      if (!RETRYABLE.has(code ?? '') || attempt === MAX_ATTEMPTS) throw error;
    }
  }
}
