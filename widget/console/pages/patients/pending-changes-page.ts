import { html, nothing } from 'lit';
import { patientMethods } from '../../../../sdk/admin/patients.ts';
import type { PendingChangeList, PendingChangeStatus } from '../../../../sdk/schemas/patients.ts';
import { translator, type Texts } from '../../i18n.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { patientsStyles } from './patients-styles.ts';
import { uiTexts } from '../../ui/ui-texts.ts';
import { patientTexts } from './patient-texts.ts';
import { PendingDecisions, pendingChangesTable } from './pending-changes-table.ts';

const texts = {
  en: {
    show: 'Which changes', pending: 'Waiting for a decision', accepted: 'Accepted', rejected: 'Rejected',
    caption: 'Changed details: {status}', empty: 'No changed details are waiting for a decision.', emptyDecided: 'None yet.', pageSaid: 'Page {page}.', pageNumber: 'Page {page}',
  },
  nb: {
    show: 'Hvilke endringer', pending: 'Venter på avgjørelse', accepted: 'Godtatt', rejected: 'Avvist',
    caption: 'Endrede opplysninger: {status}', empty: 'Ingen endrede opplysninger venter på avgjørelse.', emptyDecided: 'Ingen ennå.', pageSaid: 'Side {page}.', pageNumber: 'Side {page}',
  },
  sv: {
    show: 'Vilka ändringar', pending: 'Väntar på beslut', accepted: 'Godkända', rejected: 'Avvisade',
    caption: 'Ändrade uppgifter: {status}', empty: 'Inga ändrade uppgifter väntar på beslut.', emptyDecided: 'Inga ännu.', pageSaid: 'Sida {page}.', pageNumber: 'Sida {page}',
  },
} satisfies Texts<string>;

const STATUSES: readonly PendingChangeStatus[] = ['pending', 'accepted', 'rejected'];

/**
 * `#/patients/pending`: every changed detail online bookings left for staff
 * (B18), newest first, each with its patient linked and Accept / Reject;
 * the decided ones (`?status=accepted|rejected`) to look back at.
 */
export class PendingChangesPage extends ConsolePage {
  static override styles = [...ConsolePage.styles, patientsStyles];

  private cursors: Array<string | undefined> = [undefined];
  private readonly decisions = new PendingDecisions(this);
  private readonly list = new Loader<{ list: PendingChangeList; timeZone: string }>(this, async () => {
    const cursor = this.cursors.at(-1);
    const [list, timeZone] = await Promise.all([
      patientMethods(this.ctx.call).listPendingChanges({ status: this.status, ...(cursor ? { cursor } : {}) }),
      this.ctx.me.organization.timeZone,
    ]);
    return { list, timeZone };
  });

  private get t() {
    return translator(texts, this.ctx.locale);
  }

  private get status(): PendingChangeStatus {
    const status = this.query.get('status');
    return STATUSES.find((s) => s === status) ?? 'pending';
  }

  protected override routeChanged(): void {
    this.cursors = [undefined];
    this.decisions.clear();
    void this.list.load();
  }

  private async page(step: 1 | -1): Promise<void> {
    if (step === 1) this.cursors = [...this.cursors, this.list.value?.list.nextCursor ?? undefined];
    else if (this.cursors.length > 1) this.cursors = this.cursors.slice(0, -1);
    await this.list.load();
    this.ctx.announce(this.t('pageSaid', { page: this.cursors.length }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#changes-caption')?.focus();
  }

  override render() {
    const t = this.t;
    const ui = uiTexts(this.ctx.locale);
    const status = this.status;
    return html`
      <nav aria-label=${t('show')}><ul class="views">${STATUSES.map((s) => html`<li>
        <a href=${this.ctx.href('/patients/pending', { status: s === 'pending' ? undefined : s })} aria-current=${s === status ? 'page' : nothing}>${t(s)}</a>
      </li>`)}</ul></nav>
      ${status === 'pending' ? html`<p class="hint">${translator(patientTexts, this.ctx.locale)('pendingHint')}</p>` : ''}
      ${this.list.render(({ list, timeZone }) => {
        const caption = t('caption', { status: t(status) });
        if (!list.changes.length && this.cursors.length === 1) {
          return html`<h2 id="changes-caption" tabindex="-1">${caption}</h2><p class="notice" role="status">${status === 'pending' ? t('empty') : t('emptyDecided')}</p>`;
        }
        const hasNext = list.nextCursor !== null;
        return html`${pendingChangesTable(this, list.changes, this.decisions, { caption, timeZone, showPatient: true, captionId: 'changes-caption' })}
          ${this.cursors.length > 1 || hasNext ? html`<div class="actions">
            <button type="button" class="secondary" data-action="previous" ?disabled=${this.cursors.length <= 1} @click=${() => void this.page(-1)}>${ui('previous')}</button>
            <span class="muted">${t('pageNumber', { page: this.cursors.length })}</span>
            <button type="button" class="secondary" data-action="next" ?disabled=${!hasNext} @click=${() => void this.page(1)}>${ui('next')}</button>
          </div>` : ''}`;
      })}`;
  }
}

customElements.define('console-pending-changes-page', PendingChangesPage);
