import type { ConsoleRoute } from './router.ts';
import { BOOK_ROUTES } from './pages/book/routes.ts';
import { PATIENT_ROUTES } from './pages/patients/routes.ts';
import { WEB_ROUTES } from './pages/web/routes.ts';
import { SMS_ROUTES } from './pages/sms/routes.ts';
import { ACCESS_ROUTES } from './pages/access/routes.ts';

/**
 * Every page of the console, in navigation order. Each area keeps its own
 * table beside its pages (`pages/<area>/routes.ts`); the page modules they
 * name are separate chunks, loaded when first shown.
 */
export const ROUTES: readonly ConsoleRoute[] = [...BOOK_ROUTES, ...PATIENT_ROUTES, ...WEB_ROUTES, ...SMS_ROUTES, ...ACCESS_ROUTES];

/** The page a logged-in user lands on: the day's book. */
export const HOME = '/book';
