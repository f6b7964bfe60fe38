import { html, nothing } from 'lit';
import { auditMethods } from '../../../../sdk/admin/audit.ts';
import type { AuditEntry, AuditList } from '../../../../sdk/schemas/admin-common.ts';
import { translator, type Texts } from '../../i18n.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { tableWrap, accessStyles, accessTexts, formatTime, pager } from './access-common.ts';
import { auditChanges, changeValue } from './audit-changes.ts';

const texts = {
  en: {
    filters: 'Filter the log', action: 'Action', actionHint: 'As written in the log, e.g. settings.update or staff.invite.', targetType: 'Target type',
    targetTypeHint: 'e.g. settings, staff_user, api_key, webhook, appointment.', filter: 'Filter', clear: 'Show everything',
    caption: 'Audit log, newest first', filtered: 'Audit log, newest first, filtered', empty: 'Nothing in the log matches.',
    time: 'Time', who: 'Who', what: 'Action', target: 'Target', changes: 'Changes', none: '—', nChanges: '{count} changes',
    staff: 'Staff', api_key: 'API key', system: 'System',
  },
  nb: {
    filters: 'Filtrer loggen', action: 'Handling', actionHint: 'Slik det står i loggen, f.eks. settings.update eller staff.invite.', targetType: 'Måltype',
    targetTypeHint: 'f.eks. settings, staff_user, api_key, webhook, appointment.', filter: 'Filtrer', clear: 'Vis alt',
    caption: 'Endringslogg, nyeste først', filtered: 'Endringslogg, nyeste først, filtrert', empty: 'Ingenting i loggen passer.',
    time: 'Tid', who: 'Hvem', what: 'Handling', target: 'Mål', changes: 'Endringer', none: '—', nChanges: '{count} endringer',
    staff: 'Ansatt', api_key: 'API-nøkkel', system: 'System',
  },
  sv: {
    filters: 'Filtrera loggen', action: 'Åtgärd', actionHint: 'Som det står i loggen, t.ex. settings.update eller staff.invite.', targetType: 'Typ av mål',
    targetTypeHint: 't.ex. settings, staff_user, api_key, webhook, appointment.', filter: 'Filtrera', clear: 'Visa allt',
    caption: 'Ändringslogg, nyaste först', filtered: 'Ändringslogg, nyaste först, filtrerad', empty: 'Inget i loggen matchar.',
    time: 'Tid', who: 'Vem', what: 'Åtgärd', target: 'Mål', changes: 'Ändringar', none: '—', nChanges: '{count} ändringar',
    staff: 'Personal', api_key: 'API-nyckel', system: 'System',
  },
} satisfies Texts<string>;

/** Actions and target types the log knows, offered as suggestions (any text may be typed). */
const ACTIONS = [
  'settings.update', 'organization.update', 'subdomain.change', 'template.save', 'template.reset', 'appointment.create', 'appointment.move', 'appointment.cancel',
  'appointment.attendance', 'patient.update', 'message.cancel', 'staff.invite', 'staff.update', 'staff.login', 'staff.password_change', 'staff.totp_enable',
  'staff.totp_disable', 'api_key.create', 'api_key.revoke', 'webhook.create', 'webhook.update', 'webhook.delete', 'webhook.test', 'webhook.rotate_secret',
];
const TARGET_TYPES = ['settings', 'organization', 'template', 'appointment', 'patient', 'message', 'clinic', 'provider', 'treatment', 'schedule', 'staff_user', 'api_key', 'webhook', 'webhook_delivery'];

const SHOWN_CHANGES = 3;

/**
 * The audit log (issue 10.6): every change made through the admin API,
 * newest first, with who did it and, for settings, the values before and
 * after. The filters (action, target type) and the page are in the address,
 * so a filtered view can be linked to.
 */
export class AuditPage extends ConsolePage {
  static override styles = [consoleStyles, accessStyles];

  private readonly log = new Loader(this, async (): Promise<[AuditList, string | undefined]> => Promise.all([
    auditMethods(this.ctx.call).listAudit({ ...this.filters, ...(this.cursor ? { cursor: this.cursor } : {}) }),
    this.ctx.me.organization.timeZone,
  ]));

