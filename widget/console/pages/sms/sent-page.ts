import { css, html, nothing } from 'lit';
import { catalogMethods } from '../../../../sdk/admin/catalog.ts';
import { messagingMethods } from '../../../../sdk/admin/messaging.ts';
import type { AdminClinic, AdminProvider } from '../../../../sdk/schemas/catalog-admin.ts';
import type { InboundView, MessageQuery, MessageStatus, MessageView } from '../../../../sdk/schemas/messaging.ts';
import { translator, type Texts } from '../../i18n.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { smsStyles } from './sms-styles.ts';
import { errorText, uiTexts } from '../../ui/ui-texts.ts';
import { common, STATUS_CODE, STATUSES, statusHelp, statusName } from './sms-words.ts';
import { addDays, formatTime, todayIn } from './sms-time.ts';
import { ConsoleDialog } from '../../ui/dialog.ts';

const texts = {
  en: {
    filters: 'Filter', from: 'From', to: 'To', dateField: 'Dates of', created: 'Created', sendAt: 'To be sent', sentAt: 'Sent', repliedAt: 'Replied',
    status: 'Status', all: '(All)', clinic: 'Clinic', provider: 'Provider', channel: 'Channel', sms: 'SMS', email: 'E-mail',
    list: 'Sent messages', count: 'Messages: {count}.', showing: 'Showing the newest {shown} of {count}.', none: 'No messages match these filters.',
    recipient: 'Recipient', patient: 'Patient', appointment: 'Appointment', kind: 'Type', actions: 'Actions',
    cancel: 'Cancel', cancelHeading: 'Cancel this SMS?', cancelText: 'The SMS to {recipient} will not be sent: “{body}”', cancelConfirm: 'Cancel the SMS', keep: 'Keep it',
    cancelled: 'The SMS to {recipient} was cancelled.', showReply: 'Show reply', replyHeading: 'Reply from {recipient}', sentText: 'Sent', replyText: 'Reply', noReply: 'The reply is not in the received list.',
    legend: 'What the statuses mean', times: 'Times', error: 'Error', result: 'Result',
    reminder1: 'Reminder 1', reminder2: 'Reminder 2', reminder3: 'Reminder 3', general: 'General', note: 'Note', recall: 'Recall', thanks: 'Thanks', booked: 'Booking confirmed',
    rebooked: 'Rebooked', cancelledKind: 'Cancellation', code: 'Code', staff_invite: 'Staff invitation', password_reset: 'Password reset',
  },
  nb: {
    filters: 'Utvalg', from: 'F.o.m.', to: 'T.o.m.', dateField: 'Dato for', created: 'Opprettet', sendAt: 'Sendes', sentAt: 'Sendt', repliedAt: 'Besvart',
    status: 'Status', all: '(Alle)', clinic: 'Klinikk', provider: 'Behandler', channel: 'Kanal', sms: 'SMS', email: 'E-post',
    list: 'Sendte meldinger', count: 'Antall: {count}.', showing: 'Viser de {shown} nyeste av {count}.', none: 'Ingen meldinger passer med utvalget.',
    recipient: 'Mottaker', patient: 'Pasient', appointment: 'Timeavtale', kind: 'Type', actions: 'Handlinger',
    cancel: 'Avbryt', cancelHeading: 'Avbryte denne SMS-en?', cancelText: 'SMS-en til {recipient} blir ikke sendt: «{body}»', cancelConfirm: 'Avbryt SMS-en', keep: 'Behold den',
    cancelled: 'SMS-en til {recipient} er avlyst.', showReply: 'Vis svar', replyHeading: 'Svar fra {recipient}', sentText: 'Sendt', replyText: 'Svar', noReply: 'Svaret finnes ikke i listen over mottatte SMS.',
    legend: 'Hva statusene betyr', times: 'Tidspunkter', error: 'Feil', result: 'Resultat',
    reminder1: 'Påminnelse 1', reminder2: 'Påminnelse 2', reminder3: 'Påminnelse 3', general: 'Generell', note: 'Notat', recall: 'Innkalling', thanks: 'Takk', booked: 'Bestillingsbekreftelse',
    rebooked: 'Ombooking', cancelledKind: 'Avbestilling', code: 'Kode', staff_invite: 'Invitasjon til ansatt', password_reset: 'Nytt passord',
  },
  sv: {
    filters: 'Urval', from: 'Fr.o.m.', to: 'T.o.m.', dateField: 'Datum för', created: 'Skapat', sendAt: 'Skickas', sentAt: 'Skickat', repliedAt: 'Besvarat',
    status: 'Status', all: '(Alla)', clinic: 'Klinik', provider: 'Behandlare', channel: 'Kanal', sms: 'Sms', email: 'E-post',
    list: 'Skickade meddelanden', count: 'Antal: {count}.', showing: 'Visar de {shown} senaste av {count}.', none: 'Inga meddelanden matchar urvalet.',
    recipient: 'Mottagare', patient: 'Patient', appointment: 'Bokning', kind: 'Typ', actions: 'Åtgärder',
    cancel: 'Avbryt', cancelHeading: 'Avbryta det här sms:et?', cancelText: 'Sms:et till {recipient} skickas inte: ”{body}”', cancelConfirm: 'Avbryt sms:et', keep: 'Behåll det',
    cancelled: 'Sms:et till {recipient} är avbrutet.', showReply: 'Visa svar', replyHeading: 'Svar från {recipient}', sentText: 'Skickat', replyText: 'Svar', noReply: 'Svaret finns inte i listan över mottagna sms.',
    legend: 'Vad statusarna betyder', times: 'Tidpunkter', error: 'Fel', result: 'Resultat',
    reminder1: 'Påminnelse 1', reminder2: 'Påminnelse 2', reminder3: 'Påminnelse 3', general: 'Allmänt', note: 'Anteckning', recall: 'Kallelse', thanks: 'Tack', booked: 'Bokningsbekräftelse',
    rebooked: 'Ombokning', cancelledKind: 'Avbokning', code: 'Kod', staff_invite: 'Inbjudan till personal', password_reset: 'Nytt lösenord',
  },
} satisfies Texts<string>;

