import * as z from 'zod/mini';
import { Id, Instant, LocalDate, shortText } from './common.ts';

/**
 * Schedules (issue 9.3, W2/W3): a provider's working hours, breaks, dated
 * exceptions and published online slots at one clinic, and which of them
 * makes the online times (`mode`). Times of day are wall-clock `HH:MM` in the
 * clinic's time zone (the organization's when the clinic has none), `00:00`
 * to `24:00`; weekdays are ISO (1 = Monday … 7 = Sunday).
 *
 * On a day the clock changes, a span covers every instant whose local
 * reading lies in it, exactly as the availability engine reads it: across the
 * skipped hour it is shorter in real time (an 02:30 start on the
 * spring-forward night in Europe/Oslo begins at 03:00), across the repeated
 * hour longer. Nothing is refused for it.
 */

/** A wall-clock time of day, `HH:MM`, `00:00`–`24:00`. */
export const ClockTime = z.string().check(z.regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Expected HH:MM from 00:00 to 24:00'));

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const Weekday = z.int().check(z.minimum(1), z.maximum(7));

/** `HH:MM` as minutes since midnight (`24:00` is 1440). */
const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const endAfterStart = z.refine<{ start: string; end: string }>((span) => !ClockTime.safeParse(span.start).success || !ClockTime.safeParse(span.end).success || minutes(span.start) < minutes(span.end), {
  message: 'Must be after start',
  path: ['end'],
});

/** A recurring weekly span of wall-clock time, `[start, end)`. */
export const WeeklySpan = z.object({ weekday: Weekday, start: ClockTime, end: ClockTime }).check(endAfterStart);
export type WeeklySpan = z.infer<typeof WeeklySpan>;

/** The spans of a week: no two on one weekday overlap (touching is fine). */
const Week = z.array(WeeklySpan).check(
  z.maxLength(7 * 24),
  z.superRefine((spans, ctx) => {
    spans.forEach((span, i) => {
      const clash = spans.findIndex((other, j) => j < i && other.weekday === span.weekday && minutes(other.start) < minutes(span.end) && minutes(span.start) < minutes(other.end));
      if (clash >= 0) ctx.issues.push({ code: 'custom', message: `Overlaps span ${clash} on the same weekday`, path: [i, 'start'], input: span });
    });
  }),
);

/** `PUT …/working-hours`: the whole week; a weekday left out is not worked. */
export const WorkingHoursRequest = z.object({ workingHours: Week });
export type WorkingHoursRequest = z.infer<typeof WorkingHoursRequest>;

/**
 * `PUT …/breaks`: the whole week of breaks. A break is time taken out of
 * whatever is open that day; it need not lie within working hours (hours and
 * breaks are set separately, and a break outside them simply takes nothing),
 * and it also cuts published slots and extra hours.
 */
export const BreaksRequest = z.object({ breaks: Week });
export type BreaksRequest = z.infer<typeof BreaksRequest>;

/** Whether online times come from working hours or only from published slots (the seed's e-tider). */
export const AvailabilityMode = z.enum(['working_hours', 'published_slots']);
export type AvailabilityMode = z.infer<typeof AvailabilityMode>;

export const ModeRequest = z.object({ mode: AvailabilityMode });
export type ModeRequest = z.infer<typeof ModeRequest>;

/**
 * `POST …/exceptions`: on one local date, `closed` takes time away (the
 * whole day without `start`/`end`, else that part), `open` adds extra hours
 * (`start` and `end` required), e.g. a Saturday.
 */
export const ExceptionRequest = z.object({
  date: LocalDate,
  kind: z.enum(['closed', 'open']),
  start: z.optional(ClockTime),
  end: z.optional(ClockTime),
  note: z.optional(shortText(200)),
}).check(
  z.superRefine((request, ctx) => {
    if (request.start === undefined && request.end === undefined) {
      if (request.kind === 'open') ctx.issues.push({ code: 'custom', message: 'Extra hours need a start and an end', path: ['start'], input: request.start });
      return;
    }
    if (request.start === undefined) ctx.issues.push({ code: 'custom', message: 'Required with end', path: ['start'], input: request.start });
    else if (request.end === undefined) ctx.issues.push({ code: 'custom', message: 'Required with start', path: ['end'], input: request.end });
    else if (minutes(request.start) >= minutes(request.end)) ctx.issues.push({ code: 'custom', message: 'Must be after start', path: ['end'], input: request.end });
  }),
);
export type ExceptionRequest = z.infer<typeof ExceptionRequest>;

export const ScheduleException = z.object({
  id: Id,
  date: LocalDate,
  kind: z.enum(['closed', 'open']),
  start: z.optional(ClockTime),
  end: z.optional(ClockTime),
  note: z.string(),
});
export type ScheduleException = z.infer<typeof ScheduleException>;

/** The longest published slot, and how far ahead one may be published. */
export const ONLINE_SLOT_LIMITS = { maxMinutes: 24 * 60, maxDaysAhead: 730, maxPerRequest: 500 } as const;

const SlotRange = z.object({ start: Instant, end: Instant }).check(
  z.refine((slot) => Date.parse(slot.end) > Date.parse(slot.start), { message: 'Must be after start', path: ['end'] }),
  z.refine((slot) => Date.parse(slot.end) - Date.parse(slot.start) <= ONLINE_SLOT_LIMITS.maxMinutes * 60_000, { message: 'At most 24 hours', path: ['end'] }),
  z.refine((slot) => Date.parse(slot.start) % 60_000 === 0 && Date.parse(slot.end) % 60_000 === 0, { message: 'Must be on whole minutes', path: ['start'] }),
);

/**
 * `POST …/online-slots`: instants with an offset; none may overlap another
 * in the request or one already published for the provider at the clinic,
 * end in the past, or start more than two years ahead.
 */
export const OnlineSlotsRequest = z.object({
  slots: z.array(SlotRange).check(
    z.minLength(1),
    z.maxLength(ONLINE_SLOT_LIMITS.maxPerRequest),
    z.superRefine((slots, ctx) => {
      slots.forEach((slot, i) => {
        const clash = slots.findIndex((other, j) => j < i && Date.parse(other.start) < Date.parse(slot.end) && Date.parse(slot.start) < Date.parse(other.end));
        if (clash >= 0) ctx.issues.push({ code: 'custom', message: `Overlaps slot ${clash}`, path: [i, 'start'], input: slot });
      });
    }),
  ),
});
export type OnlineSlotsRequest = z.infer<typeof OnlineSlotsRequest>;

export const OnlineSlot = z.object({ id: Id, start: Instant, end: Instant });
export type OnlineSlot = z.infer<typeof OnlineSlot>;

/** `GET /schedules/:providerId/:clinicId`: the window of exceptions and published slots shown, default the coming 90 days. */
export const ScheduleQuery = z.object({ from: z.optional(Instant), to: z.optional(Instant) }).check(
  z.refine((q) => q.from === undefined || q.to === undefined || Date.parse(q.from) <= Date.parse(q.to), { message: 'Must not be before from', path: ['to'] }),
);
export type ScheduleQuery = z.infer<typeof ScheduleQuery>;

/** A provider's schedule at one clinic. */
export const Schedule = z.object({
  providerId: Id,
  clinicId: Id,
  /** The IANA zone the times of day are read in. */
  timeZone: z.string(),
  mode: AvailabilityMode,
  workingHours: z.array(WeeklySpan),
  breaks: z.array(WeeklySpan),
  /** Exceptions on the local dates of the window. */
  exceptions: z.array(ScheduleException),
  /** Published slots overlapping the window. */
  onlineSlots: z.array(OnlineSlot),
});
export type Schedule = z.infer<typeof Schedule>;

/**
 * A booked future appointment a change left outside the provider's open
 * time (hours, breaks, exceptions) or without the provider at its clinic:
 * still booked, for staff to move or cancel.
 */
export const StrandedAppointment = z.object({
  id: Id,
  clinicId: Id,
  providerId: Id,
  start: Instant,
  end: Instant,
  patient: z.nullable(z.object({ firstName: z.string(), lastName: z.string() })),
  treatment: z.nullable(z.object({ id: Id, name: z.string() })),
});
export type StrandedAppointment = z.infer<typeof StrandedAppointment>;

/**
 * The answer to every change: the schedule after it, and the appointments it
 * stranded (still booked: staff move or cancel them). `created` holds the ids
 * an exception or slots were given.
 */
export const ScheduleChange = z.object({
  schedule: Schedule,
  stranded: z.array(StrandedAppointment),
  created: z.optional(z.array(Id)),
});
export type ScheduleChange = z.infer<typeof ScheduleChange>;
