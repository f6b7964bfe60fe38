import { LitElement, adoptStyles, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { bookingApi, type BookingApi } from './api/booking-api.ts';
import { SessionController } from './controllers/session-controller.ts';
import type { SlotsController } from './controllers/slots-controller.ts';
import { OpusErrorEvent } from './events/opus-error-event.ts';
import { OpusStepEvent } from './events/opus-step-event.ts';
import { BookingFlow } from './booking-flow.ts';
import { errorText, reportError } from './flow-errors.ts';
import type { FlowHost, PatientState, ViewId } from './flow-host.ts';
import { asLocale } from './internal/locale.ts';
import type { ManageFlow } from './manage-flow.ts';
import { renderFlow } from './render-flow.ts';
import { laterSteps } from './steps/load-later-steps.ts';
import { loadingView, problemView } from './steps/status-views.ts';
import { styles } from './styles.ts';

const LAYOUTS = ['inline', 'dialog'];

/**
 * Online booking for a clinic: `<opus-booking api="https://booking.example.no" organization="demo">`.
 * Shadow DOM, no globals; any number per page.
 *
 * @attr api - Where the opus-booking server is (required).
 * @attr organization - The organization's subdomain (required).
 * @attr locale - `nb`, `sv` or `en`; default a manage link's booking's own, then the organization's, then the browser's.
 * @attr clinic - Preselected clinic id: the clinic step is skipped.
 * @attr provider - Preselected provider id: the provider step is skipped.
 * @attr treatment - Preselected treatment id: the treatment step is skipped.
 * @attr layout - `inline` (default) or `dialog`: a button that opens the flow in a modal dialog.
 * @attr manage - A booking's manage token: shows that booking, with rebook and cancel (B16).
 * @attr hide-logo - Leave out the organization's logo (the hosted page shows its own).
 * @attr request-timeout - Milliseconds before an API call is given up and a message with a retry is shown (default 15000).
 *
 * @event opus-step - {@link OpusStepEvent} a step is shown (W12 analytics).
 * @event opus-booked - {@link OpusBookedEvent} a booking was made.
 * @event opus-rebooked - {@link OpusRebookedEvent} a booking was moved.
 * @event opus-cancelled - {@link OpusCancelledEvent} a booking was cancelled.
 * @event opus-error - {@link OpusErrorEvent} an API call or an attribute failed.
 *
 * @slot button - The label of the dialog layout's open button.
 *
 * @csspart base - The widget's box. @csspart header - Logo row. @csspart logo - The organization's logo.
 * @csspart layout - The step and the summary side by side. @csspart step - The current step.
 * @csspart progress - "Step 2 of 5". @csspart heading - The step heading. @csspart welcome - The welcome text (B7).
 * @csspart options - A list of choices. @csspart option - One choice (also `option-selected`). @csspart photo - A provider photo.
 * @csspart group - A clinic group. @csspart group-heading - Its name. @csspart clinic-text - The clinic text (B7).
 * @csspart week-nav - Week buttons. @csspart week-label - The week shown. @csspart days - The week's days. @csspart day - One day (also `day-selected`).
 * @csspart times - The free times. @csspart time - One time (also `time-selected`).
 * @csspart form - The details form. @csspart field - A label, input and error. @csspart label @csspart input @csspart field-error
 * @csspart error-summary - "2 fields need your attention".
 * @csspart patient-info - The patient-info text (B7). @csspart summary - "Your choices" (B12). @csspart summary-heading
 * @csspart button - Every button (also `back`, `continue`, `confirm`, `retry`, `rebook`, `cancel`, `account`, `confirm-code`, `resend`, `new-code`, `send-code`, `eid-login`, `open-booking`, `logout`…). @csspart link
 * @csspart notice - Info and 409 messages. @csspart problem - A failure with its retry. @csspart booking-off - The deviation text (B17).
 * @csspart loading @csspart success @csspart booking - A booking's details. @csspart status - Its status. @csspart deadline - Until when it can be changed.
 * @csspart confirm-cancel - The "cancel this appointment?" question. @csspart open-button @csspart dialog @csspart close-button
 * @csspart code-form - The one-time code form (code step, login). @csspart code-sent - "We sent a code to …".
 * @csspart hold-time - How long the time is held. @csspart resend-wait - The countdown before a new code may be asked for.
 * @csspart captcha-status - "Checking that you are not a robot…". @csspart login-form - The login's mobile form.
 * @csspart choose-patient - Whose booking it is (several records). @csspart logged-in - Who is logged in.
 * @csspart my-bookings - The logged-in patient's appointments. @csspart my-booking - One of them. @csspart no-bookings - None.
 *
 * @cssprop --opus-color-primary - Buttons, selection, focus (default: the organization's primary colour).
 * @cssprop --opus-color-on-primary - Text on primary (default #fff).
 * @cssprop --opus-color-accent - Accent (default: the organization's accent colour).
 * @cssprop --opus-color-text @cssprop --opus-color-muted @cssprop --opus-color-background @cssprop --opus-color-surface
 * @cssprop --opus-color-border @cssprop --opus-color-error @cssprop --opus-color-success @cssprop --opus-color-link
 * @cssprop --opus-font-family @cssprop --opus-font-size @cssprop --opus-radius @cssprop --opus-padding @cssprop --opus-focus-ring
 * @cssprop --opus-min-height - Height reserved from the first frame, so the page does not shift when the first step shows (default 34rem, 54rem below 44rem wide where the summary stacks under the step). Set it to your first step's height if it is taller.
 */
export class OpusBooking extends LitElement implements FlowHost {
  static override styles = styles;
  static override properties = {
    api: { type: String },
    organization: { type: String },
    locale: { type: String },
    clinic: { type: String },
    provider: { type: String },
    treatment: { type: String },
    layout: { type: String, reflect: true },
    manage: { type: String },
    hideLogo: { type: Boolean, attribute: 'hide-logo' },
    requestTimeout: { type: Number, attribute: 'request-timeout' },
  };

  declare api: string | null;
  declare organization: string | null;
  declare locale: string | null;
  declare clinic: string | null;
  declare provider: string | null;
  declare treatment: string | null;
  declare layout: string | null;
  declare manage: string | null;
  declare hideLogo: boolean;
  declare requestTimeout: number | null;

  readonly session = new SessionController(this);
  slots: SlotsController | undefined;
  readonly flow = new BookingFlow(this);
  /** A manage link's flow, once its chunk is here (widget/manage.ts). */
  manageFlow: ManageFlow | undefined;
  private manageView: typeof import('./manage.ts') | undefined;
  client: BookingApi | undefined;
  /** The logged-in patient (issue 8): memory only. */
  readonly patient: PatientState = {};
  private patientOf = '';
  private misconfigured = false;
  /** What the live region says: the view shown, a change made, booking off. */
  private announcement = '';
  /** Where focus goes once the coming render is done. */
  private focusTarget: string | undefined;
  /** Whether a view was shown since the last start: the first one does not take focus from the page. */
  private viewShown = false;
  private dialogOpen = false;
  /** Whether the later steps' styles are adopted (they come with their chunk). */
  private laterStyled = false;

  constructor() {
    super();
    this.api = null;
    this.organization = null;
    this.locale = null;
    this.clinic = null;
    this.provider = null;
    this.treatment = null;
    this.layout = null;
    this.manage = null;
    this.hideLogo = false;
    this.requestTimeout = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const keys = ['api', 'organization', 'locale', 'clinic', 'provider', 'treatment', 'manage', 'requestTimeout'] as const;
    if (keys.some((key) => changed.has(key))) this.start();
    if (changed.has('layout') && this.layout !== null && !LAYOUTS.includes(this.layout)) {
      this.warn(`layout="${this.layout}" is not one of ${LAYOUTS.join(', ')}; using inline`);
    }
    // Empty weeks are skipped here, before rendering, so no second update follows this one.
    if (this.session.state === 'ready') (this.manage ? this.manageFlow : this.flow)?.beforeRender();
    // The render may remove the focused control (the button that led here), which drops focus to
    // the page until updated() moves it. A target already there (the step heading, which every step
    // keeps) takes focus first; done here, any state a blur handler changes is still rendered now.
    const target = this.focusTarget && this.shadowRoot?.activeElement ? this.renderRoot.querySelector<HTMLElement>(this.focusTarget) : null;
    if (target && target !== this.shadowRoot?.activeElement) target.focus();
  }

  /** (Re)loads everything for the current attributes. */
  start(): void {
    this.viewShown = false;
    this.announcement = '';
    if (this.locale !== null && !asLocale(this.locale)) {
      this.warn(`locale="${this.locale}" is not one of nb, sv, en; using the organization's language`);
    }
    if (!this.api || !this.organization) {
      this.misconfigured = true;
      this.client = undefined;
      this.warn('the api and organization attributes are required, e.g. <opus-booking api="https://booking.example.no" organization="demo">');
      void this.session.loadTexts(this.locale);
      return;
    }
    this.misconfigured = false;
    // A session belongs to one server and organization.
    if (this.patientOf !== (this.patientOf = `${this.api} ${this.organization}`)) this.patient.token = this.patient.me = undefined;
    let timeoutMs: number | undefined;
    if (this.requestTimeout !== null) {
      if (Number.isFinite(this.requestTimeout) && this.requestTimeout > 0) timeoutMs = this.requestTimeout;
      else this.warn(`request-timeout="${this.getAttribute('request-timeout') ?? ''}" is not a number of milliseconds; using 15000`);
    }
    this.client = bookingApi({ api: this.api, organization: this.organization, sessionToken: () => this.patient.token, ...(timeoutMs ? { timeoutMs } : {}) });
    const client = this.client;
    const manageView = this.manage ? import('./manage.ts').then((module) => {
      this.manageView = module;
      this.manageFlow ??= new module.ManageFlow(this);
    }) : undefined;
    void Promise.all([this.session.load(client, { locale: this.locale, manageToken: this.manage }), manageView]).then(() => {
      if (client !== this.client) return; // superseded
      if (this.session.state !== 'ready') return reportError(this, this.session.error); // shown with a retry
      if (this.manage) this.manageFlow!.begin();
      else this.flow.begin({ clinicId: this.clinic ?? undefined, providerId: this.provider ?? undefined, treatmentId: this.treatment ?? undefined });
    }, (error: unknown) => {
      // The manage chunk did not load: shown like a failed load, with a retry.
      if (client !== this.client) return;
      this.session.state = 'error';
      this.session.error = error;
      this.requestUpdate();
      reportError(this, error);
    });
  }

  /** FlowHost: a view is shown. */
  stepShown(view: ViewId, index: number, total: number, announcement: string): void {
    this.announcement = announcement;
    if (this.viewShown) this.focusTarget = '#step-heading';
    this.viewShown = true;
    this.dispatchEvent(new OpusStepEvent(view, index, total));
    this.requestUpdate();
  }

  /** FlowHost: a message for screen-reader users. */
  announce(text: string): void {
    this.announcement = text;
    this.requestUpdate();
  }

  /** FlowHost: focus moves once the coming render is done. */
  focusAfterRender(selector: string): void {
    this.focusTarget = selector;
  }

  /** FlowHost: report a failure to the page (the patient sees a translated message). */
  failed(code: string, message: string, status: number): void {
    this.dispatchEvent(new OpusErrorEvent(code, message, status));
  }

  /** FlowHost: an attribute problem, for the page's developer. */
  warn(message: string): void {
    console.warn(`<opus-booking>: ${message}`);
    this.dispatchEvent(new OpusErrorEvent('invalid_attribute', message));
  }

  protected override update(changed: PropertyValues<this>): void {
    // The later steps' look, adopted before the first render that may show one of them.
    const later = laterSteps();
    if (later && !this.laterStyled && this.shadowRoot) {
      this.laterStyled = true;
      adoptStyles(this.shadowRoot, [...(this.constructor as typeof OpusBooking).elementStyles, later.laterStyles]);
    }
    super.update(changed);
  }

  protected override updated(): void {
    this.applyOrganizationTheme();
    const target = this.focusTarget;
    if (!target) return;
    this.focusTarget = undefined;
    // After the update has completed: moving focus blurs a form field, whose handler may update again.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(target)?.focus());
  }

  /**
   * The organization's colours go on through the CSSOM, not a `style`
   * attribute: a page with a strict Content-Security-Policy (the hosted page,
   * clinics' own) blocks style attributes, not `style.setProperty`.
   */
  private applyOrganizationTheme(): void {
    const theme = this.session.org?.theme;
    const base = theme && this.renderRoot.querySelector<HTMLElement>('.base');
    if (!theme || !base) return;
    base.style.setProperty('--_org-primary', theme.primaryColor);
    base.style.setProperty('--_org-accent', theme.accentColor);
  }

  protected override render(): TemplateResult {
    if (this.layout !== 'dialog') return this.renderContent();
    const t = this.session.t;
    return html`<button type="button" part="button open-button" @click=${this.openDialog}><slot name="button">${t?.openBooking ?? 'Book an appointment'}</slot></button>
      <dialog part="dialog" aria-label=${t?.openBooking ?? 'Book an appointment'} @close=${() => { this.dialogOpen = false; }}>
        <div class="dialog-bar"><button type="button" class="secondary" part="button close-button" @click=${this.closeDialog}>${t?.close ?? 'Close'}</button></div>
        ${this.dialogOpen ? this.renderContent() : nothing}
      </dialog>`;
  }

  private openDialog = (): void => {
    this.dialogOpen = true;
    this.requestUpdate();
    void this.updateComplete.then(() => this.renderRoot.querySelector('dialog')?.showModal());
  };

  private closeDialog = (): void => {
    this.renderRoot.querySelector('dialog')?.close();
  };

  private renderContent(): TemplateResult {
    const { session } = this;
    const t = session.t;
    const org = session.org;
    let body: TemplateResult;
    if (this.misconfigured) body = problemView(t ?? FALLBACK, (t ?? FALLBACK).misconfigured);
    else if (session.state === 'error' || !t) {
      body = session.state === 'error' ? problemView(t ?? FALLBACK, errorText(session.error, t ?? FALLBACK), () => this.start()) : loadingView(FALLBACK.loading);
    } else if (session.state !== 'ready' || !org) body = loadingView(t.loading);
    else if (!this.manage) body = renderFlow(this, this.flow);
    else body = this.manageView && this.manageFlow ? this.manageView.renderManage(this, this.manageFlow) : loadingView(t.loading);
    return html`<div class="base" part="base" lang=${session.locale}>
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      ${org?.theme.logoUrl && !this.hideLogo ? html`<div class="header" part="header"><img class="logo" part="logo" src=${org.theme.logoUrl} alt=${org.name} /></div>` : nothing}
      ${body}
    </div>`;
  }
}

/** Texts before any locale has loaded (or when none can): English. */
const FALLBACK = {
  loading: 'Loading…',
  misconfigured: 'Online booking is not set up correctly on this page.',
  problem: { network: 'We could not reach the booking service. Check your connection and try again.', server: 'Something went wrong. Please try again.', notFound: 'Not found.', retry: 'Try again' },
} as unknown as NonNullable<SessionController['t']>;
