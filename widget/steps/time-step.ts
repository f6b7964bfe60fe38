import { html, nothing, type TemplateResult } from 'lit';
import type { SlotView } from '../../sdk/schemas/slots.ts';
import { addDays, weekDays, type LocalDate } from '../internal/calendar.ts';
import { formatDay, formatRange, formatTime } from '../internal/format.ts';
import type { Locale } from '../../sdk/schemas/common.ts';
import type { Messages } from '../i18n/messages.ts';
import { problemView } from './status-views.ts';

/** What the time step does, in either flow (new booking or rebooking). */
export interface TimeHandlers {
  selected: SlotView | undefined;
  notice: string | undefined;
  onWeek: (delta: number) => void;
  onDay: (day: LocalDate) => void;
  onSlot: (slot: SlotView) => void;
  onRetry: () => void;
}

/** What the time step shows: one week of days, the chosen day's free times. */
export interface TimeStepView extends TimeHandlers {
  t: Messages;
  locale: Locale;
  /** The clinic's zone: times are shown in it (whatever the computer's zone is). */
  timeZone: string;
  monday: LocalDate;
  today: LocalDate;
  weekend: boolean;
  day: LocalDate | undefined;
  /** Free times per local date, or undefined while loading. */
  days: Map<LocalDate, SlotView[]> | undefined;
  error: string | undefined;
}

/**
 * The calendar (B6): a week of days with buttons and keys to move, the free
 * times of the chosen day. Arrow keys move between days, Page Up/Down change
 * the week.
 */
export function timeStep(v: TimeStepView): TemplateResult {
  const { t, locale } = v;
  const dates = weekDays(v.monday, v.weekend);
  const canGoBack = v.monday > v.today;
  // Past days are disabled: the keys move among the others only (a disabled button cannot take focus).
  const open = dates.filter((date) => date >= v.today);
  const onKey = (event: KeyboardEvent) => {
    const index = open.indexOf((event.target as HTMLElement).dataset.day ?? '');
    const move = { ArrowLeft: -1, ArrowRight: 1, Home: -index, End: open.length - 1 - index }[event.key];
    if (move !== undefined && index >= 0) {
      event.preventDefault();
      const next = open[Math.max(0, Math.min(open.length - 1, index + move))];
      if (next) v.onDay(next);
    } else if (event.key === 'PageUp' || event.key === 'PageDown') {
      event.preventDefault();
      if (event.key === 'PageDown' || canGoBack) v.onWeek(event.key === 'PageDown' ? 1 : -1);
    }
  };
  const times = v.day && v.days ? (v.days.get(v.day) ?? []) : [];
  // One label for eyes and ears: Monday–Friday when weekends cannot be booked.
  const weekLabel = t.weekOf(formatRange(v.monday, addDays(v.monday, v.weekend ? 6 : 4), locale));
  return html`
    ${v.notice ? html`<p class="notice error" part="notice" role="alert">${v.notice}</p>` : nothing}
    <div class="week-nav" part="week-nav">
      <button type="button" class="secondary" part="button previous-week" ?disabled=${!canGoBack} @click=${() => v.onWeek(-1)}>‹ ${t.previousWeek}</button>
      <span class="week-label" part="week-label" aria-live="polite">${weekLabel}</span>
      <button type="button" class="secondary" part="button next-week" @click=${() => v.onWeek(1)}>${t.nextWeek} ›</button>
    </div>
    <p class="hint" id="time-keys">${t.timeKeysHint}</p>
    ${v.error
      ? problemView(t, v.error, v.onRetry)
      : html`<div class="days" part="days" role="group" aria-describedby="time-keys" aria-label=${weekLabel} @keydown=${onKey} aria-busy=${v.days ? 'false' : 'true'}>
          ${dates.map((date) => {
            const count = v.days?.get(date)?.length ?? 0;
            const selected = date === v.day;
            return html`<button type="button" class="day" part="day${selected ? ' day-selected' : ''}" data-day=${date}
              aria-pressed=${selected ? 'true' : 'false'} tabindex=${selected || (!v.day && date === open[0]) ? '0' : '-1'} ?disabled=${date < v.today}
              @click=${() => v.onDay(date)}>
              <span class="day-name">${formatDay(date, locale, 'short')}</span>
              <span class="day-count">${v.days ? (count ? t.freeTimes(count) : t.noTimesThisDay) : '…'}</span>
            </button>`;
          })}
        </div>
        ${v.days && [...v.days.keys()].every((d) => !dates.includes(d)) ? html`<p class="notice" part="notice">${t.noTimesThisWeek}</p>` : nothing}
        ${v.day && times.length
          ? html`<h3 class="sub-heading" id="times-heading">${t.timesFor(formatDay(v.day, locale))}</h3>
              <ul class="times" part="times" aria-labelledby="times-heading">
                ${times.map((slot) => {
                  const selected = v.selected?.start === slot.start && v.selected.providerId === slot.providerId;
                  return html`<li><button type="button" class="time" part="time${selected ? ' time-selected' : ''}" aria-pressed=${selected ? 'true' : 'false'} @click=${() => v.onSlot(slot)}>
                    ${formatTime(slot.start, locale, v.timeZone)}</button></li>`;
                })}
              </ul>`
          : nothing}`}`;
}
