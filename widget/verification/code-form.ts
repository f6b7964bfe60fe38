import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { VerifyTexts } from './texts/types.ts';

export interface CodeFormView {
  v: VerifyTexts;
  /** Where the code went, masked. */
  sentTo: string;
  code: string;
  error: string | undefined;
  /** Offered with the error when the code can no longer be used (expired, no tries left). */
  newCode: (() => void) | undefined;
  /** Seconds until a new code may be asked for (0: now). */
  resendIn: number;
  /** How long the time is still held ("4:59"), in the booking's code step. */
  heldFor: string | undefined;
  busy: boolean;
  onInput: (code: string) => void;
  onSubmit: () => void;
  onResend: () => void;
}

/**
 * The one-time code input, the same in the booking's code step and the
 * login: one field (`autocomplete="one-time-code"`, numeric keyboard) with
 * its label, hint and error tied to it, the submit button, and "send a new
 * code", disabled with a visible countdown until the server allows it.
 *
 * @example
 * codeForm({ v, sentTo: '+47 ••• •• 567', code: '', error: undefined, newCode: undefined, resendIn: 30, heldFor: '4:59', busy: false, onInput, onSubmit, onResend });
 */
export function codeForm(f: CodeFormView): TemplateResult {
  const { v } = f;
  const describedBy = `field-code-hint${f.error ? ' field-code-error' : ''}`;
  const submit = (event: Event) => { event.preventDefault(); f.onSubmit(); };
  return html`<p id="code-sent" part="code-sent">${v.sentTo(f.sentTo)}</p>
    ${f.heldFor ? html`<p class="hint" part="hold-time">${v.heldFor(f.heldFor)}</p>` : nothing}
    <form class="form" part="form code-form" novalidate @submit=${submit}>
      <div class="field" part="field">
        <label for="field-code" part="label">${v.codeLabel}</label>
        <span class="hint" id="field-code-hint">${v.codeHint}</span>
        <input id="field-code" name="code" part="input" type="text" autocomplete="one-time-code" inputmode="numeric" maxlength="7" spellcheck="false"
          aria-required="true" aria-describedby=${describedBy} aria-invalid=${f.error ? 'true' : 'false'}
          .value=${live(f.code)} @input=${(e: Event) => f.onInput((e.target as HTMLInputElement).value)} />
        ${f.error ? html`<span class="field-error" part="field-error" id="field-code-error">${f.error}</span>` : nothing}
      </div>
      <div class="actions">
        ${f.newCode
          ? html`<button type="button" part="button new-code" @click=${f.newCode}>${v.newCode}</button>`
          : html`<button type="submit" part="button confirm-code" aria-disabled=${f.busy ? 'true' : 'false'}>${f.busy ? v.checking : v.submitCode}</button>`}
        ${f.newCode ? nothing : html`<button type="button" class="secondary" part="button resend" ?disabled=${f.resendIn > 0} aria-describedby=${f.resendIn > 0 ? 'resend-wait' : nothing} @click=${f.onResend}>${v.resend}</button>`}
      </div>
      ${f.resendIn > 0 && !f.newCode ? html`<p class="hint" id="resend-wait" part="resend-wait">${v.resendIn(f.resendIn)}</p>` : nothing}
    </form>`;
}

/**
 * Minutes and seconds left until `iso`, "4:05", never below 0:00.
 *
 * @example
 * timeLeft('2026-01-05T08:05:00Z', Date.parse('2026-01-05T08:00:55Z')); // '4:05'
 */
export function timeLeft(iso: string, now: number): string {
  const seconds = secondsUntil(iso, now);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * Whole seconds until `iso` (0 when past).
 *
 * @example
 * secondsUntil(challenge.resendAt, Date.now()); // 27
 */
export function secondsUntil(iso: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000));
}
