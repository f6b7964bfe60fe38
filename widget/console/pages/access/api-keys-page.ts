import { html, nothing } from 'lit';
import { staffMethods } from '../../../../sdk/admin/staff.ts';
import type { ApiKeyList, ApiKeyScope, ApiKeyView, CreatedApiKey } from '../../../../sdk/schemas/staff.ts';
import { translator, type Texts } from '../../i18n.ts';
import { FormController } from '../../ui/form.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { uiTexts } from '../../ui/ui-texts.ts';
import { ConsoleDialog } from '../../ui/dialog.ts';
import { tableWrap, actionFailed, accessStyles, accessTexts, actionFailure, formatTime, shownOnce, submitSaying } from './access-common.ts';

const texts = {
  en: {
    intro: 'An API key lets another system (a practice system, a dashboard) use the admin API without a staff login. No key can manage staff users or keys.',
    create: 'Create an API key', createHeading: 'Create an API key', createdHeading: 'Your new API key',
    name: 'Name', nameHint: 'What uses it, e.g. “Practice system”.', prefix: 'Starts with', scopes: 'Scopes', created: 'Created', lastUsed: 'Last used', state: 'State', actions: 'Actions',
    read: 'read: read the book, patients, messages, settings and the audit log',
    write: 'write: change appointments, patients, settings and webhooks',
    messaging: 'messaging: send and cancel messages',
    scopesHint: 'Give only what the system needs.', scopesNeeded: 'Choose at least one scope.',
    caption: 'API keys', empty: 'There are no API keys yet.', activeState: 'Active', revokedState: 'Revoked {when}',
    key: 'The key', createdDone: 'The key “{name}” was created.',
    revoke: 'Revoke', revokeHeading: 'Revoke the key “{name}”?', revokeText: 'Whatever uses the key is refused from now on. This cannot be undone.',
    revoked: 'The key “{name}” is revoked.',
  },
  nb: {
    intro: 'En API-nøkkel lar et annet system (et journalsystem, et dashbord) bruke admin-API-et uten innlogging. Ingen nøkkel kan styre brukere eller nøkler.',
    create: 'Lag en API-nøkkel', createHeading: 'Lag en API-nøkkel', createdHeading: 'Den nye API-nøkkelen din',
    name: 'Navn', nameHint: 'Hva som bruker den, f.eks. «Journalsystem».', prefix: 'Begynner med', scopes: 'Tilganger', created: 'Laget', lastUsed: 'Sist brukt', state: 'Tilstand', actions: 'Handlinger',
    read: 'read: lese timeboken, pasienter, meldinger, innstillinger og endringsloggen',
    write: 'write: endre timer, pasienter, innstillinger og webhooks',
    messaging: 'messaging: sende og stoppe meldinger',
    scopesHint: 'Gi bare det systemet trenger.', scopesNeeded: 'Velg minst én tilgang.',
    caption: 'API-nøkler', empty: 'Det er ingen API-nøkler ennå.', activeState: 'Aktiv', revokedState: 'Trukket tilbake {when}',
    key: 'Nøkkelen', createdDone: 'Nøkkelen «{name}» er laget.',
    revoke: 'Trekk tilbake', revokeHeading: 'Trekke tilbake nøkkelen «{name}»?', revokeText: 'Det som bruker nøkkelen, blir avvist fra nå av. Dette kan ikke angres.',
    revoked: 'Nøkkelen «{name}» er trukket tilbake.',
  },
  sv: {
    intro: 'En API-nyckel låter ett annat system (ett journalsystem, en översikt) använda admin-API:t utan inloggning. Ingen nyckel kan hantera användare eller nycklar.',
    create: 'Skapa en API-nyckel', createHeading: 'Skapa en API-nyckel', createdHeading: 'Din nya API-nyckel',
    name: 'Namn', nameHint: 'Vad som använder den, t.ex. ”Journalsystem”.', prefix: 'Börjar med', scopes: 'Behörigheter', created: 'Skapad', lastUsed: 'Senast använd', state: 'Läge', actions: 'Åtgärder',
    read: 'read: läsa tidboken, patienter, meddelanden, inställningar och ändringsloggen',
    write: 'write: ändra tider, patienter, inställningar och webhooks',
    messaging: 'messaging: skicka och stoppa meddelanden',
    scopesHint: 'Ge bara det som systemet behöver.', scopesNeeded: 'Välj minst en behörighet.',
    caption: 'API-nycklar', empty: 'Det finns inga API-nycklar ännu.', activeState: 'Aktiv', revokedState: 'Återkallad {when}',
    key: 'Nyckeln', createdDone: 'Nyckeln ”{name}” har skapats.',
    revoke: 'Återkalla', revokeHeading: 'Återkalla nyckeln ”{name}”?', revokeText: 'Det som använder nyckeln nekas från och med nu. Det går inte att ångra.',
    revoked: 'Nyckeln ”{name}” är återkallad.',
  },
} satisfies Texts<string>;

const SCOPES: readonly ApiKeyScope[] = ['read', 'write', 'messaging'];

interface KeyDraft {
  name: string;
  read: boolean;
  write: boolean;
  messaging: boolean;
}

const emptyKey = (): KeyDraft => ({ name: '', read: true, write: false, messaging: false });

/**
 * API keys (issue 10.6): listed by name and prefix (the key itself is never
 * kept), created with scopes (the key shown once, with a copy button) and
 * revoked after a confirmation.
 */
export class ApiKeysPage extends ConsolePage {
  static override styles = [consoleStyles, accessStyles];

