import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { BookingFlow } from '../booking-flow.ts';
import type { FlowHost } from '../flow-host.ts';
import { renderManage } from '../render-manage.ts';
import { loadingView, problemView } from '../steps/status-views.ts';
import { codeForm, timeLeft } from './code-form.ts';
import type { CodeState, Verifier } from './verifier.ts';

/**
 * The views of issue 8 inside the booking flow: the code step, the login
 * step (a new booking requires login) and, outside the steps, the account
 * view (login, my bookings, log out). They only render; the
 * {@link Verifier} acts.
 *
 * @example
 * case 'code': body = later.verificationView(host, flow); break;
 */
export function verificationView(host: FlowHost, flow: BookingFlow): TemplateResult {
  const verifier = flow.verifier;
  const v = verifier?.texts;
  if (!verifier || !v) return loadingView(host.session.t!.loading);
  if (flow.view === 'account') return accountView(host, flow, verifier);
  // A failure that is not about the code (no answer, a server error) is said above the form.
  if (flow.step === 'code' && verifier.code) return html`${flow.actionError ? problemView(host.session.t!, flow.actionError) : nothing}${codeView(verifier, verifier.code, 'booking', flow.busy)}`;
  if (flow.step === 'login') return loginView(host, verifier, true);
  return loadingView(host.session.t!.loading);
}

function codeView(verifier: Verifier, state: CodeState, purpose: 'booking' | 'login', flowBusy = false): TemplateResult {
  return codeForm({
    v: verifier.texts!, sentTo: state.challenge.sentTo, code: state.code, error: state.error,
    newCode: state.spent ? () => void verifier.resend(state, purpose) : undefined,
    resendIn: verifier.resendIn(state),
    heldFor: purpose === 'booking' && verifier.hold ? timeLeft(verifier.hold.expiresAt, Date.now()) : undefined,
    busy: verifier.busy || flowBusy,
    onInput: (code) => verifier.inputCode(state, code),
    onSubmit: () => void (purpose === 'booking' ? verifier.submitCode() : verifier.submitLoginCode()),
    onResend: () => void verifier.resend(state, purpose),
  });
}

/** The login: mobile → code, or e-ID; then, in the login step, whose booking it is. */
function loginView(host: FlowHost, verifier: Verifier, inSteps: boolean): TemplateResult {
  const v = verifier.texts!;
  const t = host.session.t!;
  const org = host.session.org!;
  const login = verifier.login;
  if (login.phase === 'choose' && host.patient.me) {
    return html`<fieldset class="form" part="form choose-patient">
      <legend>${v.whoIsBooking}</legend>
      <div class="actions">
        ${host.patient.me.patients.map((p, i) => html`<button type="button" class="secondary" part="button patient" data-patient=${i} @click=${() => verifier.choosePatient(p)}>${p.firstName} ${p.lastName}</button>`)}
        <button type="button" class="secondary" part="button patient" data-patient="new" @click=${() => verifier.choosePatient(undefined)}>${v.newPatient}</button>
      </div>
    </fieldset>`;
  }
  const sms = org.settings.flexibility.smsLogin;
  const submit = (event: Event) => { event.preventDefault(); void verifier.sendLoginCode(); };
  return html`${inSteps ? html`<p>${v.loginRequired}</p>` : nothing}
    ${login.error ? problemView(t, login.error) : nothing}
    ${sms && login.phase === 'code' && login.code
      ? codeView(verifier, login.code, 'login')
      : sms ? html`<form class="form" part="form login-form" novalidate @submit=${submit}>
          <div class="field" part="field">
            <label for="field-login-mobile" part="label">${v.mobileLabel}</label>
            <input id="field-login-mobile" name="mobile" part="input" type="tel" autocomplete="tel" aria-required="true"
              aria-describedby=${login.mobileError ? 'field-login-mobile-error' : nothing} aria-invalid=${login.mobileError ? 'true' : 'false'}
              .value=${live(login.mobile)} @input=${(e: Event) => verifier.inputMobile((e.target as HTMLInputElement).value)} />
            ${login.mobileError ? html`<span class="field-error" part="field-error" id="field-login-mobile-error">${login.mobileError}</span>` : nothing}
          </div>
          <div class="actions"><button type="submit" part="button send-code" aria-disabled=${verifier.busy ? 'true' : 'false'}>${v.sendCode}</button></div>
        </form>` : nothing}
    ${org.eidLogin ? html`<div class="actions"><button type="button" class=${sms ? 'secondary' : ''} part="button eid-login" @click=${() => verifier.eidLogin()}>${v.eidLogin}</button></div>` : nothing}`;
}

