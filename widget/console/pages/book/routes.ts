import type { ConsoleRoute } from '../../router.ts';

/** The book area's pages: the day's book, the console's home page (`HOME`: the shell sends `/` here). */
export const BOOK_ROUTES: ConsoleRoute[] = [
  {
    path: '/book', tag: 'console-book-page', load: () => import('./book-page.ts'), capability: 'read', nav: 'book',
    title: { en: 'Appointment book', nb: 'Timebok', sv: 'Tidbok' },
  },
];
