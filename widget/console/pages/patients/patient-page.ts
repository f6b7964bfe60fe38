import { css, html, nothing } from 'lit';
import { patientMethods } from '../../../../sdk/admin/patients.ts';
import type { BookAppointment } from '../../../../sdk/schemas/book.ts';
import { PATIENT_VIEW_LIMIT, type PatientMessage, type PatientView, type PendingChange } from '../../../../sdk/schemas/patients.ts';
import { translator, type Texts } from '../../i18n.ts';
import { FormController } from '../../ui/form.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { patientsStyles } from './patients-styles.ts';
import { formatDateTime, formatLocalDate, localDateIn } from './patient-format.ts';
import { patientTexts, type PatientText } from './patient-texts.ts';
import { PendingDecisions, pendingChangesTable } from './pending-changes-table.ts';
import { PatientPrivacy } from './patient-privacy.ts';

const texts = {
  en: {
    back: 'Back to the patient search', details: 'Details', verified: 'proved by an SMS code', unverified: 'not proved', address: 'Address', created: 'Registered',
    settings: 'SMS and recall', wantsSmsLabel: 'Wants SMS (reminders and messages by SMS)', recallLabel: 'Next recall',
    recallHint: 'The date the patient should be called in for a recall. Leave empty for none.', noMobile: 'The record has no mobile number: no SMS can be sent until it has one.', readOnly: 'Your role may read but not change this patient.',
    pending: 'Pending changes', noPending: 'No changed details are waiting for a decision.',
    appointments: 'Appointments', noAppointments: 'The patient has no appointments.', when: 'Time', clinic: 'Clinic', provider: 'Provider', treatment: 'Treatment', status: 'Status',
    booked: 'Booked', cancelled: 'Cancelled', attended: 'attended', no_show: 'did not come', online: 'online', staff: 'by staff', api: 'by the practice system', openBook: 'open the day in the book',
    messages: 'Messages', noMessages: 'No messages have been sent to the patient.', sendAt: 'Sent or to be sent', kind: 'Message', recipient: 'To', text: 'Text',
    journal: 'Journal', noJournal: 'The journal has no entries.', event: 'Event', latest: 'The latest {count} are shown.',
  },
  nb: {
    back: 'Tilbake til pasientsøket', details: 'Personalia', verified: 'bekreftet med SMS-kode', unverified: 'ikke bekreftet', address: 'Adresse', created: 'Registrert',
    settings: 'SMS og recall', wantsSmsLabel: 'Ønsker SMS (påminnelser og beskjeder på SMS)', recallLabel: 'Neste recall',
    recallHint: 'Datoen pasienten skal kalles inn til recall. La feltet stå tomt for ingen.', noMobile: 'Personaliakortet har ikke mobilnummer: ingen SMS kan sendes før det har et.', readOnly: 'Rollen din kan se, men ikke endre denne pasienten.',
    pending: 'Endringer som venter', noPending: 'Ingen endrede opplysninger venter på avgjørelse.',
    appointments: 'Timer', noAppointments: 'Pasienten har ingen timer.', when: 'Tid', clinic: 'Klinikk', provider: 'Behandler', treatment: 'Behandling', status: 'Status',
    booked: 'Bestilt', cancelled: 'Avbestilt', attended: 'møtte', no_show: 'møtte ikke', online: 'på nett', staff: 'av klinikken', api: 'fra journalsystemet', openBook: 'åpne dagen i timeboken',
    messages: 'Meldinger', noMessages: 'Ingen meldinger er sendt til pasienten.', sendAt: 'Sendt eller sendes', kind: 'Melding', recipient: 'Til', text: 'Tekst',
    journal: 'Journal', noJournal: 'Journalen har ingen oppføringer.', event: 'Hendelse', latest: 'De siste {count} vises.',
  },
  sv: {
    back: 'Tillbaka till patientsökningen', details: 'Personuppgifter', verified: 'bekräftat med sms-kod', unverified: 'inte bekräftat', address: 'Adress', created: 'Registrerad',
    settings: 'Sms och revision', wantsSmsLabel: 'Vill ha sms (påminnelser och meddelanden via sms)', recallLabel: 'Nästa revision',
    recallHint: 'Datumet då patienten ska kallas till revision. Lämna tomt för ingen.', noMobile: 'Patientkortet saknar mobilnummer: inga sms kan skickas förrän det finns ett.', readOnly: 'Din roll kan se men inte ändra den här patienten.',
    pending: 'Ändringar som väntar', noPending: 'Inga ändrade uppgifter väntar på beslut.',
    appointments: 'Tider', noAppointments: 'Patienten har inga tider.', when: 'Tid', clinic: 'Klinik', provider: 'Behandlare', treatment: 'Behandling', status: 'Status',
    booked: 'Bokad', cancelled: 'Avbokad', attended: 'kom', no_show: 'uteblev', online: 'på webben', staff: 'av kliniken', api: 'från journalsystemet', openBook: 'öppna dagen i tidboken',
    messages: 'Meddelanden', noMessages: 'Inga meddelanden har skickats till patienten.', sendAt: 'Skickat eller skickas', kind: 'Meddelande', recipient: 'Till', text: 'Text',
    journal: 'Journal', noJournal: 'Journalen har inga anteckningar.', event: 'Händelse', latest: 'De senaste {count} visas.',
  },
} satisfies Texts<string>;