  private readonly staff = () => staffMethods(this.ctx.call);
  private readonly list = new Loader(this, async (): Promise<[ApiKeyList, string | undefined]> => Promise.all([this.staff().listApiKeys(), this.ctx.me.organization.timeZone]));
  private readonly form = new FormController<KeyDraft>(this);
  /** The key just made: shown in the dialog until it closes, then forgotten. */
  private created: CreatedApiKey | undefined;
  private readonly createDialog = new ConsoleDialog(this, 'create-key', () => {
    if (this.created) this.form.load(emptyKey());
    this.created = undefined;
  });
  private readonly revokeDialog = new ConsoleDialog(this, 'revoke-key');
  private selected: ApiKeyView | undefined;
  private failure: string | undefined;
  private busy = false;

  private get t() {
    return translator(texts, this.ctx.locale);
  }

  protected override routeChanged(): void {
    if (!this.form.draft) this.form.load(emptyKey());
    void this.list.load();
  }

  override render() {
    const t = this.t;
    return html`
      <div class="toolbar"><p class="muted">${t('intro')}</p>
        <button type="button" data-action="create" @click=${(e: Event) => void this.createDialog.show(e)}>${t('create')}</button></div>
      ${this.list.render(([list, zone]) => this.table(list.keys, zone))}
      ${this.createDialog.render(this.created ? t('createdHeading') : t('createHeading'), () => this.createBody())}
      ${this.revokeDialog.render(t('revokeHeading', { name: this.selected?.name ?? '' }), () => this.revokeBody())}`;
  }

  private table(keys: readonly ApiKeyView[], zone: string | undefined) {
    const t = this.t;
    const at = accessTexts(this.ctx.locale);
    if (!keys.length) return html`<p class="muted" data-role="empty">${t('empty')}</p>`;
    return tableWrap(t('caption'), html`<table>
      <caption>${t('caption')}</caption>
      <thead><tr><th scope="col">${t('name')}</th><th scope="col">${t('prefix')}</th><th scope="col">${t('scopes')}</th><th scope="col">${t('created')}</th>
        <th scope="col">${t('lastUsed')}</th><th scope="col">${t('state')}</th><th scope="col">${t('actions')}</th></tr></thead>
      <tbody>${keys.map((key) => html`<tr data-key=${key.id}>
        <th scope="row">${key.name}</th>
        <td><code>${key.prefix}…</code></td>
        <td>${key.scopes.join(', ')}</td>
        <td class="nowrap">${formatTime(key.createdAt, this.ctx.locale, zone)}</td>
        <td class="nowrap">${key.lastUsedAt ? formatTime(key.lastUsedAt, this.ctx.locale, zone) : at('never')}</td>
        <td>${key.revokedAt ? html`<span class="badge">${t('revokedState', { when: formatTime(key.revokedAt, this.ctx.locale, zone) })}</span>` : html`<span class="badge">${t('activeState')}</span>`}</td>
        <td>${key.revokedAt ? nothing : html`<button type="button" class="danger" data-action="revoke" aria-label="${t('revoke')}: ${key.name}"
          @click=${(e: Event) => { this.selected = key; this.failure = undefined; void this.revokeDialog.show(e); }}>${t('revoke')}</button>`}</td>
      </tr>`)}</tbody>
    </table>`);
  }

  private createBody() {
    const t = this.t;
    if (this.created) {
      return html`${shownOnce(this.ctx, 'new-key', t('key'), this.created.key)}
        <div class="actions"><button type="button" class="secondary" data-action="done" @click=${() => this.createDialog.close()}>${uiTexts(this.ctx.locale)('close')}</button></div>`;
    }
    const scopesError = this.form.errors.scopes;
    return html`<form @submit=${submitSaying(this.ctx, this.form, async (draft) => {
      const scopes = SCOPES.filter((scope) => draft[scope]);
      const created = await this.staff().createApiKey({ name: draft.name.trim(), scopes });
      this.created = created;
      void this.list.load();
      this.requestUpdate();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-action="copy"]')?.focus();
      return { value: draft, said: t('createdDone', { name: created.name }) };
    })}>
      ${this.form.input('name', t('name'), { required: true, maxlength: 100, hint: t('nameHint') })}
      <fieldset id="f-scopes" tabindex="-1" aria-describedby="f-scopes-hint${scopesError ? ' f-scopes-error' : ''}">
        <legend>${t('scopes')}</legend>
        <p class="hint" id="f-scopes-hint">${t('scopesHint')}</p>
        ${SCOPES.map((scope) => this.form.checkbox(scope, t(scope)))}
        ${scopesError ? html`<p class="field-error" id="f-scopes-error">${scopesError}</p>` : nothing}
      </fieldset>
      ${this.form.actions({ labels: { name: t('name'), scopes: t('scopes') } })}
    </form>`;
  }

  private revokeBody() {
    const t = this.t;
    const key = this.selected;
    if (!key) return html``;
    return html`<p>${t('revokeText')}</p>
      ${actionFailure(this.failure)}
      <div class="actions">
        <button type="button" class="danger" data-action="confirm-revoke" ?disabled=${this.busy} @click=${async () => {
          this.busy = true;
          this.failure = undefined;
          this.requestUpdate();
          try {
            await this.staff().revokeApiKey(key.id);
            this.revokeDialog.close();
            this.ctx.announce(t('revoked', { name: key.name }));
            await this.list.load();
          } catch (error) {
            this.failure = actionFailed(this.ctx, error);
          } finally {
            this.busy = false;
            this.requestUpdate();
          }
        }}>${t('revoke')}</button>
        <button type="button" class="secondary" @click=${() => this.revokeDialog.close()}>${uiTexts(this.ctx.locale)('cancel')}</button>
      </div>`;
  }
}

customElements.define('console-api-keys-page', ApiKeysPage);
