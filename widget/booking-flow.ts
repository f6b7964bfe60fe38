import type { BookingRequest, BookingResult } from '../sdk/schemas/booking.ts';
import { OpusApiError } from '../sdk/errors.ts';
import type { SlotView } from '../sdk/schemas/slots.ts';
import { OpusBookedEvent } from './events/opus-booked-event.ts';
import type { Messages } from './i18n/messages.ts';
import { choose, currentStep, slotQueryFor, stepsFor, timeZoneFor, validPreselection, type Choices, type Preselection, type StepId } from './internal/flow.ts';
import { codeOf, errorText, isSlotGone, reportError } from './flow-errors.ts';
import type { FlowHost } from './flow-host.ts';
import type { DetailsField } from './steps/details-step.ts';
import { laterSteps, loadLaterSteps } from './steps/load-later-steps.ts';
import type { Verifier } from './verification/verifier.ts';
import type { DetailsValidator, FieldErrors } from './validation/details-validator.ts';
import type { WeekBrowser, WeekView } from './week-browser.ts';

const FORM_PATH = /^(patient\.|campaignCode$|message$)/;

/**
 * The state of one new booking and what the patient's actions do: the step,
 * the choices, the week shown, the form and booking. The element renders it;
 * the pure rules live in `internal/flow.ts`; a booking's manage link is
 * `manage-flow.ts`.
 */
export class BookingFlow {
  steps: StepId[] = [];
  choices: Choices = {};
  preselected: Preselection = {};
  step: StepId = 'clinic';
  off: { reason: string; text: string } | undefined;
  values: Partial<Record<DetailsField, string>> = {};
  errors: FieldErrors = {};
  private touched = new Set<string>();
  errorSummary: string | undefined;
  /** In the time step after a 409: the time was taken meanwhile. */
  notice: string | undefined;
  busy = false;
  actionError: string | undefined;
  result: BookingResult | undefined;
  /** The Idempotency-Key of the booking being made, and the request it was made for. */
  private idempotencyKey: string | undefined;
  private keyedRequest: string | undefined;
  private validator: DetailsValidator | undefined;
  private validatorLoad: Promise<DetailsValidator> | undefined;
  /** The week and day shown in the time step, once the later steps' chunk (which has the time step) is here. */
  private weekBrowser: WeekBrowser | undefined;
  /** The steps, or the login and "my bookings" (issue 8). */
  view: 'steps' | 'account' = 'steps';
  /** The code step, captcha and login (issue 8), with the later steps' chunk. */
  verifier: Verifier | undefined;

  constructor(private readonly host: FlowHost) {}

  /** The time step's week browser; the time step renders only with the later steps' chunk here. */
  get weeks(): WeekBrowser {
    return (this.weekBrowser ??= new (laterSteps()!.WeekBrowser)(this.host.slots));
  }

  private get t(): Messages {
    return this.host.session.t!;
  }

  /** Starts the flow once the session is ready. */
  begin(preselection: Preselection): void {
    const { session } = this.host;
    if (session.state !== 'ready' || !session.org) return;
    this.validator = undefined;
    this.validatorLoad = undefined;
    Object.assign(this, { values: {}, errors: {}, errorSummary: undefined, result: undefined, notice: undefined, actionError: undefined, busy: false });
    this.touched.clear();
    this.weekBrowser?.reset();
    this.off = session.org.bookingOff ?? undefined;
    if (this.off) return this.host.announce(this.off.text);
    const { kept, dropped } = validPreselection(session.catalog!, preselection);
    for (const name of dropped) this.host.warn(`the ${name} attribute names no ${name} that can be booked online; it is ignored`);
    this.preselected = kept;
    this.view = 'steps';
    this.restep();
    this.choices = choose(this.steps, this.steps[0]!, {}, {}, kept);
    this.go(currentStep(this.steps, this.choices));
    if (this.verifier || session.org.settings.flexibility.login) this.verify((v) => v.begin());
  }

  /**
   * The steps for the settings and who is logged in: the login step while a
   * new booking requires it (B15), the code step when a code will be asked
   * for (B11: the verifier knows; until it is here, whenever the
   * organization asks for codes).
   */
  restep(code?: boolean): void {
    const { org } = this.host.session;
    const flex = org!.settings.flexibility;
    const me = this.host.patient.me;
    this.steps = stepsFor(org!.settings.steps, this.preselected, {
      login: flex.login && flex.newBookingRequiresLogin && !me,
      code: code ?? (flex.codeChallenge !== 'off' && !flex.skipConfirmation && !me),
    });
  }

