import { html, nothing, type TemplateResult } from 'lit';
import type { Locale } from '../../sdk/schemas/common.ts';
import type { BookingSettings } from '../../sdk/schemas/organization.ts';
import type { Messages } from '../i18n/messages.ts';
import { changeWindowFor } from '../internal/change-window.ts';
import { formatDateTime } from '../internal/format.ts';
import { problemView } from './status-views.ts';

export interface ConfirmStepView {
  t: Messages;
  locale: Locale;
  patientName: string;
  /** The chosen time and the clinic's zone, for when it can be changed online. */
  start: string;
  timeZone: string;
  /** The organization's switches and cutoff (B16). */
  rules: Pick<BookingSettings, 'rebooking' | 'cancellation' | 'cutoffHours'>;
  /** The current instant, epoch ms. */
  now: number;
  busy: boolean;
  error: string | undefined;
  onConfirm: () => void;
}

/**
 * Check and confirm, with until when the booking can be moved or cancelled
 * online (plainly, when that is already past). This is the seam for B11: a
 * code challenge or bot check renders here before `onConfirm` books, in its
 * own issue. While booking, the button stays focusable (aria-disabled):
 * focus stays on it until the receipt's heading takes it.
 */
export function confirmStep(v: ConfirmStepView): TemplateResult {
  const { t } = v;
  const change = changeWindowFor(v.start, v.rules, v.now);
  const rules = change.kind === 'until'
    ? t.changeWindow.until(formatDateTime(change.deadline, v.locale, v.timeZone), change.rebook && change.cancel ? 'both' : change.rebook ? 'rebook' : 'cancel')
    : change.kind === 'passed' ? t.changeWindow.passed(change.cutoffHours) : t.changeWindow.off;
  return html`<p>${t.confirmIntro}</p>
    <p><strong>${t.summary.patient}:</strong> ${v.patientName}</p>
    <p id="change-window" class=${change.kind === 'until' ? 'hint' : 'caution'} part=${change.kind === 'until' ? 'deadline' : 'notice deadline'}>${rules}</p>
    ${v.error ? problemView(t, v.error) : nothing}
    <div class="actions">
      <button type="button" part="button confirm" aria-describedby="change-window" aria-disabled=${v.busy ? 'true' : 'false'} @click=${v.onConfirm}>
        ${v.busy ? t.booking : t.confirmBooking}</button>
    </div>`;
}
