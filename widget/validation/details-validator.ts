import type { BookingRequest } from '../../sdk/schemas/booking.ts';
import type { RegistrationFields } from '../../sdk/schemas/organization.ts';
import type { Messages } from '../i18n/messages.ts';

/** A form field's problem, by the request path (`patient.mobile`, `campaignCode`). */
export type FieldErrors = Record<string, string>;

/** Checks a booking request the way the server will; returns translated messages per path. */
export type DetailsValidator = (request: BookingRequest) => FieldErrors;

/**
 * Loads the server's own request validation (zod, national-id and mobile
 * libraries) on demand: it is far larger than the rest of the widget, so it
 * is fetched when the details step opens, not before the first step.
 *
 * @example
 * const validate = await loadDetailsValidator(org.settings.fields, org.locale, t);
 * const errors = validate(request); // { 'patient.nationalId': 'Not a valid …' }
 */
export async function loadDetailsValidator(fields: RegistrationFields, locale: string, t: Messages): Promise<DetailsValidator> {
  const [{ bookingRequestFor }, { countryForLocale, mobileCountryKnown }] = await Promise.all([
    import('../../sdk/schemas/booking.ts'),
    import('../../sdk/validation/phone.ts'),
  ]);
  const schema = bookingRequestFor(fields, countryForLocale(locale));
  return (request) => {
    const result = schema.safeParse(request);
    const errors: FieldErrors = {};
    if (result.success) return errors;
    for (const issue of result.error.issues) {
      const path = issue.path.join('.');
      // A country the bundle has no phone metadata for: the server judges the number.
      if (path === 'patient.mobile' && !mobileCountryKnown(String(request.patient.mobile ?? ''))) continue;
      if (!(path in errors)) errors[path] = translateIssue(path, issue.message, issue.code, request, t);
    }
    return errors;
  };
}

/** The patient's language for a schema issue: the schema's messages are for developers. */
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
