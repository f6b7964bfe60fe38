import { sql, type NotNull, type RawBuilder, type SqlBool } from 'kysely';
import type { Me, MyBookings, SessionPatient } from '../../sdk/schemas/verification.ts';
import type { Executor } from '../db/database.ts';
import type { Organization } from '../organizations/organization.ts';
import { appointmentDetails, toBookingView } from '../booking/booking-view.ts';
import { minuteOf } from '../time/minutes.ts';
import type { SessionIdentity } from './patient-sessions.ts';

/**
 * Which appointments a patient session reaches (issue 8.5), as a condition
 * over `appointments as a` joined with `patients as pt`: an SMS login reaches
 * the appointments of records whose mobile is the verified one and online
 * bookings that typed it, each only where that number was proved (a record or
 * booking made with a typed number nobody proved is not reached by it); an e-ID login those of the record with its national
 * id. "My bookings", and rebooking or cancelling from there, see exactly these.
 *
 * @example
 * appointmentDetails(db, org.id).where(reachedBy(session)).execute();
 */
export function reachedBy(session: SessionIdentity): RawBuilder<SqlBool> {
  if (session.method === 'eid') return sql<SqlBool>`(pt.national_id = ${session.nationalId})`;
  return sql<SqlBool>`((pt.mobile = ${session.mobile} AND pt.mobile_verified) OR (a.source = 'online' AND a.contact_mobile = ${session.mobile} AND a.contact_mobile_verified))`;
}

/**
 * Whether the session reaches this appointment ({@link reachedBy}).
 *
 * @example
 * if (!(await sessionReaches(trx, org, session, id))) throw new DomainError('not_found');
 */
export async function sessionReaches(db: Executor, org: Organization, session: SessionIdentity, appointmentId: string): Promise<boolean> {
  const row = await appointmentDetails(db, org.id).where('a.id', '=', appointmentId).where(reachedBy(session)).executeTakeFirst();
  return row !== undefined;
}

/**
 * `GET /me`: how the patient logged in, the verified mobile (SMS), and the
 * patient records the session reaches: by SMS those whose mobile is the
 * verified one, by e-ID the one with its national id.
 *
 * @example
 * return c.json(await me(db, org, session));
 */
export async function me(db: Executor, org: Organization, session: SessionIdentity): Promise<Me> {
  let q = db.selectFrom('patients').select(['first_name', 'last_name', 'national_id', 'mobile', 'email']).where('organization_id', '=', org.id)
    .where('erased_at', 'is', null).$narrowType<{ national_id: NotNull }>();
  q = session.method === 'eid' ? q.where('national_id', '=', session.nationalId ?? '') : q.where('mobile', '=', session.mobile ?? '').where('mobile_verified', '=', true);
  const rows = await q.orderBy('last_name').orderBy('first_name').limit(50).execute();
  const patients: SessionPatient[] = rows.map((r) => ({ firstName: r.first_name, lastName: r.last_name, nationalId: r.national_id, mobile: r.mobile, email: r.email }));
  return { method: session.method, mobile: session.mobile, patients, expiresAt: new Date(session.expiresAt).toISOString() };
}

/**
 * `GET /me/bookings` (B15): the upcoming booked appointments the session
 * reaches, soonest first, each as its manage view.
 *
 * @example
 * return c.json(await myBookings(db, org, session, new Date()));
 */
export async function myBookings(db: Executor, org: Organization, session: SessionIdentity, now: Date): Promise<MyBookings> {
  const rows = await appointmentDetails(db, org.id)
    .select(['a.from_template', 'a.treatment_id', 't.duration_minutes', 'a.locale'])
    .where('a.status', '=', 'booked')
    .where('a.starts_at', '>', now)
    .where(reachedBy(session))
    .orderBy('a.starts_at')
    .limit(100)
    .execute();
  const minute = minuteOf(now);
  return { bookings: rows.map((row) => toBookingView(row, org, minute)) };
}
