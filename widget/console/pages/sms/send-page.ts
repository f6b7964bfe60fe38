import { html, nothing } from 'lit';
import { messagingMethods } from '../../../../sdk/admin/messaging.ts';
import { patientMethods } from '../../../../sdk/admin/patients.ts';
import { OpusApiError } from '../../../../sdk/errors.ts';
import type { Problem } from '../../../../sdk/schemas/problem.ts';
import type { SendResult, SendToAppointmentsRequest, TodayList } from '../../../../sdk/schemas/messaging.ts';
import type { PatientSummary } from '../../../../sdk/schemas/patients.ts';
import { translator } from '../../i18n.ts';
import { FormController, fieldId } from '../../ui/form.ts';
import { SEND_TEXTS as texts } from './send-texts.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { smsStyles } from './sms-styles.ts';
import { errorText, uiTexts } from '../../ui/ui-texts.ts';
import { partCount, skipReason } from './sms-words.ts';
import { addDays, formatTime, todayIn, wallTimeToInstant } from './sms-time.ts';

type Mode = 'patient' | 'number' | 'bulk' | 'today';
const MODES: Mode[] = ['patient', 'number', 'bulk', 'today'];
type TodayKind = SendToAppointmentsRequest['kind'];
const KINDS: TodayKind[] = ['general', 'reminder1', 'reminder2', 'reminder3', 'thanks', 'note'];

interface SendDraft { body: string; to: string; when: 'now' | 'later'; sendAt: string; kind: TodayKind }
const EMPTY: SendDraft = { body: '', to: '', when: 'now', sendAt: '', kind: 'general' };


/**
 * S8–S12 (seed 000): a general SMS to a patient, to any number, the same
 * text to patients due for recall, or a kind of SMS to today's patients;
 * the part count as the text is typed; now or at a time; what was queued
 * and who was skipped, with the reason in words.
 */
export class SmsSendPage extends ConsolePage {
  static override styles = [consoleStyles, smsStyles];

  private readonly api = () => messagingMethods(this.ctx.call);
  private readonly form = new FormController<SendDraft>(this);
  /** The organization's zone: every time on the page is the clinic's. */
  private get zone(): string {
    return this.ctx.me.organization.timeZone;
  }
  private search = '';
  private found: PatientSummary[] | undefined;
  private chosen: PatientSummary | undefined;
  private recallFrom = '';
  private recallTo = '';
  private recall: PatientSummary[] | undefined;
  private day = '';
  private today: TodayList | undefined;
  private selected = new Set<string>();
  private busy = false;
  private listError: unknown;
  private result: SendResult | undefined;
  private names = new Map<string, string>();

  private get t() {
    return translator(texts, this.ctx.locale);
  }

  private get mode(): Mode {
    const mode = this.query.get('to') as Mode;
    return MODES.includes(mode) ? mode : 'patient';
  }

  protected override routeChanged(): void {
    if (this.form.draft === undefined) {
      this.form.load(EMPTY);
      this.day ||= todayIn(this.zone);
      this.recallFrom ||= todayIn(this.zone);
      this.recallTo ||= addDays(this.recallFrom, 30);
    }
    this.selected = new Set();
    this.result = undefined;
    this.listError = undefined;
  }

  private async fetchList<T>(work: () => Promise<T>, done: (value: T) => void): Promise<void> {
    this.busy = true;
    this.listError = undefined;
    this.requestUpdate();
    try {
      done(await work());
    } catch (error) {
      this.listError = error;
    }
    this.busy = false;
    this.requestUpdate();
  }

  private findPatients(event: Event): void {
    event.preventDefault();
    if (!this.search.trim()) return;
    void this.fetchList(() => patientMethods(this.ctx.call).searchPatients({ q: this.search.trim(), limit: '20' }), (list) => {
      this.found = list.patients;
      this.ctx.announce(list.patients.length ? this.t('results') : this.t('noneFound'));
    });
  }

