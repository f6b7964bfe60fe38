import * as z from 'zod/mini';
import type { CountryCode } from 'libphonenumber-js/mobile';
import { Code, Id, Instant, Locale, Secret, shortText, requiredText } from './common.ts';
import type { RegistrationFields } from './organization.ts';
import { parseNationalId } from '../validation/national-id.ts';
import { parseMobile } from '../validation/phone.ts';

const optionalText = (max: number) => z.optional(shortText(max));

/** The patient's details (B8). Which optional fields are asked for is a setting (W5). */
export const PatientDetails = z.object({
  firstName: requiredText(100),
  lastName: requiredText(100),
  nationalId: z.string().check(
    z.maxLength(20),
    z.refine((v) => parseNationalId(v) !== undefined, 'Not a valid national id (check the digits)'),
  ),
  email: z.optional(z.union([z.literal(''), z.email().check(z.maxLength(254))])),
  mobile: optionalText(30),
  address1: optionalText(200),
  address2: optionalText(200),
  postalCode: optionalText(20),
  city: optionalText(100),
  wantsSms: z.optional(z.boolean()),
});
export type PatientDetails = z.infer<typeof PatientDetails>;

/** What a patient sends to book (B8–B10). */
export const BookingRequest = z.object({
  treatmentId: Id,
  clinicId: Id,
  providerId: Id,
  start: Instant,
  patient: PatientDetails,
  /** The user message (B9), appended to the appointment text. */
  message: optionalText(1000),
  /** The campaign code (B10), shown in the appointment text as `CC: <code>`. */
  campaignCode: optionalText(50),
  /** The language the patient booked in (the widget sends its own): the manage link opens in it. */
  locale: z.optional(Locale),
  /** The hold (`POST /holds`) this booking turns into an appointment; it must be for the same time. */
  holdId: z.optional(Secret),
  /** The code challenge's answer (B11), when the organization asks for one: the verification and the code. */
  verification: z.optional(z.object({ id: Secret, code: Code })),
  /** The solved bot check (ALTCHA payload, base64), when the organization has no code challenge and does not skip confirmation. */
  captcha: z.optional(z.string().check(z.maxLength(4000))),
});
export type BookingRequest = z.infer<typeof BookingRequest>;

const MOBILE_MESSAGES = {
  starts_with_00: 'Write the country code with + instead of 00',
  not_a_mobile_number: 'Not a valid mobile number',
} as const;

/**
 * The booking request as one organization accepts it: required fields per its
 * registration settings, the mobile number read in its country. The server
 * validates with this; the widget can check the form with the same schema.
 *
 * @example
 * const schema = bookingRequestFor(org.settings.fields, 'NO');
 * const result = schema.safeParse(body); // issues name e.g. ['patient', 'mobile']
 */
export function bookingRequestFor(fields: RegistrationFields, country: CountryCode) {
  return BookingRequest.check(
    z.superRefine((request, ctx) => {
      const patient = request.patient;
      const required: Array<[keyof RegistrationFields, string | undefined]> = [
        ['email', patient.email],
        ['mobile', patient.mobile],
        ['address1', patient.address1],
        ['address2', patient.address2],
        ['postalCode', patient.postalCode],
        ['city', patient.city],
      ];
      for (const [field, value] of required) {
        if (fields[field] === 'required' && !value) {
          ctx.issues.push({ code: 'custom', message: 'Required', path: ['patient', field], input: value });
        }
      }
      if (fields.campaignCode === 'required' && !request.campaignCode) {
        ctx.issues.push({ code: 'custom', message: 'Required', path: ['campaignCode'], input: request.campaignCode });
      }
      if (fields.mobile !== 'off' && patient.mobile) {
        const mobile = parseMobile(patient.mobile, country);
        if (!mobile.ok) {
          ctx.issues.push({ code: 'custom', message: MOBILE_MESSAGES[mobile.problem], path: ['patient', 'mobile'], input: patient.mobile });
        }
      }
    }),
  );
}

/** Move a booking to another time (and optionally another provider at the same clinic). */
export const RebookRequest = z.object({ start: Instant, providerId: z.optional(Id) });
export type RebookRequest = z.infer<typeof RebookRequest>;

/** A booking as its manage link shows it (B16). */
export const BookingView = z.object({
  id: Id,
  status: z.enum(['booked', 'cancelled']),
  start: Instant,
  end: Instant,
  timeZone: z.string(),
  clinic: z.object({ id: Id, name: z.string(), address: z.string(), postalCode: z.string(), city: z.string(), phone: z.string() }),
  provider: z.object({ id: Id, name: z.string() }),
  treatment: z.nullable(z.object({ id: Id, name: z.string(), durationMinutes: z.int() })),
  patient: z.object({ firstName: z.string(), lastName: z.string() }),
  /** Whether the patient may still rebook / cancel online, and until when. */
  canRebook: z.boolean(),
  canCancel: z.boolean(),
  changeDeadline: Instant,
  /** The language it was booked in, when the booking said (the widget does). */
  locale: z.optional(Locale),
});
export type BookingView = z.infer<typeof BookingView>;

/**
 * The answer to a new booking: the booking and the secret link to manage it.
 * It says nothing of an existing patient record (issue 8.4): the patient is
 * shown as typed, and whether the details differed from a record is for
 * staff only.
 */
export const BookingResult = z.object({
  booking: BookingView,
  manageToken: z.string(),
  manageUrl: z.string(),
});
export type BookingResult = z.infer<typeof BookingResult>;
