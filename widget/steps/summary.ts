import { html, nothing, type TemplateResult } from 'lit';
import { findClinic } from '../internal/flow.ts';
import { formatDateTime } from '../internal/format.ts';
import type { StepContext } from './step-context.ts';

/** "Your choices" (B12): clinic with address and phone, provider, treatment, date and time; always visible beside the step. */
export function summaryView(ctx: StepContext, timeZone: string): TemplateResult {
  const { t, choices, catalog } = ctx;
  const clinic = findClinic(catalog, choices.slot?.clinicId ?? choices.clinicId);
  const providerId = choices.slot?.providerId ?? choices.providerId;
  const provider = catalog.providers.find((p) => p.id === providerId);
  const treatment = catalog.treatments.find((tr) => tr.id === choices.treatmentId);
  const none = html`<span class="muted">${t.notChosen}</span>`;
  return html`<aside class="summary" part="summary" aria-labelledby="summary-heading">
    <h2 id="summary-heading" class="summary-heading" part="summary-heading">${t.yourChoices}</h2>
    <dl>
      <dt>${t.summary.clinic}</dt>
      <dd data-summary="clinic">${clinic
        ? html`${clinic.name}<br /><span class="muted">${clinic.address}${clinic.address ? html`<br />` : nothing}${clinic.postalCode} ${clinic.city}${clinic.phone ? html`<br /><a part="link" href="tel:${clinic.phone}">${clinic.phone}</a>` : nothing}</span>`
        : choices.group !== undefined ? t.anyClinicIn(choices.group) : none}</dd>
      <dt>${t.summary.treatment}</dt>
      <dd data-summary="treatment">${treatment ? `${treatment.name} (${t.minutes(treatment.durationMinutes)})` : none}</dd>
      <dt>${t.summary.provider}</dt>
      <dd data-summary="provider">${provider ? provider.name : choices.anyProvider ? t.anyProvider : none}</dd>
      <dt>${t.summary.time}</dt>
      <dd data-summary="time">${choices.slot ? formatDateTime(choices.slot.start, ctx.locale, timeZone) : none}</dd>
    </dl>
  </aside>`;
}
