import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AttendanceRequest, CancelRequest, ExternalBookingRequest, MoveRequest, StaffBookingRequest, StaffBookingResult } from '../../sdk/schemas/book.ts';
import { AttendanceRequest as AttendanceSchema, CancelRequest as CancelSchema, ExternalBookingRequest as ExternalSchema, ExternalId, MoveRequest as MoveSchema, StaffBookingRequest as CreateSchema } from '../../sdk/schemas/book.ts';
import { parseNationalId } from '../../sdk/validation/national-id.ts';
import { countryForLocale, parseMobile } from '../../sdk/validation/phone.ts';
import type { Actor } from '../admin/access.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { formatInstant } from '../availability/time-zone.ts';
import type { Db, Executor } from '../db/database.ts';
import type { AppointmentRow } from '../db/tables.ts';
import { DomainError } from '../domain/domain-error.ts';
import { validate } from '../domain/validate.ts';
import { enqueueForBooking } from '../messaging/booking-messages.ts';
import { emitBookingEvent } from '../webhooks/emit-event.ts';
import { newSecretToken } from '../domain/secret-token.ts';
import type { Organization } from '../organizations/organization.ts';
import { MINUTE_MS, minuteOf } from '../time/minutes.ts';
import { bookAppointment } from './appointment-book.ts';
import { journal } from './booking-service.ts';
import { findOrCreatePatient, lockLivePatient, type PatientInput } from './patient-repository.ts';
import { queueForProvider, translateConflicts } from './slot-check.ts';
import { insertAppointment, moveAppointment } from './take-time.ts';

/** What staff bookings need: the database, the clock, and who acts (for the audit log). */
export interface StaffBookingDeps {
  db: Db;
  now: () => Date;
  /** The patient's manage link: a confirmation staff send carries a fresh one (an earlier link stops working). */
  manageUrl?: ((subdomain: string, token: string) => string) | undefined;
  /** The hosted booking page: the link of a cancellation notice. */
  pageUrl?: ((subdomain: string) => string) | undefined;
}

interface Act {
  deps: StaffBookingDeps;
  org: Organization;
  actor: Actor;
}

/** An epoch minute from an instant of a request, on a whole minute; else 422 naming `path`. */
function minuteFrom(iso: string, path: string): number {
  const ms = Date.parse(iso);
  if (ms % MINUTE_MS !== 0) throw DomainError.invalid(path, 'Must be on a whole minute', 'invalid');
  return ms / MINUTE_MS;
}

/** The end of a staff booking or move: `end`, or `durationMinutes`, else `fallback` minutes; one of them. */
function endFrom(request: { end?: string | undefined; durationMinutes?: number | undefined }, start: number, fallback: number | null): number {
  if (request.end !== undefined && request.durationMinutes !== undefined) throw DomainError.invalid('durationMinutes', 'Give end or durationMinutes, not both', 'conflicting');
  if (request.end !== undefined) {
    const end = minuteFrom(request.end, 'end');
    if (end <= start) throw DomainError.invalid('end', 'Must be after start', 'invalid_range');
    if (end - start > 24 * 60) throw DomainError.invalid('end', 'At most 24 hours after start', 'invalid_range');
    return end;
  }
  if (request.durationMinutes !== undefined) return start + request.durationMinutes;
  if (fallback === null) throw DomainError.invalid('durationMinutes', 'Give end or durationMinutes (no treatment gives a length)', 'required');
  return start + fallback;
}

/** A new patient's details as the public API normalises them (national id, mobile in E.164). */
function newPatientInput(org: Organization, p: NonNullable<StaffBookingRequest['patient']>): PatientInput {
  let mobile: string | null = null;
  if (p.mobile) {
    const parsed = parseMobile(p.mobile, countryForLocale(org.locale));
    if (!parsed.ok) throw DomainError.invalid('patient.mobile', parsed.problem === 'starts_with_00' ? 'Write the country code with + instead of 00' : 'Not a valid mobile number', parsed.problem);
    mobile = parsed.e164;
  }
  return {
    firstName: p.firstName, lastName: p.lastName, nationalId: parseNationalId(p.nationalId)!.value, mobile, email: p.email || null,
    address1: null, address2: null, postalCode: null, city: null, wantsSms: p.wantsSms ?? true,
  };
}

