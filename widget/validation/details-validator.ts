import type { BookingRequest } from '../../sdk/schemas/booking.ts';
import type { Locale } from '../../sdk/schemas/common.ts';
import type { OrganizationPublic } from '../../sdk/schemas/organization.ts';
import type { Messages } from '../i18n/messages.ts';
import { foreignMobileText } from './foreign-mobile.ts';
import { checkMobile } from './mobile-check.ts';
import { nationalIdValid } from './national-id-check.ts';

/** A form field's problem, by the request path (`patient.mobile`, `campaignCode`). */
export type FieldErrors = Record<string, string>;

/** Checks a booking request's form fields; returns translated messages per path. */
export type DetailsValidator = (request: BookingRequest) => FieldErrors;

/** The longest each form field may be (`sdk/schemas/booking.ts`). */
const MAX_LENGTH: Record<string, number> = {
  'patient.firstName': 100, 'patient.lastName': 100, 'patient.nationalId': 20, 'patient.email': 254, 'patient.mobile': 30,
  'patient.address1': 200, 'patient.address2': 200, 'patient.postalCode': 20, 'patient.city': 100, message: 1000, campaignCode: 50,
};

/**
 * What the check reads of the widget's session (`SessionController`, passed
 * as it is, so the first step's code spends no bytes on picking): the
 * organization's fields, its locale (the country a national number is read
 * in) and the countries it texts; the language shown and its texts.
 */
export interface ValidatorSession {
  org?: Pick<OrganizationPublic, 'settings' | 'locale' | 'smsCountries'> | undefined;
  locale: Locale;
  t?: Messages | undefined;
}

/** zod's email pattern (`z.email()`), which the server's schema uses. */
const EMAIL = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

/**
 * Checks the details form as the server's schema (`bookingRequestFor`) will,
 * without it: required fields per the organization's settings, lengths, the
 * national id's and mobile number's digits, the e-mail's form, and a mobile
 * of a country the organization does not text (as the server will refuse to
 * text it). What it cannot judge (a non-Nordic mobile number) it leaves to the
 * server, whose field errors the form shows the same way (`translateIssue`).
 *
 * @example
 * const validate = detailsValidator(host.session);
 * validate(request); // { 'patient.nationalId': 'Ugyldig fødselsnummer. Sjekk sifrene.' }
 */
export function detailsValidator(session: ValidatorSession): DetailsValidator {
  const { settings: { fields }, locale, smsCountries } = session.org!;
  const t = session.t!;
  const country = locale === 'sv' ? 'SE' : 'NO'; // countryForLocale (sdk/validation/phone.ts)
  return (request) => {
    const { patient } = request;
    const errors: FieldErrors = {};
    const values: Record<string, string | undefined> = {
      ...Object.fromEntries(Object.entries(patient).map(([key, value]) => [`patient.${key}`, typeof value === 'string' ? value : undefined])),
      message: request.message, campaignCode: request.campaignCode,
    };
    const required = ['patient.firstName', 'patient.lastName', 'patient.nationalId',
      ...Object.entries(fields).filter(([, mode]) => mode === 'required').map(([field]) => (field === 'campaignCode' ? field : `patient.${field}`))];
    for (const [path, max] of Object.entries(MAX_LENGTH)) {
      const value = values[path]?.trim();
      if (!value) {
        if (required.includes(path)) errors[path] = t.errors.required;
      } else if (value.length > max) errors[path] = translateIssue(path, '', 'too_big', request, t);
    }
    const id = patient.nationalId;
    if (id && !errors['patient.nationalId'] && !nationalIdValid(id)) errors['patient.nationalId'] = t.errors.nationalId;
    if (patient.email && !errors['patient.email'] && !EMAIL.test(patient.email)) errors['patient.email'] = t.errors.email;
    const mobile = fields.mobile !== 'off' && patient.mobile && !errors['patient.mobile'] ? checkMobile(patient.mobile, country, smsCountries) : undefined;
    if (mobile?.problem === 'foreign_number') errors['patient.mobile'] = foreignMobileText(session.locale, mobile.country, smsCountries);
    else if (mobile?.problem) errors['patient.mobile'] = mobile.problem === 'starts_with_00' ? t.errors.mobile00 : t.errors.mobile;
    return errors;
  };
}

/** The patient's language for a schema issue (the server's, in its problem+json): the schema's messages are for developers. */
export function translateIssue(path: string, message: string, code: string, request: BookingRequest, t: Messages): string {
  const value = valueAt(request, path);
  if (message === 'Required' || value === undefined || value === '') return t.errors.required;
  if (path === 'patient.nationalId') return t.errors.nationalId;
  if (path === 'patient.email') return t.errors.email;
  if (path === 'patient.mobile') return message.includes('00') ? t.errors.mobile00 : t.errors.mobile;
  return code === 'too_small' ? t.errors.required : t.errors.invalid;
}

function valueAt(request: BookingRequest, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), request);
}
