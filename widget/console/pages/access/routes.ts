import type { ConsoleRoute } from '../../router.ts';

/** The access area's pages. */
export const ACCESS_ROUTES: ConsoleRoute[] = [];
