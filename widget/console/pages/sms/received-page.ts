import { css, html, nothing } from 'lit';
import { messagingMethods } from '../../../../sdk/admin/messaging.ts';
import type { InboundList, InboundPatch, InboundView } from '../../../../sdk/schemas/messaging.ts';
import { translator, type Texts } from '../../i18n.ts';
import { FormController } from '../../ui/form.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { smsStyles } from './sms-styles.ts';
import { errorText, uiTexts } from '../../ui/ui-texts.ts';
import { partCount } from './sms-words.ts';
import { formatTime } from './sms-time.ts';
import { ConsoleDialog } from '../../ui/dialog.ts';

const texts = {
  en: {
    show: 'Show', all: 'All', unread: 'Unread', read: 'Read', followUp: 'Follow up', list: 'Received SMS', count: '{count} received, {unread} unread.',
    none: 'No SMS received.', from: 'From', patient: 'Patient', received: 'Received', message: 'Message', state: 'Status', actions: 'Actions',
    isUnread: 'Unread', isRead: 'Read', flagged: '⚑ Follow up', markRead: 'Mark as read', markUnread: 'Mark as unread', flag: 'Flag for follow-up', unflag: 'Remove follow-up flag',
    reply: 'Reply', replyHeading: 'Reply to {from}', replyTo: 'Their message: “{body}”', body: 'Your reply', send: 'Send reply', sending: 'Sending…',
    replied: 'The reply to {from} is queued for sending.', notSent: 'Not sent. Your text is kept: correct it or try again.',
    markedRead: 'Marked as read.', markedUnread: 'Marked as unread.', flaggedNow: 'Flagged for follow-up.', unflagged: 'Follow-up flag removed.',
  },
  nb: {
    show: 'Vis', all: 'Alle', unread: 'Uleste', read: 'Leste', followUp: 'Følg opp', list: 'Mottatte SMS', count: '{count} mottatt, {unread} uleste.',
    none: 'Ingen SMS er mottatt.', from: 'Fra', patient: 'Pasient', received: 'Mottatt', message: 'Melding', state: 'Status', actions: 'Handlinger',
    isUnread: 'Ulest', isRead: 'Lest', flagged: '⚑ Følg opp', markRead: 'Merk som lest', markUnread: 'Merk som ulest', flag: 'Merk for oppfølging', unflag: 'Fjern oppfølgingsflagget',
    reply: 'Svar', replyHeading: 'Svar til {from}', replyTo: 'Meldingen deres: «{body}»', body: 'Svaret ditt', send: 'Send svar', sending: 'Sender …',
    replied: 'Svaret til {from} er lagt i kø for sending.', notSent: 'Ikke sendt. Teksten er beholdt: rett den eller prøv igjen.',
    markedRead: 'Merket som lest.', markedUnread: 'Merket som ulest.', flaggedNow: 'Merket for oppfølging.', unflagged: 'Oppfølgingsflagget er fjernet.',
  },
  sv: {
    show: 'Visa', all: 'Alla', unread: 'Olästa', read: 'Lästa', followUp: 'Följ upp', list: 'Mottagna sms', count: '{count} mottagna, {unread} olästa.',
    none: 'Inga sms har tagits emot.', from: 'Från', patient: 'Patient', received: 'Mottaget', message: 'Meddelande', state: 'Status', actions: 'Åtgärder',
    isUnread: 'Oläst', isRead: 'Läst', flagged: '⚑ Följ upp', markRead: 'Markera som läst', markUnread: 'Markera som oläst', flag: 'Markera för uppföljning', unflag: 'Ta bort uppföljningsflaggan',
    reply: 'Svara', replyHeading: 'Svar till {from}', replyTo: 'Deras meddelande: ”{body}”', body: 'Ditt svar', send: 'Skicka svar', sending: 'Skickar …',
    replied: 'Svaret till {from} ligger i kö för att skickas.', notSent: 'Inte skickat. Texten finns kvar: rätta den eller försök igen.',
    markedRead: 'Markerat som läst.', markedUnread: 'Markerat som oläst.', flaggedNow: 'Markerat för uppföljning.', unflagged: 'Uppföljningsflaggan är borttagen.',
  },
} satisfies Texts<string>;

