import { sql, type NotNull } from 'kysely';
import type { JournalEntry, PatientList, PatientPatch, PatientRecord, PatientSearchQuery, PatientSummary, PatientView, RecallQuery } from '../../sdk/schemas/patients.ts';
import { PATIENT_VIEW_LIMIT, PatientPatch as PatchSchema } from '../../sdk/schemas/patients.ts';
import { Id, LocalDate } from '../../sdk/schemas/common.ts';
import { parseNationalId } from '../../sdk/validation/national-id.ts';
import { countryForLocale, parseMobile } from '../../sdk/validation/phone.ts';
import type { Actor } from '../admin/access.ts';
import { decodeCursor, encodeCursor, invalidCursor, pageSize } from '../admin/paging.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Db, Executor } from '../db/database.ts';
import type { LivePatientRow, PatientRow } from '../db/tables.ts';
import { DomainError } from '../domain/domain-error.ts';
import { validate } from '../domain/validate.ts';
import type { Organization } from '../organizations/organization.ts';
import { bookRows, toBookAppointments } from '../booking/appointment-book.ts';
import { listPendingChanges } from './pending-changes.ts';
import { listedBody } from '../messaging/message-queries.ts';
import { instantText } from '../time/minutes.ts';

/** A `date` column as `YYYY-MM-DD` (drivers give a string or a Date at local midnight UTC). */
const localDate = (d: Date | string | null) => (d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

function summary(row: LivePatientRow): PatientSummary {
  return {
    id: row.id, firstName: row.first_name, lastName: row.last_name, nationalId: row.national_id, mobile: row.mobile, mobileVerified: row.mobile_verified,
    email: row.email, wantsSms: row.wants_sms, nextRecallDate: localDate(row.next_recall_date as Date | string | null),
  };
}

/**
 * A patient row as the contract shows the record.
 *
 * @example
 * const record = patientRecord(row);
 */
export function patientRecord(row: LivePatientRow): PatientRecord {
  return { ...summary(row), address1: row.address1, address2: row.address2, postalCode: row.postal_code, city: row.city, createdAt: instantText(row.created_at) };
}

/**
 * A journal row as the contract shows it.
 *
 * @example
 * const entries = rows.map(toJournalEntry);
 */
export function toJournalEntry(j: { id: string; at: Date; kind: string; text: string; appointment_id: string | null }): JournalEntry {
  return { id: j.id, at: instantText(j.at), kind: j.kind, text: j.text, appointmentId: j.appointment_id };
}

/** `%`, `_` and `\` taken literally in a LIKE pattern. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Patient search (issue 9.5): `q` matches part of a name (first, last, or
 * "first last"), an exact national id (spaces and dashes ignored), a mobile
 * in any format (read as the public API reads it), or an e-mail (any case).
 * Without `q`, every patient. By last name, first name; paged by cursor.
 *
 * @example
 * const { patients, nextCursor } = await searchPatients(db, org, { q: '912 34 567' });
 */
export async function searchPatients(db: Executor, org: Organization, query: PatientSearchQuery): Promise<PatientList> {
  const size = pageSize(query);
  let select = livePatients(db, org);
  const q = query.q?.trim();
  if (q) {
    const mobile = parseMobile(q, countryForLocale(org.locale));
    const nationalId = parseNationalId(q.replace(/[\s-]/g, ''));
    const pattern = `%${likeLiteral(q.toLowerCase())}%`;
    select = select.where((eb) => eb.or([
      eb(sql<string>`lower(first_name || ' ' || last_name)`, 'like', pattern),
      eb(sql<string>`lower(last_name || ' ' || first_name)`, 'like', pattern),
      eb(eb.fn('lower', ['email']), '=', q.toLowerCase()),
      eb('national_id', '=', nationalId?.value ?? q),
      ...(mobile.ok ? [eb('mobile', '=', mobile.e164)] : []),
    ]));
  }
  if (query.cursor) {
    const [last, first, id] = decodeCursor(query.cursor, 3) as [string, string, string];
    if (!Id.safeParse(id).success) throw invalidCursor();
    select = select.where((eb) => eb.or([
      eb('last_name', '>', last),
      eb.and([eb('last_name', '=', last), eb('first_name', '>', first)]),
      eb.and([eb('last_name', '=', last), eb('first_name', '=', first), eb('id', '>', id)]),
    ]));
  }
  const rows = await select.orderBy('last_name').orderBy('first_name').orderBy('id').limit(size + 1).execute();
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return { patients: page.map(summary), nextCursor: rows.length > size && last ? encodeCursor([last.last_name, last.first_name, last.id]) : null };
}

/**
 * Patients whose recall is due between two local dates (S11's "recall due
 * between … and …"), soonest first; paged by cursor.
 *
 * @example
 * const { patients } = await recallDue(db, org, { from: '2027-01-01', to: '2027-01-31' });
 */
export async function recallDue(db: Executor, org: Organization, query: RecallQuery): Promise<PatientList> {
  if (query.to < query.from) throw DomainError.invalid('to', 'Must not be before from', 'invalid_range');
  const size = pageSize(query);
  let select = livePatients(db, org)
    .where('next_recall_date', '>=', query.from).where('next_recall_date', '<=', query.to);
  if (query.cursor) {
    const [date, id] = decodeCursor(query.cursor, 2) as [string, string];
    if (!Id.safeParse(id).success || !LocalDate.safeParse(date).success) throw invalidCursor();
    select = select.where((eb) => eb.or([eb('next_recall_date', '>', date), eb.and([eb('next_recall_date', '=', date), eb('id', '>', id)])]));
  }
  const rows = await select.orderBy('next_recall_date').orderBy('id').limit(size + 1).execute();
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return { patients: page.map(summary), nextCursor: rows.length > size && last ? encodeCursor([localDate(last.next_recall_date as Date | string)!, last.id]) : null };
}

/** The organization's patients, erased ones (blank records that keep only their id) left out. */
function livePatients(db: Executor, org: Organization) {
  return db.selectFrom('patients').selectAll().where('organization_id', '=', org.id).where('erased_at', 'is', null)
    .$narrowType<{ national_id: NotNull; erased_at: null }>();
}

/**
 * One patient of the organization, optionally locked for update; `not_found` otherwise.
 *
 * @example
 * const row = await loadPatient(trx, org, id, true);
 */
export async function loadPatient(db: Executor, org: Organization, id: string, lock = false): Promise<LivePatientRow> {
  const q = livePatients(db, org).where('id', '=', id);
  const row = await (lock ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw new DomainError('not_found', { detail: 'No such patient' });
  return row;
}

/**
 * A patient with their latest appointments, journal entries, messages and
 * open pending changes (each newest first, at most {@link PATIENT_VIEW_LIMIT}).
 *
 * @example
 * const view = await patientView(db, org, patientId);
 */
export async function patientView(db: Executor, org: Organization, id: string): Promise<PatientView> {
  const row = await loadPatient(db, org, id);
  const appointments = await bookRows(db, org.id).where('a.patient_id', '=', id).orderBy('a.starts_at', 'desc').limit(PATIENT_VIEW_LIMIT).execute();
  const journal = await db.selectFrom('journal_entries').select(['id', 'at', 'kind', 'text', 'appointment_id'])
    .where('organization_id', '=', org.id).where('patient_id', '=', id).orderBy('at', 'desc').orderBy('id', 'desc').limit(PATIENT_VIEW_LIMIT).execute();
  // Bodies as every list shows them: no live code, link token or manage token (a reader could act as the patient with one).
  const messages = await db.selectFrom('messages as m').select(['m.id', 'm.channel', 'm.kind', 'm.status', 'm.recipient', 'm.subject', 'm.send_at', 'm.sent_at', 'm.appointment_id'])
    .select(listedBody(sql`m`).as('body'))
    .where('m.organization_id', '=', org.id).where('m.patient_id', '=', id).where('m.kind', '<>', 'code').orderBy('m.send_at', 'desc').orderBy('m.id', 'desc').limit(PATIENT_VIEW_LIMIT).execute();
  return {
    patient: patientRecord(row),
    appointments: await toBookAppointments(db, org, appointments),
    journal: journal.map(toJournalEntry),
    messages: messages.map((m) => ({
      id: m.id, channel: m.channel, kind: m.kind as PatientView['messages'][number]['kind'], status: m.status, recipient: m.recipient, subject: m.subject, body: m.body,
      sendAt: instantText(m.send_at), sentAt: instantText(m.sent_at), appointmentId: m.appointment_id,
    })),
    pendingChanges: (await listPendingChanges(db, org, { status: 'pending', limit: String(PATIENT_VIEW_LIMIT) }, id)).changes,
  };
}

const PATCH_COLUMNS = {
  firstName: 'first_name', lastName: 'last_name', mobile: 'mobile', email: 'email', address1: 'address1', address2: 'address2',
  postalCode: 'postal_code', city: 'city', wantsSms: 'wants_sms', nextRecallDate: 'next_recall_date',
} as const satisfies Record<keyof PatientPatch, keyof PatientRow>;

/**
 * Edits a patient record (issue 9.5): names, contacts, wants SMS, recall
 * date. A mobile is read in the organization's country and kept in E.164;
 * a changed mobile is not proved (`mobile_verified` false). Audited with the
 * names of the fields changed (no values: they are personal data).
 *
 * @example
 * await updatePatient(deps, org, actor, id, { wantsSms: false, nextRecallDate: '2027-06-01' });
 */
export async function updatePatient(deps: { db: Db; now: () => Date }, org: Organization, actor: Actor, id: string, body: unknown): Promise<PatientRecord> {
  const patch = validate(PatchSchema, body);
  const values: Record<string, string | boolean | null> = {};
  for (const [key, column] of Object.entries(PATCH_COLUMNS) as Array<[keyof PatientPatch, string]>) {
    const value = patch[key];
    if (value !== undefined) values[column] = value === '' ? null : value;
  }
  if (typeof values.mobile === 'string') {
    const parsed = parseMobile(values.mobile, countryForLocale(org.locale));
    if (!parsed.ok) throw DomainError.invalid('mobile', parsed.problem === 'starts_with_00' ? 'Write the country code with + instead of 00' : 'Not a valid mobile number', parsed.problem);
    values.mobile = parsed.e164;
  }
  return deps.db.transaction().execute(async (trx) => {
    const row = await loadPatient(trx, org, id, true);
    const changed = Object.keys(values).filter((column) => {
      const current = column === 'next_recall_date' ? localDate(row.next_recall_date as Date | string | null) : row[column as keyof PatientRow];
      return current !== values[column];
    });
    if (changed.length > 0) {
      // Staff typed it: a new mobile is not proved (issue 8).
      await trx.updateTable('patients').set({ ...Object.fromEntries(changed.map((c) => [c, values[c]])), ...(changed.includes('mobile') ? { mobile_verified: false } : {}) }).where('id', '=', id).execute();
      const fields = Object.entries(PATCH_COLUMNS).filter(([, column]) => changed.includes(column)).map(([key]) => key);
      await recordAudit(trx, org.id, actor, { action: 'patient.update', target: { type: 'patient', id }, after: { fields } }, deps.now());
    }
    return patientRecord(await loadPatient(trx, org, id));
  });
}