/** The two things staff change here (the rest of the record comes from bookings and the practice system). */
interface SmsAndRecall {
  wantsSms: boolean;
  nextRecallDate: string;
}

/**
 * `#/patients/:id`: a patient's details, wants-SMS and the recall date (Save
 * and Reset), the changed details bookings left for staff to accept or
 * reject (B18), and the latest appointments (each linked to its day in the
 * book), messages and journal entries; for owners and admins, export and
 * erasure of the patient's data (`patient-privacy.ts`). The patient's name is the page's
 * heading inside the page only: never in the address or the document title.
 */
export class PatientPage extends ConsolePage {
  static override styles = [...ConsolePage.styles, patientsStyles, css`
    h2.name { font-size: 1.4rem; margin-top: 0; }
  `];

  private readonly patients = () => patientMethods(this.ctx.call);
  private readonly form = new FormController<SmsAndRecall>(this);
  /** Whose values the form holds: another patient's page starts afresh. */
  private formFor = '';
  /** The pending changes shown, in order: a decided one stays (with its decision) when the page reloads. */
  private changesShown: PendingChange[] = [];
  private readonly decisions = new PendingDecisions(this, () => void this.view.load());
  private readonly privacy = new PatientPrivacy(this);
  private readonly view = new Loader<{ view: PatientView; timeZone: string }>(this, async () => {
    const [view, timeZone] = await Promise.all([this.patients().getPatient(this.params.id ?? ''), this.ctx.me.organization.timeZone]);
    return { view, timeZone };
  }, ({ view }) => this.loaded(view));

  private get t() {
    return translator(texts, this.ctx.locale);
  }

  protected override routeChanged(): void {
    if (this.view.value && this.view.value.view.patient.id !== this.params.id) {
      this.view.value = undefined;
      this.changesShown = [];
      this.decisions.clear();
    }
    void this.view.load();
  }

  private loaded(view: PatientView): void {
    const patient = view.patient;
    // A reload (after a decision) keeps what is being typed in the form.
    if (this.formFor !== patient.id || !this.form.dirty) {
      this.form.load({ wantsSms: patient.wantsSms, nextRecallDate: patient.nextRecallDate ?? '' });
      this.formFor = patient.id;
    }
    const open = new Map(view.pendingChanges.map((c) => [c.id, c]));
    const kept = this.changesShown.filter((c) => open.has(c.id) || this.decisions.decided.has(c.id)).map((c) => open.get(c.id) ?? c);
    this.changesShown = [...kept, ...view.pendingChanges.filter((c) => !kept.some((k) => k.id === c.id))];
  }

