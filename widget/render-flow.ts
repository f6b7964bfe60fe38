import { html, nothing, type TemplateResult } from 'lit';
import { OpusApiError } from '../sdk/errors.ts';
import type { BookingFlow } from './booking-flow.ts';
import type { FlowHost } from './flow-host.ts';
import { errorText } from './flow-errors.ts';
import { timeZoneFor } from './internal/flow.ts';
import { clinicStep } from './steps/clinic-step.ts';
import { providerStep } from './steps/provider-step.ts';
import { serviceStep } from './steps/service-step.ts';
import { bookingOffView, loadingView, problemView } from './steps/status-views.ts';
import { laterSteps, laterStepsFailure, loadLaterSteps } from './steps/load-later-steps.ts';
import type { StepContext } from './steps/step-context.ts';
import { summaryView } from './steps/summary.ts';
import { treatmentStep } from './steps/treatment-step.ts';

interface RenderHost extends FlowHost {
  readonly api: string | null;
}

/** The booking flow: the current step beside "your choices" (B12), or the deviation text when booking is off (B17). */
export function renderFlow(host: RenderHost, flow: BookingFlow): TemplateResult {
  const { session } = host;
  const t = session.t!;
  const org = session.org!;
  if (flow.off) return bookingOffView(flow.off.text, flow.off.reason);
  const flex = org.settings.flexibility;
  // The login entry (B15), out of the booking's way; with it the account view (login, my bookings).
  const entry = flex.login && (flex.smsLogin || org.eidLogin) && flow.step !== 'login'
    ? html`<div class="actions"><button type="button" class="secondary" part="button account" @click=${() => flow.openAccount()}>${laterSteps()?.accountEntryLabel(host, flow) ?? t.steps.login}</button></div>`
    : nothing;
  if (flow.view === 'account') {
    const later = needsLater(host, false);
    return later ? later.verificationView(host, flow) : laterStepsView(host);
  }
  const ctx: StepContext = {
    t, locale: session.locale, org, catalog: session.catalog!, choices: flow.choices,
    apiUrl: (path) => new URL(path, new URL(host.api ?? '', location.href)).href,
    choose: (change) => flow.choose(change),
  };
  const step = flow.step;
  const index = flow.steps.indexOf(step);
  const first = step === 'clinic' || step === 'treatment' || step === 'provider' || step === 'service';
  const later = needsLater(host, first);
  let body: TemplateResult;
  if (!first) body = later ? later.renderLaterStep(host, flow) : laterStepsView(host);
  else switch (step) {
    case 'clinic': body = clinicStep(ctx); break;
    case 'treatment': body = treatmentStep(ctx); break;
    case 'provider': body = providerStep(ctx); break;
    default: body = serviceStep(ctx, flow.preselected.treatmentId !== undefined);
  }
  const zone = timeZoneFor(session.catalog!, flow.choices, org.timeZone);
  return html`${entry}<div class="layout with-summary" part="layout">
    <section class="step" part="step" aria-labelledby="step-heading" data-step=${step}>
      ${step !== 'done' ? html`<p class="progress" part="progress">${t.stepOf(index + 1, flow.steps.length - 1, '').replace(/:\s*$/, '')}</p>` : nothing}
      <h2 id="step-heading" tabindex="-1" part="heading">${step === 'done' ? t.bookedTitle : t.steps[step]}</h2>
      ${index === 0 && org.texts.welcome ? html`<p class="text welcome" part="welcome">${org.texts.welcome}</p>` : nothing}
      ${body}
      ${index > 0 && step !== 'done' ? html`<div class="nav"><button type="button" class="secondary" part="button back" @click=${() => flow.back()}>‹ ${t.back}</button></div>` : nothing}
    </section>
    ${summaryView(ctx, zone)}
  </div>`;
}

/** The later steps' chunk, or undefined while it loads (the host renders again when it is here). */
export function needsLater(host: FlowHost, prefetchOnly: boolean): LaterSteps | undefined {
  const later = laterSteps();
  if (later || laterStepsFailure()) return later;
  // Prefetched once the first step has painted; a failure shows when a later step is reached.
  if (prefetchOnly) setTimeout(() => void loadLaterSteps().catch(() => {}), 50);
  else {
    void loadLaterSteps().then(
      () => host.requestUpdate(),
      (error: unknown) => { host.failed('network', String(error), 0); host.requestUpdate(); },
    );
  }
  return undefined;
}

/** While the later steps' chunk loads, or, when it failed, a message with a retry (never a spinner forever). */
export function laterStepsView(host: FlowHost): TemplateResult {
  const t = host.session.t!;
  if (!laterStepsFailure()) return loadingView(t.loading);
  return problemView(t, errorText(new OpusApiError(0, 'network', 'chunk'), t), () => {
    void loadLaterSteps().catch(() => {}).finally(() => host.requestUpdate());
    host.requestUpdate(); // the spinner while it loads again
  });
}

export type LaterSteps = NonNullable<ReturnType<typeof laterSteps>>;