/** Unread first, then the newest. */
export function unreadFirst(messages: readonly InboundView[]): InboundView[] {
  return [...messages].sort((a, b) => Number(a.read) - Number(b.read) || b.receivedAt.localeCompare(a.receivedAt));
}

/**
 * S14 (seed 000's "Mottatte SMS"): the received list, unread first; mark
 * read or unread, flag for follow-up, reply to the sender's number.
 */
export class SmsReceivedPage extends ConsolePage {
  static override styles = [consoleStyles, smsStyles, css`
    td.body { max-width: 26rem; white-space: pre-wrap; overflow-wrap: anywhere; }
    tr.unread th, tr.unread td.body { font-weight: 700; }
    .row-actions { display: flex; flex-wrap: wrap; gap: 0.4rem; }
  `];

  private readonly api = () => messagingMethods(this.ctx.call);
  /** The organization's zone: every time on the page is the clinic's. */
  private get zone(): string {
    return this.ctx.me.organization.timeZone;
  }
  private readonly list = new Loader<InboundList>(this, async () => {
    const show = this.show;
    return this.api().listInbound(show === 'unread' ? { read: 'false' } : show === 'read' ? { read: 'true' } : show === 'followUp' ? { followUp: 'true' } : {});
  });
  private readonly replyForm = new FormController<{ body: string }>(this);
  private replyingTo: InboundView | undefined;
  /** Replies typed and not sent, by received message: a closed dialog keeps its text for the next time it opens. */
  private readonly replyDrafts = new Map<string, string>();
  private readonly replyDialog = new ConsoleDialog(this, 'reply', { id: 'reply-dialog', onClose: () => this.replyClosed() });
  private rowError: { id: string; error: unknown } | undefined;

  private get t() {
    return translator(texts, this.ctx.locale);
  }

  private get show(): string {
    return this.query.get('show') ?? 'all';
  }

  protected override routeChanged(): void {
    void this.list.load();
  }

  private async patch(message: InboundView, patch: InboundPatch, said: string): Promise<void> {
    this.rowError = undefined;
    try {
      await this.api().updateInbound(message.id, patch);
      const list = this.list.value!;
      const messages = list.messages.map((m) => (m.id === message.id ? { ...m, ...patch } : m));
      this.list.set({ ...list, messages, unread: messages.filter((m) => !m.read).length });
      this.ctx.announce(said);
    } catch (error) {
      this.rowError = { id: message.id, error };
      this.requestUpdate();
    }
  }

  private openReply(message: InboundView, opener: EventTarget | null): void {
    this.replyingTo = message;
    this.replyForm.load({ body: '' });
    const kept = this.replyDrafts.get(message.id);
    if (kept) this.replyForm.set('body', kept);
    void this.replyDialog.show(opener as HTMLElement | null);
  }

  /** Sends the reply; after a failure focus goes to what failed (the text typed stays). */
  private async submitReply(event: Event): Promise<void> {
    event.preventDefault();
    if (await this.replyForm.save((d) => this.sendReply(d))) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#reply-dialog .save-failure')?.focus();
  }

  private async sendReply(draft: { body: string }): Promise<{ body: string }> {
    const to = this.replyingTo!;
    await this.api().sendToNumber({ to: to.from, body: draft.body });
    this.ctx.announce(this.t('replied', { from: to.from }));
    if (!to.read && this.ctx.can('book')) await this.patch(to, { read: true }, this.t('markedRead'));
    this.replyDrafts.delete(to.id);
    this.replyForm.load({ body: '' });
    this.replyDialog.close();
    return { body: '' };
  }

  /** The dialog closed: a text not sent is kept for this message, and the page has no unsaved form left open. */
  private replyClosed(): void {
    const to = this.replyingTo;
    const body = String(this.replyForm.get('body') ?? '');
    if (to && this.replyForm.dirty && body) this.replyDrafts.set(to.id, body);
    this.replyForm.load({ body: '' });
    this.replyingTo = undefined;
  }