/** Outside the steps: log in, or (logged in) my bookings, book new, log out. */
function accountView(host: FlowHost, flow: BookingFlow, verifier: Verifier): TemplateResult {
  const v = verifier.texts!;
  const t = host.session.t!;
  const me = host.patient.me;
  const org = host.session.org!;
  if (me && verifier.opened) {
    return html`${renderManage(host, verifier.opened)}
      <div class="nav"><button type="button" class="secondary" part="button back" @click=${() => verifier.closeBooking()}>‹ ${v.backToList}</button></div>`;
  }
  let body: TemplateResult;
  if (!me) body = loginView(host, verifier, false);
  else {
    const who = me.patients[0] ? `${me.patients[0].firstName} ${me.patients[0].lastName}` : me.mobile ?? '';
    const list = !org.settings.flexibility.showBookings ? nothing
      : verifier.bookingsError ? problemView(t, verifier.bookingsError, () => void verifier.loadBookings())
      : !verifier.bookings ? loadingView(t.loading)
      : !verifier.bookings.length ? html`<p part="no-bookings">${v.noBookings}</p>`
      : html`<ul class="options" part="my-bookings">${verifier.bookings.map((b) => html`<li class="actions" part="my-booking">
          <span>${verifier.describe(b)}${b.status === 'cancelled' ? html` <span class="status status-cancelled" part="status">(${t.manage.status.cancelled})</span>` : nothing}</span>
          <button type="button" class="secondary" part="button open-booking" data-open=${b.id} aria-label=${`${v.openBooking}: ${verifier.describe(b)}`} @click=${() => verifier.openBooking(b.id)}>${v.openBooking}</button>
        </li>`)}</ul>`;
    body = html`<p part="logged-in">${v.loggedInAs(who)}</p>${list}
      <div class="actions">
        <button type="button" part="button book-new" @click=${() => verifier.closeAccount()}>${v.bookNew}</button>
        <button type="button" class="secondary" part="button logout" @click=${() => void verifier.logout()}>${v.logOut}</button>
      </div>`;
  }
  return html`<section class="step" part="step" aria-labelledby="step-heading" data-step=${me ? 'account' : 'account-login'}>
    <h2 id="step-heading" tabindex="-1" part="heading">${verifier.accountTitle()}</h2>
    ${verifier.accountNotice ? html`<p class="notice success" part="notice">${verifier.accountNotice}</p>` : nothing}
    ${body}
    ${me ? nothing : html`<div class="nav"><button type="button" class="secondary" part="button back" @click=${() => verifier.closeAccount()}>‹ ${t.back}</button></div>`}
  </section>`;
}

/**
 * Beside the details and confirm steps: the background robot check, said politely; a failure offers a retry.
 *
 * @example
 * html`${detailsStep(view)}${captchaStatus(host, flow)}`;
 */
export function captchaStatus(host: FlowHost, flow: BookingFlow): TemplateResult | typeof nothing {
  const verifier = flow.verifier;
  const v = verifier?.texts;
  if (!verifier || !v || verifier.captcha === 'idle') return nothing;
  if (verifier.captcha === 'failed') return problemView(host.session.t!, v.captchaFailed, () => verifier.retryCaptcha());
  return html`<p class="hint" part="captcha-status">${verifier.captcha === 'done' ? v.captchaDone : v.captchaSolving}</p>`;
}

/**
 * The label of the account entry once logged in ("My appointments", or "My page" without the list); undefined before.
 *
 * @example
 * accountEntryLabel(host, flow) ?? t.steps.login;
 */
export function accountEntryLabel(host: FlowHost, flow: BookingFlow): string | undefined {
  return host.patient.me ? flow.verifier?.accountTitle() : undefined;
}