  private get filters(): { action?: string; targetType?: string } {
    const action = this.query.get('action')?.trim();
    const targetType = this.query.get('targetType')?.trim();
    return { ...(action ? { action } : {}), ...(targetType ? { targetType } : {}) };
  }

  private get cursor(): string | undefined {
    return this.query.get('cursor') ?? undefined;
  }

  private get t() {
    return translator(texts, this.ctx.locale);
  }

  protected override routeChanged(): void {
    void this.log.load();
  }

  private filter(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim() || undefined;
    this.ctx.navigate('/access/audit', { action: value('action'), targetType: value('targetType') });
  }

  override render() {
    const t = this.t;
    const { action, targetType } = this.filters;
    return html`
      <form class="card" role="search" aria-labelledby="filters-heading" @submit=${(e: Event) => this.filter(e)}>
        <h2 id="filters-heading">${t('filters')}</h2>
        <div class="grid-2">
          <div class="field"><label for="f-action">${t('action')}</label>
            <input id="f-action" name="action" list="actions" autocomplete="off" spellcheck="false" maxlength="100" .value=${action ?? ''} aria-describedby="f-action-hint">
            <p class="hint" id="f-action-hint">${t('actionHint')}</p></div>
          <div class="field"><label for="f-targetType">${t('targetType')}</label>
            <input id="f-targetType" name="targetType" list="target-types" autocomplete="off" spellcheck="false" maxlength="100" .value=${targetType ?? ''} aria-describedby="f-targetType-hint">
            <p class="hint" id="f-targetType-hint">${t('targetTypeHint')}</p></div>
        </div>
        <datalist id="actions">${ACTIONS.map((a) => html`<option value=${a}></option>`)}</datalist>
        <datalist id="target-types">${TARGET_TYPES.map((a) => html`<option value=${a}></option>`)}</datalist>
        <div class="actions"><button type="submit" data-action="filter">${t('filter')}</button>
          ${action || targetType ? html`<a class="button secondary" data-action="clear" href=${this.ctx.href('/access/audit')}>${t('clear')}</a>` : nothing}</div>
      </form>
      ${this.log.render(([page, zone]) => html`
        ${page.entries.length ? this.table(page.entries, zone, Boolean(action || targetType)) : html`<p class="muted" data-role="empty">${t('empty')}</p>`}
        ${pager(this.ctx, '/access/audit', { action, targetType }, this.cursor, page.nextCursor)}`)}`;
  }

  private table(entries: readonly AuditEntry[], zone: string | undefined, filtered: boolean) {
    const t = this.t;
    return tableWrap(filtered ? t('filtered') : t('caption'), html`<table>
      <caption>${filtered ? t('filtered') : t('caption')}</caption>
      <thead><tr><th scope="col">${t('time')}</th><th scope="col">${t('who')}</th><th scope="col">${t('what')}</th><th scope="col">${t('target')}</th><th scope="col">${t('changes')}</th></tr></thead>
      <tbody>${entries.map((entry) => html`<tr data-entry=${entry.id}>
        <th scope="row" class="nowrap">${formatTime(entry.at, this.ctx.locale, zone)}</th>
        <td>${entry.actor.label}<br><span class="muted">${t(entry.actor.kind)}</span></td>
        <td><code>${entry.action}</code></td>
        <td><code>${entry.target.type}</code>${entry.target.id ? html`<br><span class="muted break">${entry.target.id}</span>` : nothing}</td>
        <td>${this.changes(entry)}</td>
      </tr>`)}</tbody>
    </table>`);
  }

  private changes(entry: AuditEntry) {
    const t = this.t;
    const at = accessTexts(this.ctx.locale);
    const changes = auditChanges(entry.before, entry.after);
    if (!changes.length) return t('none');
    const line = (c: (typeof changes)[number]) => html`<li><code>${c.path}</code>: ${entry.before === null
      ? changeValue(c.after, at('yes'), at('no'))
      : html`${changeValue(c.before, at('yes'), at('no'))} → ${changeValue(c.after, at('yes'), at('no'))}`}</li>`;
    if (changes.length <= SHOWN_CHANGES) return html`<ul class="plain changes">${changes.map(line)}</ul>`;
    return html`<details><summary>${t('nChanges', { count: changes.length })}</summary><ul class="plain changes">${changes.map(line)}</ul></details>`;
  }
}

customElements.define('console-audit-page', AuditPage);