  /** Runs `use` with the verifier once the later steps' chunk is here (a failed chunk shows in the step). */
  verify(use: (verifier: Verifier) => unknown): void {
    loadLaterSteps().then((later) => use((this.verifier ??= new later.Verifier(this.host, this))), () => {});
  }

  /** The confirm button: a code, a captcha, or straight to booking (B11). */
  confirm(): void {
    this.verify((v) => v.confirm());
  }

  /** The "Log in" entry (B15): the login, or my bookings. */
  openAccount(): void {
    this.verify((v) => v.openAccount());
  }

  /** Shows a step: announced, focused (after the first), reported to the page. */
  go(step: StepId): void {
    this.step = step;
    const index = this.steps.indexOf(step) + 1;
    const total = this.steps.length - 1;
    if (step === 'details') {
      void this.loadValidator().catch(() => {});
      this.verify((v) => v.detailsShown());
    }
    this.host.stepShown(step, index, total, step === 'done' ? this.t.bookedTitle : this.t.stepOf(index, total, this.t.steps[step]));
  }

  /** A choice on the current step; the flow moves to the first step still open. */
  choose(change: Partial<Choices>): void {
    if (this.step === 'service' && 'treatmentId' in change && !this.preselected.providerId) change = { ...change, providerId: undefined, anyProvider: undefined };
    this.choices = choose(this.steps, this.step, this.choices, change, this.preselected);
    if (this.step !== 'time') this.weekBrowser?.reset();
    this.notice = undefined;
    this.go(currentStep(this.steps, this.choices));
  }

  back(): void {
    if (this.step === 'code') this.verifier?.reset();
    const index = this.steps.indexOf(this.step);
    if (index > 0) this.go(this.steps[index - 1]!);
  }

  again(): void {
    this.choices = choose(this.steps, this.steps[0]!, {}, {}, this.preselected);
    this.values = {};
    this.errors = {};
    this.touched.clear();
    this.result = undefined;
    this.weekBrowser?.reset();
    this.restep();
    this.go(currentStep(this.steps, this.choices));
  }

  // ---------------------------------------------------------------- time step

  /** The time step's week for the choices, in the chosen clinic's zone. */
  timeView(): WeekView {
    const { session } = this.host;
    const org = session.org!;
    return this.weeks.view({
      timeZone: timeZoneFor(session.catalog!, this.choices, org.timeZone),
      weekend: org.settings.flexibility.weekendBooking,
      anchor: this.choices.slot?.start,
      query: (from, to) => slotQueryFor(this.choices, from, to),
    });
  }

  selectSlot(slot: SlotView): void {
    this.choose({ slot });
  }

  retrySlots(): void {
    const { query } = this.timeView();
    if (query) this.host.slots.invalidate(query);
  }

  /** Before a render: skips empty weeks when the time step opens. */
  beforeRender(): void {
    if (this.view === 'account') return this.verifier?.opened?.beforeRender();
    if (this.step === 'time' && !this.off && this.host.session.state === 'ready' && laterSteps()) this.weeks.skipIfEmpty(this.timeView());
  }

  // ------------------------------------------------------------- details step

  input(field: DetailsField, value: string): void {
    this.values = { ...this.values, [field]: value };
    if (Object.keys(this.errors).length) this.revalidate();
  }

  blur(field: DetailsField): void {
    this.touched.add(field === 'campaignCode' || field === 'message' ? field : `patient.${field}`);
    this.revalidate();
  }

  private revalidate(): void {
    if (!this.validator) return;
    const all = this.formErrors(this.validator(this.request()));
    const errors = Object.fromEntries(Object.entries(all).filter(([path]) => this.touched.has(path)));
    if (JSON.stringify(errors) === JSON.stringify(this.errors)) return;
    this.errors = errors;
    if (!Object.keys(errors).length) this.errorSummary = undefined;
    this.host.requestUpdate();
  }

  private loadValidator(): Promise<DetailsValidator> {
    const org = this.host.session.org!;
    this.validatorLoad ??= loadLaterSteps().then((later) => (this.validator = later.detailsValidator(org.settings.fields, org.locale, this.t)));
    return this.validatorLoad;
  }

  async submitDetails(): Promise<void> {
    let errors: FieldErrors;
    try {
      errors = this.formErrors((await this.loadValidator())(this.request()));
    } catch {
      errors = {}; // The later steps' chunk did not load: the server validates anyway.
      this.validatorLoad = undefined;
    }
    this.showFormErrors(errors);
    if (!Object.keys(errors).length) {
      this.verifier?.confirmShown();
      this.go('confirm');
    }
  }

