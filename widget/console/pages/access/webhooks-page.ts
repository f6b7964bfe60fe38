import { html, nothing } from 'lit';
import { webhookMethods } from '../../../../sdk/admin/webhooks.ts';
import type { WebhookEndpoint, WebhookEndpointWithSecret, WebhookEventType, WebhookList } from '../../../../sdk/schemas/webhooks.ts';
import { translator, type Texts } from '../../i18n.ts';
import { FormController } from '../../ui/form.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { uiTexts } from '../../ui/ui-texts.ts';
import { ConsoleDialog } from '../../ui/dialog.ts';
import { tableWrap, actionFailed, accessStyles, actionFailure, formatTime, shownOnce, submitSaying } from './access-common.ts';
import { eventName, SUBSCRIBABLE, webhookTexts } from './webhook-texts.ts';

const texts = {
  en: {
    intro: 'A webhook tells another system (a practice system) at once when a booking is made, moved or cancelled. Each request is signed with the endpoint’s secret.',
    add: 'Add an endpoint', addHeading: 'Add a webhook endpoint', editHeading: 'Change the endpoint', secretHeading: 'The endpoint’s signing secret',
    url: 'Address (URL)', urlHint: 'https://… where your system receives the events.', description: 'Description', events: 'Events', enabled: 'Send events to this endpoint',
    eventsHint: 'Choose at least one.', caption: 'Webhook endpoints', empty: 'There are no webhook endpoints yet.', state: 'State', on: 'On', off: 'Off', actions: 'Actions',
    created: 'Created', edit: 'Change', log: 'Delivery log', test: 'Send a test event', testSent: 'A test event is on its way to {url}.', openLog: 'See the delivery log',
    rotate: 'New secret', rotateHeading: 'Make a new secret for {url}?', rotateText: 'The current secret keeps signing for 24 hours beside the new one, so there is time to change it in your system.',
    rotateConfirm: 'Make a new secret', rotated: 'A new secret was made.', previousUntil: 'Old secret valid until {when}',
    delete: 'Delete', deleteHeading: 'Delete the endpoint {url}?', deleteText: 'No more events go to it, and its delivery log goes too.', deleted: 'The endpoint was deleted.',
    secret: 'Secret', added: 'The endpoint was added.', saved: 'The endpoint was changed.',
  },
  nb: {
    intro: 'En webhook varsler et annet system (et journalsystem) med en gang når en time blir bestilt, flyttet eller avbestilt. Hver forespørsel signeres med endepunktets hemmelighet.',
    add: 'Legg til et endepunkt', addHeading: 'Legg til et webhook-endepunkt', editHeading: 'Endre endepunktet', secretHeading: 'Endepunktets signeringshemmelighet',
    url: 'Adresse (URL)', urlHint: 'https://… der systemet ditt tar imot hendelsene.', description: 'Beskrivelse', events: 'Hendelser', enabled: 'Send hendelser til dette endepunktet',
    eventsHint: 'Velg minst én.', caption: 'Webhook-endepunkter', empty: 'Det er ingen webhook-endepunkter ennå.', state: 'Tilstand', on: 'På', off: 'Av', actions: 'Handlinger',
    created: 'Laget', edit: 'Endre', log: 'Leveranselogg', test: 'Send en testhendelse', testSent: 'En testhendelse er på vei til {url}.', openLog: 'Se leveranseloggen',
    rotate: 'Ny hemmelighet', rotateHeading: 'Lage en ny hemmelighet for {url}?', rotateText: 'Den nåværende hemmeligheten signerer fortsatt i 24 timer ved siden av den nye, så du rekker å bytte den i systemet ditt.',
    rotateConfirm: 'Lag en ny hemmelighet', rotated: 'En ny hemmelighet er laget.', previousUntil: 'Gammel hemmelighet gyldig til {when}',
    delete: 'Slett', deleteHeading: 'Slette endepunktet {url}?', deleteText: 'Det går ikke flere hendelser dit, og leveranseloggen slettes også.', deleted: 'Endepunktet er slettet.',
    secret: 'Hemmelighet', added: 'Endepunktet er lagt til.', saved: 'Endepunktet er endret.',
  },
  sv: {
    intro: 'En webhook meddelar ett annat system (ett journalsystem) direkt när en tid bokas, flyttas eller avbokas. Varje anrop signeras med slutpunktens hemlighet.',
    add: 'Lägg till en slutpunkt', addHeading: 'Lägg till en webhook-slutpunkt', editHeading: 'Ändra slutpunkten', secretHeading: 'Slutpunktens signeringshemlighet',
    url: 'Adress (URL)', urlHint: 'https://… där ditt system tar emot händelserna.', description: 'Beskrivning', events: 'Händelser', enabled: 'Skicka händelser till den här slutpunkten',
    eventsHint: 'Välj minst en.', caption: 'Webhook-slutpunkter', empty: 'Det finns inga webhook-slutpunkter ännu.', state: 'Läge', on: 'På', off: 'Av', actions: 'Åtgärder',
    created: 'Skapad', edit: 'Ändra', log: 'Leveranslogg', test: 'Skicka en testhändelse', testSent: 'En testhändelse är på väg till {url}.', openLog: 'Se leveransloggen',
    rotate: 'Ny hemlighet', rotateHeading: 'Skapa en ny hemlighet för {url}?', rotateText: 'Den nuvarande hemligheten signerar i 24 timmar till bredvid den nya, så att du hinner byta den i ditt system.',
    rotateConfirm: 'Skapa en ny hemlighet', rotated: 'En ny hemlighet har skapats.', previousUntil: 'Gammal hemlighet giltig till {when}',
    delete: 'Ta bort', deleteHeading: 'Ta bort slutpunkten {url}?', deleteText: 'Inga fler händelser skickas dit, och leveransloggen tas också bort.', deleted: 'Slutpunkten har tagits bort.',
    secret: 'Hemlighet', added: 'Slutpunkten har lagts till.', saved: 'Slutpunkten har ändrats.',
  },
} satisfies Texts<string>;

