import type { ConsoleRoute } from '../../router.ts';

/** The patients area's pages. */
export const PATIENT_ROUTES: ConsoleRoute[] = [];
