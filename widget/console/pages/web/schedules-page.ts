import { css, html, nothing } from 'lit';
import { catalogMethods } from '../../../../sdk/admin/catalog.ts';
import { scheduleMethods } from '../../../../sdk/admin/schedules.ts';
import type { AdminClinic, AdminProvider } from '../../../../sdk/schemas/catalog-admin.ts';
import type { AvailabilityMode, Schedule, ScheduleChange, ScheduleException, StrandedAppointment, WeeklySpan } from '../../../../sdk/schemas/schedules.ts';
import { INTL, translator } from '../../i18n.ts';
import { FormController, renameIssues } from '../../ui/form.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { errorText } from '../../ui/ui-texts.ts';
import { formatInstant, strandedNotice } from './clinics-kit.ts';
import { schedulesTexts } from './schedules-texts.ts';
import { DAY_MS, addDays, daysInMonth, isoWeekday, localDate, monthGrid, monthOf, monthStart, shiftMonth, utcOf, zonedInstant } from './schedules-dates.ts';

type Week = { spans: WeeklySpan[] };
interface SlotDraft { slot: { date: string; start: string; end: string } }

/**
 * W3 schedules (issue 9.3 in the console): pick a provider and a clinic,
 * then their weekly hours and breaks (several ranges a day), closed days as
 * a month calendar (click or Enter a day; arrow keys move), the exceptions
 * of the month, the availability mode and the published slots. Every change
 * that strands booked appointments lists them.
 */
export class SchedulesPage extends ConsolePage {
  static override styles = [consoleStyles, css`
    .pick { display: flex; flex-wrap: wrap; gap: 0 1rem; align-items: flex-end; }
    .pick .field { min-width: 14rem; }
    .day { border-top: 1px solid var(--c-line); padding: 0.5rem 0; }
    .day-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem; }
    .day-head h4 { margin: 0; font-size: 1rem; }
    .span { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0 0.75rem; }
    .span .field { width: 7.5rem; margin-bottom: 0.4rem; }
    .span .field:has(input[type='date']) { width: 11rem; }
    .calendar-head { display: flex; align-items: center; justify-content: space-between; gap: 0.5rem; max-width: 36rem; }
    table.calendar { table-layout: fixed; max-width: 36rem; }
    table.calendar th, table.calendar td { text-align: center; padding: 0.15rem; }
    table.calendar button { width: 100%; min-height: 3.25rem; padding: 0.2rem; flex-direction: column; gap: 0; font-weight: normal; background: var(--c-bg); color: var(--c-text); border: 1px solid var(--c-line); }
    table.calendar button.closed { background: var(--c-error-bg); border: 2px solid var(--c-error); font-weight: 600; }
    table.calendar button.part { border: 2px dashed var(--c-border); }
    table.calendar button.today { outline: 2px solid var(--c-primary); outline-offset: -4px; }
    table.calendar button:focus-visible { outline: 3px solid var(--c-focus); outline-offset: 1px; }
    .mark { font-size: 0.75rem; line-height: 1.1; }
  `];

  private readonly catalog = new Loader(this, async () => {
    const api = catalogMethods(this.ctx.call);
    const [{ providers }, { clinics }] = await Promise.all([api.listProviders(), api.listClinics()]);
    return { providers: providers.filter((p) => p.active), clinics };
  }, () => this.fillPick());
  private readonly schedule = new Loader(this, () => this.fetchSchedule(), (value) => this.fill(value));
  private readonly hoursForm = new FormController<Week>(this);
  private readonly breaksForm = new FormController<Week>(this);
  private readonly modeForm = new FormController<{ mode: AvailabilityMode }>(this);
  private readonly slotForm = new FormController<SlotDraft>(this);
  /** The provider and clinic chosen in the picker (not a form: choosing loses nothing). */
  private pick = { providerId: '', clinicId: '' };
  private filledFor = '';
  private stranded: StrandedAppointment[] = [];
  private calendarError = '';
  private slotsError = '';
  private note = '';
  private busy = false;
  /** The day that takes Tab focus in the calendar (roving tabindex). */
  private focusDate = '';
  private focusWanted = false;

