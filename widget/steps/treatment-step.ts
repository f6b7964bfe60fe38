import { html, nothing, type TemplateResult } from 'lit';
import { findClinic, treatmentsFor } from '../internal/flow.ts';
import { optionList } from './option-list.ts';
import type { StepContext } from './step-context.ts';

/** The clinic's text (its own, or the default), B7. */
export function clinicText(ctx: StepContext): TemplateResult | typeof nothing {
  if (!ctx.choices.clinicId && ctx.choices.group === undefined) return nothing;
  const text = findClinic(ctx.catalog, ctx.choices.clinicId)?.text ?? ctx.org.texts.defaultClinicText;
  if (!text.heading && !text.body) return nothing;
  return html`<div class="text clinic-text" part="clinic-text">
    ${text.heading ? html`<h3>${text.heading}</h3>` : nothing}
    ${text.body ? html`<p>${text.body}</p>` : nothing}
  </div>`;
}

/** The treatments for the choices so far, with duration and description. */
export function treatmentList(ctx: StepContext, label?: string): TemplateResult {
  const treatments = treatmentsFor(ctx.catalog, ctx.choices);
  if (treatments.length === 0) return html`<p class="notice" part="notice">${ctx.t.noChoices}</p>`;
  return optionList(
    treatments.map((tr) => ({
      key: tr.id, title: tr.name, detail: [ctx.t.minutes(tr.durationMinutes), tr.description].filter(Boolean).join(' · '),
      selected: ctx.choices.treatmentId === tr.id,
      onSelect: () => ctx.choose({ treatmentId: tr.id }),
    })),
    label,
  );
}

/** The treatment step, with the clinic text above the list (B7). */
export function treatmentStep(ctx: StepContext): TemplateResult {
  return html`${clinicText(ctx)}${treatmentList(ctx)}`;
}
