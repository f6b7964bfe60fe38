import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { bookMethods } from '../../../../sdk/admin/book.ts';
import { messagingMethods } from '../../../../sdk/admin/messaging.ts';
import { patientMethods } from '../../../../sdk/admin/patients.ts';
import { OpusApiError } from '../../../../sdk/errors.ts';
import type { BookAppointment, MoveRequest, StaffBookingRequest } from '../../../../sdk/schemas/book.ts';
import type { PatientSummary } from '../../../../sdk/schemas/patients.ts';
import type { Problem } from '../../../../sdk/schemas/problem.ts';
import type { SlotSearchResult } from '../../../../sdk/schemas/slots.ts';
import { bookingApi } from '../../../api/booking-api.ts';
import { addDays, localDateIn } from '../../../internal/calendar.ts';
import { translator, type Texts } from '../../i18n.ts';
import { ConsoleDialog } from '../../ui/dialog.ts';
import { FormController, fieldId } from '../../ui/form.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { errorText } from '../../ui/ui-texts.ts';
import type { BookCatalog, BookDefaults, BookDialogResult } from './book-catalog.ts';
import { clockIn, formatDate, formatDateTime, formatTime, zonedInstant } from './book-time.ts';

const texts = {
  en: {
    createTitle: 'New appointment', moveTitle: 'Move appointment', cancelTitle: 'Cancel appointment', reminderTitle: 'Send a reminder now',
    patient: 'Patient', existingPatient: 'A patient already registered', newPatient: 'A new patient',
    search: 'Find patient', searchHint: 'Name, national identity number, mobile or e-mail.', searching: 'Searching…',
    found: 'Patients found', noneFound: 'No patient matches “{q}”.', typeToSearch: 'Type at least two characters to search.',
    choosePatient: 'Choose a patient, or register a new one.',
    firstName: 'First name', lastName: 'Last name', nationalId: 'National identity number', nationalIdHint: '11 digits (fødselsnummer) or a Swedish personnummer.',
    mobile: 'Mobile', email: 'E-mail', required: 'Required.',
    where: 'Where and what', clinic: 'Clinic', provider: 'Provider', treatment: 'Treatment', noTreatment: 'No treatment (give a length)',
    when: 'Time', freeTime: 'A free time (the online rules)', anyTime: 'Any time (staff only)', from: 'Free times from',
    loadingSlots: 'Looking for free times…', slotsFound: '{count} free times this week.', noSlots: 'No free times in these seven days. Try later dates, or book any time.',
    earlier: 'Earlier days', later: 'Later days', refresh: 'Look again',
    chooseTime: 'Choose one of the free times.', date: 'Date', clock: 'Time (HH:MM)', enterTime: 'Enter a date and a time.',
    duration: 'Length in minutes', durationHint: 'Leave empty for the treatment’s length ({minutes} min).', durationKeep: 'Leave empty to keep the length ({minutes} min).',
    notify: 'Send the patient a confirmation by SMS or e-mail', notifyMove: 'Tell the patient about the new time', notifyCancel: 'Tell the patient it is cancelled',
    now: 'Now: {when}, {provider}, {clinic}', appointment: '{when}: {patient}, {treatment}, {provider}, {clinic}',
    reason: 'Reason (optional)', reasonHint: 'Kept with the appointment; not sent to the patient.',
    doCancel: 'Cancel appointment', keep: 'Keep appointment', failed: 'Not done. Your choices are kept here: correct them or try again.',
    kind: 'Which message', sendNow: 'Send now', toMobile: 'It goes to {mobile}.', noMobile: 'The patient has no mobile number: no SMS can be sent.',
    reminder1: 'Reminder 1 (SMS 1)', reminder2: 'Reminder 2 (SMS 2)', reminder3: 'Reminder 3 (SMS 3)', thanks: 'Thanks for the visit',
    noSlotsApi: 'Free times could not be loaded: {error}',
  },
  nb: {
    createTitle: 'Ny time', moveTitle: 'Flytt time', cancelTitle: 'Avbestill time', reminderTitle: 'Send påminnelse nå',
    patient: 'Pasient', existingPatient: 'En pasient som er registrert', newPatient: 'En ny pasient',
    search: 'Finn pasient', searchHint: 'Navn, fødselsnummer, mobil eller e-post.', searching: 'Søker …',
    found: 'Pasienter funnet', noneFound: 'Ingen pasient passer med «{q}».', typeToSearch: 'Skriv minst to tegn for å søke.',
    choosePatient: 'Velg en pasient, eller registrer en ny.',
    firstName: 'Fornavn', lastName: 'Etternavn', nationalId: 'Fødselsnummer', nationalIdHint: '11 siffer (fødselsnummer eller D-nummer), eller et svensk personnummer.',
    mobile: 'Mobil', email: 'E-post', required: 'Må fylles ut.',
    where: 'Hvor og hva', clinic: 'Klinikk', provider: 'Behandler', treatment: 'Behandling', noTreatment: 'Ingen behandling (oppgi lengde)',
    when: 'Tid', freeTime: 'En ledig tid (reglene for nettbooking)', anyTime: 'Valgfri tid (bare for klinikken)', from: 'Ledige tider fra',
    loadingSlots: 'Ser etter ledige tider …', slotsFound: '{count} ledige tider denne uken.', noSlots: 'Ingen ledige tider disse sju dagene. Prøv senere datoer, eller velg valgfri tid.',
    earlier: 'Tidligere dager', later: 'Senere dager', refresh: 'Se igjen',
    chooseTime: 'Velg en av de ledige tidene.', date: 'Dato', clock: 'Klokkeslett (TT:MM)', enterTime: 'Fyll inn dato og klokkeslett.',
    duration: 'Lengde i minutter', durationHint: 'La stå tomt for behandlingens lengde ({minutes} min).', durationKeep: 'La stå tomt for å beholde lengden ({minutes} min).',
    notify: 'Send pasienten en bekreftelse på SMS eller e-post', notifyMove: 'Gi pasienten beskjed om den nye tiden', notifyCancel: 'Gi pasienten beskjed om avbestillingen',
    now: 'Nå: {when}, {provider}, {clinic}', appointment: '{when}: {patient}, {treatment}, {provider}, {clinic}',
    reason: 'Årsak (valgfritt)', reasonHint: 'Lagres med timen; sendes ikke til pasienten.',
    doCancel: 'Avbestill timen', keep: 'Behold timen', failed: 'Ikke utført. Valgene dine er beholdt her: rett dem eller prøv igjen.',
    kind: 'Hvilken melding', sendNow: 'Send nå', toMobile: 'Den sendes til {mobile}.', noMobile: 'Pasienten har ikke mobilnummer: det kan ikke sendes SMS.',
    reminder1: 'Påminnelse 1 (SMS 1)', reminder2: 'Påminnelse 2 (SMS 2)', reminder3: 'Påminnelse 3 (SMS 3)', thanks: 'Takk for besøket',
    noSlotsApi: 'Ledige tider kunne ikke hentes: {error}',
  },
  sv: {
    createTitle: 'Ny bokning', moveTitle: 'Flytta bokning', cancelTitle: 'Avboka', reminderTitle: 'Skicka påminnelse nu',
    patient: 'Patient', existingPatient: 'En registrerad patient', newPatient: 'En ny patient',
    search: 'Sök patient', searchHint: 'Namn, personnummer, mobil eller e-post.', searching: 'Söker …',
    found: 'Hittade patienter', noneFound: 'Ingen patient matchar ”{q}”.', typeToSearch: 'Skriv minst två tecken för att söka.',
    choosePatient: 'Välj en patient, eller registrera en ny.',
    firstName: 'Förnamn', lastName: 'Efternamn', nationalId: 'Personnummer', nationalIdHint: 'Ett svenskt personnummer, eller ett norskt fødselsnummer (11 siffror).',
    mobile: 'Mobil', email: 'E-post', required: 'Obligatoriskt.',
    where: 'Var och vad', clinic: 'Klinik', provider: 'Behandlare', treatment: 'Behandling', noTreatment: 'Ingen behandling (ange längd)',
    when: 'Tid', freeTime: 'En ledig tid (reglerna för webbokning)', anyTime: 'Valfri tid (bara för kliniken)', from: 'Lediga tider från',
    loadingSlots: 'Letar efter lediga tider …', slotsFound: '{count} lediga tider den här veckan.', noSlots: 'Inga lediga tider de här sju dagarna. Prova senare datum, eller välj valfri tid.',
    earlier: 'Tidigare dagar', later: 'Senare dagar', refresh: 'Sök igen',
    chooseTime: 'Välj en av de lediga tiderna.', date: 'Datum', clock: 'Klockslag (TT:MM)', enterTime: 'Fyll i datum och klockslag.',
    duration: 'Längd i minuter', durationHint: 'Lämna tomt för behandlingens längd ({minutes} min).', durationKeep: 'Lämna tomt för att behålla längden ({minutes} min).',
    notify: 'Skicka en bekräftelse till patienten med sms eller e-post', notifyMove: 'Meddela patienten den nya tiden', notifyCancel: 'Meddela patienten att tiden är avbokad',
    now: 'Nu: {when}, {provider}, {clinic}', appointment: '{when}: {patient}, {treatment}, {provider}, {clinic}',
    reason: 'Orsak (valfritt)', reasonHint: 'Sparas med bokningen; skickas inte till patienten.',
    doCancel: 'Avboka tiden', keep: 'Behåll tiden', failed: 'Inte utfört. Dina val finns kvar här: rätta dem eller försök igen.',
    kind: 'Vilket meddelande', sendNow: 'Skicka nu', toMobile: 'Det skickas till {mobile}.', noMobile: 'Patienten har inget mobilnummer: inget sms kan skickas.',
    reminder1: 'Påminnelse 1 (SMS 1)', reminder2: 'Påminnelse 2 (SMS 2)', reminder3: 'Påminnelse 3 (SMS 3)', thanks: 'Tack för besöket',
    noSlotsApi: 'Lediga tider kunde inte hämtas: {error}',
  },
} satisfies Texts<string>;

