import { css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { bookMethods } from '../../../../sdk/admin/book.ts';
import { catalogMethods } from '../../../../sdk/admin/catalog.ts';
import { OpusApiError } from '../../../../sdk/errors.ts';
import type { Attendance, BookAppointment, BookList } from '../../../../sdk/schemas/book.ts';
import { DATE_RANGE } from '../../../../sdk/schemas/common.ts';
import type { MessageStatus } from '../../../../sdk/schemas/messaging.ts';
import { addDays, localDateIn, mondayOf } from '../../../internal/calendar.ts';
import { translator, type Texts } from '../../i18n.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { errorText } from '../../ui/ui-texts.ts';
import type { BookCatalog, BookDialogKind, BookDialogResult } from './book-catalog.ts';
import { formatDate, formatTime } from './book-time.ts';

const texts = {
  en: {
    previousDay: 'Previous day', nextDay: 'Next day', previousWeek: 'Previous week', nextWeek: 'Next week', today: 'Today',
    date: 'Date', view: 'View', day: 'Day', week: 'Week', providerClinic: 'Provider and clinic', clinic: 'Clinic', allClinics: 'All clinics', provider: 'Provider', allProviders: 'All providers',
    showCancelled: 'Show cancelled appointments', newAppointment: 'New appointment', filters: 'Which appointments',
    weekOf: 'Week {week}: {from} – {to}', count: '{count} appointments', countOne: '1 appointment', none: 'No appointments.',
    caption: 'Appointments {date}', time: 'Time', patient: 'Patient', treatment: 'Treatment', status: 'Status', reminders: 'Reminders', actions: 'Actions',
    noPatient: 'No patient', noTreatment: '—', mobile: 'Mobile {mobile}',
    booked: 'Booked', cancelled: 'Cancelled', attended: 'Attended', no_show: 'No-show',
    online: 'Booked online', staff: 'Booked by staff', api: 'Booked through the API', externalId: 'Practice system id {id}',
    reminder1: 'SMS 1', reminder2: 'SMS 2', reminder3: 'SMS 3', thanks: 'Thanks', remindersOff: 'Reminders off for this appointment',
    st_none: 'none', st_waiting: 'waiting', st_sent: 'sent', st_replied: 'sent and replied', st_failed: 'failed', st_cancelled: 'cancelled', st_retrying: 'failed, trying again', st_expired: 'expired',
    move: 'Move', cancel: 'Cancel', markAttended: 'Attended', markNoShow: 'No-show', reminderNow: 'Send reminder',
    attendanceOf: 'Attendance', markedAttended: 'Marked attended.', markedNoShow: 'Marked no-show.', markCleared: 'Attendance mark removed.',
    actionFailed: 'Not done: {error}', dialogFailed: 'The dialog could not be opened: {error}',
    created: 'Appointment booked for {time}.', moved: 'Appointment moved to {time}.', cancelledDone: 'Appointment cancelled.', reminderQueued: 'The reminder is queued and goes out within a minute.',
    reminderSkipped: 'No reminder sent: the patient has no mobile number that can receive SMS.',
    inThePast: 'The time is in the past: registered afterwards, no messages sent.',
  },
  nb: {
    previousDay: 'Forrige dag', nextDay: 'Neste dag', previousWeek: 'Forrige uke', nextWeek: 'Neste uke', today: 'I dag',
    date: 'Dato', view: 'Visning', day: 'Dag', week: 'Uke', providerClinic: 'Behandler og klinikk', clinic: 'Klinikk', allClinics: 'Alle klinikker', provider: 'Behandler', allProviders: 'Alle behandlere',
    showCancelled: 'Vis avbestilte timer', newAppointment: 'Ny time', filters: 'Hvilke timer',
    weekOf: 'Uke {week}: {from} – {to}', count: '{count} timer', countOne: '1 time', none: 'Ingen timer.',
    caption: 'Timer {date}', time: 'Tid', patient: 'Pasient', treatment: 'Behandling', status: 'Status', reminders: 'Påminnelser', actions: 'Handlinger',
    noPatient: 'Ingen pasient', noTreatment: '—', mobile: 'Mobil {mobile}',
    booked: 'Bestilt', cancelled: 'Avbestilt', attended: 'Møtt', no_show: 'Ikke møtt',
    online: 'Bestilt på nett', staff: 'Bestilt av klinikken', api: 'Bestilt via API-et', externalId: 'Id i journalsystemet {id}',
    reminder1: 'SMS 1', reminder2: 'SMS 2', reminder3: 'SMS 3', thanks: 'Takk for besøket', remindersOff: 'Påminnelser er slått av for denne timen',
    st_none: 'ingen', st_waiting: 'venter', st_sent: 'sendt', st_replied: 'sendt og besvart', st_failed: 'feilet', st_cancelled: 'avbrutt', st_retrying: 'feil, prøver igjen', st_expired: 'utgått',
    move: 'Flytt', cancel: 'Avbestill', markAttended: 'Møtt', markNoShow: 'Ikke møtt', reminderNow: 'Send påminnelse',
    attendanceOf: 'Oppmøte', markedAttended: 'Markert som møtt.', markedNoShow: 'Markert som ikke møtt.', markCleared: 'Oppmøtemarkeringen er fjernet.',
    actionFailed: 'Ikke utført: {error}', dialogFailed: 'Vinduet kunne ikke åpnes: {error}',
    created: 'Timen er bestilt {time}.', moved: 'Timen er flyttet til {time}.', cancelledDone: 'Timen er avbestilt.', reminderQueued: 'Påminnelsen ligger i køen og sendes innen et minutt.',
    reminderSkipped: 'Ingen påminnelse sendt: pasienten har ikke et mobilnummer som kan få SMS.',
    inThePast: 'Tiden har vært: timen er etterregistrert, og ingen meldinger sendes.',
  },
  sv: {
    previousDay: 'Föregående dag', nextDay: 'Nästa dag', previousWeek: 'Föregående vecka', nextWeek: 'Nästa vecka', today: 'I dag',
    date: 'Datum', view: 'Visning', day: 'Dag', week: 'Vecka', providerClinic: 'Behandlare och klinik', clinic: 'Klinik', allClinics: 'Alla kliniker', provider: 'Behandlare', allProviders: 'Alla behandlare',
    showCancelled: 'Visa avbokade tider', newAppointment: 'Ny bokning', filters: 'Vilka bokningar',
    weekOf: 'Vecka {week}: {from} – {to}', count: '{count} bokningar', countOne: '1 bokning', none: 'Inga bokningar.',
    caption: 'Bokningar {date}', time: 'Tid', patient: 'Patient', treatment: 'Behandling', status: 'Status', reminders: 'Påminnelser', actions: 'Åtgärder',
    noPatient: 'Ingen patient', noTreatment: '—', mobile: 'Mobil {mobile}',
    booked: 'Bokad', cancelled: 'Avbokad', attended: 'Närvarade', no_show: 'Uteblev',
    online: 'Bokad på webben', staff: 'Bokad av kliniken', api: 'Bokad via API:t', externalId: 'Id i journalsystemet {id}',
    reminder1: 'SMS 1', reminder2: 'SMS 2', reminder3: 'SMS 3', thanks: 'Tack för besöket', remindersOff: 'Påminnelser är avstängda för den här bokningen',
    st_none: 'inget', st_waiting: 'väntar', st_sent: 'skickat', st_replied: 'skickat och besvarat', st_failed: 'misslyckades', st_cancelled: 'avbrutet', st_retrying: 'fel, försöker igen', st_expired: 'utgånget',
    move: 'Flytta', cancel: 'Avboka', markAttended: 'Närvarade', markNoShow: 'Uteblev', reminderNow: 'Skicka påminnelse',
    attendanceOf: 'Närvaro', markedAttended: 'Markerad som närvarande.', markedNoShow: 'Markerad som uteblev.', markCleared: 'Närvaromarkeringen är borttagen.',
    actionFailed: 'Inte utfört: {error}', dialogFailed: 'Fönstret kunde inte öppnas: {error}',
    created: 'Tiden är bokad {time}.', moved: 'Bokningen är flyttad till {time}.', cancelledDone: 'Bokningen är avbokad.', reminderQueued: 'Påminnelsen ligger i kön och skickas inom en minut.',
    reminderSkipped: 'Ingen påminnelse skickad: patienten har inget mobilnummer som kan ta emot sms.',
    inThePast: 'Tiden har passerat: bokningen är efterregistrerad och inga meddelanden skickas.',
  },
} satisfies Texts<string>;

type T = ReturnType<typeof translator<keyof typeof texts.en>>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A date the API takes (a year being typed in the date field passes through 0002, 0020 …: those are not asked for). */
const isBookDate = (value: string) => DATE.test(value) && !Number.isNaN(Date.parse(value)) && value >= DATE_RANGE.min && value <= DATE_RANGE.max;
const REMINDERS = ['reminder1', 'reminder2', 'reminder3', 'thanks'] as const;

/** ISO week number of a local date. */
function isoWeek(date: string): number {
  const thursday = Date.parse(`${addDays(mondayOf(date), 3)}T12:00:00Z`);
  const yearStart = Date.UTC(new Date(thursday).getUTCFullYear(), 0, 1, 12);
  return Math.floor((thursday - yearStart) / (7 * 86_400_000)) + 1;
}

/** The book's view: what the address says (`?date=&view=&clinic=&provider=&cancelled=1`). */
interface BookView {
  date: string;
  view: 'day' | 'week';
  clinic: string | undefined;
  provider: string | undefined;
  cancelled: boolean;
  from: string;
  to: string;
}

/**
 * The day's book (issue 10.2), the console's home page: a day's or a week's
 * appointments per clinic and provider with status, source and reminder
 * status, and for roles that may: book, move, cancel, mark attended or
 * no-show, send a reminder now. The view lives in the address, so deep
 * links and the back button work. The dialogs are their own chunk
 * (`book-dialogs.ts`), loaded when first opened.
 */
export class BookPage extends ConsolePage {
  static override styles = [consoleStyles, css`
    .bar { display: flex; flex-wrap: wrap; gap: 0.6rem 1rem; align-items: flex-end; margin: 0 0 0.75rem; }
    .bar .field { margin: 0; }
    .group { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: flex-end; }
    .views { display: flex; gap: 0; border: none; padding: 0; margin: 0; }
    .views legend { padding: 0; margin-bottom: 0.25rem; font-weight: 600; }
    .views label { display: inline-flex; align-items: center; gap: 0.4rem; min-height: 2.75rem; padding: 0 0.8rem; border: 1px solid var(--c-border); cursor: pointer; }
    .views label:first-of-type { border-radius: var(--radius) 0 0 var(--radius); }
    .views label:last-of-type { border-radius: 0 var(--radius) var(--radius) 0; }
    .views label:has(input:checked) { background: var(--c-surface); font-weight: 600; }
    .views label:has(input:focus-visible) { outline: 3px solid var(--c-focus); outline-offset: 2px; }
    h2.range { margin-top: 0.5rem; }
    th, td { padding: 0.4rem 0.35rem; }
    .row-actions { display: grid; grid-template-columns: repeat(2, max-content); gap: 0.25rem; }
    .row-actions button { min-height: 2.75rem; min-width: 0; padding: 0.2rem 0.4rem; font-size: 0.85rem; }
    .row-actions button[data-action='reminder'] { grid-column: 1 / -1; }
    button[aria-pressed='true'] { background: var(--c-surface); font-weight: 700; border-width: 2px; }
    tr.is-cancelled td, tr.is-cancelled th { color: var(--c-muted); }
    tr.is-cancelled .time { text-decoration: line-through; }
    ul.reminders { list-style: none; margin: 0; padding: 0; font-size: 0.85rem; white-space: nowrap; }
    .small { font-size: 0.85rem; }
    .none { padding: 0.5rem 0; }
  `];

  private readonly book = () => bookMethods(this.ctx.call);
  private catalog: Promise<BookCatalog> | undefined;
  private readonly list = new Loader(this, async () => {
    const catalog = await this.loadCatalog();
    const view = this.view(catalog.timeZone);
    const list = await this.book().listAppointments({
      from: view.from, to: view.to, ...(view.clinic ? { clinicId: view.clinic } : {}), ...(view.provider ? { providerId: view.provider } : {}),
      ...(view.cancelled ? { includeCancelled: 'true' as const } : {}),
    });
    return { catalog, list, view };
  });
  /** What the last row action or dialog did, said on the page too (the live region says it as well). */
  private outcome: { ok: boolean; text: string } | undefined;
  private busy: string | undefined;
  private dialog: HTMLElement | undefined;
  private opener: HTMLElement | undefined;

  protected override routeChanged(): void {
    void this.list.load();
  }

  private get t(): T {
    return translator(texts, this.ctx.locale);
  }

  /** Clinics, providers and treatments (with the organization's zone): once per page, again after a failure. */
  private loadCatalog(): Promise<BookCatalog> {
    this.catalog ??= (async () => {
      const catalog = catalogMethods(this.ctx.call);
      const [clinics, providers, treatments] = await Promise.all([catalog.listClinics(), catalog.listProviders(), catalog.listTreatments()]);
      return { timeZone: this.ctx.me.organization.timeZone, clinics: clinics.clinics, providers: providers.providers, treatments: treatments.treatments };
    })();
    this.catalog.catch(() => { this.catalog = undefined; });
    return this.catalog;
  }

  private view(zone: string): BookView {
    const q = this.query;
    const raw = q.get('date') ?? '';
    const date = isBookDate(raw) ? raw : localDateIn(new Date(), zone);
    const view = q.get('view') === 'week' ? 'week' : 'day';
    const from = view === 'week' ? mondayOf(date) : date;
    return { date, view, clinic: q.get('clinic') || undefined, provider: q.get('provider') || undefined, cancelled: q.get('cancelled') === '1', from, to: view === 'week' ? addDays(from, 6) : date };
  }

  private go(view: BookView, change: Partial<BookView>): void {
    const next = { ...view, ...change };
    this.outcome = undefined;
    this.ctx.navigate('/book', { date: next.date, view: next.view, clinic: next.clinic, provider: next.provider, cancelled: next.cancelled ? '1' : undefined });
  }

  // ------------------------------------------------------------ actions

  private async openDialog(kind: BookDialogKind, opener: HTMLElement, catalog: BookCatalog, appointment?: BookAppointment): Promise<void> {
    this.opener = opener;
    this.outcome = undefined;
    try {
      await import('./book-dialogs.ts');
    } catch (error) {
      this.outcome = { ok: false, text: this.t('dialogFailed', { error: errorText(error, this.ctx.locale) }) };
      return this.requestUpdate();
    }
    const view = this.list.value?.view;
    const dialog = document.createElement(`console-book-${kind}-dialog`) as HTMLElement & { ctx: unknown; catalog: BookCatalog; appointment?: BookAppointment; defaults?: unknown };
    dialog.ctx = this.ctx;
    dialog.catalog = catalog;
    if (appointment) dialog.appointment = appointment;
    dialog.defaults = { date: view?.date, clinicId: view?.clinic, providerId: view?.provider };
    dialog.addEventListener('book-dialog-closed', (event) => void this.dialogClosed((event as CustomEvent<BookDialogResult | undefined>).detail));
    this.dialog = dialog;
    this.requestUpdate();
  }

  private async dialogClosed(result: BookDialogResult | undefined): Promise<void> {
    this.dialog = undefined;
    const opener = this.opener;
    this.opener = undefined;
    opener?.focus();
    if (result) {
      // In the appointment's own zone (its clinic's, which may differ from the organization's).
      const when = ({ start, timeZone }: { start: string; timeZone: string }) => `${formatDate(localDateIn(new Date(start), timeZone), this.ctx.locale, 'short')} ${formatTime(start, this.ctx.locale, timeZone)}`;
      const text = result.kind === 'reminder' ? this.t(result.skipped ? 'reminderSkipped' : 'reminderQueued')
        : result.kind === 'cancel' ? this.t('cancelledDone')
          : `${this.t(result.kind === 'create' ? 'created' : 'moved', { time: when(result.appointment) })}${result.kind === 'create' && result.warnings.includes('in_the_past') ? ` ${this.t('inThePast')}` : ''}`;
      this.outcome = { ok: result.kind !== 'reminder' || !result.skipped, text };
      this.ctx.announce(text);
      if (result.kind !== 'reminder') await this.list.load();
    }
    this.requestUpdate();
    await this.updateComplete;
    // The opener may be gone (a cancelled appointment leaves the list): the heading then. Not when another dialog opened meanwhile.
    if (!this.dialog && !opener?.isConnected) this.renderRoot.querySelector<HTMLElement>('h2.range')?.focus();
  }

  private async attendance(appointment: BookAppointment, attendance: Attendance | null): Promise<void> {
    this.busy = appointment.id;
    this.outcome = undefined;
    this.requestUpdate();
    try {
      const updated = await this.book().setAttendance(appointment.id, { attendance });
      const value = this.list.value;
      if (value) this.list.set({ ...value, list: { ...value.list, appointments: value.list.appointments.map((a) => (a.id === updated.id ? updated : a)) } });
      const text = this.t(attendance === 'attended' ? 'markedAttended' : attendance === 'no_show' ? 'markedNoShow' : 'markCleared');
      this.outcome = { ok: true, text };
      this.ctx.announce(text);
    } catch (error) {
      if (error instanceof OpusApiError && error.code === 'unauthorized') this.ctx.sessionEnded();
      this.outcome = { ok: false, text: this.t('actionFailed', { error: errorText(error, this.ctx.locale) }) };
    } finally {
      this.busy = undefined;
      this.requestUpdate();
    }
  }

  // ------------------------------------------------------------ render

  override render() {
    return html`${this.list.render(({ catalog, list, view }) => this.renderBook(catalog, list, view))}${this.dialog ?? nothing}`;
  }

  private renderBook(catalog: BookCatalog, list: BookList, view: BookView) {
    const t = this.t;
    const locale = this.ctx.locale;
    const week = view.view === 'week';
    const step = week ? 7 : 1;
    const days = week ? Array.from({ length: 7 }, (_, i) => addDays(view.from, i)) : [view.date];
    const byDay = new Map<string, BookAppointment[]>();
    for (const a of list.appointments) {
      const day = localDateIn(new Date(a.start), a.timeZone);
      byDay.set(day, [...(byDay.get(day) ?? []), a]);
    }
    const providers = catalog.providers.filter((p) => (p.active || p.id === view.provider) && (!view.clinic || p.clinics.some((c) => c.clinicId === view.clinic) || p.id === view.provider));
    const count = list.appointments.length;
    const heading = week ? t('weekOf', { week: isoWeek(view.from), from: formatDate(view.from, locale, 'short'), to: formatDate(view.to, locale, 'short') }) : formatDate(view.date, locale);
    return html`
      <form class="bar" aria-label=${t('filters')} @submit=${(e: Event) => e.preventDefault()}>
        <div class="group">
          <button type="button" class="secondary" data-action="previous" @click=${() => this.go(view, { date: addDays(view.date, -step) })}>← ${t(week ? 'previousWeek' : 'previousDay')}</button>
          <button type="button" class="secondary" data-action="today" @click=${() => this.go(view, { date: localDateIn(new Date(), catalog.timeZone) })}>${t('today')}</button>
          <button type="button" class="secondary" data-action="next" @click=${() => this.go(view, { date: addDays(view.date, step) })}>${t(week ? 'nextWeek' : 'nextDay')} →</button>
        </div>
        <div class="field">
          <label for="book-date">${t('date')}</label>
          <input id="book-date" type="date" min=${DATE_RANGE.min} max=${DATE_RANGE.max} .value=${view.date} @change=${(e: Event) => {
            const value = (e.target as HTMLInputElement).value;
            if (isBookDate(value)) this.go(view, { date: value });
          }}>
        </div>
        <fieldset class="views">
          <legend>${t('view')}</legend>
          ${(['day', 'week'] as const).map((v) => html`<label><input type="radio" name="book-view" value=${v} .checked=${view.view === v}
            @change=${() => this.go(view, { view: v })}>${t(v)}</label>`)}
        </fieldset>
        <div class="field">
          <label for="book-clinic">${t('clinic')}</label>
          <select id="book-clinic" @change=${(e: Event) => this.go(view, { clinic: (e.target as HTMLSelectElement).value || undefined })}>
            <option value="" ?selected=${!view.clinic}>${t('allClinics')}</option>
            ${catalog.clinics.filter((c) => c.active || c.id === view.clinic).map((c) => html`<option value=${c.id} ?selected=${c.id === view.clinic}>${c.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="book-provider">${t('provider')}</label>
          <select id="book-provider" @change=${(e: Event) => this.go(view, { provider: (e.target as HTMLSelectElement).value || undefined })}>
            <option value="" ?selected=${!view.provider}>${t('allProviders')}</option>
            ${providers.map((p) => html`<option value=${p.id} ?selected=${p.id === view.provider}>${p.name}</option>`)}
          </select>
        </div>
        <div class="check">
          <input id="book-cancelled" type="checkbox" .checked=${view.cancelled} @change=${(e: Event) => this.go(view, { cancelled: (e.target as HTMLInputElement).checked })}>
          <label for="book-cancelled">${t('showCancelled')}</label>
        </div>
        ${this.ctx.can('book') ? html`<button type="button" data-action="create" @click=${(e: Event) => void this.openDialog('create', e.currentTarget as HTMLElement, catalog)}>${t('newAppointment')}</button>` : nothing}
      </form>
      <h2 class="range" tabindex="-1">${heading}</h2>
      <p class="muted" role="status">${count === 1 ? t('countOne') : t('count', { count })}</p>
      ${this.outcome ? html`<div class="notice ${this.outcome.ok ? 'success' : 'error'}" role=${this.outcome.ok ? 'status' : 'alert'}><p>${this.outcome.text}</p></div>` : nothing}
      ${days.map((day) => this.renderDay(day, byDay.get(day) ?? [], week, catalog))}`;
  }

  private renderDay(day: string, appointments: BookAppointment[], week: boolean, catalog: BookCatalog) {
    const t = this.t;
    const title = formatDate(day, this.ctx.locale);
    const sorted = [...appointments].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    return html`<section class="day" aria-label=${week ? title : nothing}>
      ${week ? html`<h3>${title}</h3>` : nothing}
      ${sorted.length === 0 ? html`<p class="muted none">${t('none')}</p>` : html`<div class="table-wrap"><table>
        <caption class=${week ? 'sr-only' : ''}>${t('caption', { date: title })}</caption>
        <thead><tr>
          <th scope="col">${t('time')}</th><th scope="col">${t('patient')}</th><th scope="col">${t('treatment')}</th>
          <th scope="col">${t('providerClinic')}</th><th scope="col">${t('status')}</th>
          <th scope="col">${t('reminders')}</th>${this.ctx.can('book') || this.ctx.can('messaging') ? html`<th scope="col">${t('actions')}</th>` : nothing}
        </tr></thead>
        <tbody>${repeat(sorted, (a) => a.id, (a) => this.renderRow(a, catalog))}</tbody>
      </table></div>`}
    </section>`;
  }

  private renderRow(a: BookAppointment, catalog: BookCatalog) {
    const t = this.t;
    const locale = this.ctx.locale;
    const cancelled = a.status === 'cancelled';
    const rowId = `appt-${a.id}`;
    const busy = this.busy === a.id;
    const status = (s: MessageStatus | null) => t(`st_${s ?? 'none'}`);
    const canBook = this.ctx.can('book');
    const canMessage = this.ctx.can('messaging');
    return html`<tr class=${cancelled ? 'is-cancelled' : ''} data-id=${a.id}>
      <th scope="row" id=${rowId}><span class="time">${formatTime(a.start, locale, a.timeZone)}–${formatTime(a.end, locale, a.timeZone)}</span></th>
      <td>${a.patient ? html`<span id="${rowId}-who">${a.patient.firstName} ${a.patient.lastName}</span>${a.patient.mobile ? html`<br><span class="small muted">${t('mobile', { mobile: a.patient.mobile })}</span>` : nothing}` : html`<span id="${rowId}-who">${t('noPatient')}</span>`}</td>
      <td>${a.treatment?.name ?? (a.text || t('noTreatment'))}</td>
      <td>${a.provider.name}<br><span class="small">${a.clinic.name}</span></td>
      <td>
        <strong>${t(a.status)}</strong>${a.attendance ? html`<br><span class="badge">${t(a.attendance)}</span>` : nothing}
        <br><span class="small muted">${t(a.source)}</span>
        ${a.externalId ? html`<br><span class="small muted">${t('externalId', { id: a.externalId })}</span>` : nothing}
      </td>
      <td>${a.remindersEnabled
        ? html`<ul class="reminders">${REMINDERS.map((kind) => html`<li>${t(kind)}: ${status(a.reminders[kind])}</li>`)}</ul>`
        : html`<span class="small">${t('remindersOff')}</span>${REMINDERS.some((k) => a.reminders[k]) ? html`<ul class="reminders">${REMINDERS.filter((k) => a.reminders[k]).map((kind) => html`<li>${t(kind)}: ${status(a.reminders[kind])}</li>`)}</ul>` : nothing}`}</td>
      ${canBook || canMessage ? html`<td class="actions-cell">${cancelled ? nothing : html`<div class="row-actions" role="group" aria-labelledby="${rowId} ${rowId}-who">
        ${canBook ? html`
          <button type="button" class="secondary" data-action="move" aria-describedby="${rowId} ${rowId}-who" ?disabled=${busy} @click=${(e: Event) => void this.openDialog('move', e.currentTarget as HTMLElement, catalog, a)}>${t('move')}</button>
          <button type="button" class="secondary" data-action="cancel" aria-describedby="${rowId} ${rowId}-who" ?disabled=${busy} @click=${(e: Event) => void this.openDialog('cancel', e.currentTarget as HTMLElement, catalog, a)}>${t('cancel')}</button>
          <button type="button" class="secondary" data-action="attended" aria-pressed=${a.attendance === 'attended' ? 'true' : 'false'} aria-describedby="${rowId} ${rowId}-who" ?disabled=${busy}
            @click=${() => void this.attendance(a, a.attendance === 'attended' ? null : 'attended')}>${t('markAttended')}</button>
          <button type="button" class="secondary" data-action="no-show" aria-pressed=${a.attendance === 'no_show' ? 'true' : 'false'} aria-describedby="${rowId} ${rowId}-who" ?disabled=${busy}
            @click=${() => void this.attendance(a, a.attendance === 'no_show' ? null : 'no_show')}>${t('markNoShow')}</button>` : nothing}
        ${canMessage ? html`<button type="button" class="secondary" data-action="reminder" aria-describedby="${rowId} ${rowId}-who" ?disabled=${busy}
          @click=${(e: Event) => void this.openDialog('reminder', e.currentTarget as HTMLElement, catalog, a)}>${t('reminderNow')}</button>` : nothing}
      </div>`}</td>` : nothing}
    </tr>`;
  }
}

customElements.define('console-book-page', BookPage);
