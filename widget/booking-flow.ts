import type { BookingRequest, BookingResult } from '../sdk/schemas/booking.ts';
import { OpusApiError } from '../sdk/errors.ts';
import type { SlotView } from '../sdk/schemas/slots.ts';
import type { BookingApi } from './api/booking-api.ts';
import type { SessionController } from './controllers/session-controller.ts';
import type { SlotsController } from './controllers/slots-controller.ts';
import { OpusBookedEvent } from './events/opus-booked-event.ts';
import { OpusCancelledEvent } from './events/opus-cancelled-event.ts';
import { OpusRebookedEvent } from './events/opus-rebooked-event.ts';
import type { Messages } from './i18n/messages.ts';
import { addDays, localDateIn, mondayOf, slotsByDay, weekDays, type LocalDate } from './internal/calendar.ts';
import { choose, currentStep, slotQueryFor, stepsFor, timeZoneFor, validPreselection, type Choices, type Preselection, type StepId } from './internal/flow.ts';
import type { DetailsField } from './steps/details-step.ts';
import { loadDetailsValidator, translateIssue, type DetailsValidator, type FieldErrors } from './validation/details-validator.ts';

/** What the flow needs from its element. */
export interface FlowHost {
  readonly session: SessionController;
  readonly slots: SlotsController;
  readonly client: BookingApi | undefined;
  readonly manage: string | null;
  readonly renderRoot: HTMLElement | DocumentFragment;
  requestUpdate(): void;
  dispatchEvent(event: Event): boolean;
  stepShown(step: StepId | 'manage' | 'rebook', index: number, total: number, moveFocus: boolean): void;
  failed(code: string, message: string, status: number): void;
  warn(message: string): void;
}

const WEEKS_TO_LOOK_AHEAD = 4;
const FORM_PATH = /^(patient\.|campaignCode$|message$)/;

/**
 * The state of one visit and what the patient's actions do: the step, the
 * choices, the week shown, the form, booking, and managing a booking. The
 * element renders it; the pure rules live in `internal/flow.ts`.
 */
export class BookingFlow {
  steps: StepId[] = [];
  choices: Choices = {};
  preselected: Preselection = {};
  step: StepId = 'clinic';
  off: { reason: string; text: string } | undefined;
  monday: LocalDate | undefined;
  day: LocalDate | undefined;
  private weeksSkipped = 0;
  private browsed = false;
  values: Partial<Record<DetailsField, string>> = {};
  errors: FieldErrors = {};
  private touched = new Set<string>();
  errorSummary: string | undefined;
  notice: string | undefined;
  busy = false;
  actionError: string | undefined;
  result: BookingResult | undefined;
  private idempotencyKey: string | undefined;
  manageMode: 'view' | 'rebook' | 'confirm-rebook' = 'view';
  rebookSlot: SlotView | undefined;
  confirmingCancel = false;
  manageNotice: string | undefined;
  announcement = '';
  private validator: DetailsValidator | undefined;
  private validatorLoad: Promise<DetailsValidator> | undefined;
  private pendingFocus: string | undefined;
  private shown = false;

  constructor(private readonly host: FlowHost) {}

  private get t(): Messages {
    return this.host.session.t!;
  }

  /** Starts the flow once the session is ready. */
  begin(preselection: Preselection): void {
    const { session } = this.host;
    if (session.state !== 'ready' || !session.org) return;
    this.shown = false;
    this.validator = undefined;
    this.validatorLoad = undefined;
    Object.assign(this, { values: {}, errors: {}, result: undefined, notice: undefined, actionError: undefined, manageMode: 'view', confirmingCancel: false, manageNotice: undefined });
    if (this.host.manage) return this.show('manage');
    this.off = session.org.bookingOff ?? undefined;
    if (this.off) {
      this.announcement = this.off.text;
      return this.host.requestUpdate();
    }
    const { kept, dropped } = validPreselection(session.catalog!, preselection);
    for (const name of dropped) this.host.warn(`the ${name} attribute names no ${name} that can be booked online; it is ignored`);
    this.preselected = kept;
    this.steps = stepsFor(session.org.settings.steps, kept);
    this.choices = choose(this.steps, this.steps[0]!, {}, {}, kept);
    this.go(currentStep(this.steps, this.choices));
  }

  /** Shows a step: announced, focused (after the first), reported to the page. */
  go(step: StepId): void {
    this.step = step;
    const index = this.steps.indexOf(step) + 1;
    const total = this.steps.length - 1;
    this.announcement = step === 'done' ? this.t.bookedTitle : this.t.stepOf(index, total, this.t.steps[step]);
    if (step === 'details') void this.loadValidator();
    if (step === 'confirm') this.idempotencyKey ??= newKey();
    this.host.stepShown(step, index, total, this.shown);
    this.shown = true;
  }

  private show(view: 'manage' | 'rebook'): void {
    this.announcement = view === 'rebook' ? this.t.manage.rebookTitle : this.t.manage.title;
    this.host.stepShown(view, 0, 0, this.shown);
    this.shown = true;
  }

