import { randomUUID } from 'node:crypto';
import { bookingRequestFor, RebookRequest, type BookingRequest, type BookingResult, type BookingView } from '../../sdk/schemas/booking.ts';
import { parseNationalId } from '../../sdk/validation/national-id.ts';
import { countryForLocale, parseMobile } from '../../sdk/validation/phone.ts';
import type { Db, Executor } from '../db/database.ts';
import type { AppointmentRow } from '../db/tables.ts';
import { formatInstant } from '../availability/time-zone.ts';
import { DomainError } from '../domain/domain-error.ts';
import { validate } from '../domain/validate.ts';
import type { Organization } from '../organizations/organization.ts';
import { appointmentText } from './appointment-text.ts';
import { decideChange } from './change-rules.ts';
import { claimIdempotencyKey, requestFingerprint, storeIdempotentResponse } from './idempotency.ts';
import { hashSecretToken, newSecretToken } from '../domain/secret-token.ts';
import { findOrCreatePatient, reconcilePatient, updateOwnRecord, type PatientInput } from './patient-repository.ts';
import { loadAppointment, toBookingView } from './booking-view.ts';
import { enqueueForBooking } from '../messaging/booking-messages.ts';
import { verifyBooking, type BookingContext } from '../verification/booking-verification.ts';
import type { CodeDeps } from '../verification/codes.ts';
import { sessionReaches } from '../verification/my-bookings.ts';
import type { SessionIdentity } from '../verification/patient-sessions.ts';
import { dateAt, minuteOf } from '../time/minutes.ts';
import { queueForProvider, requireBookingOn, requireFree, requireFutureStart, scheduleFor, translateConflicts } from './slot-check.ts';
import { lockLiveHold } from '../verification/holds.ts';
import { insertAppointment, moveAppointment } from './take-time.ts';
import { emitBookingEvent } from '../webhooks/emit-event.ts';

/** What the booking service needs from the outside world. */
export interface BookingDeps {
  db: Db;
  /** The current instant; a function so tests can move time. */
  now: () => Date;
  /** The patient's link to manage a booking. */
  manageUrl: (subdomain: string, token: string) => string;
  /** The HMAC key of captcha challenges (`CAPTCHA_SECRET`, else the database's own). */
  captchaSecret: () => Promise<string>;
  /** The hosted booking page (where a logged-in patient finds "my bookings"); the link in messages of changes made there. */
  pageUrl: (subdomain: string) => string;
}

/**
 * The booking a rebook or cancellation is for (B16, issue 8.5): the manage
 * link's token, or an appointment id that the patient's session reaches.
 * Both go through the same rules; an id the session does not reach is
 * `not_found`, as an unknown token is.
 */
export type BookingTarget = string | { id: string; session: SessionIdentity };

/**
 * Books a slot (B8–B10, B18). The booking is unverified, so it is shown and
 * messaged as typed (issue 8.4): on an existing patient's record it never
 * returns, shows or messages the record's details, and its answer is the same
 * whether the typed details match the record or not; differences become a
 * pending change for staff. The slot is re-checked inside the transaction
 * that writes the appointment; the database's exclusion constraint is what
 * guarantees no overlap when two patients race, and the loser gets
 * `slot_taken` (409), never a 500. A retry with the same Idempotency-Key gets
 * the first answer. What the booking must prove first (a login, a code, a
 * captcha) is decided by `verifyBooking` (issue 8); a code that verified it is
 * spent in the booking's transaction, so a booking that fails leaves it usable.
 * With `holdId` (issue 8.2) the patient's live hold of
 * exactly this time becomes the booking (an expired or unknown one is
 * `hold_expired`); expired holds of others never block the time.
 *
 * @example
 * const { status, body } = await createBooking(deps, org, await c.req.json(), c.req.header('Idempotency-Key'), { session, ip });
 */
