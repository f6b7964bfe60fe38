import { OpusApiError } from '../../sdk/errors.ts';
export { staffLogin } from '../../sdk/admin-client.ts';

/** The SDK error a rejection is, if it is one. */
export function OpusApiErrorOf(error: unknown): OpusApiError | undefined {
  return error instanceof OpusApiError ? error : undefined;
}