  /** A choice on the current step; the flow moves to the first step still open. */
  choose(change: Partial<Choices>): void {
    if (this.step === 'service' && 'treatmentId' in change && !this.preselected.providerId) change = { ...change, providerId: undefined, anyProvider: undefined };
    this.choices = choose(this.steps, this.step, this.choices, change, this.preselected);
    if (this.step !== 'time') this.resetWeek();
    this.notice = undefined;
    this.go(currentStep(this.steps, this.choices));
  }

  back(): void {
    const index = this.steps.indexOf(this.step);
    if (index > 0) this.go(this.steps[index - 1]!);
  }

  again(): void {
    this.choices = choose(this.steps, this.steps[0]!, {}, {}, this.preselected);
    this.values = {};
    this.errors = {};
    this.touched.clear();
    this.result = undefined;
    this.resetWeek();
    this.go(currentStep(this.steps, this.choices));
  }

  // ---------------------------------------------------------------- time step

  /** The week shown, its search and its free times per day (undefined while loading). */
  timeView() {
    const { session } = this.host;
    const org = session.org!;
    const booking = session.booking;
    const rebooking = this.host.manage !== null && booking?.treatment;
    const fallbackZone = rebooking ? booking.timeZone : timeZoneFor(session.catalog!, this.choices, org.timeZone);
    const today = localDateIn(new Date(), fallbackZone);
    const monday = this.monday ?? mondayOf(this.choices.slot ? localDateIn(new Date(this.choices.slot.start), fallbackZone) : today);
    const weekend = org.settings.flexibility.weekendBooking;
    const from = monday < today ? today : monday;
    const to = addDays(monday, 6);
    const query = rebooking
      ? { treatmentId: booking.treatment!.id, clinicId: booking.clinic.id, providerId: booking.provider.id, from, to }
      : slotQueryFor(this.choices, from, to);
    const entry = query ? this.host.slots.get(query) : undefined;
    const timeZone = entry?.result?.timeZone ?? fallbackZone;
    const days = entry?.result ? slotsByDay(entry.result.slots, timeZone, weekend) : undefined;
    const dates = weekDays(monday, weekend);
    const firstWithTimes = dates.find((d) => days?.get(d)?.length);
    const day = this.day && dates.includes(this.day) ? this.day : firstWithTimes;
    return { query, monday, today, weekend, timeZone, days, day, dates, error: entry?.error ? this.errorText(entry.error, this.t) : undefined };
  }

  week(delta: number): void {
    const { monday } = this.timeView();
    this.browsed = true;
    this.monday = addDays(monday, delta * 7);
    this.day = undefined;
    this.host.requestUpdate();
  }

  selectDay(day: LocalDate): void {
    this.day = day;
    this.pendingFocus = `[data-day="${day}"]`;
    this.host.requestUpdate();
  }

  selectSlot(slot: SlotView): void {
    if (this.host.manage) {
      this.rebookSlot = slot;
      this.manageMode = 'confirm-rebook';
      this.notice = undefined;
      return this.show('rebook');
    }
    this.choose({ slot });
  }

  retrySlots(): void {
    const { query } = this.timeView();
    if (query) this.host.slots.invalidate(query);
  }

  private resetWeek(): void {
    this.monday = undefined;
    this.day = undefined;
    this.weeksSkipped = 0;
    this.browsed = false;
  }

  /** After each render: move focus where an action asked, and skip empty weeks when the time step first opens. */
  afterRender(): void {
    if (this.pendingFocus) {
      this.host.renderRoot.querySelector<HTMLElement>(this.pendingFocus)?.focus();
      this.pendingFocus = undefined;
    }
    const inTime = this.host.manage ? this.manageMode === 'rebook' : this.step === 'time';
    if (!inTime || this.browsed || this.weeksSkipped >= WEEKS_TO_LOOK_AHEAD || this.host.session.state !== 'ready') return;
    const view = this.timeView();
    if (view.days && !view.dates.some((d) => view.days!.get(d)?.length)) {
      this.weeksSkipped++;
      this.monday = addDays(view.monday, 7);
      this.host.requestUpdate();
    }
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
    this.errors = Object.fromEntries(Object.entries(all).filter(([path]) => this.touched.has(path)));
    if (!Object.keys(this.errors).length) this.errorSummary = undefined;
    this.host.requestUpdate();
  }

  private loadValidator(): Promise<DetailsValidator> {
    const org = this.host.session.org!;
    this.validatorLoad ??= loadDetailsValidator(org.settings.fields, org.locale, this.t).then((v) => (this.validator = v));
    return this.validatorLoad;
  }

  async submitDetails(): Promise<void> {
    let errors: FieldErrors;
    try {
      errors = this.formErrors((await this.loadValidator())(this.request()));
    } catch {
      errors = {}; // The validation chunk did not load: the server validates anyway.
      this.validatorLoad = undefined;
    }
    this.showFormErrors(errors);
    if (!Object.keys(errors).length) this.go('confirm');
  }