export async function createBooking(deps: BookingDeps & Pick<CodeDeps, 'limits' | 'codeSecret'>, org: Organization, body: unknown, idempotencyKey: string | undefined, context: BookingContext): Promise<{ status: number; body: BookingResult }> {
  requireBookingOn(org);
  const request = validate(bookingRequestFor(org.settings.fields, countryForLocale(org.locale)), body);
  const at = deps.now();
  const now = minuteOf(at);
  const start = requireFutureStart(request.start, now, 'start');
  const patient = patientInput(request, org);
  const fingerprint = requestFingerprint(request);
  // Issue 8: login / code / captcha, checked before the transaction (a wrong code counts even if the booking fails).
  const verified = await verifyBooking(deps, org, request, patient, context);

  return translateConflicts(() =>
    deps.db.transaction().execute(async (trx) => {
      if (idempotencyKey) {
        const prior = await claimIdempotencyKey(trx, org.id, idempotencyKey, fingerprint);
        if (prior) return { status: prior.status, body: prior.response as BookingResult };
      }
      await verified.consume(trx, deps.now());
      await queueForProvider(trx, request.providerId);
      // With a hold (issue 8.2), the held row becomes the booking: its own time does not count as busy.
      const hold = request.holdId === undefined ? undefined : await lockLiveHold(trx, org, request.holdId, at);
      if (hold) requireHoldFor(hold, request, start);
      const { schedule, durationMinutes, treatmentName } = await scheduleFor(trx, org, request.treatmentId, request.clinicId, request.providerId, start, at, hold?.id);
      requireFree(org, schedule, start, durationMinutes, now);
      const { row: patientRow, created } = await findOrCreatePatient(trx, org.id, patient, verified.mobileVerified);
      const { token, hash } = newSecretToken();
      const id = hold?.id ?? randomUUID();
      const values = {
        patient_id: patientRow.id,
        clinic_id: request.clinicId,
        provider_id: request.providerId,
        treatment_id: request.treatmentId,
        starts_at: dateAt(start),
        ends_at: dateAt(start + durationMinutes),
        status: 'booked',
        hold_expires_at: null,
        hold_token_hash: null,
        source: 'online',
        text: appointmentText({ treatment: treatmentName, message: org.settings.flexibility.userMessage ? request.message : undefined, campaignCode: request.campaignCode }),
        from_template: true,
        campaign_code: request.campaignCode || null,
        user_message: org.settings.flexibility.userMessage ? request.message || null : null,
        manage_token_hash: hash,
        locale: request.locale ?? null,
        ...bookingContacts(patient),
        contact_mobile_verified: verified.mobileVerified,
      } as const;
      await insertAppointment(trx, { id, organization_id: org.id, ...values }, at, hold?.id);
      // Whether the typed details differ from the record is for staff only:
      // no answer, page or message may tell (a national id is no secret).
      // An e-ID session that proved this national id updates its own record (issue 8.6).
      if (!created) await (verified.ownsRecord ? updateOwnRecord(trx, patientRow, patient) : reconcilePatient(trx, patientRow, patient, id, at));
      const booking = toBookingView(await loadAppointment(trx, org, { id }), org, now);
      const result: BookingResult = { booking, manageToken: token, manageUrl: deps.manageUrl(org.subdomain, token) };
      await enqueueForBooking(trx, org, { appointmentId: id, event: 'booked', manageUrl: result.manageUrl, now: deps.now() });
      // Webhooks (D4): queued in this transaction, so a booking that rolls back announces nothing.
      await emitBookingEvent(trx, org, 'booking.created', id, deps.now());
      if (idempotencyKey) await storeIdempotentResponse(trx, org.id, idempotencyKey, 201, result);
      return { status: 201, body: result };
    }),
  );
}

/** The booking behind a manage token. */
export async function getBooking(deps: BookingDeps, org: Organization, token: string): Promise<BookingView> {
  return toBookingView(await loadAppointment(deps.db, org, { tokenHash: hashSecretToken(token) }), org, minuteOf(deps.now()));
}

/**
 * Moves a booking to another free time, optionally with another provider at
 * the same clinic (B16): allowed by the switches and before the cutoff;
 * recorded in the journal when the settings say so.
 *
 * @example
 * await rebookBooking(deps, org, manageToken, { start: '2026-12-04T10:00:00+01:00' });
 * await rebookBooking(deps, org, { id, session }, body); // from "my bookings"
 */
export async function rebookBooking(deps: BookingDeps, org: Organization, target: BookingTarget, body: unknown): Promise<BookingView> {
  const request = validate(RebookRequest, body);
  const at = deps.now();
  const now = minuteOf(at);
  const start = requireFutureStart(request.start, now, 'start');
  return translateConflicts(() =>
    deps.db.transaction().execute(async (trx) => {
      const appointment = await loadTarget(trx, org, target);
      const oldStart = minuteOf(appointment.starts_at);
      requireAllowed('rebook', appointment, org, now);
      const providerId = request.providerId ?? appointment.provider_id;
      const duration = appointment.duration_minutes ?? minuteOf(appointment.ends_at) - oldStart;
      await queueForProvider(trx, providerId);
      const { schedule } = await scheduleFor(trx, org, appointment.treatment_id, appointment.clinic_id, providerId, start, at, appointment.id);
      requireFree(org, schedule, start, duration, now);
      await moveAppointment(trx, appointment.id, { providerId, start, end: start + duration }, at);
      if (org.settings.booking.journalRebooking && appointment.patient_id) {
        const zone = schedule.timeZone;
        await journal(trx, org, appointment.patient_id, appointment.id, 'rebooked_online', `Rebooked online: ${formatInstant(oldStart, zone)} → ${formatInstant(start, zone)}`);
      }
      await enqueueForBooking(trx, org, { appointmentId: appointment.id, event: 'rebooked', manageUrl: linkFor(deps, org, target), now: deps.now() });
      await emitBookingEvent(trx, org, 'booking.rebooked', appointment.id, deps.now(), { start: appointment.starts_at, providerId: appointment.provider_id });
      return toBookingView(await loadAppointment(trx, org, { id: appointment.id }), org, now);
    }),
  );
}

