import type { SlotView } from '../sdk/schemas/slots.ts';
import { SlotsController } from './controllers/slots-controller.ts';
import type { FlowHost } from './flow-host.ts';
import { addDays, localDateIn, mondayOf, slotsByDay, weekDays, type LocalDate } from './internal/calendar.ts';

/** How many empty weeks the time step skips by itself before showing one. */
const WEEKS_TO_LOOK_AHEAD = 4;

/** What to search for free times, whatever flow asks. */
export interface WeekSearch {
  /** The zone to show dates in until the search answers with the clinic's own. */
  timeZone: string;
  /** Weekend booking (B6). */
  weekend: boolean;
  /** An instant whose week to open on (the time already chosen); else this week. */
  anchor?: string | undefined;
  /** The slot search for local dates `from`–`to`, or undefined when not all is chosen. */
  query: (from: LocalDate, to: LocalDate) => Record<string, string | undefined> | undefined;
}

/** One week of the time step. */
export interface WeekView {
  query: Record<string, string | undefined> | undefined;
  monday: LocalDate;
  today: LocalDate;
  weekend: boolean;
  /** The clinic's zone: times show in it whatever the computer says. */
  timeZone: string;
  /** Free times per local date; undefined while loading. */
  days: Map<LocalDate, SlotView[]> | undefined;
  day: LocalDate | undefined;
  dates: LocalDate[];
  error: unknown;
}

/**
 * The week shown in the time step and the day chosen in it, shared by a new
 * booking and a rebooking. When the time step opens on a week without free
 * times it moves on by itself (up to four weeks), until the patient browses.
 */
export class WeekBrowser {
  private monday: LocalDate | undefined;
  private day: LocalDate | undefined;
  private browsed = false;
  private skipped = 0;

  private readonly slots: SlotsController;

  /** Shares the host's cache of free times (made here the first time). */
  constructor(host: FlowHost) {
    this.slots = host.slots ??= new SlotsController(host);
  }

  view(search: WeekSearch, now = new Date()): WeekView {
    const today = localDateIn(now, search.timeZone);
    const monday = this.monday ?? mondayOf(search.anchor ? localDateIn(new Date(search.anchor), search.timeZone) : today);
    const query = search.query(monday < today ? today : monday, addDays(monday, 6));
    const entry = query ? this.slots.get(query) : undefined;
    const timeZone = entry?.result?.timeZone ?? search.timeZone;
    const days = entry?.result ? slotsByDay(entry.result.slots, timeZone, search.weekend) : undefined;
    const dates = weekDays(monday, search.weekend);
    const day = this.day && dates.includes(this.day) ? this.day : dates.find((d) => days?.get(d)?.length);
    return { query, monday, today, weekend: search.weekend, timeZone, days, day, dates, error: entry?.error };
  }

  /** Moves `delta` weeks from the week shown. */
  move(shown: LocalDate, delta: number): void {
    this.browsed = true;
    this.monday = addDays(shown, delta * 7);
    this.day = undefined;
  }

  select(day: LocalDate): void {
    this.day = day;
  }

  /** Back to the week of the anchor or today, as when the step first opens. */
  reset(): void {
    this.monday = undefined;
    this.day = undefined;
    this.browsed = false;
    this.skipped = 0;
  }

  /**
   * Before a render: when the week shown turned out empty and the patient has
   * not browsed yet, shows the next one instead. Returns whether it moved.
   */
  skipIfEmpty(view: WeekView): boolean {
    if (this.browsed || this.skipped >= WEEKS_TO_LOOK_AHEAD || !view.days) return false;
    if (view.dates.some((d) => view.days!.get(d)?.length)) return false;
    this.skipped++;
    this.monday = addDays(view.monday, 7);
    return true;
  }
}