  private renderRow(m: InboundView) {
    const t = this.t;
    const canMark = this.ctx.can('book');
    const who = `${m.from}, ${formatTime(m.receivedAt, this.zone, this.ctx.locale)}`;
    return html`<tr class=${m.read ? 'read' : 'unread'} data-id=${m.id}>
      <td><span class="badge">${m.read ? t('isRead') : t('isUnread')}</span>${m.followUp ? html` <span class="badge follow-up">${t('flagged')}</span>` : nothing}</td>
      <th scope="row">${m.from}</th>
      <td>${m.patient ? `${m.patient.firstName} ${m.patient.lastName}` : ''}</td>
      <td>${formatTime(m.receivedAt, this.zone, this.ctx.locale)}</td>
      <td class="body">${m.body}</td>
      <td><div class="row-actions">
        ${canMark ? html`
          <button type="button" class="secondary" data-action="read" aria-label="${m.read ? t('markUnread') : t('markRead')}: ${who}"
            @click=${() => void this.patch(m, { read: !m.read }, m.read ? t('markedUnread') : t('markedRead'))}>${m.read ? t('markUnread') : t('markRead')}</button>
          <button type="button" class="secondary" data-action="follow-up" aria-pressed=${m.followUp ? 'true' : 'false'} aria-label="${t('followUp')}: ${who}"
            @click=${() => void this.patch(m, { followUp: !m.followUp }, m.followUp ? t('unflagged') : t('flaggedNow'))}>${t('followUp')}</button>` : nothing}
        ${this.ctx.can('messaging') ? html`<button type="button" data-action="reply" aria-label="${t('reply')}: ${who}" @click=${(e: Event) => this.openReply(m, e.currentTarget)}>${t('reply')}</button>` : nothing}
      </div>
      ${this.rowError?.id === m.id ? html`<p class="field-error" role="alert">${errorText(this.rowError.error, this.ctx.locale)}</p>` : nothing}</td>
    </tr>`;
  }

  override render() {
    const t = this.t;
    const ui = uiTexts(this.ctx.locale);
    const to = this.replyingTo;
    const draft = this.replyForm.draft;
    const failure = this.replyForm.status === 'failed';
    return html`
      <div class="field"><label for="filter-show">${t('show')}</label>
        <select id="filter-show" @change=${(e: Event) => this.ctx.navigate('/sms/received', { show: (e.target as HTMLSelectElement).value }, { replace: true })}>
          ${(['all', 'unread', 'read', 'followUp'] as const).map((v) => html`<option value=${v} ?selected=${v === this.show}>${t(v)}</option>`)}
        </select></div>
      ${this.list.render((list) => html`
        <p role="status">${t('count', { count: list.count, unread: list.unread })}</p>
        ${list.messages.length ? html`<div class="table-wrap"><table>
          <caption>${t('list')}</caption>
          <thead><tr><th scope="col">${t('state')}</th><th scope="col">${t('from')}</th><th scope="col">${t('patient')}</th><th scope="col">${t('received')}</th>
            <th scope="col">${t('message')}</th><th scope="col">${t('actions')}</th></tr></thead>
          <tbody>${unreadFirst(list.messages).map((m) => this.renderRow(m))}</tbody>
        </table></div>` : html`<p class="notice">${t('none')}</p>`}`)}
      ${this.replyDialog.render(to ? t('replyHeading', { from: to.from }) : t('reply'), () => (to && draft ? html`
        <p>${t('replyTo', { body: to.body })}</p>
        <form @submit=${(e: Event) => void this.submitReply(e)}>
          ${this.replyForm.textarea('body', t('body'), { rows: 4, maxlength: 1600, hint: partCount(draft.body, this.ctx.locale) })}
          ${failure ? html`<div class="notice error save-failure" role="alert" tabindex="-1"><p>${t('notSent')}</p>
            <p>${Object.values(this.replyForm.errors)[0] ?? errorText(this.replyForm.failure, this.ctx.locale)}</p></div>` : nothing}
          <div class="actions">
            <button type="submit" data-action="send" ?disabled=${this.replyForm.status === 'saving'}>${this.replyForm.status === 'saving' ? t('sending') : t('send')}</button>
            <button type="button" class="secondary" @click=${() => this.replyDialog.close()}>${ui('cancel')}</button>
          </div>
        </form>` : html``))}`;
  }
}

customElements.define('console-sms-received-page', SmsReceivedPage);