type Key = keyof typeof texts.en;

const dialogStyles = css`
  dialog { max-height: 92vh; overflow: auto; }
  dialog.wide { max-width: min(52rem, 95vw); }
  .choice { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
  .slots { display: flex; flex-wrap: wrap; gap: 0.4rem; }
  label.slot { display: inline-flex; align-items: center; gap: 0.35rem; min-height: 2.75rem; padding: 0 0.7rem; border: 1px solid var(--c-border); border-radius: var(--radius); cursor: pointer; }
  label.slot:has(input:checked) { background: var(--c-surface); font-weight: 700; border-width: 2px; }
  label.slot:has(input:focus-visible) { outline: 3px solid var(--c-focus); outline-offset: 2px; }
  label.slot input { position: absolute; opacity: 0; width: 1px; height: 1px; }
  .results { list-style: none; margin: 0.25rem 0 0.75rem; padding: 0; }
  .results li { margin: 0 0 0.25rem; }
  fieldset:focus { outline: none; }
  fieldset:focus-visible { outline: 3px solid var(--c-focus); }
`;

/** A problem the form finds itself, shown as the API's 422 would be (at its fields). */
function invalid(issues: Array<{ path: string; message: string }>): OpusApiError {
  const problem = { type: 'about:blank', title: 'Validation failed', status: 422, code: 'validation_failed', issues: issues.map((i) => ({ ...i, code: 'required' })) } as Problem;
  return new OpusApiError(422, 'validation_failed', 'Validation failed', problem);
}

