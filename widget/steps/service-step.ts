import { html, nothing, type TemplateResult } from 'lit';
import { clinicText, treatmentList } from './treatment-step.ts';
import { providerList } from './provider-step.ts';
import type { StepContext } from './step-context.ts';

/**
 * The merged view (B2): treatment and provider on one page. The provider
 * list appears once a treatment is chosen; choosing a provider moves on.
 */
export function serviceStep(ctx: StepContext, preselectedTreatment: boolean): TemplateResult {
  const { t } = ctx;
  return html`${clinicText(ctx)}
    ${preselectedTreatment ? nothing : html`<h3 id="service-treatments" class="sub-heading">${t.summary.treatment}</h3>${treatmentList(ctx, t.summary.treatment)}`}
    ${ctx.choices.treatmentId
      ? html`<h3 id="service-providers" class="sub-heading">${t.summary.provider}</h3>${providerList(ctx, t.summary.provider)}`
      : nothing}`;
}
