import type { ConsoleRoute } from '../../router.ts';

const book = {
  tag: 'console-book-page', load: () => import('./book-page.ts'), capability: 'read',
  title: { en: 'Appointment book', nb: 'Timebok', sv: 'Tidbok' },
} satisfies Omit<ConsoleRoute, 'path'>;

/**
 * The book area's pages: the day's book, the console's home page. The bare
 * address (`/admin/`, `#/`) shows the book as well: the shell's redirect of
 * `/` to `#/book` after a login does not show the page (see the report of
 * issue 10.2), so the root is a route of its own rather than a redirect.
 */
export const BOOK_ROUTES: ConsoleRoute[] = [
  { path: '/book', nav: 'book', ...book },
  { path: '/', ...book },
];
