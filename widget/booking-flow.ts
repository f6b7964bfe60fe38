import type { BookingRequest, BookingResult } from '../sdk/schemas/booking.ts';
import type { SlotView } from '../sdk/schemas/slots.ts';
import type { Messages } from './i18n/messages.ts';
import { choose, currentStep, slotQueryFor, stepsFor, timeZoneFor, validPreselection, type Choices, type Preselection, type StepId } from './internal/flow.ts';
import type { FlowHost } from './flow-host.ts';
import type { DetailsField } from './steps/details-step.ts';
import { laterSteps, loadLaterSteps } from './steps/load-later-steps.ts';
import type { Verifier } from './verification/verifier.ts';
import type { DetailsValidator, FieldErrors } from './validation/details-validator.ts';
import type { WeekBrowser, WeekView } from './week-browser.ts';

/**
 * The state of one new booking and what the patient's actions do: the step,
 * the choices, the week shown, the form and booking. The element renders it;
 * the pure rules live in `internal/flow.ts`, the form's and booking's
 * actions in `booking-actions.ts` (a later chunk); a booking's manage link is
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
  /** Fields left once: their errors show (booking-actions.ts). */
  readonly touched = new Set<string>();
  errorSummary: string | undefined;
  /** In the time step after a 409: the time was taken meanwhile. */
  notice: string | undefined;
  busy = false;
  actionError: string | undefined;
  result: BookingResult | undefined;
  /** The Idempotency-Key of the booking being made, and the request it was made for. */
  idempotencyKey: string | undefined;
  keyedRequest: string | undefined;
  validator: DetailsValidator | undefined;
  /** The week and day shown in the time step, once the later steps' chunk (which has the time step) is here. */
  private weekBrowser: WeekBrowser | undefined;
  /** The steps, or the login and "my bookings" (issue 8). */
  view: 'steps' | 'account' = 'steps';
  /** The code step, captcha and login (issue 8), with the later steps' chunk. */
  verifier: Verifier | undefined;

  constructor(readonly host: FlowHost) {}

  /** The time step's week browser; the time step renders only with the later steps' chunk here. */
  get weeks(): WeekBrowser {
    return (this.weekBrowser ??= new (laterSteps()!.WeekBrowser)(this.host));
  }

  get t(): Messages {
    return this.host.session.t!;
  }

  /** Starts the flow once the session is ready. */
  begin(preselection: Preselection): void {
    const { session } = this.host;
    if (session.state !== 'ready' || !session.org) return;
    this.validator = undefined;
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
    if (step === 'details') this.verify((v) => v.detailsShown());
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
    if (query) this.host.slots?.invalidate(query);
  }

  /** Before a render: skips empty weeks when the time step opens. */
  beforeRender(): void {
    if (this.view === 'account') return this.verifier?.opened?.beforeRender();
    if (this.step === 'time' && !this.off && this.host.session.state === 'ready' && laterSteps()) this.weeks.skipIfEmpty(this.timeView());
  }

  // ------------------------------------------------ details step and booking
  // In the later steps' chunk (booking-actions.ts): only those steps call them.

  input(field: DetailsField, value: string): void {
    actions().input(this, field, value);
  }

  blur(field: DetailsField): void {
    actions().blur(this, field);
  }

  submitDetails(): Promise<void> {
    return actions().submitDetails(this);
  }

  /** The booking request from the choices and the form; fields switched off are left out. */
  request(): BookingRequest {
    return actions().request(this);
  }

  /**
   * Books; `extra` adds the hold and code or the captcha (issue 8), and
   * `handle` may take a failure first (a wrong code is said at its field).
   */
  book(extra?: Partial<BookingRequest>, handle?: (error: unknown) => boolean): Promise<void> {
    return actions().book(this, extra, handle);
  }

  /** 409 (or a hold run out): back to the time step with a message and fresh times. */
  slotGone(notice?: string): void {
    actions().slotGone(this, notice);
  }
}

const actions = () => laterSteps()!.bookingActions;