  private get t() {
    return translator(schedulesTexts, this.ctx.locale);
  }

  private get api() {
    return scheduleMethods(this.ctx.call);
  }

  private get pair(): { providerId: string; clinicId: string } | undefined {
    const { providerId, clinicId } = this.params;
    return providerId && clinicId ? { providerId, clinicId } : undefined;
  }

  /** The month shown (`?month=YYYY-MM`), by default the current one. */
  private get month(): string {
    const wanted = this.query.get('month');
    return wanted && /^\d{4}-(0[1-9]|1[0-2])$/.test(wanted) ? wanted : monthOf(localDate(Date.now(), this.schedule.value?.timeZone ?? 'Europe/Oslo'));
  }

  protected override routeChanged(): void {
    if (!this.catalog.value) void this.catalog.load();
    else this.fillPick();
    if (this.pair) void this.schedule.load();
    else this.schedule.value = undefined;
  }

  private fetchSchedule(): Promise<Schedule> {
    const { providerId, clinicId } = this.pair!;
    const month = this.month;
    const now = Date.now();
    const from = Math.min(utcOf(monthStart(month)) - DAY_MS, now);
    const to = Math.max(utcOf(monthStart(shiftMonth(month, 1))) + DAY_MS, now + 92 * DAY_MS);
    return this.api.getSchedule(providerId, clinicId, { from: new Date(from).toISOString(), to: new Date(to).toISOString() });
  }

  private fillPick(): void {
    const value = this.catalog.value;
    if (!value) return;
    const providerId = this.pair?.providerId ?? (this.pick.providerId || value.providers[0]?.id) ?? '';
    const provider = value.providers.find((p) => p.id === providerId);
    const clinicId = this.pair?.clinicId ?? provider?.clinics[0]?.clinicId ?? '';
    this.pick = { providerId, clinicId };
    this.requestUpdate();
  }

  /** A newly shown provider and clinic fill the forms; the same one again (another month) keeps unsaved drafts. */
  private fill(schedule: Schedule): void {
    const key = `${schedule.providerId}/${schedule.clinicId}`;
    const fresh = key !== this.filledFor;
    this.filledFor = key;
    if (fresh || !this.hoursForm.dirty) this.hoursForm.load({ spans: schedule.workingHours });
    if (fresh || !this.breaksForm.dirty) this.breaksForm.load({ spans: schedule.breaks });
    if (fresh || !this.modeForm.dirty) this.modeForm.load({ mode: schedule.mode });
    if (fresh || !this.slotForm.dirty) this.slotForm.load({ slot: { date: addDays(localDate(Date.now(), schedule.timeZone), 1), start: '09:00', end: '09:30' } });
    if (fresh) this.stranded = [];
    if (!this.focusDate || monthOf(this.focusDate) !== this.month) this.focusDate = monthOf(localDate(Date.now(), schedule.timeZone)) === this.month ? localDate(Date.now(), schedule.timeZone) : monthStart(this.month);
    this.calendarError = '';
    this.slotsError = '';
    if (this.focusWanted) {
      this.focusWanted = false;
      void this.updateComplete.then(() => this.focusDay());
    }
  }

  /** Applies a change's answer: what it stranded shows; lists edited in place keep the month's window. */
  private changed(change: ScheduleChange, patch: (schedule: Schedule) => Schedule): void {
    this.stranded = change.stranded;
    this.schedule.value = patch(this.schedule.value!);
    this.requestUpdate();
  }

  // --- Weekly hours and breaks ---

