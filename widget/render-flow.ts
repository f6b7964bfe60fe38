import { html, nothing, type TemplateResult } from 'lit';
import type { BookingFlow, FlowHost } from './booking-flow.ts';
import { timeZoneFor } from './internal/flow.ts';
import { clinicStep } from './steps/clinic-step.ts';
import { providerStep } from './steps/provider-step.ts';
import { serviceStep } from './steps/service-step.ts';
import { bookingOffView, loadingView, problemView } from './steps/status-views.ts';
import { laterSteps, loadLaterSteps } from './steps/load-later-steps.ts';
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
  const ctx: StepContext = {
    t, locale: session.locale, org, catalog: session.catalog!, choices: flow.choices,
    apiUrl: (path) => new URL(path, new URL(host.api ?? '', location.href)).href,
    choose: (change) => flow.choose(change),
  };
  const step = flow.step;
  const index = flow.steps.indexOf(step);
  const later = needsLater(host, step === 'clinic' || step === 'treatment' || step === 'provider' || step === 'service');
  let body: TemplateResult = loadingView(t.loading);
  if (step === 'clinic' || step === 'treatment' || step === 'provider' || step === 'service' || later) switch (step) {
    case 'clinic': body = clinicStep(ctx); break;
    case 'treatment': body = treatmentStep(ctx); break;
    case 'provider': body = providerStep(ctx); break;
    case 'service': body = serviceStep(ctx, flow.preselected.treatmentId !== undefined); break;
    case 'time': body = renderTime(host, flow, later!); break;
    case 'details':
      body = later!.detailsStep({
        t, fields: org.settings.fields, userMessage: org.settings.flexibility.userMessage, patientInfo: org.texts.patientInfo,
        values: flow.values, errors: flow.errors, errorSummary: flow.errorSummary,
        onInput: (f, v) => flow.input(f, v), onBlur: (f) => flow.blur(f), onSubmit: () => void flow.submitDetails(),
      });
      break;
    case 'confirm':
      body = later!.confirmStep({
        t, patientName: `${flow.values.firstName ?? ''} ${flow.values.lastName ?? ''}`.trim(), busy: flow.busy, error: flow.actionError,
        onConfirm: () => void flow.book(),
      });
      break;
    case 'done': body = later!.doneStep(t, flow.result!, () => flow.again()); break;
  }
  const zone = timeZoneFor(session.catalog!, flow.choices, org.timeZone);
  return html`<div class="layout with-summary" part="layout">
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
function needsLater(host: FlowHost, prefetchOnly: boolean): LaterSteps | undefined {
  const later = laterSteps();
  if (!later) {
    const load = () => loadLaterSteps().then(() => host.requestUpdate());
    // Prefetched once the first step has painted; a failure shows when a later step is reached.
    if (prefetchOnly) setTimeout(() => void load().catch(() => {}), 50);
    else void load().catch((error: unknown) => host.failed('network', String(error), 0));
  }
  return later;
}

type LaterSteps = NonNullable<ReturnType<typeof laterSteps>>;

function renderTime(host: FlowHost, flow: BookingFlow, later: LaterSteps): TemplateResult {
  const v = flow.timeView();
  const { session } = host;
  return later.timeStep({
    t: session.t!, locale: session.locale, timeZone: v.timeZone, monday: v.monday, today: v.today, weekend: v.weekend,
    day: v.day, days: v.days, error: v.error, selected: host.manage ? flow.rebookSlot : flow.choices.slot, notice: flow.notice,
    onWeek: (d) => flow.week(d), onDay: (d) => flow.selectDay(d), onSlot: (s) => flow.selectSlot(s), onRetry: () => flow.retrySlots(),
  });
}

/** A booking from its manage link (B16): see it, move it (the time step), cancel it. */
export function renderManage(host: FlowHost, flow: BookingFlow): TemplateResult {
  const { session } = host;
  const t = session.t!;
  const org = session.org!;
  const booking = session.booking;
  if (!booking) return problemView(t, t.problem.notFound);
  let title = t.manage.title;
  let body: TemplateResult;
  const later = needsLater(host, false);
  if (!later) body = loadingView(t.loading);
  else if (flow.manageMode === 'rebook') {
    title = t.manage.rebookTitle;
    body = html`${renderTime(host, flow, later)}<div class="nav"><button type="button" class="secondary" part="button back" @click=${() => flow.endRebook()}>‹ ${t.manage.keep}</button></div>`;
  } else if (flow.manageMode === 'confirm-rebook' && flow.rebookSlot) {
    title = t.manage.rebookTitle;
    body = html`${flow.actionError ? problemView(t, flow.actionError) : nothing}
      ${later.confirmRebookView(t, session.locale, booking, flow.rebookSlot.start, flow.busy, () => void flow.confirmRebook(), () => { flow.manageMode = 'rebook'; host.requestUpdate(); })}`;
  } else {
    body = later.manageView({
      t, locale: session.locale, booking, rebookingOn: org.settings.booking.rebooking, cancellationOn: org.settings.booking.cancellation,
      confirmingCancel: flow.confirmingCancel, busy: flow.busy, notice: flow.manageNotice, error: flow.actionError,
      onRebook: () => flow.startRebook(), onCancel: () => flow.askCancel(), onCancelAnswer: (yes) => void flow.answerCancel(yes),
    });
  }
  return html`<section class="step" part="step" aria-labelledby="step-heading" data-step="manage-${flow.manageMode}">
    <h2 id="step-heading" tabindex="-1" part="heading">${title}</h2>
    ${body}
  </section>`;
}