/**
 * Cancels a booking (B16), before the cutoff and when the switches allow it.
 *
 * @example
 * await cancelBooking(deps, org, manageToken);
 * await cancelBooking(deps, org, { id, session }); // from "my bookings"
 */
export async function cancelBooking(deps: BookingDeps, org: Organization, target: BookingTarget): Promise<BookingView> {
  const now = minuteOf(deps.now());
  return deps.db.transaction().execute(async (trx) => {
    const appointment = await loadTarget(trx, org, target);
    requireAllowed('cancel', appointment, org, now);
    await trx
      .updateTable('appointments')
      .set({ status: 'cancelled', cancelled_at: dateAt(now), updated_at: dateAt(now) })
      .where('id', '=', appointment.id)
      .execute();
    if (org.settings.booking.journalCancellation && appointment.patient_id) {
      const zone = appointment.time_zone ?? org.timeZone;
      await journal(trx, org, appointment.patient_id, appointment.id, 'cancelled_online', `Cancelled online: ${formatInstant(minuteOf(appointment.starts_at), zone)}`);
    }
    await enqueueForBooking(trx, org, { appointmentId: appointment.id, event: 'cancelled', manageUrl: linkFor(deps, org, target), now: deps.now() });
    await emitBookingEvent(trx, org, 'booking.cancelled', appointment.id, deps.now());
    return toBookingView(await loadAppointment(trx, org, { id: appointment.id }), org, now);
  });
}

/** The appointment a change is for, locked: by manage token, or by id when the session reaches it. */
async function loadTarget(trx: Executor, org: Organization, target: BookingTarget) {
  if (typeof target === 'string') return loadAppointment(trx, org, { tokenHash: hashSecretToken(target) }, true);
  const appointment = await loadAppointment(trx, org, { id: target.id }, true);
  if (!(await sessionReaches(trx, org, target.session, appointment.id))) throw new DomainError('not_found', { detail: 'No booking for this link' });
  return appointment;
}

/** The link a change's messages carry: the manage link, or for a change from "my bookings" the booking page. */
function linkFor(deps: BookingDeps, org: Organization, target: BookingTarget): string {
  return typeof target === 'string' ? deps.manageUrl(org.subdomain, target) : deps.pageUrl(org.subdomain);
}

function requireAllowed(action: 'rebook' | 'cancel', appointment: Awaited<ReturnType<typeof loadAppointment>>, org: Organization, now: number): void {
  const decision = decideChange(action, { status: appointment.status, startMinute: minuteOf(appointment.starts_at), fromTemplate: appointment.from_template }, org.settings.booking, now);
  if (!decision.allowed) throw new DomainError(decision.code ?? 'internal');
}

/** A hold books only the time it holds: the same start, provider, clinic and treatment; otherwise 422 naming `holdId`. */
function requireHoldFor(hold: AppointmentRow, request: BookingRequest, start: number): void {
  const same = minuteOf(hold.starts_at) === start && hold.provider_id === request.providerId && hold.clinic_id === request.clinicId && hold.treatment_id === request.treatmentId;
  if (!same) throw DomainError.invalid('holdId', 'The hold is for another time, provider, clinic or treatment', 'hold_mismatch');
}

/**
 * Writes a journal entry on a patient's record (B16, B18): online and staff
 * rebookings and cancellations, decided pending changes.
 *
 * @example
 * await journal(trx, org, patientId, appointmentId, 'cancelled_staff', 'Cancelled by staff: 2026-12-03 09:00');
 */
export async function journal(trx: Executor, org: Organization, patientId: string, appointmentId: string | null, kind: string, text: string): Promise<void> {
  await trx.insertInto('journal_entries').values({ id: randomUUID(), organization_id: org.id, patient_id: patientId, appointment_id: appointmentId, kind, text }).execute();
}

function patientInput(request: BookingRequest, org: Organization): PatientInput {
  const fields = org.settings.fields;
  const p = request.patient;
  const keep = (mode: 'off' | 'optional' | 'required', value: string | undefined) => (mode !== 'off' && value ? value : null);
  const mobile = keep(fields.mobile, p.mobile);
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    nationalId: parseNationalId(p.nationalId)!.value,
    mobile: mobile ? (parseMobile(mobile, countryForLocale(org.locale)) as { e164: string }).e164 : null,
    email: keep(fields.email, p.email),
    address1: keep(fields.address1, p.address1),
    address2: keep(fields.address2, p.address2),
    postalCode: keep(fields.postalCode, p.postalCode),
    city: keep(fields.city, p.city),
    wantsSms: p.wantsSms ?? true,
  };
}

/** What the booking typed, kept on the appointment: it is shown and messaged instead of the record's details. */
function bookingContacts(patient: PatientInput) {
  return {
    contact_first_name: patient.firstName,
    contact_last_name: patient.lastName,
    contact_mobile: patient.mobile,
    contact_email: patient.email,
    contact_wants_sms: patient.wantsSms,
  };
}