/** The form's draft: the events as one checkbox each (a key without the dot, since form paths are dotted). */
interface EndpointDraft {
  url: string;
  description: string;
  enabled: boolean;
  on: Record<string, boolean>;
}

const keyOf = (event: WebhookEventType) => event.replace(/\./g, '_');

function draftOf(endpoint?: WebhookEndpoint): EndpointDraft {
  const on = Object.fromEntries(SUBSCRIBABLE.map((event) => [keyOf(event), endpoint ? endpoint.events.includes(event) : event.startsWith('booking.')]));
  return { url: endpoint?.url ?? '', description: endpoint?.description ?? '', enabled: endpoint?.enabled ?? true, on };
}

/**
 * Webhook endpoints (D4, issue 10.6): add, change, delete, send a test
 * event, rotate the signing secret (shown once, like a new endpoint's), and
 * a link to each endpoint's delivery log.
 */
export class WebhooksPage extends ConsolePage {
  static override styles = [consoleStyles, accessStyles];

  private readonly hooks = () => webhookMethods(this.ctx.call);
  private readonly list = new Loader(this, async (): Promise<[WebhookList, string | undefined]> => Promise.all([this.hooks().listWebhooks(), this.ctx.me.organization.timeZone]));
  private readonly form = new FormController<EndpointDraft>(this);
  /** Which endpoint the form changes (none: a new one). */
  private editing: WebhookEndpoint | undefined;
  private readonly formDialog = new ConsoleDialog(this, 'endpoint', () => {
    // A new endpoint's draft stays for next time; a change to an existing one is dropped.
    if (this.editing) this.form.load(draftOf());
    this.editing = undefined;
  });
  private secret: WebhookEndpointWithSecret | undefined;
  private readonly secretDialog = new ConsoleDialog(this, 'secret', () => { this.secret = undefined; });
  private readonly rotateDialog = new ConsoleDialog(this, 'rotate');
  private readonly deleteDialog = new ConsoleDialog(this, 'delete');
  private selected: WebhookEndpoint | undefined;
  private failure: string | undefined;
  private notice: { text: string; id: string } | undefined;
  private busy = false;

  private get t() {
    return translator(texts, this.ctx.locale);
  }

  protected override routeChanged(): void {
    if (!this.form.draft) this.form.load(draftOf());
    void this.list.load();
  }