const FILTERS = ['from', 'to', 'dateField', 'status', 'kind', 'clinicId', 'providerId', 'channel'] as const;
type Filter = (typeof FILTERS)[number];
const KINDS: ReadonlyArray<MessageView['kind']> = ['reminder1', 'reminder2', 'reminder3', 'thanks', 'general', 'note', 'recall', 'booked', 'rebooked', 'cancelled', 'code'];

/**
 * S13 (seed 000's "Sendte SMS"): the sent list with its filters in the
 * address, the statuses V S SB F A FV U in words, cancel a waiting SMS,
 * see the reply to one.
 */
export class SmsSentPage extends ConsolePage {
  static override styles = [consoleStyles, smsStyles, css`
    .filters { display: flex; flex-wrap: wrap; gap: 0 1rem; }
    .filters .field { min-width: 9rem; }
    td.body { min-width: 10rem; max-width: 22rem; white-space: pre-wrap; overflow-wrap: anywhere; }
    td.status { min-width: 10rem; }
    tbody th[scope='row'] { background: none; font-weight: 600; white-space: nowrap; }
    .who { font-weight: normal; }
    dl.times { margin: 0; grid-template-columns: 1fr; gap: 0; font-size: 0.9rem; }
    dl.times dt { font-weight: normal; color: var(--c-muted); }
    dl.times dd { white-space: nowrap; margin-bottom: 0.25rem; }
    td .actions-cell { display: flex; flex-direction: column; gap: 0.4rem; align-items: flex-start; }
    summary { cursor: pointer; font-weight: 600; min-height: 2.75rem; display: flex; align-items: center; }
  `];
  private readonly api = () => messagingMethods(this.ctx.call);
  /** The organization's zone: every time on the page is the clinic's. */
  private get zone(): string {
    return this.ctx.me.organization.timeZone;
  }
  private clinics: AdminClinic[] = [];
  private providers: AdminProvider[] = [];
  private catalogRead = false;
  private readonly list = new Loader(this, async () => {
    if (!this.catalogRead) {
      // The filters' choices; the list works without them.
      const catalog = catalogMethods(this.ctx.call);
      [this.clinics, this.providers] = await Promise.all([catalog.listClinics().then((c) => c.clinics, () => []), catalog.listProviders().then((p) => p.providers, () => [])]);
      this.catalogRead = true;
    }
    return this.api().listMessages(this.messageQuery());
  });
  private cancelling: MessageView | undefined;
  private cancelError: unknown;
  private replyFor: MessageView | undefined;
  private replies: InboundView[] | 'loading' | undefined;
  private replyError: unknown;
  private readonly cancelDialog = new ConsoleDialog(this, 'cancel', { id: 'cancel-dialog', onClose: () => { this.cancelling = undefined; } });
  private readonly replyDialog = new ConsoleDialog(this, 'reply', { id: 'reply-dialog', onClose: () => { this.replyFor = undefined; this.replies = undefined; } });

  private get t() {
    return translator(texts, this.ctx.locale);
  }

  private filter(name: Filter): string {
    const value = this.query.get(name) ?? '';
    if (value) return value;
    const today = todayIn(this.zone);
    if (name === 'from') return addDays(today, -7);
    if (name === 'to') return today;
    if (name === 'dateField') return 'created';
    return '';
  }

