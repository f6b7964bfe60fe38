import { html, nothing } from 'lit';
import { webhookMethods } from '../../../../sdk/admin/webhooks.ts';
import type { WebhookDelivery, WebhookDeliveryList, WebhookEndpoint } from '../../../../sdk/schemas/webhooks.ts';
import { translator, type Texts } from '../../i18n.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { tableWrap, actionFailed, accessStyles, actionFailure, formatTime, pager } from './access-common.ts';
import { eventName, webhookTexts } from './webhook-texts.ts';

const texts = {
  en: {
    back: 'All webhook endpoints', endpoint: 'Endpoint', caption: 'Deliveries to {url}, newest first', empty: 'Nothing has been sent to this endpoint yet.',
    time: 'Made', event: 'Event', status: 'Status', attempts: 'Attempts', answer: 'Last answer', next: 'Next try / delivered', actions: 'Actions',
    retry: 'Send again', retried: 'The delivery is queued to be sent again.', test: 'Send a test event', testSent: 'A test event is queued. Refresh to see how it went.',
    refresh: 'Refresh', noAnswer: 'No answer', state: 'Sending events', on: 'On', off: 'Off (events wait until it is turned on)',
  },
  nb: {
    back: 'Alle webhook-endepunkter', endpoint: 'Endepunkt', caption: 'Leveranser til {url}, nyeste først', empty: 'Ingenting er sendt til dette endepunktet ennå.',
    time: 'Laget', event: 'Hendelse', status: 'Status', attempts: 'Forsøk', answer: 'Siste svar', next: 'Neste forsøk / levert', actions: 'Handlinger',
    retry: 'Send på nytt', retried: 'Leveransen står i kø for å sendes på nytt.', test: 'Send en testhendelse', testSent: 'En testhendelse står i kø. Oppdater for å se hvordan det gikk.',
    refresh: 'Oppdater', noAnswer: 'Ingen svar', state: 'Sender hendelser', on: 'På', off: 'Av (hendelsene venter til det slås på)',
  },
  sv: {
    back: 'Alla webhook-slutpunkter', endpoint: 'Slutpunkt', caption: 'Leveranser till {url}, nyaste först', empty: 'Inget har skickats till den här slutpunkten ännu.',
    time: 'Skapad', event: 'Händelse', status: 'Status', attempts: 'Försök', answer: 'Senaste svar', next: 'Nästa försök / levererad', actions: 'Åtgärder',
    retry: 'Skicka igen', retried: 'Leveransen står i kö för att skickas igen.', test: 'Skicka en testhändelse', testSent: 'En testhändelse står i kö. Uppdatera för att se hur det gick.',
    refresh: 'Uppdatera', noAnswer: 'Inget svar', state: 'Skickar händelser', on: 'På', off: 'Av (händelserna väntar tills det slås på)',
  },
} satisfies Texts<string>;

type Loaded = [WebhookEndpoint, WebhookDeliveryList, string | undefined];

/**
 * One endpoint's delivery log (D4, issue 10.6), newest first: each event's
 * status in words, attempts, the receiver's last HTTP answer and error, when
 * it is tried next or was delivered; send one again, send a test event.
 */
export class WebhookDeliveriesPage extends ConsolePage {
  static override styles = [consoleStyles, accessStyles];

  private readonly hooks = () => webhookMethods(this.ctx.call);
  private readonly log = new Loader(this, async (): Promise<Loaded> => {
    const id = this.params.id ?? '';
    const cursor = this.query.get('cursor') ?? undefined;
    return Promise.all([this.hooks().getWebhook(id), this.hooks().listWebhookDeliveries(id, cursor ? { cursor } : {}), this.ctx.me.organization.timeZone]);
  });
  private failure: string | undefined;
  private busy = false;

  private get t() {
    return translator(texts, this.ctx.locale);
  }

  protected override routeChanged(): void {
    void this.log.load();
  }

  private async act(run: () => Promise<unknown>, done: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.failure = undefined;
    this.requestUpdate();
    try {
      await run();
      this.ctx.announce(done);
      await this.log.load();
    } catch (error) {
      this.failure = actionFailed(this.ctx, error);
    } finally {
      this.busy = false;
      this.requestUpdate();
    }
  }

  override render() {
    const t = this.t;
    return html`<p><a href=${this.ctx.href('/access/webhooks')}>← ${t('back')}</a></p>
      ${actionFailure(this.failure)}
      ${this.log.render(([endpoint, page, zone]) => html`
        <dl><dt>${t('endpoint')}</dt><dd class="secret-url">${endpoint.url}</dd>
          <dt>${t('state')}</dt><dd>${endpoint.enabled ? t('on') : t('off')}</dd></dl>
        <div class="actions">
          <button type="button" class="secondary" data-action="refresh" ?disabled=${this.busy} @click=${() => void this.log.load()}>${t('refresh')}</button>
          <button type="button" class="secondary" data-action="test" ?disabled=${this.busy} @click=${() => void this.act(() => this.hooks().sendTestWebhook(endpoint.id), t('testSent'))}>${t('test')}</button>
        </div>
        ${page.deliveries.length ? this.table(endpoint, page.deliveries, zone) : html`<p class="muted" data-role="empty">${t('empty')}</p>`}
        ${pager(this.ctx, `/access/webhooks/${endpoint.id}`, {}, this.query.get('cursor') ?? undefined, page.nextCursor)}`)}`;
  }

  private table(endpoint: WebhookEndpoint, deliveries: readonly WebhookDelivery[], zone: string | undefined) {
    const t = this.t;
    const wt = webhookTexts(this.ctx.locale);
    const time = (iso: string | null) => formatTime(iso, this.ctx.locale, zone);
    return tableWrap(t('caption', { url: endpoint.url }), html`<table>
      <caption>${t('caption', { url: endpoint.url })}</caption>
      <thead><tr><th scope="col">${t('time')}</th><th scope="col">${t('event')}</th><th scope="col">${t('status')}</th><th scope="col">${t('attempts')}</th>
        <th scope="col">${t('answer')}</th><th scope="col">${t('next')}</th><th scope="col">${t('actions')}</th></tr></thead>
      <tbody>${deliveries.map((d) => html`<tr data-delivery=${d.id} data-status=${d.status}>
        <th scope="row">${time(d.createdAt)}</th>
        <td>${eventName(wt, d.event)}</td>
        <td><span class="badge">${wt(d.status)}</span></td>
        <td>${d.attempts}</td>
        <td>${d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : d.attempts ? t('noAnswer') : '—'}${d.lastError ? html`<br><span class="muted break">${d.lastError}</span>` : nothing}</td>
        <td>${d.deliveredAt ? time(d.deliveredAt) : d.nextAttemptAt ? time(d.nextAttemptAt) : '—'}</td>
        <td>${d.status === 'failed' || d.status === 'retrying' ? html`<button type="button" class="secondary" data-action="retry" ?disabled=${this.busy}
          aria-label="${t('retry')}: ${eventName(wt, d.event)}, ${time(d.createdAt)}"
          @click=${() => void this.act(() => this.hooks().retryWebhookDelivery(endpoint.id, d.id), t('retried'))}>${t('retry')}</button>` : nothing}</td>
      </tr>`)}</tbody>
    </table>`);
  }
}

customElements.define('console-webhook-deliveries-page', WebhookDeliveriesPage);
