import { html, nothing, type TemplateResult } from 'lit';
import type { BookingView } from '../../sdk/schemas/booking.ts';
import type { Locale } from '../../sdk/schemas/common.ts';
import type { Messages } from '../i18n/messages.ts';
import { formatDateTime } from '../internal/format.ts';
import { problemView } from './status-views.ts';

export interface ManageViewModel {
  t: Messages;
  locale: Locale;
  booking: BookingView;
  /** The rebooking and cancellation switches (B16); the API's canRebook/canCancel add the cutoff. */
  rebookingOn: boolean;
  cancellationOn: boolean;
  confirmingCancel: boolean;
  busy: boolean;
  notice: string | undefined;
  error: string | undefined;
  onRebook: () => void;
  onCancel: () => void;
  onCancelAnswer: (yes: boolean) => void;
}

/** The booking behind a manage link (B16): see it, and rebook or cancel while allowed. */
export function manageView(v: ManageViewModel): TemplateResult {
  const { t, booking: b } = v;
  const when = (iso: string) => formatDateTime(iso, v.locale, b.timeZone);
  const booked = b.status === 'booked';
  const changeable = b.canRebook || b.canCancel;
  const why = !booked ? nothing : changeable ? t.manage.deadline(when(b.changeDeadline)) : v.rebookingOn || v.cancellationOn ? t.manage.tooLate : t.manage.notOnline;
  // Not a live region: the element's own live region announces the change once.
  return html`${v.notice ? html`<p class="notice success" part="notice">${v.notice}</p>` : nothing}
    <dl class="booking" part="booking">
      <dt>${t.summary.time}</dt><dd data-booking="time">${when(b.start)}</dd>
      ${b.treatment ? html`<dt>${t.summary.treatment}</dt><dd data-booking="treatment">${b.treatment.name}</dd>` : nothing}
      <dt>${t.summary.provider}</dt><dd data-booking="provider">${b.provider.name}</dd>
      <dt>${t.summary.clinic}</dt><dd data-booking="clinic">${b.clinic.name}<br /><span class="muted">${b.clinic.address}, ${b.clinic.postalCode} ${b.clinic.city}</span>
        ${b.clinic.phone ? html`<br /><a part="link" href="tel:${b.clinic.phone}">${b.clinic.phone}</a>` : nothing}</dd>
      <dt>${t.summary.patient}</dt><dd>${b.patient.firstName} ${b.patient.lastName}</dd>
      <dt>${t.manage.statusLabel}</dt><dd data-booking="status"><span class="status status-${b.status}" part="status">${t.manage.status[b.status]}</span></dd>
    </dl>
    ${why === nothing ? nothing : html`<p class="hint" part="deadline">${why}</p>`}
    ${v.error ? problemView(t, v.error) : nothing}
    ${v.confirmingCancel
      ? html`<div class="confirm-cancel" part="confirm-cancel" role="group" aria-labelledby="cancel-question">
          <p id="cancel-question"><strong>${t.manage.cancelQuestion}</strong></p>
          <div class="actions">
            <button type="button" class="danger" part="button cancel-yes" ?disabled=${v.busy} @click=${() => v.onCancelAnswer(true)}>${t.manage.cancelYes}</button>
            <button type="button" class="secondary" part="button cancel-no" @click=${() => v.onCancelAnswer(false)}>${t.manage.cancelNo}</button>
          </div>
        </div>`
      : booked && changeable
        ? html`<div class="actions">
            ${b.canRebook && b.treatment ? html`<button type="button" part="button rebook" @click=${v.onRebook}>${t.manage.rebook}</button>` : nothing}
            ${b.canCancel ? html`<button type="button" class="secondary" part="button cancel" @click=${v.onCancel}>${t.manage.cancel}</button>` : nothing}
          </div>`
        : nothing}`;
}

/** Before moving: the old and the new time side by side. */
export function confirmRebookView(t: Messages, locale: Locale, booking: BookingView, start: string, busy: boolean, onConfirm: () => void, onBack: () => void): TemplateResult {
  const when = (iso: string) => formatDateTime(iso, locale, booking.timeZone);
  return html`<dl class="booking" part="booking">
      <dt>${t.manage.currentTime}</dt><dd><s>${when(booking.start)}</s></dd>
      <dt>${t.manage.newTime}</dt><dd data-booking="new-time"><strong>${when(start)}</strong></dd>
    </dl>
    <div class="actions">
      <button type="button" part="button confirm-rebook" ?disabled=${busy} @click=${onConfirm}>${t.manage.confirmRebook}</button>
      <button type="button" class="secondary" part="button back" @click=${onBack}>${t.back}</button>
    </div>`;
}
