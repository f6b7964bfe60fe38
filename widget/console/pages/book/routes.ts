import type { ConsoleRoute } from '../../router.ts';

/** The book area's pages. */
export const BOOK_ROUTES: ConsoleRoute[] = [];
