/**
 * The opus-booking SDK: the zod schemas that are the API's one contract, a
 * typed client, and the error it throws.
 *
 * @example
 * import { createClient } from 'opus-booking/sdk';
 * const client = createClient({ baseUrl: 'http://localhost:3000', organization: 'demo' });
 * const org = await client.getOrganization();
 */
export { createClient, type ClientOptions, type OpusClient } from './client.ts';
export { OpusApiError } from './errors.ts';
export * from './schemas/common.ts';
export * from './schemas/organization.ts';
export * from './schemas/catalog.ts';
export * from './schemas/slots.ts';
export * from './schemas/booking.ts';
export * from './schemas/verification.ts';
export * from './schemas/eid.ts';
export * from './schemas/problem.ts';
export { parseNationalId, type NationalId } from './validation/national-id.ts';
export { parseMobile, countryForLocale, type MobileProblem } from './validation/phone.ts';
export { createAdminClient, staffLogin, acceptStaffInvite, requestStaffPasswordReset, completeStaffPasswordReset, type AdminClientOptions, type OpusAdminClient, type StaffLogin } from './admin-client.ts';
export * from './schemas/messaging.ts';
export * from './schemas/schedules.ts';
export * from './schemas/webhooks.ts';
