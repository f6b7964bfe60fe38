import type { StrandedAppointment } from '../../sdk/schemas/schedules.ts';
import type { Executor } from '../db/database.ts';
import { formatInstant } from '../availability/time-zone.ts';
import { minuteOf } from '../time/minutes.ts';

/** A provider's booked appointment ahead, in minutes, with what staff need to recognise it. */
export interface BookedAhead {
  id: string;
  clinicId: string;
  providerId: string;
  start: number;
  end: number;
  /** The clinic's time zone, else the organization's. */
  timeZone: string;
  firstName: string | null;
  lastName: string | null;
  treatmentId: string | null;
  treatmentName: string | null;
}

/**
 * A provider's booked appointments at some clinics starting after `at`:
 * those a change to their hours (issue 9.3) or to where they work could
 * strand.
 *
 * @example
 * const ahead = await bookedAhead(trx, org, providerId, [clinicId], new Date());
 */
export async function bookedAhead(db: Executor, org: { id: string; timeZone: string }, providerId: string, clinicIds: readonly string[], at: Date): Promise<BookedAhead[]> {
  if (clinicIds.length === 0) return [];
  const rows = await db.selectFrom('appointments as a')
    .innerJoin('clinics as c', 'c.id', 'a.clinic_id')
    .leftJoin('patients as pt', 'pt.id', 'a.patient_id')
    .leftJoin('treatments as t', 't.id', 'a.treatment_id')
    .select(['a.id', 'a.clinic_id', 'a.provider_id', 'a.starts_at', 'a.ends_at', 'c.time_zone', 'pt.first_name', 'pt.last_name', 'a.treatment_id', 't.name'])
    .where('a.organization_id', '=', org.id)
    .where('a.provider_id', '=', providerId)
    .where('a.clinic_id', 'in', clinicIds)
    .where('a.status', '=', 'booked')
    .where('a.starts_at', '>', at)
    .orderBy('a.starts_at')
    .orderBy('a.id')
    .execute();
  return rows.map((row) => ({
    id: row.id, clinicId: row.clinic_id, providerId: row.provider_id, start: minuteOf(row.starts_at), end: minuteOf(row.ends_at), timeZone: row.time_zone ?? org.timeZone,
    firstName: row.first_name, lastName: row.last_name, treatmentId: row.treatment_id, treatmentName: row.name,
  }));
}

/**
 * How a stranded appointment is answered: times in its clinic's zone, the patient's name, the treatment.
 *
 * @example
 * const stranded = ahead.filter((a) => !openAfter(a)).map(strandedView);
 */
export function strandedView(a: BookedAhead): StrandedAppointment {
  return {
    id: a.id,
    clinicId: a.clinicId,
    providerId: a.providerId,
    start: formatInstant(a.start, a.timeZone),
    end: formatInstant(a.end, a.timeZone),
    patient: a.firstName === null ? null : { firstName: a.firstName, lastName: a.lastName ?? '' },
    treatment: a.treatmentId === null ? null : { id: a.treatmentId, name: a.treatmentName ?? '' },
  };
}
