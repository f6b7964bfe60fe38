import { html, type TemplateResult } from 'lit';
import type { Messages } from '../i18n/messages.ts';

/** A failure the patient can retry: a translated message and a button, announced. */
export function problemView(t: Messages, message: string, onRetry?: () => void): TemplateResult {
  return html`<div class="problem" part="problem" role="alert">
    <p>${message}</p>
    ${onRetry ? html`<button type="button" part="button retry" @click=${onRetry}>${t.problem.retry}</button>` : ''}
  </div>`;
}

/** Booking is off (B17): the organization's deviation text instead of the flow. */
export function bookingOffView(text: string, reason: string): TemplateResult {
  return html`<div class="off" part="booking-off" role="status" data-reason=${reason}><p>${text}</p></div>`;
}

/** While the first data loads: the reserved space with a busy state, no layout shift. */
export function loadingView(label: string): TemplateResult {
  return html`<div class="loading" part="loading" role="status" aria-busy="true"><span class="spinner" aria-hidden="true"></span><span>${label}</span></div>`;
}