  private messageQuery(): MessageQuery {
    const query: Record<string, string> = { limit: '500' };
    for (const name of FILTERS) if (this.filter(name)) query[name] = this.filter(name);
    return query as MessageQuery;
  }

  protected override routeChanged(): void {
    void this.list.load();
  }

  private setFilter(name: Filter, value: string): void {
    const next: Record<string, string | undefined> = {};
    for (const f of FILTERS) next[f] = this.query.get(f) ?? undefined;
    next[name] = value || undefined;
    if (!next.from) next.from = this.filter('from');
    if (!next.to) next.to = this.filter('to');
    this.ctx.navigate('/sms/sent', next, { replace: true });
  }

  private async confirmCancel(): Promise<void> {
    const message = this.cancelling;
    if (!message) return;
    try {
      await this.api().cancelMessage(message.id);
      this.ctx.announce(this.t('cancelled', { recipient: message.recipient }));
      this.cancelDialog.close();
      await this.list.load();
    } catch (error) {
      this.cancelError = error;
      this.requestUpdate();
    }
  }

  private askCancel(message: MessageView, opener: EventTarget | null): void {
    this.cancelling = message;
    this.cancelError = undefined;
    void this.cancelDialog.show(opener as HTMLElement | null);
  }

  private async showReply(message: MessageView, opener: EventTarget | null): Promise<void> {
    this.replyFor = message;
    this.replies = 'loading';
    this.replyError = undefined;
    // A retry (no opener) keeps the dialog open and its opener.
    if (this.replyDialog.open) this.requestUpdate();
    else await this.replyDialog.show(opener as HTMLElement | null);
    try {
      const inbound = await this.api().listInbound({ from: message.recipient });
      const own = inbound.messages.filter((m) => m.messageId === message.id);
      this.replies = own.length ? own : inbound.messages.filter((m) => message.repliedAt && m.receivedAt >= message.sentAt!).slice(0, 1);
    } catch (error) {
      this.replyError = error;
      this.replies = undefined;
    }
    this.requestUpdate();
  }

  private kindName(kind: MessageView['kind']): string {
    return this.t(kind === 'cancelled' ? 'cancelledKind' : kind);
  }

