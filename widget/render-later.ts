import { html, type TemplateResult } from 'lit';
import type { BookingFlow } from './booking-flow.ts';
import type { FlowHost } from './flow-host.ts';
import { errorText } from './flow-errors.ts';
import { timeZoneFor } from './internal/flow.ts';
import { confirmStep } from './steps/confirm-step.ts';
import { detailsStep } from './steps/details-step.ts';
import { doneStep } from './steps/done-step.ts';
import { timeStep, type TimeHandlers } from './steps/time-step.ts';
import { captchaStatus, verificationView } from './verification/verification-views.ts';
import type { WeekBrowser, WeekView } from './week-browser.ts';

/**
 * The booking flow's steps after the first ones (time, login, details,
 * confirm, code, done), in the later steps' chunk: `render-flow.ts` frames
 * them as it does the first ones.
 *
 * @example
 * const later = laterSteps();
 * if (later && flow.step === 'time') body = later.renderLaterStep(host, flow);
 */
export function renderLaterStep(host: FlowHost, flow: BookingFlow): TemplateResult {
  const { session } = host;
  const t = session.t!;
  const org = session.org!;
  switch (flow.step) {
    case 'time':
      return renderTime(host, flow.weeks, flow.timeView(), {
        selected: flow.choices.slot, notice: flow.notice, onSlot: (s) => flow.selectSlot(s), onRetry: () => flow.retrySlots(),
      });
    case 'login': case 'code': return verificationView(host, flow);
    case 'details':
      return html`${detailsStep({
        t, fields: org.settings.fields, userMessage: org.settings.flexibility.userMessage, patientInfo: org.texts.patientInfo,
        values: flow.values, errors: flow.errors, errorSummary: flow.errorSummary,
        onInput: (f, v) => flow.input(f, v), onBlur: (f) => flow.blur(f), onSubmit: () => void flow.submitDetails(),
      })}${captchaStatus(host, flow)}`;
    case 'confirm':
      return html`${captchaStatus(host, flow)}${confirmStep({
        t, locale: session.locale, patientName: `${flow.values.firstName ?? ''} ${flow.values.lastName ?? ''}`.trim(),
        start: flow.choices.slot?.start ?? '', timeZone: timeZoneFor(session.catalog!, flow.choices, org.timeZone), rules: org.settings.booking, now: Date.now(),
        busy: flow.busy, error: flow.actionError, onConfirm: () => flow.confirm(),
      })}`;
    default: return doneStep(t, flow.result!, () => flow.again());
  }
}

/**
 * The time step (B6) for a week of either flow; browsing weeks and days is the same in both.
 *
 * @example
 * renderTime(host, flow.weeks, flow.timeView(), { selected, notice, onSlot, onRetry });
 */
export function renderTime(host: FlowHost, weeks: WeekBrowser, v: WeekView, on: Omit<TimeHandlers, 'onWeek' | 'onDay'>): TemplateResult {
  const { session } = host;
  const t = session.t!;
  return timeStep({
    t, locale: session.locale, timeZone: v.timeZone, monday: v.monday, today: v.today, weekend: v.weekend,
    day: v.day, days: v.days, error: v.error ? errorText(v.error, t) : undefined, ...on,
    onWeek: (delta) => {
      weeks.move(v.monday, delta);
      host.requestUpdate();
    },
    onDay: (day) => {
      weeks.select(day);
      host.focusAfterRender(`[data-day="${day}"]`);
      host.requestUpdate();
    },
  });
}
