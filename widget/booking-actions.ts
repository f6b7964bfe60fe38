import type { BookingRequest } from '../sdk/schemas/booking.ts';
import type { OpusApiError } from '../sdk/errors.ts';
import type { BookingFlow } from './booking-flow.ts';
import { OpusBookedEvent } from './events/opus-booked-event.ts';
import { codeOf, errorText, isSlotGone, reportError } from './flow-errors.ts';
import type { DetailsField } from './steps/details-step.ts';
import { detailsValidator, translateIssue, type DetailsValidator, type FieldErrors } from './validation/details-validator.ts';

/*
 * What the details form and booking do, for `BookingFlow` (whose methods of
 * the same names call these): in the later steps' chunk, as the steps that
 * use them are, so the first step does not download them.
 */

const FORM_PATH = /^(patient\.|campaignCode$|message$)/;

/** A change in a form field: checked again once the form has shown errors. */
export function input(flow: BookingFlow, field: DetailsField, value: string): void {
  flow.values = { ...flow.values, [field]: value };
  if (Object.keys(flow.errors).length) revalidate(flow);
}

/** A field left: its problem, if any, shows from now on. */
export function blur(flow: BookingFlow, field: DetailsField): void {
  flow.touched.add(field === 'campaignCode' || field === 'message' ? field : `patient.${field}`);
  revalidate(flow);
}

/** The details form's check, made once per booking from the organization the widget holds (this chunk has it). */
function validator(flow: BookingFlow): DetailsValidator {
  return flow.validator ??= detailsValidator(flow.host.session);
}

function revalidate(flow: BookingFlow): void {
  const all = formErrors(validator(flow)(request(flow)));
  const errors = Object.fromEntries(Object.entries(all).filter(([path]) => flow.touched.has(path)));
  if (JSON.stringify(errors) === JSON.stringify(flow.errors)) return;
  flow.errors = errors;
  if (!Object.keys(errors).length) flow.errorSummary = undefined;
  flow.host.requestUpdate();
}

/** "Continue" on the details form: its errors, or the confirm step. */
export async function submitDetails(flow: BookingFlow): Promise<void> {
  const errors = formErrors(validator(flow)(request(flow)));
  showFormErrors(flow, errors);
  if (!Object.keys(errors).length) {
    flow.verifier?.confirmShown();
    flow.go('confirm');
  }
}

function showFormErrors(flow: BookingFlow, errors: FieldErrors): void {
  flow.errors = errors;
  for (const path of Object.keys(errors)) flow.touched.add(path);
  const count = Object.keys(errors).length;
  flow.errorSummary = count ? flow.t.errors.summary(count) : undefined;
  if (count) flow.host.focusAfterRender(`#field-${Object.keys(errors)[0]!.replace(/^patient\./, '')}`);
  flow.host.requestUpdate();
}

function formErrors(errors: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter(([path]) => FORM_PATH.test(path)));
}

/** The booking request from the choices and the form; fields switched off are left out. */
export function request(flow: BookingFlow): BookingRequest {
  const { host, values: v, choices } = flow;
  const org = host.session.org!;
  const fields = org.settings.fields;
  const text = (field: DetailsField) => v[field]?.trim() || undefined;
  const opt = (field: DetailsField & keyof typeof fields) => (fields[field] !== 'off' ? text(field) : undefined);
  const slot = choices.slot;
  return {
    treatmentId: choices.treatmentId ?? '',
    clinicId: slot?.clinicId ?? choices.clinicId ?? '',
    providerId: slot?.providerId ?? choices.providerId ?? '',
    start: slot?.start ?? '',
    patient: {
      firstName: text('firstName') ?? '', lastName: text('lastName') ?? '', nationalId: text('nationalId') ?? '',
      email: opt('email'), mobile: opt('mobile'), address1: opt('address1'), address2: opt('address2'), postalCode: opt('postalCode'), city: opt('city'),
    },
    message: org.settings.flexibility.userMessage ? text('message') : undefined,
    campaignCode: opt('campaignCode'),
    locale: host.session.locale,
  };
}

/**
 * Books; `extra` adds the hold and code or the captcha (issue 8), and
 * `handle` may take a failure first (a wrong code is said at its field).
 */
export async function book(flow: BookingFlow, extra: Partial<BookingRequest> = {}, handle?: (error: unknown) => boolean): Promise<void> {
  const { host } = flow;
  const client = host.client;
  if (flow.busy || !client) return;
  flow.busy = true;
  flow.actionError = undefined;
  host.requestUpdate();
  try {
    // A retry of the same booking (after a timeout) reuses its key, so the server books it once;
    // a changed booking (other time or details) is a new one: a reused key would be refused (422).
    const booking = { ...request(flow), ...extra };
    const keyed = JSON.stringify(booking);
    if (!flow.idempotencyKey || flow.keyedRequest !== keyed) [flow.idempotencyKey, flow.keyedRequest] = [newKey(), keyed];
    const result = await client.book(booking, flow.idempotencyKey);
    flow.idempotencyKey = undefined;
    flow.result = result;
    host.dispatchEvent(new OpusBookedEvent(result));
    flow.go('done');
  } catch (error) {
    reportError(host, error);
    const code = codeOf(error);
    if (handle?.(error)) { /* said where it belongs */ }
    else if (isSlotGone(error)) slotGone(flow);
    else if (code === 'booking_off') turnedOff(flow, error as OpusApiError);
    else if (code === 'validation_failed') serverRejected(flow, error as OpusApiError);
    else flow.actionError = errorText(error, flow.t);
  } finally {
    flow.busy = false;
    host.requestUpdate();
  }
}

/** 409 (or a hold run out): back to the time step with a message and fresh times. */
export function slotGone(flow: BookingFlow, notice = flow.t.slotTaken): void {
  flow.verifier?.reset();
  flow.choices = { ...flow.choices, slot: undefined };
  flow.idempotencyKey = undefined;
  flow.notice = notice;
  flow.host.slots?.invalidate();
  flow.go('time');
}

/** Booking was switched off meanwhile (B17): its deviation text instead of the flow. */
function turnedOff(flow: BookingFlow, error: OpusApiError): void {
  flow.off = { reason: error.problem?.reason ?? 'booking_off', text: error.problem?.text ?? '' };
  flow.host.announce(flow.off.text);
}

/** The server's field errors (problem+json), said at the fields as the widget's own are. */
function serverRejected(flow: BookingFlow, error: OpusApiError): void {
  const sent = request(flow);
  const errors: FieldErrors = {};
  for (const issue of error.issues) errors[issue.path] = translateIssue(issue.path, issue.message, issue.code, sent, flow.t);
  flow.idempotencyKey = undefined;
  flow.go('details');
  showFormErrors(flow, formErrors(errors));
}

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