  private async save(draft: SmsAndRecall): Promise<SmsAndRecall> {
    const record = await this.patients().updatePatient(this.params.id ?? '', { wantsSms: draft.wantsSms, nextRecallDate: draft.nextRecallDate || null });
    const loaded = this.view.value;
    if (loaded) this.view.set({ ...loaded, view: { ...loaded.view, patient: record } });
    return { wantsSms: record.wantsSms, nextRecallDate: record.nextRecallDate ?? '' };
  }

  override render() {
    return html`<p><a href=${this.ctx.href('/patients')}>${this.t('back')}</a></p>
      ${this.view.render(({ view, timeZone }) => html`
        ${this.renderDetails(view)}
        ${this.renderForm(view.patient.mobile)}
        ${this.renderPending(timeZone)}
        ${this.renderAppointments(view.appointments)}
        ${this.renderMessages(view.messages, timeZone)}
        ${this.renderJournal(view, timeZone)}
        ${this.privacy.render(view.patient)}`)}`;
  }

  private renderDetails(view: PatientView) {
    const t = this.t;
    const p = translator(patientTexts, this.ctx.locale);
    const patient = view.patient;
    const address = [patient.address1, patient.address2, [patient.postalCode, patient.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
    return html`<section class="card" aria-labelledby="patient-name">
      <h2 class="name" id="patient-name">${patient.firstName} ${patient.lastName}</h2>
      <dl>
        <dt>${p('nationalId')}</dt><dd>${patient.nationalId}</dd>
        <dt>${p('mobile')}</dt><dd>${patient.mobile ? html`${patient.mobile} <span class="muted">(${patient.mobileVerified ? t('verified') : t('unverified')})</span>` : p('none')}</dd>
        <dt>${p('email')}</dt><dd>${patient.email ?? p('none')}</dd>
        <dt>${t('address')}</dt><dd>${address || p('none')}</dd>
        <dt>${t('created')}</dt><dd>${formatLocalDate(localDateIn(patient.createdAt, this.ctx.me.organization.timeZone), this.ctx.locale)}</dd>
      </dl>
    </section>`;
  }

  private renderForm(mobile: string | null) {
    const t = this.t;
    const canChange = this.ctx.can('book');
    return html`<section class="card" aria-labelledby="settings-heading">
      <h2 id="settings-heading">${t('settings')}</h2>
      ${canChange ? nothing : html`<p class="muted">${t('readOnly')}</p>`}
      <form @submit=${this.form.onSubmit((draft) => this.save(draft))}>
        ${this.form.checkbox('wantsSms', t('wantsSmsLabel'), { disabled: !canChange, ...(mobile ? {} : { hint: t('noMobile') }) })}
        ${this.form.input('nextRecallDate', t('recallLabel'), { type: 'date', hint: t('recallHint'), disabled: !canChange })}
        ${this.form.actions({ labels: { wantsSms: t('wantsSmsLabel'), nextRecallDate: t('recallLabel') }, disabled: !canChange })}
      </form>
    </section>`;
  }

  private renderPending(timeZone: string) {
    const t = this.t;
    const p = translator(patientTexts, this.ctx.locale);
    return html`<section aria-labelledby="pending-heading">
      <h2 id="pending-heading">${t('pending')}</h2>
      ${this.changesShown.length
        ? html`<p class="hint">${p('pendingHint')}</p>${pendingChangesTable(this, this.changesShown, this.decisions, { labelledBy: 'pending-heading', timeZone })}`
        : html`<p class="muted">${t('noPending')}</p>`}
    </section>`;
  }

  /** The view holds the latest {@link PATIENT_VIEW_LIMIT} of each: say so when a list is that long. */
  private limitNote(count: number) {
    return count >= PATIENT_VIEW_LIMIT ? html`<p class="hint">${this.t('latest', { count: PATIENT_VIEW_LIMIT })}</p>` : nothing;
  }

  private renderAppointments(appointments: readonly BookAppointment[]) {
    const t = this.t;
    const p = translator(patientTexts, this.ctx.locale);
    return html`<section aria-labelledby="appointments-heading">
      <h2 id="appointments-heading">${t('appointments')}</h2>
      ${this.limitNote(appointments.length)}
      ${appointments.length ? html`<div class="table-wrap"><table aria-labelledby="appointments-heading">
        <thead><tr><th scope="col">${t('when')}</th><th scope="col">${t('clinic')}</th><th scope="col">${t('provider')}</th><th scope="col">${t('treatment')}</th><th scope="col">${t('status')}</th></tr></thead>
        <tbody>${appointments.map((a) => html`<tr>
          <th scope="row" class="nowrap"><a href=${this.ctx.href('/book', { date: localDateIn(a.start, a.timeZone) })}
            aria-describedby="book-link-hint">${formatDateTime(a.start, a.timeZone, this.ctx.locale)}</a></th>
          <td>${a.clinic.name}</td><td>${a.provider.name}</td><td>${a.treatment?.name ?? p('none')}</td>
          <td>${t(a.status)}${a.attendance ? `, ${t(a.attendance)}` : ''} <span class="muted">(${t(a.source)})</span></td>
        </tr>`)}</tbody>
      </table></div><p class="sr-only" id="book-link-hint">${t('openBook')}</p>` : html`<p class="muted">${t('noAppointments')}</p>`}
    </section>`;
  }

  private messageKind(m: PatientMessage): string {
    const p = translator(patientTexts, this.ctx.locale);
    const kind = m.kind === 'cancelled' ? p('cancelledKind') : p(m.kind as PatientText);
    return `${kind} (${m.channel === 'sms' ? p('sms') : p('emailChannel')})`;
  }

  private renderMessages(messages: readonly PatientMessage[], timeZone: string) {
    const t = this.t;
    const p = translator(patientTexts, this.ctx.locale);
    return html`<section aria-labelledby="messages-heading">
      <h2 id="messages-heading">${t('messages')}</h2>
      ${this.limitNote(messages.length)}
      ${messages.length ? html`<div class="table-wrap"><table aria-labelledby="messages-heading">
        <thead><tr><th scope="col">${t('sendAt')}</th><th scope="col">${t('kind')}</th><th scope="col">${t('status')}</th><th scope="col">${t('recipient')}</th><th scope="col">${t('text')}</th></tr></thead>
        <tbody>${messages.map((m) => html`<tr>
          <th scope="row" class="nowrap">${formatDateTime(m.sentAt ?? m.sendAt, timeZone, this.ctx.locale)}</th>
          <td>${this.messageKind(m)}</td>
          <td>${p(m.status)}</td>
          <td class="nowrap">${m.recipient}</td>
          <td class="body">${m.subject ? html`<strong>${m.subject}</strong><br>` : nothing}${m.body}</td>
        </tr>`)}</tbody>
      </table></div>` : html`<p class="muted">${t('noMessages')}</p>`}
    </section>`;
  }

  private renderJournal(view: PatientView, timeZone: string) {
    const t = this.t;
    const p = translator(patientTexts, this.ctx.locale);
    return html`<section aria-labelledby="journal-heading">
      <h2 id="journal-heading">${t('journal')}</h2>
      ${this.limitNote(view.journal.length)}
      ${view.journal.length ? html`<div class="table-wrap"><table aria-labelledby="journal-heading">
        <thead><tr><th scope="col">${t('when')}</th><th scope="col">${t('event')}</th><th scope="col">${t('text')}</th></tr></thead>
        <tbody>${view.journal.map((j) => html`<tr>
          <th scope="row" class="nowrap">${formatDateTime(j.at, timeZone, this.ctx.locale)}</th>
          <td>${j.kind in patientTexts.en ? p(j.kind as PatientText) : j.kind}</td>
          <td class="body">${j.text}</td>
        </tr>`)}</tbody>
      </table></div>` : html`<p class="muted">${t('noJournal')}</p>`}
    </section>`;
  }
}

customElements.define('console-patient-page', PatientPage);
