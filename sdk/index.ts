/**
 * The opus-booking SDK's public side (`opus-booking/sdk`): the zod schemas of
 * the public API, a typed client, and the error it throws. Safe in a browser:
 * no Node API, no server code (its build has no Node types). The staff side
 * (admin client, staff login, admin schemas) is `opus-booking/sdk/admin`.
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