  /** Runs an action; its failure is said in words (on the page, or in the dialog it came from). */
  private async act(run: () => Promise<void>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.failure = undefined;
    this.notice = undefined;
    this.requestUpdate();
    try {
      await run();
      return true;
    } catch (error) {
      this.failure = actionFailed(this.ctx, error);
      return false;
    } finally {
      this.busy = false;
      this.requestUpdate();
    }
  }

  private openForm(endpoint: WebhookEndpoint | undefined, event: Event): void {
    if (endpoint) this.form.load(draftOf(endpoint));
    else if (this.editing) this.form.load(draftOf());
    this.editing = endpoint;
    void this.formDialog.show(event);
  }

  /** Shows a secret once; closing it goes back to the endpoint's row (after a rotation) or to Add. */
  private async showSecret(endpoint: WebhookEndpointWithSecret, rotated = false): Promise<void> {
    this.secret = endpoint;
    const opener = rotated ? this.renderRoot.querySelector<HTMLElement>(`[data-webhook="${endpoint.id}"] [data-action="rotate"]`) : this.renderRoot.querySelector<HTMLElement>('[data-action="add"]');
    await this.secretDialog.show(opener ?? undefined);
    this.renderRoot.querySelector<HTMLElement>('[data-action="copy"]')?.focus();
  }

  override render() {
    const t = this.t;
    const urlOf = (e?: WebhookEndpoint) => e?.url ?? '';
    return html`
      <div class="toolbar"><p class="muted">${t('intro')}</p>
        <button type="button" data-action="add" @click=${(e: Event) => this.openForm(undefined, e)}>${t('add')}</button></div>
      ${actionFailure(this.failure)}
      ${this.notice ? html`<div class="notice success" data-role="test-sent"><p>${this.notice.text} <a href=${this.ctx.href(`/access/webhooks/${this.notice.id}`)}>${t('openLog')}</a></p></div>` : nothing}
      ${this.list.render(([list, zone]) => this.table(list.webhooks, zone))}
      ${this.formDialog.render(this.editing ? t('editHeading') : t('addHeading'), () => this.formBody())}
      ${this.secretDialog.render(t('secretHeading'), () => html`${shownOnce(this.ctx, 'new-secret', t('secret'), this.secret?.secret ?? '')}
        <div class="actions"><button type="button" class="secondary" @click=${() => this.secretDialog.close()}>${uiTexts(this.ctx.locale)('close')}</button></div>`)}
      ${this.rotateDialog.render(t('rotateHeading', { url: urlOf(this.selected) }), () => this.confirmBody(t('rotateText'), t('rotateConfirm'), 'confirm-rotate', async (endpoint) => {
        const rotated = await this.hooks().rotateWebhookSecret(endpoint.id);
        this.rotateDialog.close();
        this.ctx.announce(t('rotated'));
        void this.list.load();
        await this.showSecret(rotated, true);
      }))}
      ${this.deleteDialog.render(t('deleteHeading', { url: urlOf(this.selected) }), () => this.confirmBody(t('deleteText'), t('delete'), 'confirm-delete', async (endpoint) => {
        await this.hooks().deleteWebhook(endpoint.id);
        this.deleteDialog.close();
        this.ctx.announce(t('deleted'));
        await this.list.load();
      }))}`;
  }