  private choose(patient: PatientSummary): void {
    this.chosen = patient;
    this.found = undefined;
    const { patientId: _gone, ...rest } = this.form.errors;
    this.form.errors = rest;
    this.requestUpdate();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-action="change-patient"]')?.focus());
  }

  private loadRecall(event: Event): void {
    event.preventDefault();
    void this.fetchList(() => patientMethods(this.ctx.call).recallDue({ from: this.recallFrom, to: this.recallTo, limit: '200' }), (list) => {
      this.recall = list.patients;
      this.selected = new Set();
    });
  }

  private loadToday(event?: Event): void {
    event?.preventDefault();
    void this.fetchList(() => this.api().todaysAppointments(this.day || undefined), (list) => {
      this.today = list;
      this.selected = new Set();
    });
  }

  private toggle(id: string, on: boolean): void {
    const next = new Set(this.selected);
    if (on) next.add(id);
    else next.delete(id);
    this.selected = next;
    const path = this.mode === 'bulk' ? 'patientIds' : 'appointmentIds';
    if (this.form.errors[path]) {
      const { [path]: _gone, ...rest } = this.form.errors;
      this.form.errors = rest;
    }
    this.requestUpdate();
  }

  private async send(draft: SendDraft): Promise<SendDraft> {
    const t = this.t;
    const mode = this.mode;
    const local: Record<string, string> = {};
    if (mode === 'patient' && !this.chosen) local.patientId = t('choosePatient');
    if ((mode === 'bulk' || mode === 'today') && this.selected.size === 0) local[mode === 'bulk' ? 'patientIds' : 'appointmentIds'] = t('chooseSome');
    const sendAt = draft.when === 'later' ? wallTimeToInstant(draft.sendAt, this.zone) : undefined;
    if (draft.when === 'later' && !sendAt) local.sendAt = t('needTime');
    if (Object.keys(local).length) {
      const issues = Object.entries(local).map(([path, message]) => ({ path, message, code: 'custom' }));
      throw new OpusApiError(422, 'validation_failed', t('notSent'), { type: 'about:blank', title: t('notSent'), status: 422, code: 'validation_failed', issues } as unknown as Problem);
    }
    const timing = sendAt ? { sendAt } : {};
    const api = this.api();
    let result: SendResult;
    if (mode === 'patient') result = await api.sendToPatient({ patientId: this.chosen!.id, body: draft.body, ...timing });
    else if (mode === 'number') result = await api.sendToNumber({ to: draft.to, body: draft.body, ...timing });
    else if (mode === 'bulk') result = await api.sendBulk({ patientIds: [...this.selected], body: draft.body, ...timing });
    else result = await api.sendToAppointments({ appointmentIds: [...this.selected], kind: draft.kind, ...(draft.body.trim() ? { body: draft.body } : {}), ...timing });
    for (const p of [...(this.recall ?? []), ...(this.chosen ? [this.chosen] : [])]) this.names.set(p.id, `${p.firstName} ${p.lastName}`);
    for (const a of this.today?.appointments ?? []) if (a.patient) this.names.set(a.appointmentId, `${a.patient.firstName} ${a.patient.lastName}`);
    this.result = result;
    this.selected = new Set();
    this.ctx.announce(t('queued', { count: result.queued.length }));
    if (mode === 'today') this.loadToday();
    return { ...draft, body: '', to: mode === 'number' ? '' : draft.to };
  }

  /** Sends; after a failure focus goes to the summary of what failed (the text typed stays). */
  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (await this.form.save((d) => this.send(d))) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.save-failure')?.focus();
  }

  private modeChosen(mode: Mode): void {
    this.ctx.navigate('/sms/send', { to: mode }, { replace: true });
  }

  private failure() {
    const form = this.form;
    if (form.status !== 'failed') return nothing;
    const wrong = Object.entries(form.errors);
    const labels: Record<string, string> = { patientId: this.t('search'), to: this.t('to'), body: this.t('body'), sendAt: this.t('sendAt'), patientIds: this.t('recallList'), appointmentIds: this.t('todayList'), kind: this.t('kind') };
    return html`<div class="notice error save-failure" role="alert" tabindex="-1">
      <p>${this.t('notSent')}</p>
      ${wrong.length ? html`<ul>${wrong.map(([path, message]) => html`<li><a href="#${fieldId(path)}" @click=${(e: Event) => {
        e.preventDefault();
        this.renderRoot.querySelector<HTMLElement>(`#${fieldId(path)}`)?.focus();
      }}>${labels[path] ?? path}</a>: ${message}</li>`)}</ul>` : html`<p>${errorText(form.failure, this.ctx.locale)}</p>`}
    </div>`;
  }

  private fieldError(path: string) {
    const message = this.form.errors[path];
    return message ? html`<p class="field-error" id="${fieldId(path)}-error">${message}</p>` : nothing;
  }

  private listFailure() {
    if (!this.listError) return nothing;
    return html`<div class="notice error" role="alert"><p>${errorText(this.listError, this.ctx.locale)}</p></div>`;
  }

  private renderPatient() {
    const t = this.t;
    if (this.chosen) {
      return html`<div class="field">
        <p id=${fieldId('patientId')} tabindex="-1">${t('chosen', { name: `${this.chosen.firstName} ${this.chosen.lastName}`, mobile: this.chosen.mobile ?? t('noMobile') })}</p>
        ${this.fieldError('patientId')}
        <div><button type="button" class="secondary" data-action="change-patient" @click=${() => { this.chosen = undefined; this.requestUpdate(); }}>${t('change')}</button></div>
      </div>`;
    }
    const error = this.form.errors.patientId;
    return html`<div class="field">
      <label for=${fieldId('patientId')}>${t('search')}</label>
      <div class="actions tight">
        <input id=${fieldId('patientId')} type="search" autocomplete="off" .value=${this.search} aria-invalid=${error ? 'true' : 'false'}
          aria-describedby="${fieldId('patientId')}-hint${error ? ` ${fieldId('patientId')}-error` : ''}"
          @input=${(e: Event) => { this.search = (e.target as HTMLInputElement).value; }}
          @keydown=${(e: KeyboardEvent) => { if (e.key === 'Enter') this.findPatients(e); }}>
        <button type="button" class="secondary" data-action="find" @click=${(e: Event) => this.findPatients(e)}>${this.busy ? t('searching') : t('find')}</button>
      </div>
      <p class="hint" id="${fieldId('patientId')}-hint">${t('searchHint')}</p>
      ${this.fieldError('patientId')}
    </div>
    ${this.listFailure()}
    ${this.found ? (this.found.length ? html`<div class="table-wrap"><table>
      <caption>${t('results')}</caption>
      <thead><tr><th scope="col">${t('name')}</th><th scope="col">${t('mobile')}</th><th scope="col"><span class="sr-only">${t('choose')}</span></th></tr></thead>
      <tbody>${this.found.map((p) => html`<tr><th scope="row">${p.firstName} ${p.lastName}</th><td>${p.mobile ?? t('noMobile')}</td>
        <td><button type="button" class="secondary" @click=${() => this.choose(p)} aria-label="${t('choose')} ${p.firstName} ${p.lastName}">${t('choose')}</button></td></tr>`)}</tbody>
    </table></div>` : html`<p role="status">${t('noneFound')}</p>`) : nothing}`;
  }

  private selectionTable<R>(caption: string, path: string, rows: R[], id: (r: R) => string, selectable: (r: R) => boolean, label: (r: R) => string,
    head: unknown, cells: (r: R) => unknown, empty: string) {
    const t = this.t;
    if (!rows.length) return html`<p role="status">${empty}</p>`;
    const eligible = rows.filter(selectable).map(id);
    const all = eligible.length > 0 && eligible.every((i) => this.selected.has(i));
    const error = this.form.errors[path];
    return html`<fieldset id=${fieldId(path)} tabindex="-1" aria-describedby="${fieldId(path)}-count${error ? ` ${fieldId(path)}-error` : ''}">
      <legend>${caption}</legend>
      <div class="check"><input type="checkbox" id="${fieldId(path)}-all" .checked=${all} ?disabled=${!eligible.length}
        @change=${(e: Event) => { this.selected = new Set((e.target as HTMLInputElement).checked ? eligible : []); this.requestUpdate(); }}>
        <label for="${fieldId(path)}-all">${t('selectAll')}</label></div>
      <p class="muted" id="${fieldId(path)}-count" role="status">${t('selected', { count: this.selected.size })}</p>
      ${this.fieldError(path)}
      <div class="table-wrap"><table>
        <caption class="sr-only">${caption}</caption>
        <thead><tr><th scope="col">${t('select')}</th>${head}</tr></thead>
        <tbody>${rows.map((r) => html`<tr>
          <td><input type="checkbox" .checked=${this.selected.has(id(r))} ?disabled=${!selectable(r)} aria-label="${t('select')} ${label(r)}"
            @change=${(e: Event) => this.toggle(id(r), (e.target as HTMLInputElement).checked)}></td>${cells(r)}</tr>`)}</tbody>
      </table></div>
    </fieldset>`;
  }

  private renderBulk() {
    const t = this.t;
    return html`<div class="actions">
      <div class="field"><label for="recall-from">${t('recallFrom')}</label>
        <input id="recall-from" type="date" .value=${this.recallFrom} @input=${(e: Event) => { this.recallFrom = (e.target as HTMLInputElement).value; }}></div>
      <div class="field"><label for="recall-to">${t('recallTo')}</label>
        <input id="recall-to" type="date" .value=${this.recallTo} @input=${(e: Event) => { this.recallTo = (e.target as HTMLInputElement).value; }}></div>
      <button type="button" class="secondary" data-action="find" @click=${(e: Event) => this.loadRecall(e)}>${this.busy ? t('searching') : t('find')}</button>
    </div>
    ${this.listFailure()}
    ${this.recall ? this.selectionTable(t('recallList'), 'patientIds', this.recall, (p) => p.id, (p) => !!p.mobile, (p) => `${p.firstName} ${p.lastName}`,
      html`<th scope="col">${t('name')}</th><th scope="col">${t('mobile')}</th><th scope="col">${t('recallDate')}</th>`,
      (p) => html`<td>${p.firstName} ${p.lastName}</td><td>${p.mobile ?? t('noMobile')}</td><td>${p.nextRecallDate ?? ''}</td>`, t('noneDue')) : nothing}`;
  }

  private renderToday() {
    const t = this.t;
    return html`<div class="actions">
      <div class="field"><label for="today-date">${t('date')}</label>
        <input id="today-date" type="date" .value=${this.day} @input=${(e: Event) => { this.day = (e.target as HTMLInputElement).value; }}></div>
      <button type="button" class="secondary" data-action="load-day" @click=${(e: Event) => this.loadToday(e)}>${this.busy ? t('searching') : t('load')}</button>
    </div>
    ${this.listFailure()}
    ${this.today ? this.selectionTable(t('todayList'), 'appointmentIds', this.today.appointments, (a) => a.appointmentId, (a) => !!a.mobile,
      (a) => `${a.start.length > 5 ? formatTime(a.start, this.zone, this.ctx.locale) : a.start} ${a.patient ? `${a.patient.firstName} ${a.patient.lastName}` : ''}`,
      html`<th scope="col">${t('time')}</th><th scope="col">${t('name')}</th><th scope="col">${t('provider')}</th><th scope="col">${t('mobile')}</th>`,
      (a) => html`<td>${a.start.length > 5 ? new Intl.DateTimeFormat('en-GB', { timeZone: this.zone, hour: '2-digit', minute: '2-digit' }).format(new Date(a.start)) : a.start}</td>
        <td>${a.patient ? `${a.patient.firstName} ${a.patient.lastName}` : ''}</td><td>${a.providerName}</td><td>${a.mobile ?? t('noMobile')}</td>`, t('noAppointments')) : nothing}
    ${this.form.select('kind', t('kind'), KINDS.map((k) => ({ value: k, label: t(k) })))}`;
  }

  private renderResult() {
    const result = this.result;
    if (!result) return nothing;
    const t = this.t;
    return html`<div class="notice success" data-result>
      <p>${t('queued', { count: result.queued.length })}</p>
      ${result.skipped.length ? html`<p>${t('skipped', { count: result.skipped.length })}</p>
        <ul>${result.skipped.map((s) => html`<li>${this.names.get(s.appointmentId ?? '') ?? this.names.get(s.patientId ?? '') ?? t('unknown')}: ${skipReason(s.reason, this.ctx.locale)}</li>`)}</ul>` : nothing}
    </div>`;
  }

  override render() {
    const t = this.t;
    const ui = uiTexts(this.ctx.locale);
    const mode = this.mode;
    const draft = this.form.draft;
    if (!draft) return html`<p role="status" class="muted">${ui('loading')}</p>`;
    const canSend = this.ctx.can('messaging');
    return html`
      ${canSend ? nothing : html`<p class="notice warning">${t('cannotSend')}</p>`}
      <fieldset class="choices">
        <legend>${t('sendTo')}</legend>
        ${MODES.map((m) => html`<div class="check"><input type="radio" name="mode" id="mode-${m}" .checked=${m === mode} @change=${() => this.modeChosen(m)}>
          <label for="mode-${m}">${t(m)}</label></div>`)}
      </fieldset>
      <form class="card" @submit=${(e: Event) => void this.submit(e)} novalidate>
        ${mode === 'patient' ? this.renderPatient() : nothing}
        ${mode === 'number' ? this.form.input('to', t('to'), { type: 'tel', autocomplete: 'off', hint: t('toHint'), required: true }) : nothing}
        ${mode === 'bulk' ? this.renderBulk() : nothing}
        ${mode === 'today' ? this.renderToday() : nothing}
        ${this.form.textarea('body', t('body'), { rows: 5, maxlength: 1600, hint: `${mode === 'today' ? `${t('bodyTodayHint')} ` : ''}${partCount(draft.body, this.ctx.locale)}` })}
        <fieldset class="choices">
          <legend>${t('when')}</legend>
          <div class="check"><input type="radio" name="when" id="when-now" .checked=${draft.when === 'now'} @change=${() => this.form.set('when', 'now')}><label for="when-now">${t('now')}</label></div>
          <div class="check"><input type="radio" name="when" id="when-later" .checked=${draft.when === 'later'} @change=${() => this.form.set('when', 'later')}><label for="when-later">${t('later')}</label></div>
          ${draft.when === 'later' ? this.form.input('sendAt', t('sendAt'), { type: 'datetime-local', required: true }) : nothing}
        </fieldset>
        ${this.failure()}
        <div class="actions">
          <button type="submit" data-action="send" ?disabled=${!canSend || this.form.status === 'saving'}>${this.form.status === 'saving' ? t('sending') : t('send')}</button>
          <button type="button" class="secondary" data-action="reset" ?disabled=${!this.form.dirty} @click=${() => this.form.reset()}>${ui('reset')}</button>
        </div>
        <div role="status">${this.renderResult()}</div>
      </form>`;
  }
}

customElements.define('console-sms-send-page', SmsSendPage);