  private dayName(weekday: number, style: 'long' | 'short' = 'long'): string {
    return new Intl.DateTimeFormat(INTL[this.ctx.locale], { weekday: style, timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, weekday)));
  }

  private renderWeek(form: FormController<Week>, kind: 'hours' | 'breaks') {
    const t = this.t;
    const spans = form.draft?.spans ?? [];
    const prefix = kind === 'hours' ? 'workingHours' : 'breaks';
    const add = async (weekday: number) => {
      form.set('spans', [...spans, kind === 'hours' ? { weekday, start: '08:00', end: '16:00' } : { weekday, start: '11:30', end: '12:00' }]);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>(`#${fieldIdOf(`${kind}.spans.${spans.length}.start`)}`)?.focus();
    };
    const remove = async (index: number, weekday: number) => {
      form.set('spans', spans.filter((_, i) => i !== index));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLButtonElement>(`[data-add="${kind}-${weekday}"]`)?.focus();
    };
    return html`<form @submit=${form.onSubmit(async ({ spans: week }) => {
      try {
        const change = kind === 'hours' ? await this.api.setWorkingHours(this.pair!.providerId, this.pair!.clinicId, { workingHours: week })
          : await this.api.setBreaks(this.pair!.providerId, this.pair!.clinicId, { breaks: week });
        this.changed(change, (s) => ({ ...s, workingHours: change.schedule.workingHours, breaks: change.schedule.breaks }));
        return { spans: kind === 'hours' ? change.schedule.workingHours : change.schedule.breaks };
      } catch (error) {
        throw renameIssues(error, (path) => path.replace(new RegExp(`^${prefix}\\.`), `${kind}.spans.`));
      }
    })}>
      ${[1, 2, 3, 4, 5, 6, 7].map((weekday) => {
        const day = this.dayName(weekday);
        const mine = spans.map((span, index) => ({ span, index })).filter((x) => x.span.weekday === weekday);
        return html`<div class="day" role="group" aria-labelledby="${kind}-day-${weekday}">
          <div class="day-head">
            <h4 id="${kind}-day-${weekday}">${day}</h4>
            <button type="button" class="secondary" data-add="${kind}-${weekday}" @click=${() => void add(weekday)}>${t(kind === 'hours' ? 'addHours' : 'addBreak', { day })}</button>
          </div>
          ${mine.length === 0 ? html`<p class="muted">${kind === 'hours' ? t('closedDay') : t('noBreaks')}</p>` : mine.map(({ span, index }, n) => html`<div class="span">
            ${this.spanInput(form, kind, index, 'start', mine.length > 1 ? t('fromN', { n: n + 1 }) : t('from'))}
            ${this.spanInput(form, kind, index, 'end', mine.length > 1 ? t('toN', { n: n + 1 }) : t('to'))}
            <button type="button" class="link" data-remove="${kind}-${index}" aria-label=${t('remove', { day, start: span.start, end: span.end })} @click=${() => void remove(index, weekday)}>${t('removeShort')}</button>
          </div>`)}
        </div>`;
      })}
      ${form.actions()}
    </form>`;
  }

  /** One time field of a span; its id and error follow the form's dotted path (`hours.spans.3.start`). */
  private spanInput(form: FormController<Week>, kind: string, index: number, key: 'start' | 'end', label: string) {
    const path = `spans.${index}.${key}`;
    const id = fieldIdOf(`${kind}.${path}`);
    const error = form.errors[`${kind}.${path}`] ?? form.errors[path];
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input id=${id} inputmode="numeric" maxlength="5" autocomplete="off" placeholder="08:00" .value=${String(form.get(path) ?? '')}
        aria-invalid=${error ? 'true' : 'false'} aria-describedby="time-hint${error ? ` ${id}-error` : ''}"
        @input=${(e: Event) => {
          form.set(path, (e.target as HTMLInputElement).value.trim());
          if (form.errors[`${kind}.${path}`]) {
            const { [`${kind}.${path}`]: _gone, ...rest } = form.errors;
            form.errors = rest;
          }
        }}>
      ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing}
    </div>`;
  }

  // --- Closed days calendar ---

  private wholeDayClosed(date: string): ScheduleException[] {
    return (this.schedule.value?.exceptions ?? []).filter((e) => e.date === date && e.kind === 'closed' && e.start === undefined);
  }

  private dateText(date: string, style: 'full' | 'long' = 'full'): string {
    return new Intl.DateTimeFormat(INTL[this.ctx.locale], { dateStyle: style, timeZone: 'UTC' }).format(new Date(utcOf(date)));
  }

  private async toggle(date: string): Promise<void> {
    if (this.busy || !this.pair) return;
    const { providerId, clinicId } = this.pair;
    this.busy = true;
    this.calendarError = '';
    this.focusDate = date;
    this.requestUpdate();
    try {
      const closed = this.wholeDayClosed(date);
      if (closed.length) {
        let change: ScheduleChange | undefined;
        for (const exception of closed) change = await this.api.deleteScheduleException(providerId, clinicId, exception.id);
        this.changed(change!, (s) => ({ ...s, exceptions: s.exceptions.filter((e) => !closed.includes(e)) }));
        this.ctx.announce(this.t('closedRemoved', { date: this.dateText(date, 'long') }));
      } else {
        const note = this.note.trim();
        const change = await this.api.addScheduleException(providerId, clinicId, { date, kind: 'closed', ...(note ? { note } : {}) });
        const id = change.created?.[0] ?? change.schedule.exceptions.find((e) => e.date === date && e.kind === 'closed' && e.start === undefined)?.id ?? '';
        this.changed(change, (s) => ({ ...s, exceptions: [...s.exceptions, { id, date, kind: 'closed', note }] }));
        this.ctx.announce(this.t('closedAdded', { date: this.dateText(date, 'long') }));
      }
    } catch (error) {
      this.calendarError = errorText(error, this.ctx.locale);
    } finally {
      this.busy = false;
      this.requestUpdate();
      await this.updateComplete;
      this.focusDay();
    }
  }

  private focusDay(): void {
    this.renderRoot.querySelector<HTMLButtonElement>(`button[data-date="${this.focusDate}"]`)?.focus();
  }

  private showMonth(month: string, focus?: string): void {
    this.focusDate = focus ?? monthStart(month);
    this.focusWanted = focus !== undefined;
    this.ctx.navigate(`/web/schedules/${this.pair!.providerId}/${this.pair!.clinicId}`, { month }, { replace: true });
  }

  private onCalendarKey(event: KeyboardEvent, date: string): void {
    const step: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7, Home: -(isoWeekday(date) - 1), End: 7 - isoWeekday(date) };
    let target: string | undefined;
    if (event.key in step) target = addDays(date, step[event.key]!);
    else if (event.key === 'PageUp' || event.key === 'PageDown') {
      const month = shiftMonth(monthOf(date), event.key === 'PageUp' ? -1 : 1);
      const day = Math.min(Number(date.slice(8, 10)), daysInMonth(month));
      target = `${month}-${String(day).padStart(2, '0')}`;
    }
    if (!target) return;
    event.preventDefault();
    if (monthOf(target) !== this.month) return this.showMonth(monthOf(target), target);
    this.focusDate = target;
    this.requestUpdate();
    void this.updateComplete.then(() => this.focusDay());
  }

  private renderCalendar(schedule: Schedule) {
    const t = this.t;
    const month = this.month;
    const first = monthStart(month);
    const today = localDate(Date.now(), schedule.timeZone);
    const weeks = monthGrid(month);
    const monthName = new Intl.DateTimeFormat(INTL[this.ctx.locale], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(utcOf(first)));
    const focus = monthOf(this.focusDate) === month ? this.focusDate : first;
    const exceptions = schedule.exceptions.filter((e) => monthOf(e.date) === month).sort((a, b) => a.date.localeCompare(b.date) || (a.start ?? '').localeCompare(b.start ?? ''));
    const day = (date: string) => {
      const all = schedule.exceptions.filter((e) => e.date === date);
      const closed = all.filter((e) => e.kind === 'closed' && e.start === undefined);
      const part = all.filter((e) => e.start !== undefined);
      const label = closed.length ? t('dayClosed', { date: this.dateText(date), note: closed[0]!.note ? ` (${closed[0]!.note})` : '' })
        : part.length ? t('dayPart', { date: this.dateText(date), what: part.map((e) => `${e.kind === 'open' ? t('open') : t('closed')} ${e.start}–${e.end}`).join(', ') })
          : t('dayOpen', { date: this.dateText(date) });
      const mark = closed.length ? t('closedMark') : part.length ? (part.some((e) => e.kind === 'open') ? t('openMark') : t('partMark')) : '';
      return html`<button type="button" data-date=${date} class="${closed.length ? 'closed' : part.length ? 'part' : ''} ${date === today ? 'today' : ''}"
        tabindex=${date === focus ? 0 : -1} aria-label="${mark ? `${Number(date.slice(8, 10))} ${mark}. ` : ''}${label}${date === today ? ` (${t('today')})` : ''}" aria-disabled=${this.busy ? 'true' : 'false'}
        @click=${() => void this.toggle(date)} @keydown=${(e: KeyboardEvent) => this.onCalendarKey(e, date)}>
        <span>${Number(date.slice(8, 10))}</span>${mark ? html` <span class="mark">${mark}</span>` : nothing}</button>`;
    };
    return html`
      <p class="hint" id="calendar-hint">${t('calendarHint')}</p>
      <div class="field">
        <label for="closed-note">${t('note')}</label>
        <input id="closed-note" maxlength="200" .value=${this.note} aria-describedby="closed-note-hint" @input=${(e: Event) => { this.note = (e.target as HTMLInputElement).value; }}>
        <p class="hint" id="closed-note-hint">${t('noteHint')}</p>
      </div>
      <div class="calendar-head">
        <button type="button" class="secondary" data-action="prev-month" @click=${() => this.showMonth(shiftMonth(month, -1))}><span aria-hidden="true">←</span> ${t('prevMonth')}</button>
        <h3 id="month-heading" tabindex="-1" aria-live="polite">${monthName}</h3>
        <button type="button" class="secondary" data-action="next-month" @click=${() => this.showMonth(shiftMonth(month, 1))}>${t('nextMonth')} <span aria-hidden="true">→</span></button>
      </div>
      <div class="table-wrap"><table class="calendar" aria-labelledby="month-heading" aria-describedby="calendar-hint">
        <thead><tr>${[1, 2, 3, 4, 5, 6, 7].map((w) => html`<th scope="col" abbr=${this.dayName(w)}>${this.dayName(w, 'short')}</th>`)}</tr></thead>
        <tbody>${weeks.map((week) => html`<tr>${week.map((date) => html`<td>${date ? day(date) : nothing}</td>`)}</tr>`)}</tbody>
      </table></div>
      ${this.calendarError ? html`<p class="notice error" role="alert">${this.calendarError}</p>` : nothing}
      <h3>${t('exceptions')}</h3>
      ${exceptions.length === 0 ? html`<p class="empty">${t('noExceptions')}</p>` : html`<div class="table-wrap"><table>
        <caption class="sr-only">${t('exceptionsCaption', { month: monthName })}</caption>
        <thead><tr><th scope="col">${t('date')}</th><th scope="col">${t('kind')}</th><th scope="col">${t('time')}</th><th scope="col">${t('noteCol')}</th><th scope="col"><span class="sr-only">${t('removeShort')}</span></th></tr></thead>
        <tbody>${exceptions.map((e) => html`<tr>
          <th scope="row">${this.dateText(e.date, 'long')}</th><td>${e.kind === 'open' ? t('open') : t('closed')}</td><td>${e.start ? `${e.start}–${e.end}` : t('wholeDay')}</td><td>${e.note}</td>
          <td><button type="button" class="link" aria-label=${t('removeException', { date: this.dateText(e.date, 'long') })} @click=${() => void this.removeException(e)}>${t('removeShort')}</button></td>
        </tr>`)}</tbody>
      </table></div>`}`;
  }

  private async removeException(exception: ScheduleException): Promise<void> {
    this.calendarError = '';
    try {
      const change = await this.api.deleteScheduleException(this.pair!.providerId, this.pair!.clinicId, exception.id);
      this.changed(change, (s) => ({ ...s, exceptions: s.exceptions.filter((e) => e.id !== exception.id) }));
      this.ctx.announce(this.t('closedRemoved', { date: this.dateText(exception.date, 'long') }));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#month-heading')?.focus();
    } catch (error) {
      this.calendarError = errorText(error, this.ctx.locale);
      this.requestUpdate();
    }
  }

  // --- Mode and published slots ---

  private async removeSlot(id: string): Promise<void> {
    this.slotsError = '';
    try {
      const change = await this.api.deleteOnlineSlot(this.pair!.providerId, this.pair!.clinicId, id);
      this.changed(change, (s) => ({ ...s, onlineSlots: s.onlineSlots.filter((x) => x.id !== id) }));
      this.ctx.announce(this.t('slotRemoved'));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#slots-heading')?.focus();
    } catch (error) {
      this.slotsError = errorText(error, this.ctx.locale);
      this.requestUpdate();
    }
  }

  private renderSlots(schedule: Schedule) {
    const t = this.t;
    const now = Date.now();
    const slots = schedule.onlineSlots.filter((s) => Date.parse(s.end) > now).sort((a, b) => a.start.localeCompare(b.start));
    const time = (instant: string) => new Intl.DateTimeFormat(INTL[this.ctx.locale], { timeZone: schedule.timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
    return html`
      <form @submit=${this.modeForm.onSubmit(async ({ mode }) => {
        const change = await this.api.setAvailabilityMode(this.pair!.providerId, this.pair!.clinicId, { mode });
        this.changed(change, (s) => ({ ...s, mode: change.schedule.mode }));
        return { mode: change.schedule.mode };
      })}>
        ${this.modeForm.select('mode', t('mode'), [{ value: 'working_hours', label: t('modeHours') }, { value: 'published_slots', label: t('modeSlots') }], { hint: t('modeHint') })}
        ${this.modeForm.actions({ labels: { mode: t('mode') } })}
      </form>
      ${slots.length === 0 ? html`<p class="empty">${t('noSlots')}</p>` : html`<div class="table-wrap"><table>
        <caption>${t('slotsCaption')}</caption>
        <thead><tr><th scope="col">${t('start')}</th><th scope="col">${t('end')}</th><th scope="col"><span class="sr-only">${t('removeShort')}</span></th></tr></thead>
        <tbody>${slots.map((s) => html`<tr><th scope="row">${formatInstant(s.start, this.ctx.locale, schedule.timeZone)}</th><td>${time(s.end)}</td>
          <td><button type="button" class="link" aria-label=${t('removeSlot', { start: formatInstant(s.start, this.ctx.locale, schedule.timeZone) })} @click=${() => void this.removeSlot(s.id)}>${t('removeShort')}</button></td></tr>`)}</tbody>
      </table></div>`}
      ${this.slotsError ? html`<p class="notice error" role="alert">${this.slotsError}</p>` : nothing}
      <h3>${t('addSlot')}</h3>
      <form @submit=${this.slotForm.onSubmit(async ({ slot }) => {
        const request = { slots: [{ start: zonedInstant(slot.date, slot.start, schedule.timeZone), end: zonedInstant(slot.date, slot.end, schedule.timeZone) }] };
        try {
          const change = await this.api.addOnlineSlots(this.pair!.providerId, this.pair!.clinicId, request);
          const ids = change.created ?? [];
          this.changed(change, (s) => ({ ...s, onlineSlots: [...s.onlineSlots, ...request.slots.map((x, i) => ({ id: ids[i] ?? `${x.start}`, ...x }))] }));
          this.ctx.announce(t('published'));
          return { slot };
        } catch (error) {
          throw renameIssues(error, (path) => path.replace(/^slots\.0\./, 'slot.').replace(/^slots$/, 'slot.start'));
        }
      })}>
        <div class="span">
          ${this.slotForm.input('slot.date', t('slotDate'), { type: 'date', required: true })}
          ${this.slotForm.input('slot.start', t('slotStart'), { required: true, inputmode: 'numeric', maxlength: 5 })}
          ${this.slotForm.input('slot.end', t('slotEnd'), { required: true, inputmode: 'numeric', maxlength: 5 })}
        </div>
        ${this.slotForm.actions({ labels: { 'slot.date': t('slotDate'), 'slot.start': t('slotStart'), 'slot.end': t('slotEnd') } })}
      </form>`;
  }

  // --- The page ---

  private renderPick(providers: readonly AdminProvider[], clinics: readonly AdminClinic[]) {
    const t = this.t;
    const providerId = this.pick.providerId;
    const provider = providers.find((p) => p.id === providerId);
    const theirs = clinics.filter((c) => provider?.clinics.some((p) => p.clinicId === c.id)).sort((a, b) => a.order - b.order);
    return html`<section class="card" aria-labelledby="pick-heading">
      <h2 id="pick-heading">${t('pick')}</h2>
      ${providers.length === 0 ? html`<p class="empty">${t('noProviders')}</p>` : html`
      <form class="pick" @submit=${(e: Event) => {
        e.preventDefault();
        const clinicId = this.pick.clinicId;
        if (providerId && clinicId) this.ctx.navigate(`/web/schedules/${providerId}/${clinicId}`);
      }}>
        <div class="field">
          <label for="pick-provider">${t('provider')}</label>
          <select id="pick-provider" @change=${(e: Event) => {
            const id = (e.target as HTMLSelectElement).value;
            const first = providers.find((p) => p.id === id)?.clinics[0]?.clinicId ?? '';
            this.pick = { providerId: id, clinicId: first };
            this.requestUpdate();
          }}>${providers.map((p) => html`<option value=${p.id} ?selected=${p.id === providerId}>${p.name}</option>`)}</select>
        </div>
        <div class="field">
          <label for="pick-clinic">${t('clinic')}</label>
          <select id="pick-clinic" ?disabled=${theirs.length === 0} aria-describedby=${theirs.length === 0 ? 'pick-none' : nothing}
            @change=${(e: Event) => { this.pick = { ...this.pick, clinicId: (e.target as HTMLSelectElement).value }; this.requestUpdate(); }}>
            ${theirs.map((c) => html`<option value=${c.id} ?selected=${c.id === this.pick.clinicId}>${c.name}</option>`)}
          </select>
        </div>
        <div class="field"><button type="submit" ?disabled=${theirs.length === 0}>${t('show')}</button></div>
      </form>
      ${theirs.length === 0 ? html`<p id="pick-none" class="muted">${t('noClinics')}</p>` : nothing}`}
    </section>`;
  }

  override render() {
    const t = this.t;
    return this.catalog.render(({ providers, clinics }) => html`
      ${this.renderPick(providers, clinics)}
      ${this.pair ? this.schedule.render((schedule) => html`
        <p id="time-hint">${t('zone', { zone: schedule.timeZone })} ${t('timeHint')}</p>
        ${strandedNotice(this.stranded, this.ctx.locale, schedule.timeZone, (date) => this.ctx.href('/book', { date }))}
        <div class="grid-2">
          <section class="card" aria-labelledby="hours-heading">
            <h2 id="hours-heading">${t('hours')}</h2>
            ${this.renderWeek(this.hoursForm, 'hours')}
          </section>
          <section class="card" aria-labelledby="breaks-heading">
            <h2 id="breaks-heading">${t('breaks')}</h2>
            <p class="hint">${t('breaksHint')}</p>
            ${this.renderWeek(this.breaksForm, 'breaks')}
          </section>
        </div>
        <section class="card" aria-labelledby="calendar-heading">
          <h2 id="calendar-heading">${t('calendar')}</h2>
          ${this.renderCalendar(schedule)}
        </section>
        <section class="card" aria-labelledby="slots-heading">
          <h2 id="slots-heading" tabindex="-1">${t('slots')}</h2>
          ${this.renderSlots(schedule)}
        </section>`) : html`<p>${t('choose')}</p>`}`);
  }
}

const fieldIdOf = (path: string) => `f-${path.replace(/[^\w-]/g, '-')}`;

customElements.define('console-schedules-page', SchedulesPage);
