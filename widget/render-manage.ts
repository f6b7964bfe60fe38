import { html, nothing, type TemplateResult } from 'lit';
import type { FlowHost } from './flow-host.ts';
import type { ManageFlow } from './manage-flow.ts';
import { laterStepsView, needsLater } from './render-flow.ts';
import { problemView } from './steps/status-views.ts';

/** A booking from its manage link (B16): see it, move it (the time step), cancel it. */
export function renderManage(host: FlowHost, flow: ManageFlow): TemplateResult {
  const { session } = host;
  const t = session.t!;
  const org = session.org!;
  const booking = flow.booking;
  if (!booking) return problemView(t, t.problem.notFound);
  let title = t.manage.title;
  let body: TemplateResult;
  const later = needsLater(host, false);
  if (!later) body = laterStepsView(host);
  else if (flow.mode === 'rebook') {
    title = t.manage.rebookTitle;
    body = html`${later.renderTime(host, flow.weeks, flow.timeView(), {
      selected: flow.slot, notice: flow.timeNotice, onSlot: (s) => flow.selectSlot(s), onRetry: () => flow.retrySlots(),
    })}
      <div class="nav"><button type="button" class="secondary" part="button back" @click=${() => flow.endRebook()}>‹ ${t.manage.keep}</button></div>`;
  } else if (flow.mode === 'confirm-rebook' && flow.slot) {
    title = t.manage.rebookTitle;
    body = html`${flow.error ? problemView(t, flow.error) : nothing}
      ${later.confirmRebookView(t, session.locale, booking, flow.slot.start, flow.busy, () => void flow.confirmRebook(), () => flow.backToTimes())}`;
  } else {
    body = later.manageView({
      t, locale: session.locale, booking, rebookingOn: org.settings.booking.rebooking, cancellationOn: org.settings.booking.cancellation,
      confirmingCancel: flow.confirmingCancel, busy: flow.busy, notice: flow.notice, error: flow.error,
      onRebook: () => flow.startRebook(), onCancel: () => flow.askCancel(), onCancelAnswer: (yes) => void flow.answerCancel(yes),
    });
  }
  return html`<section class="step" part="step" aria-labelledby="step-heading" data-step="manage-${flow.mode}">
    <h2 id="step-heading" tabindex="-1" part="heading">${title}</h2>
    ${body}
  </section>`;
}