  private showFormErrors(errors: FieldErrors): void {
    this.errors = errors;
    for (const path of Object.keys(errors)) this.touched.add(path);
    const count = Object.keys(errors).length;
    this.errorSummary = count ? this.t.errors.summary(count) : undefined;
    if (count) this.host.focusAfterRender(`#field-${Object.keys(errors)[0]!.replace(/^patient\./, '')}`);
    this.host.requestUpdate();
  }

  private formErrors(errors: FieldErrors): FieldErrors {
    return Object.fromEntries(Object.entries(errors).filter(([path]) => FORM_PATH.test(path)));
  }

  /** The booking request from the choices and the form; fields switched off are left out. */
  request(): BookingRequest {
    const org = this.host.session.org!;
    const fields = org.settings.fields;
    const v = this.values;
    const text = (field: DetailsField) => v[field]?.trim() || undefined;
    const opt = (field: DetailsField & keyof typeof fields) => (fields[field] !== 'off' ? text(field) : undefined);
    const slot = this.choices.slot;
    return {
      treatmentId: this.choices.treatmentId ?? '',
      clinicId: slot?.clinicId ?? this.choices.clinicId ?? '',
      providerId: slot?.providerId ?? this.choices.providerId ?? '',
      start: slot?.start ?? '',
      patient: {
        firstName: text('firstName') ?? '', lastName: text('lastName') ?? '', nationalId: text('nationalId') ?? '',
        email: opt('email'), mobile: opt('mobile'), address1: opt('address1'), address2: opt('address2'), postalCode: opt('postalCode'), city: opt('city'),
      },
      message: org.settings.flexibility.userMessage ? text('message') : undefined,
      campaignCode: opt('campaignCode'),
      locale: this.host.session.locale,
    };
  }

  // -------------------------------------------------------------- booking

  /**
   * Books; `extra` adds the hold and code or the captcha (issue 8), and
   * `handle` may take a failure first (a wrong code is said at its field).
   */
  async book(extra: Partial<BookingRequest> = {}, handle?: (error: unknown) => boolean): Promise<void> {
    const client = this.host.client;
    if (this.busy || !client) return;
    this.busy = true;
    this.actionError = undefined;
    this.host.requestUpdate();
    try {
      // A retry of the same booking (after a timeout) reuses its key, so the server books it once;
      // a changed booking (other time or details) is a new one: a reused key would be refused (422).
      const request = { ...this.request(), ...extra };
      const keyed = JSON.stringify(request);
      if (!this.idempotencyKey || this.keyedRequest !== keyed) [this.idempotencyKey, this.keyedRequest] = [newKey(), keyed];
      const result = await client.book(request, this.idempotencyKey);
      this.idempotencyKey = undefined;
      this.result = result;
      this.host.dispatchEvent(new OpusBookedEvent(result));
      this.go('done');
    } catch (error) {
      reportError(this.host, error);
      const code = codeOf(error);
      if (handle?.(error)) { /* said where it belongs */ }
      else if (isSlotGone(error)) this.slotGone();
      else if (code === 'booking_off') this.turnedOff(error as OpusApiError);
      else if (code === 'validation_failed') this.serverRejected(error as OpusApiError);
      else this.actionError = errorText(error, this.t);
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** 409 (or a hold run out): back to the time step with a message and fresh times. */
  slotGone(notice = this.t.slotTaken): void {
    this.verifier?.reset();
    this.choices = { ...this.choices, slot: undefined };
    this.idempotencyKey = undefined;
    this.notice = notice;
    this.host.slots.invalidate();
    this.go('time');
  }

  /** Booking was switched off meanwhile (B17): its deviation text instead of the flow. */
  private turnedOff(error: OpusApiError): void {
    this.off = { reason: error.problem?.reason ?? 'booking_off', text: error.problem?.text ?? '' };
    this.host.announce(this.off.text);
  }

  private serverRejected(error: OpusApiError): void {
    const request = this.request();
    const errors: FieldErrors = {};
    // Booking is the later steps' (the verifier's): their chunk is here.
    const { translateIssue } = laterSteps()!;
    for (const issue of error.issues) errors[issue.path] = translateIssue(issue.path, issue.message, issue.code, request, this.t);
    this.idempotencyKey = undefined;
    this.go('details');
    this.showFormErrors(this.formErrors(errors));
  }
}

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
