import type { ConsoleRoute } from '../../router.ts';

/** The sms area's pages. */
export const SMS_ROUTES: ConsoleRoute[] = [];