  private renderFilters() {
    const t = this.t;
    const select = (name: Filter, label: string, options: Array<{ value: string; label: string }>) => html`<div class="field">
      <label for="filter-${name}">${label}</label>
      <select id="filter-${name}" @change=${(e: Event) => this.setFilter(name, (e.target as HTMLSelectElement).value)}>
        ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === this.filter(name)}>${o.label}</option>`)}
      </select></div>`;
    return html`<section class="card" aria-labelledby="filters-heading"><h2 id="filters-heading">${t('filters')}</h2>
      <div class="filters">
        <div class="field"><label for="filter-from">${t('from')}</label>
          <input id="filter-from" type="date" .value=${this.filter('from')} @change=${(e: Event) => this.setFilter('from', (e.target as HTMLInputElement).value)}></div>
        <div class="field"><label for="filter-to">${t('to')}</label>
          <input id="filter-to" type="date" .value=${this.filter('to')} @change=${(e: Event) => this.setFilter('to', (e.target as HTMLInputElement).value)}></div>
        ${select('dateField', t('dateField'), [{ value: 'created', label: t('created') }, { value: 'sendAt', label: t('sendAt') }, { value: 'sent', label: t('sentAt') }, { value: 'replied', label: t('repliedAt') }])}
        ${select('status', t('status'), [{ value: '', label: t('all') }, ...STATUSES.map((s) => ({ value: s, label: statusName(s, this.ctx.locale) }))])}
        ${select('kind', t('kind'), [{ value: '', label: t('all') }, ...KINDS.map((k) => ({ value: k, label: this.kindName(k) }))])}
        ${select('clinicId', t('clinic'), [{ value: '', label: t('all') }, ...this.clinics.map((c) => ({ value: c.id, label: c.name }))])}
        ${select('providerId', t('provider'), [{ value: '', label: t('all') }, ...this.providers.map((p) => ({ value: p.id, label: p.name }))])}
        ${select('channel', t('channel'), [{ value: '', label: t('all') }, { value: 'sms', label: t('sms') }, { value: 'email', label: t('email') }])}
      </div></section>`;
  }

  private renderRow(m: MessageView) {
    const t = this.t;
    const locale = this.ctx.locale;
    const canCancel = this.ctx.can('messaging') && m.status === 'waiting';
    return html`<tr data-id=${m.id}>
      <td class="status"><span class="badge" data-status=${m.status}>${STATUS_CODE[m.status]}</span> ${common(locale)(m.status)}
        <div class="muted">${statusHelp(m.status, locale)}</div>
        ${m.lastError ? html`<div class="muted">${t('error')}: ${m.lastError}</div>` : m.result ? html`<div class="muted">${t('result')}: ${m.result}</div>` : nothing}</td>
      <th scope="row">${m.recipient}${m.patient ? html`<div class="who">${m.patient.firstName} ${m.patient.lastName}</div>` : nothing}</th>
      <td>${this.kindName(m.kind)}${m.appointmentStart ? html`<div class="muted">${t('appointment')}: ${m.appointmentStart}</div>` : nothing}</td>
      <td class="body">${m.body}</td>
      <td><dl class="times">
        <dt>${t('created')}</dt><dd>${formatTime(m.createdAt, this.zone, locale)}</dd>
        <dt>${t('sendAt')}</dt><dd>${formatTime(m.sendAt, this.zone, locale)}</dd>
        ${m.sentAt ? html`<dt>${t('sentAt')}</dt><dd>${formatTime(m.sentAt, this.zone, locale)}</dd>` : nothing}
        ${m.repliedAt ? html`<dt>${t('repliedAt')}</dt><dd>${formatTime(m.repliedAt, this.zone, locale)}</dd>` : nothing}
      </dl></td>
      <td><div class="actions-cell">${canCancel ? html`<button type="button" class="danger" data-action="cancel" aria-label="${t('cancel')}: ${m.recipient}, ${formatTime(m.sendAt, this.zone, locale)}"
          @click=${(e: Event) => this.askCancel(m, e.currentTarget)}>${t('cancel')}</button>` : nothing}
        ${m.status === 'replied' || m.repliedAt ? html`<button type="button" class="secondary" data-action="reply" aria-label="${t('showReply')}: ${m.recipient}"
          @click=${(e: Event) => void this.showReply(m, e.currentTarget)}>${t('showReply')}</button>` : nothing}</div></td>
    </tr>`;
  }

  private renderDialogs() {
    const t = this.t;
    const ui = uiTexts(this.ctx.locale);
    const m = this.cancelling;
    const r = this.replyFor;
    return html`
      ${this.cancelDialog.render(t('cancelHeading'), () => (m ? html`
        <p>${t('cancelText', { recipient: m.recipient, body: m.body })}</p>
        ${this.cancelError ? html`<div class="notice error" role="alert"><p>${errorText(this.cancelError, this.ctx.locale)}</p></div>` : nothing}
        <div class="actions">
          <button type="button" class="danger" data-action="confirm-cancel" @click=${() => void this.confirmCancel()}>${t('cancelConfirm')}</button>
          <button type="button" class="secondary" @click=${() => this.cancelDialog.close()}>${t('keep')}</button>
        </div>` : html``))}
      ${this.replyDialog.render(r ? t('replyHeading', { recipient: r.recipient }) : t('showReply'), () => (r ? html`
        <dl><dt>${t('sentText')}</dt><dd>${r.body}</dd>
        ${this.replies === 'loading' ? html`<dt>${t('replyText')}</dt><dd role="status">${ui('loading')}</dd>` : nothing}
        ${Array.isArray(this.replies) ? (this.replies.length ? this.replies.map((reply) => html`<dt>${t('replyText')} (${formatTime(reply.receivedAt, this.zone, this.ctx.locale)})</dt><dd class="reply">${reply.body}</dd>`)
          : html`<dt>${t('replyText')}</dt><dd>${t('noReply')}</dd>`) : nothing}</dl>
        ${this.replyError ? html`<div class="notice error" role="alert"><p>${errorText(this.replyError, this.ctx.locale)}</p>
          <button type="button" class="secondary" @click=${() => void this.showReply(r, null)}>${ui('retry')}</button></div>` : nothing}` : html``))}`;
  }

  override render() {
    const t = this.t;
    const locale = this.ctx.locale;
    return html`
      ${this.renderFilters()}
      ${this.list.render((list) => html`
        <p role="status">${t('count', { count: list.count })}${list.count > list.messages.length ? ` ${t('showing', { shown: list.messages.length, count: list.count })}` : ''}</p>
        ${list.messages.length ? html`<div class="table-wrap"><table>
          <caption>${t('list')}</caption>
          <thead><tr><th scope="col">${t('status')}</th><th scope="col">${t('recipient')}</th><th scope="col">${t('kind')}</th><th scope="col">SMS</th>
            <th scope="col">${t('times')}</th><th scope="col">${t('actions')}</th></tr></thead>
          <tbody>${list.messages.map((m) => this.renderRow(m))}</tbody>
        </table></div>` : html`<p class="notice">${t('none')}</p>`}`)}
      <details class="card legend"><summary>${t('legend')}</summary>
        <dl>${STATUSES.map((s: MessageStatus) => html`<dt>${statusName(s, locale)}</dt><dd>${statusHelp(s, locale)}</dd>`)}</dl>
      </details>
      ${this.renderDialogs()}`;
  }
}

customElements.define('console-sms-sent-page', SmsSentPage);