/**
 * A dialog of the book: a {@link ConsoleDialog} (modal, its heading and a
 * Close button) opened as soon as the element is shown; says what it did with
 * `book-dialog-closed` (the page then removes it and returns focus to the
 * button that opened it). Its forms are
 * FormControllers: a failed request keeps every value chosen.
 */
abstract class BookDialog extends ConsolePage {
  static override styles = [consoleStyles, dialogStyles];
  static override properties = { ...ConsolePage.properties, catalog: { attribute: false }, appointment: { attribute: false }, defaults: { attribute: false } };
  declare catalog: BookCatalog;
  declare appointment: BookAppointment | undefined;
  declare defaults: BookDefaults;
  protected result: BookDialogResult | undefined;
  protected wide = false;
  private readonly frame = new ConsoleDialog(this, 'book', () => this.dispatchEvent(new CustomEvent('book-dialog-closed', { detail: this.result })));

  protected get t() {
    return translator<Key>(texts, this.ctx.locale);
  }

  /** The appointment's zone, else the organization's. */
  protected get zone(): string {
    return this.appointment?.timeZone ?? this.catalog.timeZone;
  }

  protected abstract heading(): string;
  protected abstract body(): TemplateResult;

  protected override firstUpdated(): void {
    void this.frame.show();
  }

  protected close(): void {
    this.frame.close();
  }

  /** The appointment in one line, for the move, cancel and reminder dialogs. */
  protected summary(a: BookAppointment): string {
    return this.t('appointment', {
      when: formatDateTime(a.start, this.ctx.locale, a.timeZone), patient: a.patient ? `${a.patient.firstName} ${a.patient.lastName}` : '—',
      treatment: a.treatment?.name ?? a.text, provider: a.provider.name, clinic: a.clinic.name,
    });
  }

