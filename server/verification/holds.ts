import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { HoldRequest, type Hold } from '../../sdk/schemas/verification.ts';
import { Secret } from '../../sdk/schemas/common.ts';
import type { Db, Executor } from '../db/database.ts';
import type { AppointmentRow } from '../db/tables.ts';
import { formatInstant } from '../availability/time-zone.ts';
import type { BookingDeps } from '../booking/booking-service.ts';
import { hashSecretToken, newSecretToken } from '../domain/secret-token.ts';
import { queueForProvider, requireBookingOn, requireFree, requireFutureStart, scheduleFor, translateConflicts } from '../booking/slot-check.ts';
import { DomainError } from '../domain/domain-error.ts';
import { validate } from '../domain/validate.ts';
import type { Organization } from '../organizations/organization.ts';
import { dateAt, minuteOf, secondsBetween } from '../time/minutes.ts';

/**
 * Slot holds (issue 8.2): while the patient types the code, the time is
 * theirs. A hold is an `appointments` row with status `held`, no patient, and
 * `hold_expires_at`, under the same exclusion constraint as bookings, so
 * nothing can take a held time. The constraint cannot read the clock: every
 * read of busy times ignores a hold past its expiry, whoever needs the time
 * deletes expired overlapping holds in its own transaction
 * ({@link clearExpiredHolds}), and the worker's sweep deletes the rest
 * ({@link sweepHolds}). The patient's `holdId` is a random secret; only its
 * SHA-256 is stored.
 */

/** How long a hold lasts, from its creation or its last renewal. */
export const HOLD_MS = 5 * 60_000;
/**
 * The longest a hold can be kept by renewing it: enough to ask for, resend
 * and type a code several times, but a script renewing its holds cannot keep
 * times blocked for good (holds are rate-limited when made, not when renewed).
 */
export const HOLD_MAX_MS = 30 * 60_000;

/**
 * Holds a time for {@link HOLD_MS}: the same checks as a booking (booking on,
 * a future start on offer and free), then a `held` row. A held or booked
 * time is `slot_taken` (409).
 *
 * @example
 * const hold = await holdSlot(deps, org, { treatmentId, clinicId, providerId, start: '2026-12-02T09:00:00+01:00' });
 * // { holdId: 'k3…', start: '2026-12-02T09:00:00+01:00', end: '2026-12-02T09:30:00+01:00', expiresAt: '2026-12-01T07:05:00.000Z' }
 */
export async function holdSlot(deps: Pick<BookingDeps, 'db' | 'now'>, org: Organization, body: unknown): Promise<Hold> {
  requireBookingOn(org);
  const request = validate(HoldRequest, body);
  const at = deps.now();
  const now = minuteOf(at);
  const start = requireFutureStart(request.start, now, 'start');
  return translateConflicts(() =>
    deps.db.transaction().execute(async (trx) => {
      await queueForProvider(trx, request.providerId);
      const { schedule, durationMinutes } = await scheduleFor(trx, org, request.treatmentId, request.clinicId, request.providerId, start, at);
      requireFree(org, schedule, start, durationMinutes, now);
      await clearExpiredHolds(trx, request.providerId, start, start + durationMinutes, at);
      const { token, hash } = newSecretToken();
      const expiresAt = new Date(at.getTime() + HOLD_MS);
      await trx.insertInto('appointments').values({
        id: randomUUID(),
        organization_id: org.id,
        patient_id: null,
        clinic_id: request.clinicId,
        provider_id: request.providerId,
        treatment_id: request.treatmentId,
        starts_at: dateAt(start),
        ends_at: dateAt(start + durationMinutes),
        status: 'held',
        source: 'online',
        hold_expires_at: expiresAt,
        hold_token_hash: hash,
        created_at: at, // the renewal limit counts from here, on the same clock as the expiry
      }).execute();
      return holdView(token, start, start + durationMinutes, expiresAt, schedule.timeZone, at);
    }),
  );
}

/**
 * Renews a live hold for another {@link HOLD_MS} from `now` (the patient is
 * active: asked for or resent a code for it, or the widget said so while the
 * code is typed), but never past {@link HOLD_MAX_MS} after it was made. An
 * unknown, released, booked or expired hold, or one already renewed to its
 * limit, is `hold_expired` (410). Answers the hold, and the id of its row
 * (for {@link renewHeldRow}; never shown to the patient).
 *
 * @example
 * const { hold } = await renewHold(trx, org, request.holdId, deps.now());
 */