/** An id from a body that must be one of the organization's rows: 422 naming the field otherwise (another organization's id included). */
async function requireOwn(trx: Executor, table: 'clinics' | 'providers' | 'treatments', organizationId: string, id: string, path: string) {
  const row = await trx.selectFrom(table).select('id').where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
  if (!row) throw DomainError.invalid(path, 'No such item in this organization', 'not_found');
}

/** An appointment of the organization, locked for a change; `not_found` (404) for an unknown or another organization's id. */
async function lockAppointment(trx: Executor, org: Organization, where: { id: string } | { externalId: string }): Promise<AppointmentRow | undefined> {
  let q = trx.selectFrom('appointments').selectAll().where('organization_id', '=', org.id).where('status', '<>', 'held');
  q = 'id' in where ? q.where('id', '=', where.id) : q.where('external_id', '=', where.externalId);
  return q.forUpdate().executeTakeFirst();
}

function found(row: AppointmentRow | undefined): AppointmentRow {
  if (!row) throw new DomainError('not_found', { detail: 'No such appointment' });
  return row;
}

/** Same practice-system id, one writer at a time (a lock space apart from the providers'). */
async function queueForExternalId(trx: Executor, org: Organization, externalId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`external:${org.id}:${externalId}`}, 0))`.execute(trx);
}

/**
 * The link a confirmation staff send carries: a fresh manage token for the
 * appointment (its hash replaces any earlier one, whose link stops working),
 * as an online booking's confirmation carries its own.
 */
async function freshManageLink(trx: Executor, act: Act, appointmentId: string): Promise<string | undefined> {
  if (!act.deps.manageUrl) return undefined;
  const { token, hash } = newSecretToken();
  await trx.updateTable('appointments').set({ manage_token_hash: hash }).where('id', '=', appointmentId).execute();
  return act.deps.manageUrl(act.org.subdomain, token);
}

const timesOf = (row: { starts_at: Date; ends_at: Date; provider_id: string; clinic_id: string }, zone: string) => ({
  start: formatInstant(minuteOf(row.starts_at), zone), end: formatInstant(minuteOf(row.ends_at), zone), providerId: row.provider_id, clinicId: row.clinic_id,
});

/** Checks a staff booking's request before any transaction; the database checks follow in {@link insertStaffBooking}. */
function checkCreate(act: Act, request: ExternalBookingRequest) {
  if ((request.patientId === undefined) === (request.patient === undefined)) throw DomainError.invalid('patientId', 'Give patientId or patient (a new patient), one of them', 'required');
  const start = minuteFrom(request.start, 'start');
  const patient = request.patient ? newPatientInput(act.org, request.patient) : undefined;
  return { start, patient };
}

async function insertStaffBooking(trx: Executor, act: Act, request: ExternalBookingRequest, checked: ReturnType<typeof checkCreate>, externalId: string | null): Promise<StaffBookingResult> {
  const { org, deps } = act;
  const at = deps.now();
  await requireOwn(trx, 'clinics', org.id, request.clinicId, 'clinicId');
  await requireOwn(trx, 'providers', org.id, request.providerId, 'providerId');
  let treatment: { name: string; duration_minutes: number } | undefined;
  if (request.treatmentId) {
    treatment = await trx.selectFrom('treatments').select(['name', 'duration_minutes']).where('organization_id', '=', org.id).where('id', '=', request.treatmentId).executeTakeFirst();
    if (!treatment) throw DomainError.invalid('treatmentId', 'No such item in this organization', 'not_found');
  }
  const start = checked.start;
  const end = endFrom(request, start, treatment?.duration_minutes ?? null);
  let patientId: string;
  let patientCreated = false;
  if (request.patientId) {
    if (!(await lockLivePatient(trx, org.id, request.patientId))) throw DomainError.invalid('patientId', 'No such item in this organization', 'not_found');
    patientId = request.patientId;
  } else {
    // Staff typed the mobile; only a proved mobile counts for an SMS login (issue 8).
    const { row, created } = await findOrCreatePatient(trx, org.id, checked.patient!, false);
    patientId = row.id;
    patientCreated = created;
  }
  const id = randomUUID();
  await queueForProvider(trx, request.providerId);
  await insertAppointment(trx, {
    id, organization_id: org.id, patient_id: patientId, clinic_id: request.clinicId, provider_id: request.providerId, treatment_id: request.treatmentId ?? null,
    starts_at: new Date(start * MINUTE_MS), ends_at: new Date(end * MINUTE_MS), status: 'booked', source: act.actor.kind === 'api_key' ? 'api' : 'staff',
    text: request.text ?? treatment?.name ?? '', from_template: false, campaign_code: null, user_message: null, manage_token_hash: null, external_id: externalId,
  }, at);
  const past = start <= minuteOf(at);
  const confirm = request.notifyPatient === true && !past;
  const manageUrl = confirm ? await freshManageLink(trx, act, id) : undefined;
  // The same confirmation as online when asked; reminders as the settings say (none due in the past).
  await enqueueForBooking(trx, org, { appointmentId: id, event: 'booked', now: at, confirm, ...(manageUrl ? { manageUrl } : {}) });
  await emitBookingEvent(trx, org, 'booking.created', id, at);
  const appointment = await bookAppointment(trx, org, id);
  await recordAudit(trx, org.id, act.actor, {
    action: 'appointment.create', target: { type: 'appointment', id },
    after: { start: appointment.start, end: appointment.end, providerId: request.providerId, clinicId: request.clinicId, externalId, notifyPatient: request.notifyPatient === true },
  }, at);
  return { appointment, patientCreated, warnings: past ? ['in_the_past'] : [] };
}

/**
 * A staff (phone) or API booking (issue 9.4): outside the online rules, in
 * the past too (warned), never over another booked or held time (the shared
 * path {@link insertAppointment}: 409 `slot_taken`). Ids of another
 * organization in the body are 422 naming the field, as unknown ones.
 *
 * @example
 * const result = await createStaffBooking({ db, now }, org, actor, { patientId, clinicId, providerId, start: '2026-12-03T18:00:00+01:00', durationMinutes: 90 });
 */
export async function createStaffBooking(deps: StaffBookingDeps, org: Organization, actor: Actor, body: unknown): Promise<StaffBookingResult> {
  const request = validate(CreateSchema, body);
  const act = { deps, org, actor };
  const checked = checkCreate(act, request);
  return translateConflicts(() =>
    deps.db.transaction().execute(async (trx) => {
      if (request.externalId) {
        await queueForExternalId(trx, org, request.externalId);
        if (await lockAppointment(trx, org, { externalId: request.externalId })) throw DomainError.invalid('externalId', 'Another appointment has this external id', 'taken');
      }
      return insertStaffBooking(trx, act, request, checked, request.externalId ?? null);
    }),
  );
}

async function moveLocked(trx: Executor, act: Act, row: AppointmentRow, request: Omit<MoveRequest, 'start'> & { start: number }, audit: boolean): Promise<void> {
  const { org, deps } = act;
  const at = deps.now();
  if (row.status === 'cancelled') throw new DomainError('already_cancelled');
  if (request.providerId) await requireOwn(trx, 'providers', org.id, request.providerId, 'providerId');
  if (request.clinicId) await requireOwn(trx, 'clinics', org.id, request.clinicId, 'clinicId');
  const providerId = request.providerId ?? row.provider_id;
  const oldStart = minuteOf(row.starts_at);
  const end = endFrom(request, request.start, minuteOf(row.ends_at) - oldStart);
  await queueForProvider(trx, providerId);
  await moveAppointment(trx, row.id, { providerId, ...(request.clinicId ? { clinicId: request.clinicId } : {}), start: request.start, end }, at);
  const clinic = await trx.selectFrom('clinics').select('time_zone').where('id', '=', request.clinicId ?? row.clinic_id).executeTakeFirst();
  const zone = clinic?.time_zone ?? org.timeZone;
  if (org.settings.booking.journalRebooking && row.patient_id) {
    await journal(trx, org, row.patient_id, row.id, 'rebooked_staff', `Moved by staff: ${formatInstant(oldStart, zone)} → ${formatInstant(request.start, zone)}`);
  }
  const confirm = request.notifyPatient === true && request.start > minuteOf(at);
  const manageUrl = confirm ? await freshManageLink(trx, act, row.id) : undefined;
  await enqueueForBooking(trx, org, { appointmentId: row.id, event: 'rebooked', now: at, confirm, ...(manageUrl ? { manageUrl } : {}) });
  await emitBookingEvent(trx, org, 'booking.rebooked', row.id, at, { start: row.starts_at, providerId: row.provider_id });
  if (audit) {
    const after = await trx.selectFrom('appointments').select(['starts_at', 'ends_at', 'provider_id', 'clinic_id']).where('id', '=', row.id).executeTakeFirstOrThrow();
    await recordAudit(trx, org.id, act.actor, { action: 'appointment.move', target: { type: 'appointment', id: row.id }, before: timesOf(row, zone), after: timesOf(after, zone) }, at);
  }
}

/**
 * Moves an appointment (issue 9.4) through the same overlap path as online
 * rebooking; waiting reminders follow it; `notifyPatient` sends the rebooking
 * confirmation. Journaled when the settings say so.
 *
 * @example
 * await moveStaffBooking(deps, org, actor, id, { start: '2026-12-04T10:00:00+01:00' });
 */
export async function moveStaffBooking(deps: StaffBookingDeps, org: Organization, actor: Actor, id: string, body: unknown) {
  const request = validate(MoveSchema, body);
  const start = minuteFrom(request.start, 'start');
  return translateConflicts(() =>
    deps.db.transaction().execute(async (trx) => {
      const row = found(await lockAppointment(trx, org, { id }));
      await moveLocked(trx, { deps, org, actor }, row, { ...request, start }, true);
      return bookAppointment(trx, org, id);
    }),
  );
}

async function cancelLocked(trx: Executor, act: Act, row: AppointmentRow, request: CancelRequest): Promise<void> {
  const { org, deps } = act;
  const at = deps.now();
  await trx.updateTable('appointments').set({ status: 'cancelled', cancelled_at: at, updated_at: at }).where('id', '=', row.id).execute();
  if (org.settings.booking.journalCancellation && row.patient_id) {
    const clinic = await trx.selectFrom('clinics').select('time_zone').where('id', '=', row.clinic_id).executeTakeFirst();
    const when = formatInstant(minuteOf(row.starts_at), clinic?.time_zone ?? org.timeZone);
    await journal(trx, org, row.patient_id, row.id, 'cancelled_staff', `Cancelled by staff: ${when}${request.reason ? ` (${request.reason})` : ''}`);
  }
  const confirm = request.notifyPatient === true && minuteOf(row.starts_at) > minuteOf(at);
  const pageUrl = confirm ? deps.pageUrl?.(org.subdomain) : undefined;
  await enqueueForBooking(trx, org, { appointmentId: row.id, event: 'cancelled', now: at, confirm, ...(pageUrl ? { manageUrl: pageUrl } : {}) });
  await emitBookingEvent(trx, org, 'booking.cancelled', row.id, at);
  await recordAudit(trx, org.id, act.actor, { action: 'appointment.cancel', target: { type: 'appointment', id: row.id }, after: { reason: request.reason ?? null, notifyPatient: request.notifyPatient === true } }, at);
}

/**
 * Cancels an appointment (issue 9.4); `notifyPatient` sends the
 * cancellation confirmation; waiting reminders are cancelled. An appointment
 * already cancelled is 409 `already_cancelled`.
 *
 * @example
 * await cancelStaffBooking(deps, org, actor, id, { notifyPatient: true, reason: 'Ill' });
 */
export async function cancelStaffBooking(deps: StaffBookingDeps, org: Organization, actor: Actor, id: string, body: unknown) {
  const request = validate(CancelSchema, body);
  return deps.db.transaction().execute(async (trx) => {
    const row = found(await lockAppointment(trx, org, { id }));
    if (row.status === 'cancelled') throw new DomainError('already_cancelled');
    await cancelLocked(trx, { deps, org, actor }, row, request);
    return bookAppointment(trx, org, id);
  });
}

/**
 * Marks an appointment attended or no-show, or clears the mark (issue 9.4);
 * it stays booked and keeps its time.
 *
 * @example
 * await markAttendance(deps, org, actor, id, { attendance: 'no_show' });
 */
export async function markAttendance(deps: StaffBookingDeps, org: Organization, actor: Actor, id: string, body: unknown) {
  const request: AttendanceRequest = validate(AttendanceSchema, body);
  return deps.db.transaction().execute(async (trx) => {
    const row = found(await lockAppointment(trx, org, { id }));
    if (row.status === 'cancelled') throw new DomainError('already_cancelled');
    await trx.updateTable('appointments').set({ attendance: request.attendance, updated_at: deps.now() }).where('id', '=', id).execute();
    await recordAudit(trx, org.id, actor, { action: 'appointment.attendance', target: { type: 'appointment', id }, before: { attendance: row.attendance }, after: { attendance: request.attendance } }, deps.now());
    return bookAppointment(trx, org, id);
  });
}

/**
 * The inbound sync of a practice system (issue 9.6): creates the appointment
 * with this external id (201), or moves the one that has it to the body's
 * time, provider and clinic (200); the same body again changes nothing (200).
 * The patient of an existing one is kept. A cancelled one is 409
 * `already_cancelled`.
 *
 * @example
 * const { status, body } = await putExternalBooking(deps, org, actor, 'pms-4711', { patientId, clinicId, providerId, start, durationMinutes: 30 });
 */
export async function putExternalBooking(deps: StaffBookingDeps, org: Organization, actor: Actor, rawExternalId: string, body: unknown): Promise<{ status: 200 | 201; body: StaffBookingResult }> {
  const externalId = validate(ExternalId, rawExternalId, 'externalId');
  const request = validate(ExternalSchema, body);
  const act = { deps, org, actor };
  const start = minuteFrom(request.start, 'start');
  return translateConflicts(() =>
    deps.db.transaction().execute(async (trx) => {
      await queueForExternalId(trx, org, externalId);
      const row = await lockAppointment(trx, org, { externalId });
      if (!row) return { status: 201 as const, body: await insertStaffBooking(trx, act, request, checkCreate(act, request), externalId) };
      if (row.status === 'cancelled') throw new DomainError('already_cancelled');
      const oldStart = minuteOf(row.starts_at);
      const end = endFrom(request, start, minuteOf(row.ends_at) - oldStart);
      const same = oldStart === start && minuteOf(row.ends_at) === end && row.provider_id === request.providerId && row.clinic_id === request.clinicId;
      if (!same) await moveLocked(trx, act, row, { start, end: new Date(end * MINUTE_MS).toISOString(), providerId: request.providerId, clinicId: request.clinicId, notifyPatient: request.notifyPatient }, true);
      return { status: 200 as const, body: { appointment: await bookAppointment(trx, org, row.id), patientCreated: false, warnings: start <= minuteOf(deps.now()) ? ['in_the_past'] : [] } };
    }),
  );
}

/**
 * Cancels the appointment with this external id (issue 9.6), idempotently:
 * one already cancelled answers as it is; an unknown id is 404.
 *
 * @example
 * await cancelExternalBooking(deps, org, actor, 'pms-4711', {});
 */
export async function cancelExternalBooking(deps: StaffBookingDeps, org: Organization, actor: Actor, rawExternalId: string, body: unknown) {
  const externalId = validate(ExternalId, rawExternalId, 'externalId');
  const request = validate(CancelSchema, body ?? {});
  return deps.db.transaction().execute(async (trx) => {
    await queueForExternalId(trx, org, externalId);
    const row = found(await lockAppointment(trx, org, { externalId }));
    if (row.status !== 'cancelled') await cancelLocked(trx, { deps, org, actor }, row, request);
    return bookAppointment(trx, org, row.id);
  });
}