  /** What failed, with each field it names linked (as FormController's summary, for forms with their own buttons). */
  protected failure<D>(form: FormController<D>, labels: Record<string, string> = {}): TemplateResult | typeof nothing {
    if (form.status !== 'failed') return nothing;
    const wrong = Object.entries(form.errors);
    return html`<div class="notice error save-failure" role="alert" tabindex="-1">
      <p>${this.t('failed')}</p>
      ${wrong.length ? html`<ul>${wrong.map(([path, message]) => html`<li><a href="#${fieldId(path)}" @click=${(e: Event) => {
        e.preventDefault();
        this.renderRoot.querySelector<HTMLElement>(`#${fieldId(path)}`)?.focus();
      }}>${labels[path] ?? path}</a>: ${message}</li>`)}</ul>` : html`<p>${errorText(form.failure, this.ctx.locale)}</p>`}
    </div>`;
  }

  /** Saves with `form`, and closes the dialog when it worked. */
  protected async submit<D>(event: Event, form: FormController<D>, send: () => Promise<BookDialogResult>): Promise<void> {
    event.preventDefault();
    const ok = await form.save(async (draft) => {
      this.result = await send();
      return draft;
    });
    if (ok) this.close();
  }

  override render() {
    return this.frame.render(this.heading(), () => this.body(), this.wide ? 'wide' : '');
  }
}

// ------------------------------------------------------------ create and move

interface TimeDraft {
  clinicId: string;
  providerId: string;
  treatmentId: string;
  timeMode: 'slot' | 'any';
  /** The first day of the free-time search (seven days). */
  from: string;
  /** The free time chosen (an instant). */
  start: string;
  date: string;
  time: string;
  durationMinutes: number | null;
  notifyPatient: boolean;
}

interface CreateDraft extends TimeDraft {
  patientMode: 'existing' | 'new';
  patientId: string;
  patient: { firstName: string; lastName: string; nationalId: string; mobile: string; email: string };
}

/** What the create and move dialogs share: where, what, and the time from the free slots or any time. */
abstract class TimeDialog<D extends TimeDraft> extends BookDialog {
  protected readonly form = new FormController<D>(this);

  /** The chosen clinic's zone (a clinic may keep its own), else the organization's: typed times and "today" are read in it. */
  protected override get zone(): string {
    const clinicId = this.form.get('clinicId');
    return this.catalog.clinics.find((c) => c.id === clinicId)?.timeZone ?? this.catalog.timeZone;
  }

  private slots: { key: string; state: 'loading' | 'ready' | 'error'; result?: SlotSearchResult; error?: unknown } | undefined;
  protected override wide = true;

  protected abstract initial(): D;

  protected override routeChanged(): void {
    if (this.form.draft === undefined) this.form.load(this.initial());
  }

  protected get today(): string {
    return localDateIn(new Date(), this.zone);
  }

  protected providersAt(clinicId: string) {
    return this.catalog.providers.filter((p) => p.active && p.clinics.some((c) => c.clinicId === clinicId));
  }

  /** The free times follow the draft's treatment, clinic, provider and first day (looked up while rendering, no second update). */
  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const d = this.form.draft;
    if (!d || d.timeMode !== 'slot' || !d.treatmentId || !d.clinicId || !d.providerId || !d.from) return;
    const key = [d.treatmentId, d.clinicId, d.providerId, d.from].join('|');
    if (this.slots?.key !== key) void this.loadSlots(key);
  }

  private async loadSlots(key: string): Promise<void> {
    const d = this.form.draft!;
    this.slots = { key, state: 'loading' };
    const api = bookingApi({ api: this.ctx.origin, organization: this.ctx.me.organization.subdomain });
    try {
      const result = await api.slots({ treatmentId: d.treatmentId, clinicId: d.clinicId, providerId: d.providerId, from: d.from, to: addDays(d.from, 6) });
      if (this.slots?.key === key) this.slots = { key, state: 'ready', result };
    } catch (error) {
      if (this.slots?.key === key) this.slots = { key, state: 'error', error };
    }
    this.requestUpdate();
  }

  /** Clinic, provider and (when `withTreatment`) treatment. */
  protected whereFields(withTreatment: boolean): TemplateResult {
    const t = this.t;
    const d = this.form.draft!;
    const clinics = this.catalog.clinics.filter((c) => c.active || c.id === d.clinicId);
    const providers = this.providersAt(d.clinicId);
    if (!providers.some((p) => p.id === d.providerId)) {
      const current = this.catalog.providers.find((p) => p.id === d.providerId);
      if (current) providers.unshift(current);
    }
    return html`<fieldset><legend>${t('where')}</legend>
      <div class="field">
        <label for="f-clinicId">${t('clinic')}</label>
        <select id="f-clinicId" aria-invalid=${this.form.errors.clinicId ? 'true' : 'false'} aria-describedby=${this.form.errors.clinicId ? 'f-clinicId-error' : nothing} @change=${(e: Event) => {
          const clinicId = (e.target as HTMLSelectElement).value;
          this.form.set('clinicId', clinicId);
          const at = this.providersAt(clinicId);
          if (!at.some((p) => p.id === this.form.draft!.providerId) && at[0]) this.form.set('providerId', at[0].id);
          this.form.set('start', '');
        }}>${clinics.map((c) => html`<option value=${c.id} ?selected=${c.id === d.clinicId}>${c.name}</option>`)}</select>
        ${this.form.errors.clinicId ? html`<p class="field-error" id="f-clinicId-error">${this.form.errors.clinicId}</p>` : nothing}
      </div>
      <div class="field">
        <label for="f-providerId">${t('provider')}</label>
        <select id="f-providerId" aria-invalid=${this.form.errors.providerId ? 'true' : 'false'} aria-describedby=${this.form.errors.providerId ? 'f-providerId-error' : nothing} @change=${(e: Event) => {
          this.form.set('providerId', (e.target as HTMLSelectElement).value);
          this.form.set('start', '');
        }}>${providers.map((p) => html`<option value=${p.id} ?selected=${p.id === d.providerId}>${p.name}</option>`)}</select>
        ${this.form.errors.providerId ? html`<p class="field-error" id="f-providerId-error">${this.form.errors.providerId}</p>` : nothing}
      </div>
      ${withTreatment ? html`<div class="field">
        <label for="f-treatmentId">${t('treatment')}</label>
        <select id="f-treatmentId" aria-invalid=${this.form.errors.treatmentId ? 'true' : 'false'} aria-describedby=${this.form.errors.treatmentId ? 'f-treatmentId-error' : nothing} @change=${(e: Event) => {
          const treatmentId = (e.target as HTMLSelectElement).value;
          this.form.set('treatmentId', treatmentId);
          this.form.set('start', '');
          if (!treatmentId) this.form.set('timeMode', 'any');
        }}>
          ${this.catalog.treatments.filter((x) => x.active || x.id === d.treatmentId).map((x) => html`<option value=${x.id} ?selected=${x.id === d.treatmentId}>${x.name} (${x.durationMinutes} min)</option>`)}
          <option value="" ?selected=${!d.treatmentId}>${t('noTreatment')}</option>
        </select>
        ${this.form.errors.treatmentId ? html`<p class="field-error" id="f-treatmentId-error">${this.form.errors.treatmentId}</p>` : nothing}
      </div>` : nothing}
    </fieldset>`;
  }

  /** The time: a free slot (the public slot search) or any date, time and length. */
  protected timeFields(lengthHint: string): TemplateResult {
    const t = this.t;
    const d = this.form.draft!;
    const startError = this.form.errors.start;
    return html`<fieldset id="f-start" tabindex="-1" aria-describedby=${startError ? 'f-start-error' : nothing}><legend>${t('when')}</legend>
      <div class="choice">
        <div class="check"><input type="radio" id="time-slot" name="time-mode" .checked=${d.timeMode === 'slot'} ?disabled=${!d.treatmentId}
          @change=${() => this.form.set('timeMode', 'slot')}><label for="time-slot">${t('freeTime')}</label></div>
        <div class="check"><input type="radio" id="time-any" name="time-mode" .checked=${d.timeMode === 'any'}
          @change=${() => this.form.set('timeMode', 'any')}><label for="time-any">${t('anyTime')}</label></div>
      </div>
      ${startError ? html`<p class="field-error" id="f-start-error">${startError}</p>` : nothing}
      ${d.timeMode === 'slot' ? this.slotPicker() : html`
        ${this.form.input('date', t('date'), { type: 'date', required: true })}
        ${this.form.input('time', t('clock'), { type: 'time', required: true })}
        ${this.form.input('durationMinutes', t('duration'), { type: 'number', min: 1, max: 1440, hint: lengthHint })}`}
    </fieldset>`;
  }

  private slotPicker(): TemplateResult {
    const t = this.t;
    const d = this.form.draft!;
    const slots = this.slots;
    const result = slots?.state === 'ready' ? slots.result : undefined;
    const days = new Map<string, SlotSearchResult['slots']>();
    for (const slot of result?.slots ?? []) {
      const day = localDateIn(new Date(slot.start), result!.timeZone);
      days.set(day, [...(days.get(day) ?? []), slot]);
    }
    const zone = result?.timeZone ?? this.zone;
    return html`
      <div class="actions">
        ${this.form.input('from', t('from'), { type: 'date', min: undefined })}
        <button type="button" class="secondary" data-action="earlier" ?disabled=${!d.from || d.from <= this.today} @click=${() => this.form.set('from', addDays(d.from, -7) < this.today ? this.today : addDays(d.from, -7))}>${t('earlier')}</button>
        <button type="button" class="secondary" data-action="later" @click=${() => this.form.set('from', addDays(d.from || this.today, 7))}>${t('later')}</button>
        <button type="button" class="secondary" data-action="refresh" @click=${() => { this.slots = undefined; this.requestUpdate(); }}>${t('refresh')}</button>
      </div>
      <p role="status" class=${slots?.state === 'error' ? 'field-error' : 'muted'}>${!slots || slots.state === 'loading' ? t('loadingSlots')
        : slots.state === 'error' ? t('noSlotsApi', { error: errorText(slots.error, this.ctx.locale) })
          : result!.slots.length ? t('slotsFound', { count: result!.slots.length }) : t('noSlots')}</p>
      ${[...days].map(([day, list]) => html`<fieldset class="day"><legend>${formatDate(day, this.ctx.locale)}</legend>
        <div class="slots">${list.map((slot) => html`<label class="slot"><input type="radio" name="slot" value=${slot.start} .checked=${d.start === slot.start}
          @change=${() => this.form.set('start', slot.start)}>${formatTime(slot.start, this.ctx.locale, zone)}</label>`)}</div>
      </fieldset>`)}`;
  }

  /** The start the draft says, or a 422 naming what is missing. */
  protected startOf(d: TimeDraft): string {
    if (d.timeMode === 'slot') {
      if (!d.start) throw invalid([{ path: 'start', message: this.t('chooseTime') }]);
      return d.start;
    }
    const start = zonedInstant(d.date, d.time, this.zone);
    if (!start) throw invalid([...(d.date ? [] : [{ path: 'date', message: this.t('required') }]), ...(/^\d\d:\d\d$/.test(d.time) ? [] : [{ path: 'time', message: this.t('enterTime') }])]);
    return start;
  }

  protected lengthOf(d: TimeDraft): { durationMinutes?: number } {
    return d.timeMode === 'any' && d.durationMinutes ? { durationMinutes: d.durationMinutes } : {};
  }

  protected labels(): Record<string, string> {
    const t = this.t;
    return {
      start: t('when'), date: t('date'), time: t('clock'), durationMinutes: t('duration'), clinicId: t('clinic'), providerId: t('provider'), treatmentId: t('treatment'),
      patientId: t('patient'), 'patient.firstName': t('firstName'), 'patient.lastName': t('lastName'), 'patient.nationalId': t('nationalId'), 'patient.mobile': t('mobile'), 'patient.email': t('email'),
      end: t('duration'),
    };
  }
}

/** A new appointment: a patient found or a new one, where, what, and a free or any time (staff book outside the online rules). */
export class CreateDialog extends TimeDialog<CreateDraft> {
  private search = { q: '', state: 'idle' as 'idle' | 'searching' | 'ready' | 'error', results: [] as PatientSummary[], error: undefined as unknown };
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private searchGeneration = 0;

  protected heading() {
    return this.t('createTitle');
  }

  protected initial(): CreateDraft {
    const today = this.today;
    const defaults = this.defaults ?? {};
    const date = defaults.date && defaults.date > today ? defaults.date : today;
    const provider = this.catalog.providers.find((p) => p.id === defaults.providerId && p.active);
    const clinicId = defaults.clinicId ?? provider?.clinics[0]?.clinicId ?? this.catalog.clinics.find((c) => c.active)?.id ?? '';
    const providerId = provider && provider.clinics.some((c) => c.clinicId === clinicId) ? provider.id : this.providersAt(clinicId)[0]?.id ?? '';
    const treatment = this.catalog.treatments.find((x) => x.active && x.clinicIds.includes(clinicId) && x.providerIds.includes(providerId)) ?? this.catalog.treatments.find((x) => x.active);
    return {
      patientMode: 'existing', patientId: '', patient: { firstName: '', lastName: '', nationalId: '', mobile: '', email: '' },
      clinicId, providerId, treatmentId: treatment?.id ?? '', timeMode: treatment ? 'slot' : 'any', from: date, start: '', date, time: '', durationMinutes: null, notifyPatient: true,
    };
  }

  private searchTyped(q: string, now = false): void {
    this.search = { ...this.search, q };
    clearTimeout(this.searchTimer);
    const generation = ++this.searchGeneration;
    if (q.trim().length < 2) {
      this.search = { q, state: 'idle', results: [], error: undefined };
      this.requestUpdate();
      return;
    }
    this.search = { ...this.search, state: 'searching' };
    this.requestUpdate();
    this.searchTimer = setTimeout(() => {
      patientMethods(this.ctx.call).searchPatients({ q: q.trim(), limit: '10' }).then((page) => {
        if (generation === this.searchGeneration) this.search = { q, state: 'ready', results: page.patients, error: undefined };
      }, (error: unknown) => {
        if (generation === this.searchGeneration) this.search = { q, state: 'error', results: [], error };
      }).finally(() => this.requestUpdate());
    }, now ? 0 : 250);
  }

  private patientFields(): TemplateResult {
    const t = this.t;
    const d = this.form.draft!;
    const s = this.search;
    const chosen = s.results.find((p) => p.id === d.patientId);
    const patientError = this.form.errors.patientId;
    return html`<fieldset id="f-patientId" tabindex="-1" aria-describedby=${patientError ? 'f-patientId-error' : nothing}><legend>${t('patient')}</legend>
      <div class="choice">
        <div class="check"><input type="radio" id="patient-existing" name="patient-mode" .checked=${d.patientMode === 'existing'} @change=${() => this.form.set('patientMode', 'existing')}>
          <label for="patient-existing">${t('existingPatient')}</label></div>
        <div class="check"><input type="radio" id="patient-new" name="patient-mode" .checked=${d.patientMode === 'new'} @change=${() => this.form.set('patientMode', 'new')}>
          <label for="patient-new">${t('newPatient')}</label></div>
      </div>
      ${patientError ? html`<p class="field-error" id="f-patientId-error">${patientError}</p>` : nothing}
      ${d.patientMode === 'existing' ? html`
        <div class="field">
          <label for="patient-q">${t('search')}</label>
          <input id="patient-q" type="search" autocomplete="off" autofocus .value=${s.q} aria-describedby="patient-q-hint patient-q-status"
            @input=${(e: Event) => this.searchTyped((e.target as HTMLInputElement).value)}
            @keydown=${(e: KeyboardEvent) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                this.searchTyped((e.target as HTMLInputElement).value, true);
              }
            }}>
          <p class="hint" id="patient-q-hint">${t('searchHint')}</p>
          <p class="muted" role="status" id="patient-q-status">${s.state === 'searching' ? t('searching') : s.state === 'error' ? errorText(s.error, this.ctx.locale)
            : s.state === 'ready' && !s.results.length ? t('noneFound', { q: s.q }) : s.q.trim().length < 2 && !chosen ? t('typeToSearch') : ''}</p>
        </div>
        ${s.results.length ? html`<fieldset><legend>${t('found')}</legend><ul class="results">
          ${s.results.map((p) => html`<li class="check"><input type="radio" id="patient-${p.id}" name="patient" .checked=${d.patientId === p.id}
            @change=${() => this.form.set('patientId', p.id)}><label for="patient-${p.id}">${p.firstName} ${p.lastName} · ${p.nationalId}${p.mobile ? ` · ${p.mobile}` : ''}</label></li>`)}
        </ul></fieldset>` : nothing}` : html`
        ${this.form.input('patient.firstName', t('firstName'), { required: true, autocomplete: 'off', maxlength: 100 })}
        ${this.form.input('patient.lastName', t('lastName'), { required: true, autocomplete: 'off', maxlength: 100 })}
        ${this.form.input('patient.nationalId', t('nationalId'), { required: true, inputmode: 'numeric', hint: t('nationalIdHint'), maxlength: 20 })}
        ${this.form.input('patient.mobile', t('mobile'), { type: 'tel', autocomplete: 'off', maxlength: 30 })}
        ${this.form.input('patient.email', t('email'), { type: 'email', autocomplete: 'off', maxlength: 254 })}`}
    </fieldset>`;
  }

  private async send(): Promise<BookDialogResult> {
    const d = this.form.draft!;
    const t = this.t;
    const issues: Array<{ path: string; message: string }> = [];
    if (d.patientMode === 'existing' && !d.patientId) issues.push({ path: 'patientId', message: t('choosePatient') });
    if (d.patientMode === 'new') for (const key of ['firstName', 'lastName', 'nationalId'] as const) if (!d.patient[key].trim()) issues.push({ path: `patient.${key}`, message: t('required') });
    let start = '';
    try {
      start = this.startOf(d);
    } catch (error) {
      if (!(error instanceof OpusApiError)) throw error;
      issues.push(...error.issues);
    }
    if (issues.length) throw invalid(issues);
    const p = d.patient;
    const request: StaffBookingRequest = {
      clinicId: d.clinicId, providerId: d.providerId, ...(d.treatmentId ? { treatmentId: d.treatmentId } : {}), start, ...this.lengthOf(d), notifyPatient: d.notifyPatient,
      ...(d.patientMode === 'existing' ? { patientId: d.patientId } : {
        patient: { firstName: p.firstName.trim(), lastName: p.lastName.trim(), nationalId: p.nationalId.trim(), ...(p.mobile.trim() ? { mobile: p.mobile.trim() } : {}), ...(p.email.trim() ? { email: p.email.trim() } : {}) },
      }),
    };
    const { appointment, warnings } = await bookMethods(this.ctx.call).createAppointment(request);
    return { kind: 'create', appointment, warnings };
  }

  protected body() {
    const d = this.form.draft;
    if (!d) return html``;
    const treatment = this.catalog.treatments.find((x) => x.id === d.treatmentId);
    return html`<form novalidate @submit=${(e: Event) => void this.submit(e, this.form, () => this.send())}>
      ${this.patientFields()}
      ${this.whereFields(true)}
      ${this.timeFields(treatment ? this.t('durationHint', { minutes: treatment.durationMinutes }) : '')}
      ${this.form.checkbox('notifyPatient', this.t('notify'))}
      ${this.form.actions({ labels: this.labels() })}
    </form>`;
  }
}

/** Moves an appointment: a free time of its treatment (the same picker) or any time; another provider or clinic too. */
export class MoveDialog extends TimeDialog<TimeDraft> {
  protected heading() {
    return this.t('moveTitle');
  }

  protected initial(): TimeDraft {
    const a = this.appointment!;
    const today = this.today;
    const day = localDateIn(new Date(a.start), a.timeZone);
    return {
      clinicId: a.clinic.id, providerId: a.provider.id, treatmentId: a.treatment?.id ?? '', timeMode: a.treatment ? 'slot' : 'any',
      from: day > today ? day : today, start: '', date: day, time: clockIn(a.start, a.timeZone), durationMinutes: null, notifyPatient: true,
    };
  }

  private async send(): Promise<BookDialogResult> {
    const a = this.appointment!;
    const d = this.form.draft!;
    const request: MoveRequest = {
      start: this.startOf(d), ...this.lengthOf(d), notifyPatient: d.notifyPatient,
      ...(d.providerId !== a.provider.id ? { providerId: d.providerId } : {}), ...(d.clinicId !== a.clinic.id ? { clinicId: d.clinicId } : {}),
    };
    const appointment = await bookMethods(this.ctx.call).moveAppointment(a.id, request);
    return { kind: 'move', appointment };
  }

  protected body() {
    const d = this.form.draft;
    const a = this.appointment!;
    if (!d) return html``;
    const minutes = Math.round((Date.parse(a.end) - Date.parse(a.start)) / 60_000);
    return html`<p>${this.summary(a)}</p>
      <form novalidate @submit=${(e: Event) => void this.submit(e, this.form, () => this.send())}>
        ${this.whereFields(false)}
        ${this.timeFields(this.t('durationKeep', { minutes }))}
        ${this.form.checkbox('notifyPatient', this.t('notifyMove'))}
        ${this.form.actions({ labels: this.labels() })}
      </form>`;
  }
}

// ------------------------------------------------------------ cancel and remind

/** Cancels an appointment after a confirmation: an optional reason, and whether the patient is told. */
export class CancelDialog extends BookDialog {
  private readonly form = new FormController<{ reason: string; notifyPatient: boolean }>(this);

  protected override routeChanged(): void {
    if (this.form.draft === undefined) this.form.load({ reason: '', notifyPatient: true });
  }

  protected heading() {
    return this.t('cancelTitle');
  }

  protected body() {
    const t = this.t;
    if (!this.form.draft) return html``;
    const a = this.appointment!;
    return html`<p>${this.summary(a)}</p>
      <form novalidate @submit=${(e: Event) => void this.submit(e, this.form, async () => {
        const { reason, notifyPatient } = this.form.draft!;
        const appointment = await bookMethods(this.ctx.call).cancelAppointment(a.id, { notifyPatient, ...(reason.trim() ? { reason: reason.trim() } : {}) });
        return { kind: 'cancel', appointment };
      })}>
        ${this.form.textarea('reason', t('reason'), { rows: 2, maxlength: 500, hint: t('reasonHint') })}
        ${this.form.checkbox('notifyPatient', t('notifyCancel'))}
        ${this.failure(this.form, { reason: t('reason') })}
        <div class="actions">
          <button type="submit" class="danger" data-action="confirm-cancel" ?disabled=${this.form.status === 'saving'}>${t('doCancel')}</button>
          <button type="button" class="secondary" data-action="keep" autofocus @click=${() => this.close()}>${t('keep')}</button>
        </div>
      </form>`;
  }
}

const REMINDER_KINDS = ['reminder1', 'reminder2', 'reminder3', 'thanks'] as const;

/** Sends one of the appointment's reminders (or the thanks) now: "send directly" (S9). */
export class ReminderDialog extends BookDialog {
  private readonly form = new FormController<{ kind: (typeof REMINDER_KINDS)[number] }>(this);

  protected override routeChanged(): void {
    if (this.form.draft === undefined) this.form.load({ kind: 'reminder1' });
  }

  protected heading() {
    return this.t('reminderTitle');
  }

  protected body() {
    const t = this.t;
    if (!this.form.draft) return html``;
    const a = this.appointment!;
    const mobile = a.patient?.mobile;
    return html`<p>${this.summary(a)}</p>
      <p>${mobile ? t('toMobile', { mobile }) : t('noMobile')}</p>
      <form novalidate @submit=${(e: Event) => void this.submit(e, this.form, async () => {
        const result = await messagingMethods(this.ctx.call).sendToAppointments({ appointmentIds: [a.id], kind: this.form.draft!.kind });
        return { kind: 'reminder', skipped: result.queued.length === 0 };
      })}>
        ${this.form.select('kind', t('kind'), REMINDER_KINDS.map((kind) => ({ value: kind, label: t(kind) })))}
        ${this.failure(this.form, { kind: t('kind') })}
        <div class="actions">
          <button type="submit" data-action="send" autofocus ?disabled=${this.form.status === 'saving'}>${t('sendNow')}</button>
        </div>
      </form>`;
  }
}

customElements.define('console-book-create-dialog', CreateDialog);
customElements.define('console-book-move-dialog', MoveDialog);
customElements.define('console-book-cancel-dialog', CancelDialog);
customElements.define('console-book-reminder-dialog', ReminderDialog);
