import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { patientMethods } from '../../../../sdk/admin/patients.ts';
import { OpusApiError } from '../../../../sdk/errors.ts';
import type { PendingChange } from '../../../../sdk/schemas/patients.ts';
import { translator } from '../../i18n.ts';
import type { ConsolePage } from '../../ui/page.ts';
import { errorText } from '../../ui/ui-texts.ts';
import { formatDateTime } from './patient-format.ts';
import { patientTexts, type PatientText } from './patient-texts.ts';

/**
 * Accepting and rejecting pending changes (B18), one at a time per change:
 * what is being decided, what was decided, and what failed (kept beside its
 * row, the buttons still there). A decided row stays where it was, showing
 * the decision, and takes the focus its button had.
 *
 * @example
 * private readonly decisions = new PendingDecisions(this, () => void this.view.load());
 * pendingChangesTable(this, changes, this.decisions, { labelledBy: 'pending-heading', timeZone });
 */
export class PendingDecisions implements ReactiveController {
  readonly busy = new Set<string>();
  readonly decided = new Map<string, PendingChange>();
  readonly failures = new Map<string, unknown>();

  constructor(private readonly host: ConsolePage, private readonly onDecided?: (change: PendingChange) => void) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Forgets earlier decisions (another patient, another list). */
  clear(): void {
    this.busy.clear();
    this.decided.clear();
    this.failures.clear();
  }

  async decide(change: PendingChange, decision: 'accept' | 'reject'): Promise<void> {
    if (this.busy.has(change.id)) return;
    const ctx = this.host.ctx;
    const t = translator(patientTexts, ctx.locale);
    this.busy.add(change.id);
    this.failures.delete(change.id);
    this.host.requestUpdate();
    try {
      const methods = patientMethods(ctx.call);
      const decided = await (decision === 'accept' ? methods.acceptPendingChange(change.id) : methods.rejectPendingChange(change.id));
      this.decided.set(change.id, decided);
      const name = `${change.patient.firstName} ${change.patient.lastName}`;
      ctx.announce(t(decision === 'accept' ? 'acceptedSaid' : 'rejectedSaid', { name }));
      this.onDecided?.(decided);
    } catch (error) {
      if (error instanceof OpusApiError && error.code === 'unauthorized') ctx.sessionEnded();
      this.failures.set(change.id, error);
    } finally {
      this.busy.delete(change.id);
      this.host.requestUpdate();
    }
    await this.host.updateComplete;
    // The buttons are gone after a decision: their focus goes to the decision shown instead.
    const target = this.decided.has(change.id) ? `#decision-${change.id}` : `#decide-failure-${change.id}`;
    this.host.renderRoot.querySelector<HTMLElement>(target)?.focus();
  }
}

/** A change's field value in words (an empty old value said as such). */
const shown = (value: string | null, t: (key: PatientText) => string) => (value === null || value === '' ? t('empty') : value);

/**
 * The pending changes as a table: (the patient, linked,) when received, each
 * field's old and new value, and Accept / Reject (for roles that may book) or
 * the decision taken.
 */
export function pendingChangesTable(host: ConsolePage, changes: readonly PendingChange[], decisions: PendingDecisions, options: { caption?: string; labelledBy?: string; timeZone: string; showPatient?: boolean; captionId?: string }): TemplateResult {
  const ctx = host.ctx;
  const t = translator(patientTexts, ctx.locale);
  const canDecide = ctx.can('book');
  const fieldName = (field: string) => (field in patientTexts.en ? t(field as PatientText) : field);
  return html`<div class="table-wrap"><table aria-labelledby=${options.labelledBy ?? nothing}>
    ${options.caption ? html`<caption id=${options.captionId ?? nothing} tabindex="-1">${options.caption}</caption>` : nothing}
    <thead><tr>
      ${options.showPatient ? html`<th scope="col">${t('patient')}</th>` : nothing}
      <th scope="col">${t('received')}</th><th scope="col">${t('changes')}</th><th scope="col">${t('decision')}</th>
    </tr></thead>
    <tbody>${repeat(changes, (change) => change.id, (change) => {
      const decided = decisions.decided.get(change.id);
      const status = decided?.status ?? change.status;
      const busy = decisions.busy.has(change.id);
      const failure = decisions.failures.get(change.id);
      const name = `${change.patient.firstName} ${change.patient.lastName}`;
      return html`<tr>
        ${options.showPatient ? html`<th scope="row" id="who-${change.id}"><a href=${ctx.href(`/patients/${change.patient.id}`)}>${name}</a></th>` : nothing}
        <td>${formatDateTime(change.createdAt, options.timeZone, ctx.locale)}</td>
        <td id="what-${change.id}"><ul class="changes">${change.changes.map((c) => html`<li>${t('change', { field: fieldName(c.field), old: shown(c.old, t), new: shown(c.new, t) })}</li>`)}</ul></td>
        <td>${status !== 'pending'
          ? html`<span class="badge" id="decision-${change.id}" tabindex="-1">${t(status === 'accepted' ? 'accepted' : 'rejected')}</span>`
          : canDecide
            ? html`<div class="decide">
                <button type="button" data-action="accept" ?disabled=${busy} aria-describedby="${options.showPatient ? `who-${change.id} ` : ''}what-${change.id}" @click=${() => void decisions.decide(change, 'accept')}>${t('accept')}</button>
                <button type="button" class="secondary" data-action="reject" ?disabled=${busy} aria-describedby="${options.showPatient ? `who-${change.id} ` : ''}what-${change.id}" @click=${() => void decisions.decide(change, 'reject')}>${t('reject')}</button>
                ${busy ? html`<span role="status" class="muted">${t('deciding')}</span>` : nothing}
              </div>
              ${failure ? html`<p class="field-error" role="alert" id="decide-failure-${change.id}" tabindex="-1">${errorText(failure, ctx.locale)}</p>` : nothing}`
            : html`<span class="muted">${t('none')}</span>`}
        </td>
      </tr>`;
    })}</tbody>
  </table></div>`;
}
