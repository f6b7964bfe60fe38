import { createEvent } from 'ics';

export interface CalendarEvent {
  /** Stable across rebookings and the cancellation: the appointment id. */
  uid: string;
  start: Date;
  end: Date;
  title: string;
  description: string;
  location: string;
  url?: string | undefined;
  organizer: { name: string; email: string };
  /** REQUEST for a new or moved appointment, CANCEL when it is cancelled. */
  method: 'REQUEST' | 'CANCEL';
  /** Must grow with each change so calendars apply it (RFC 5545 SEQUENCE). */
  sequence: number;
}

/**
 * The `.ics` attachment of a confirmation e-mail: the event for a new or
 * rebooked appointment, a cancellation of the same UID when cancelled.
 *
 * @example
 * const ics = appointmentCalendar({ uid: id, start, end, title: 'Checkup', description: '', location: 'Clinic A', organizer, method: 'REQUEST', sequence: 1 });
 */
export function appointmentCalendar(event: CalendarEvent): string {
  const { error, value } = createEvent({
    productId: 'opus-booking',
    method: event.method,
    uid: `${event.uid}@opus-booking`,
    sequence: event.sequence,
    start: event.start.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: event.end.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: event.title,
    description: event.description,
    location: event.location,
    ...(event.url ? { url: event.url } : {}),
    organizer: event.organizer,
    status: event.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
  });
  if (error || !value) throw new Error(`Could not build the calendar event: ${error?.message ?? 'empty'}`);
  return value;
}
