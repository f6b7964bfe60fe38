/**
 * The name and contact columns an appointment's contacts are chosen from: the
 * appointment's own (`contact_*`, what an online booking typed) and its
 * patient record's (null when it has none).
 */
export interface ContactColumns {
  contact_first_name: string | null;
  contact_last_name: string | null;
  contact_mobile: string | null;
  contact_email: string | null;
  contact_wants_sms: boolean | null;
  first_name: string | null;
  last_name: string | null;
  mobile: string | null;
  email: string | null;
  wants_sms: boolean | null;
}

/** Whom an appointment is shown as and messaged to. */
export interface AppointmentContacts {
  firstName: string;
  lastName: string;
  mobile: string | null;
  email: string | null;
  wantsSms: boolean;
}

/**
 * The name, mobile and e-mail an appointment shows and sends to (issue 8.4).
 * An online booking stores what it typed, and a national id is no secret: a
 * booking that landed on an existing record uses its own typed details only,
 * even where it left a field empty, so nothing of the record is shown or
 * messaged on the strength of a typed id. Staff appointments and rows from
 * before the booking stored its details (`contact_first_name` null) use the
 * record. A booking verified later (a code sent to the record's number) is
 * the one place that may choose the record instead.
 *
 * @example
 * appointmentContacts({ ...row, contact_first_name: 'Mallory', first_name: 'Demo' }).firstName; // 'Mallory'
 */
export function appointmentContacts(row: ContactColumns): AppointmentContacts {
  if (row.contact_first_name !== null) {
    return {
      firstName: row.contact_first_name,
      lastName: row.contact_last_name ?? '',
      mobile: row.contact_mobile,
      email: row.contact_email,
      wantsSms: row.contact_wants_sms ?? false,
    };
  }
  return { firstName: row.first_name ?? '', lastName: row.last_name ?? '', mobile: row.mobile, email: row.email, wantsSms: row.wants_sms ?? false };
}

/** The columns {@link appointmentContacts} reads, for a query over `appointments as a` joined with `patients as pt`. */
export const CONTACT_COLUMNS = [
  'a.contact_first_name', 'a.contact_last_name', 'a.contact_mobile', 'a.contact_email', 'a.contact_wants_sms',
  'pt.first_name', 'pt.last_name', 'pt.mobile', 'pt.email', 'pt.wants_sms',
] as const;