  private table(endpoints: readonly WebhookEndpoint[], zone: string | undefined) {
    const t = this.t;
    const wt = webhookTexts(this.ctx.locale);
    if (!endpoints.length) return html`<p class="muted" data-role="empty">${t('empty')}</p>`;
    return tableWrap(t('caption'), html`<table>
      <caption>${t('caption')}</caption>
      <thead><tr><th scope="col">${t('url')}</th><th scope="col">${t('events')}</th><th scope="col">${t('state')}</th><th scope="col">${t('created')}</th><th scope="col">${t('actions')}</th></tr></thead>
      <tbody>${endpoints.map((endpoint) => {
        const label = endpoint.description || endpoint.url;
        return html`<tr data-webhook=${endpoint.id}>
          <th scope="row"><span class="secret-url">${endpoint.url}</span>${endpoint.description ? html`<br><span class="muted">${endpoint.description}</span>` : nothing}</th>
          <td><ul class="plain">${endpoint.events.map((event) => html`<li>${eventName(wt, event)}</li>`)}</ul></td>
          <td><span class="badge">${endpoint.enabled ? t('on') : t('off')}</span>
            ${endpoint.previousSecretValidUntil ? html`<br><span class="muted">${t('previousUntil', { when: formatTime(endpoint.previousSecretValidUntil, this.ctx.locale, zone) })}</span>` : nothing}</td>
          <td class="nowrap">${formatTime(endpoint.createdAt, this.ctx.locale, zone)}</td>
          <td><div class="row-actions">
            <a class="button secondary" data-action="log" href=${this.ctx.href(`/access/webhooks/${endpoint.id}`)} aria-label="${t('log')}: ${label}">${t('log')}</a>
            <button type="button" class="secondary" data-action="edit" aria-label="${t('edit')}: ${label}" @click=${(e: Event) => this.openForm(endpoint, e)}>${t('edit')}</button>
            <button type="button" class="secondary" data-action="test" aria-label="${t('test')}: ${label}" ?disabled=${this.busy} @click=${() => void this.act(async () => {
              await this.hooks().sendTestWebhook(endpoint.id);
              this.notice = { text: t('testSent', { url: endpoint.url }), id: endpoint.id };
              this.ctx.announce(this.notice.text);
            })}>${t('test')}</button>
            <button type="button" class="secondary" data-action="rotate" aria-label="${t('rotate')}: ${label}" @click=${(e: Event) => { this.selected = endpoint; this.failure = undefined; void this.rotateDialog.show(e); }}>${t('rotate')}</button>
            <button type="button" class="danger" data-action="delete" aria-label="${t('delete')}: ${label}" @click=${(e: Event) => { this.selected = endpoint; this.failure = undefined; void this.deleteDialog.show(e); }}>${t('delete')}</button>
          </div></td>
        </tr>`;
      })}</tbody>
    </table>`);
  }

  private formBody() {
    const t = this.t;
    const wt = webhookTexts(this.ctx.locale);
    const eventsError = this.form.errors.events;
    return html`<form @submit=${submitSaying(this.ctx, this.form, async (draft) => {
      const events = SUBSCRIBABLE.filter((event) => draft.on[keyOf(event)]);
      const body = { url: draft.url.trim(), description: draft.description.trim(), events, enabled: draft.enabled };
      const editing = this.editing;
      if (editing) {
        await this.hooks().updateWebhook(editing.id, body);
        this.formDialog.close();
        void this.list.load();
        // The dialog is closed: the form starts blank for the next new endpoint.
        return { value: draftOf(), said: t('saved') };
      }
      const created = await this.hooks().createWebhook(body);
      this.formDialog.close();
      void this.list.load();
      await this.showSecret(created);
      return { value: draftOf(), said: t('added') };
    })}>
      ${this.form.input('url', t('url'), { type: 'url', required: true, maxlength: 2000, hint: t('urlHint') })}
      ${this.form.input('description', t('description'), { maxlength: 200 })}
      <fieldset id="f-events" tabindex="-1" aria-describedby="f-events-hint${eventsError ? ' f-events-error' : ''}">
        <legend>${t('events')}</legend>
        <p class="hint" id="f-events-hint">${t('eventsHint')}</p>
        ${SUBSCRIBABLE.map((event) => this.form.checkbox(`on.${keyOf(event)}`, eventName(wt, event)))}
        ${eventsError ? html`<p class="field-error" id="f-events-error">${eventsError}</p>` : nothing}
      </fieldset>
      ${this.form.checkbox('enabled', t('enabled'))}
      ${this.form.actions({ labels: { url: t('url'), description: t('description'), events: t('events'), enabled: t('enabled') } })}
    </form>`;
  }

  private confirmBody(text: string, confirm: string, action: string, run: (endpoint: WebhookEndpoint) => Promise<void>) {
    const endpoint = this.selected;
    if (!endpoint) return html``;
    return html`<p>${text}</p>
      ${actionFailure(this.failure)}
      <div class="actions">
        <button type="button" class="danger" data-action=${action} ?disabled=${this.busy} @click=${() => void this.act(() => run(endpoint))}>${confirm}</button>
        <button type="button" class="secondary" @click=${() => { this.rotateDialog.close(); this.deleteDialog.close(); }}>${uiTexts(this.ctx.locale)('cancel')}</button>
      </div>`;
  }
}

customElements.define('console-webhooks-page', WebhooksPage);
