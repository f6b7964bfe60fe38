import type { ConsoleRoute } from '../../router.ts';

/** Web settings (seed 001's "Web" tabs): each page with Save, Reset and the live preview. */
export const WEB_ROUTES: ConsoleRoute[] = [
  {
    path: '/web/subdomain', tag: 'console-subdomain-page', load: () => import('./subdomain-page.ts'), capability: 'settings', nav: 'web',
    title: { en: 'Subdomain and organization', nb: 'Underdomene og virksomhet', sv: 'Underdomän och organisation' },
  },
];