export async function renewHold(trx: Executor, org: Organization, holdId: string, now: Date): Promise<{ hold: Hold; rowId: string }> {
  const row = await renewing(trx, org, now)
    .where('hold_token_hash', '=', hashSecretToken(holdId))
    .returning(['id', 'starts_at', 'ends_at', 'clinic_id', 'hold_expires_at'])
    .executeTakeFirst();
  if (!row?.hold_expires_at) throw new DomainError('hold_expired');
  const clinic = await trx.selectFrom('clinics').select('time_zone').where('id', '=', row.clinic_id).executeTakeFirst();
  return { hold: holdView(holdId, minuteOf(row.starts_at), minuteOf(row.ends_at), row.hold_expires_at, clinic?.time_zone ?? org.timeZone, now), rowId: row.id };
}

/**
 * {@link renewHold} by the hold's row id, when it is still live (a code
 * resent for it); a hold that has gone is left alone: answers whether one
 * was renewed.
 *
 * @example
 * if (row.hold_id) await renewHeldRow(trx, org, row.hold_id, now);
 */
export async function renewHeldRow(trx: Executor, org: Organization, rowId: string, now: Date): Promise<boolean> {
  const result = await renewing(trx, org, now).where('id', '=', rowId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The renewal of an organization's live holds, for the caller to narrow to one. */
function renewing(trx: Executor, org: Organization, now: Date) {
  return trx
    .updateTable('appointments')
    .set((eb) => ({ hold_expires_at: sql<Date>`least(${new Date(now.getTime() + HOLD_MS)}::timestamptz, ${eb.ref('created_at')} + ${`${HOLD_MAX_MS / 1000} seconds`}::interval)` }))
    .where('organization_id', '=', org.id)
    .where('status', '=', 'held')
    .where('hold_expires_at', '>', now);
}

/**
 * Releases a hold (the patient went back or chose another time). Nothing to
 * tell when there is no such hold: it may have expired and been swept.
 *
 * @example
 * await releaseHold(db, org, holdId);
 */
export async function releaseHold(db: Executor, org: Organization, holdId: string): Promise<void> {
  await db.deleteFrom('appointments').where('hold_token_hash', '=', hashSecretToken(holdId)).where('organization_id', '=', org.id).where('status', '=', 'held').execute();
}

/**
 * The live hold behind a `holdId`, locked (`FOR UPDATE`) for the booking
 * that turns it into the appointment; `hold_expired` (410) when there is
 * none or it has expired.
 *
 * @example
 * const hold = await lockLiveHold(trx, org, request.holdId, deps.now());
 */
export async function lockLiveHold(trx: Executor, org: Organization, holdId: string, now: Date): Promise<AppointmentRow> {
  const row = await trx
    .selectFrom('appointments')
    .selectAll()
    .where('hold_token_hash', '=', hashSecretToken(holdId))
    .where('organization_id', '=', org.id)
    .where('status', '=', 'held')
    .forUpdate()
    .executeTakeFirst();
  if (!row || row.hold_expires_at === null || row.hold_expires_at <= now) throw new DomainError('hold_expired');
  return row;
}

/**
 * Deletes a provider's expired holds overlapping `start`..`end` (epoch
 * minutes), in the transaction that is about to take that time: the
 * exclusion constraint would otherwise still count them.
 *
 * @example
 * await clearExpiredHolds(trx, providerId, start, start + durationMinutes, deps.now());
 */
export async function clearExpiredHolds(trx: Executor, providerId: string, start: number, end: number, now: Date): Promise<void> {
  await trx
    .deleteFrom('appointments')
    .where('provider_id', '=', providerId)
    .where('status', '=', 'held')
    .where('hold_expires_at', '<=', now)
    .where('starts_at', '<', dateAt(end))
    .where('ends_at', '>', dateAt(start))
    .execute();
}

/**
 * Deletes every expired hold (the worker's periodic sweep); answers how many.
 *
 * @example
 * const swept = await sweepHolds(db, new Date());
 */
export async function sweepHolds(db: Db | Executor, now: Date): Promise<number> {
  const result = await db.deleteFrom('appointments').where('status', '=', 'held').where('hold_expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * A `holdId` from a path, checked as the contract's `Secret`.
 *
 * @example
 * const holdId = holdIdParam(c.req.param('holdId'));
 */
export function holdIdParam(value: string | undefined): string {
  return validate(Secret, value, 'holdId');
}

function holdView(holdId: string, start: number, end: number, expiresAt: Date, timeZone: string, now: Date): Hold {
  return { holdId, start: formatInstant(start, timeZone), end: formatInstant(end, timeZone), expiresAt: expiresAt.toISOString(), expiresInSeconds: secondsBetween(now, expiresAt) };
}
