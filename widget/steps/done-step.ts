import { html, type TemplateResult } from 'lit';
import type { BookingResult } from '../../sdk/schemas/booking.ts';
import type { Messages } from '../i18n/messages.ts';

/** The receipt: booked, with the link to see, move or cancel. */
export function doneStep(t: Messages, result: BookingResult, onAgain: () => void): TemplateResult {
  return html`<p class="success" part="success">${t.bookedText}</p>
    <p><a part="link manage-link" href=${result.manageUrl}>${t.manageLink}</a></p>
    <div class="actions"><button type="button" class="secondary" part="button again" @click=${onAgain}>${t.bookAnother}</button></div>`;
}
