/**
 * The SDK's staff side (`opus-booking/sdk/admin`): the admin client for
 * `/api/v1/admin` (an API key, kept on a server; or a staff login), staff
 * logins, paging, and the admin API's schemas. The public client is
 * `opus-booking/sdk`.
 *
 * @example
 * import { createAdminClient, OpusApiError } from 'opus-booking/sdk/admin';
 * const admin = createAdminClient({ baseUrl: 'https://booking.example.no', apiKey: process.env.OPUS_API_KEY! });
 * const { appointments } = await admin.listAppointments({ from: '2026-12-07', to: '2026-12-13' });
 */
export { createAdminClient, eachPage, staffLogin, acceptStaffInvite, requestStaffPasswordReset, completeStaffPasswordReset, type AdminClientOptions, type AdminCredentials, type OpusAdminClient, type StaffLogin } from '../admin-client.ts';
export { OpusApiError } from '../errors.ts';
export * from '../schemas/admin-common.ts';
export * from '../schemas/book.ts';
export * from '../schemas/catalog-admin.ts';
export * from '../schemas/media.ts';
export * from '../schemas/messaging.ts';
export * from '../schemas/patients.ts';
export * from '../schemas/schedules.ts';
export * from '../schemas/settings.ts';
export * from '../schemas/staff.ts';
export * from '../schemas/webhooks.ts';
