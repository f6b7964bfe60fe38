import { html, nothing, type TemplateResult } from 'lit';
import type { Messages } from '../i18n/messages.ts';
import { problemView } from './status-views.ts';

export interface ConfirmStepView {
  t: Messages;
  patientName: string;
  busy: boolean;
  error: string | undefined;
  onConfirm: () => void;
}

/**
 * Check and confirm. This is the seam for B11: a code challenge or bot
 * check renders here before `onConfirm` books, in its own issue.
 */
export function confirmStep(v: ConfirmStepView): TemplateResult {
  const { t } = v;
  return html`<p>${t.confirmIntro}</p>
    <p><strong>${t.summary.patient}:</strong> ${v.patientName}</p>
    ${v.error ? problemView(t, v.error) : nothing}
    <div class="actions">
      <button type="button" part="button confirm" aria-disabled=${v.busy ? 'true' : 'false'} @click=${v.onConfirm}>
        ${v.busy ? t.booking : t.confirmBooking}</button>
    </div>`;
}