  private showFormErrors(errors: FieldErrors): void {
    this.errors = errors;
    for (const path of Object.keys(errors)) this.touched.add(path);
    const count = Object.keys(errors).length;
    this.errorSummary = count ? this.t.errors.summary(count) : undefined;
    if (count) this.pendingFocus = `#field-${Object.keys(errors)[0]!.replace(/^patient\./, '')}`;
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
    };
  }

  // -------------------------------------------------------------- booking

  async book(): Promise<void> {
    const client = this.host.client;
    if (this.busy || !client) return;
    this.busy = true;
    this.actionError = undefined;
    this.host.requestUpdate();
    try {
      const result = await client.book(this.request(), (this.idempotencyKey ??= newKey()));
      this.idempotencyKey = undefined;
      this.result = result;
      this.host.dispatchEvent(new OpusBookedEvent(result));
      this.go('done');
    } catch (error) {
      this.report(error);
      const code = error instanceof OpusApiError ? error.code : undefined;
      if (code === 'slot_taken' || code === 'slot_unavailable') this.slotGone();
      else if (code === 'booking_off') this.off = { reason: error instanceof OpusApiError ? (error.problem?.reason ?? code) : code, text: (error as OpusApiError).problem?.text ?? '' };
      else if (code === 'validation_failed') this.serverRejected(error as OpusApiError);
      else this.actionError = this.errorText(error, this.t);
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** 409: back to the time step with a message and fresh times. */
  private slotGone(): void {
    this.choices = { ...this.choices, slot: undefined };
    this.idempotencyKey = undefined;
    this.notice = this.t.slotTaken;
    this.host.slots.invalidate();
    this.go('time');
  }

  private serverRejected(error: OpusApiError): void {
    const request = this.request();
    const errors: FieldErrors = {};
    for (const issue of error.issues) errors[issue.path] = translateIssue(issue.path, issue.message, issue.code, request, this.t);
    this.idempotencyKey = undefined;
    this.go('details');
    this.showFormErrors(this.formErrors(errors));
  }

  // ----------------------------------------------------------- manage (B16)

  startRebook(): void {
    this.manageMode = 'rebook';
    this.manageNotice = undefined;
    this.actionError = undefined;
    this.resetWeek();
    this.show('rebook');
  }

  endRebook(): void {
    this.manageMode = 'view';
    this.rebookSlot = undefined;
    this.notice = undefined;
    this.show('manage');
  }

  async confirmRebook(): Promise<void> {
    const { client, manage } = this.host;
    const slot = this.rebookSlot;
    if (this.busy || !client || !manage || !slot) return;
    this.busy = true;
    this.host.requestUpdate();
    try {
      const booking = await client.rebook(manage, { start: slot.start, providerId: slot.providerId });
      this.host.session.booking = booking;
      this.manageNotice = this.t.manage.rebooked;
      this.host.slots.invalidate();
      this.host.dispatchEvent(new OpusRebookedEvent(booking));
      this.endRebook();
    } catch (error) {
      this.report(error);
      const code = error instanceof OpusApiError ? error.code : undefined;
      if (code === 'slot_taken' || code === 'slot_unavailable') {
        this.manageMode = 'rebook';
        this.notice = this.t.slotTaken;
        this.host.slots.invalidate();
        this.show('rebook');
      } else {
        this.actionError = this.errorText(error, this.t);
      }
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  askCancel(): void {
    this.confirmingCancel = true;
    this.manageNotice = undefined;
    this.pendingFocus = '[part~="cancel-no"]';
    this.host.requestUpdate();
  }

  async answerCancel(yes: boolean): Promise<void> {
    const { client, manage } = this.host;
    if (!yes || !client || !manage) {
      this.confirmingCancel = false;
      this.pendingFocus = '[part~="cancel"]';
      return this.host.requestUpdate();
    }
    this.busy = true;
    this.host.requestUpdate();
    try {
      const booking = await client.cancel(manage);
      this.host.session.booking = booking;
      this.confirmingCancel = false;
      this.manageNotice = this.t.manage.cancelled;
      this.announcement = this.t.manage.cancelled;
      this.pendingFocus = '#step-heading';
      this.host.dispatchEvent(new OpusCancelledEvent(booking));
    } catch (error) {
      this.report(error);
      this.actionError = this.errorText(error, this.t);
      this.confirmingCancel = false;
      // The rules may have changed meanwhile (cutoff passed): show the booking as it is now.
      void this.host.client?.booking(manage).then((b) => { this.host.session.booking = b; this.host.requestUpdate(); }, () => {});
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  // --------------------------------------------------------------- errors

  /** The patient's message for a failure. */
  errorText(error: unknown, t: Messages): string {
    if (error instanceof OpusApiError) {
      if (error.code === 'network') return t.problem.network;
      if (error.status === 404) return t.problem.notFound;
      if (error.code === 'cutoff_passed') return t.manage.tooLate;
      if (error.code === 'rebooking_disabled' || error.code === 'cancellation_disabled') return t.manage.notOnline;
    }
    return t.problem.server;
  }

  private report(error: unknown): void {
    if (error instanceof OpusApiError) this.host.failed(error.code, error.message, error.status);
    else this.host.failed('internal', String(error), 0);
  }
}

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
