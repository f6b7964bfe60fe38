import { sql } from 'kysely';
import type { Db } from '../../server/db/database.ts';
import { norwegianIds, patient, seedFixture, type Fixture } from './fixture.ts';

/**
 * An organization for load and fault tests on a real server: the fixture's
 * (no bot check or code, raised rate limits), with messages sent at any
 * hour of any day (real time, no test clock) and bookings from now on.
 *
 * @example
 * const org = await seedLoadOrganization(db, 'load');
 */
export async function seedLoadOrganization(db: Db, subdomain: string): Promise<Fixture> {
  const fixture = await seedFixture(db, { subdomain, settings: { booking: { minNoticeMinutes: 0, horizonDays: 365 } } });
  await db.updateTable('organizations')
    .set({ messaging: JSON.stringify({ pause: { night: false, saturdays: false, sundays: false } }) })
    .where('id', '=', fixture.orgId).execute();
  return fixture;
}

/** One free time as the slot search answers it. */
export interface FreeTime { start: string; providerId: string; clinicId: string }

/**
 * The fixture's free check-up times at clinic A over the next `days` days
 * (of one provider with `providerId`; else one provider per time), through
 * the public API at `baseUrl`.
 *
 * @example
 * const times = await freeTimes('http://127.0.0.1:3000', org, 30);
 */
export async function freeTimes(baseUrl: string, fixture: Fixture, days: number, providerId?: string): Promise<FreeTime[]> {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const query = new URLSearchParams({ treatmentId: fixture.treatments.checkup, clinicId: fixture.clinics.a, from: day(1), to: day(days), ...(providerId ? { providerId } : {}) });
  const response = await fetch(`${baseUrl}/api/v1/organizations/${fixture.subdomain}/slots?${query}`);
  if (response.status !== 200) throw new Error(`slot search answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { slots: FreeTime[] }).slots;
}

const NATIONAL_IDS = norwegianIds(500);

/**
 * A valid booking request of the fixture's check-up at a free time, by the
 * `n`th of 500 test patients (each with a mobile and an e-mail, so each
 * booking writes SMS and e-mail confirmations).
 *
 * @example
 * await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bookingRequest(org, time, 7)) });
 */
export function bookingRequest(fixture: Fixture, time: FreeTime, n: number) {
  return {
    treatmentId: fixture.treatments.checkup, clinicId: time.clinicId, providerId: time.providerId, start: time.start,
    patient: patient({ nationalId: NATIONAL_IDS[n % NATIONAL_IDS.length], mobile: `+4791${String(n % 1_000_000).padStart(6, '0')}`, email: `load${n}@example.no` }),
  };
}

/**
 * Online bookings of the organization written only in part: an appointment
 * without its patient or typed contact details, or without its SMS
 * confirmation in the outbox. A booking is one transaction, so this is
 * empty whatever happened to the processes.
 *
 * @example
 * assert.deepEqual(await halfWrittenBookings(db, org.orgId), []);
 */
export async function halfWrittenBookings(db: Db, organizationId: string): Promise<Array<{ id: string; problem: string }>> {
  const { rows } = await sql<{ id: string; problem: string }>`
    SELECT a.id, CASE
      WHEN a.patient_id IS NULL OR p.id IS NULL THEN 'no patient'
      WHEN a.contact_first_name IS NULL OR a.contact_mobile IS NULL THEN 'no contact details'
      ELSE 'no SMS confirmation in the outbox' END AS problem
    FROM appointments a
    LEFT JOIN patients p ON p.id = a.patient_id
    WHERE a.organization_id = ${organizationId} AND a.source = 'online' AND a.status = 'booked'
      AND (p.id IS NULL OR a.contact_first_name IS NULL OR a.contact_mobile IS NULL OR NOT EXISTS (
        SELECT 1 FROM messages m WHERE m.appointment_id = a.id AND m.kind = 'booked' AND m.channel = 'sms'))
  `.execute(db);
  return rows;
}
