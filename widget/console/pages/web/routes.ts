import type { ConsoleRoute } from '../../router.ts';

/** Web settings (seed 001's "Web" tabs): each page with Save, Reset and the live preview. */
export const WEB_ROUTES: ConsoleRoute[] = [
  {
    path: '/web/subdomain', tag: 'console-subdomain-page', load: () => import('./subdomain-page.ts'), capability: 'settings', nav: 'web',
    title: { en: 'Subdomain and organization', nb: 'Underdomene og virksomhet', sv: 'Underdomän och organisation' },
  },
  {
    path: '/web/clinics', tag: 'console-clinics-page', load: () => import('./clinics-page.ts'), capability: 'settings', nav: 'web',
    title: { en: 'Clinics', nb: 'Klinikker', sv: 'Kliniker' },
  },
  {
    path: '/web/providers', tag: 'console-providers-page', load: () => import('./providers-page.ts'), capability: 'settings', nav: 'web',
    title: { en: 'Providers', nb: 'Behandlere', sv: 'Behandlare' },
  },
  {
    path: '/web/treatments', tag: 'console-treatments-page', load: () => import('./treatments-page.ts'), capability: 'settings', nav: 'web',
    title: { en: 'Treatments', nb: 'Behandlinger', sv: 'Behandlingar' },
  },
  {
    path: '/web/schedules', tag: 'console-schedules-page', load: () => import('./schedules-page.ts'), capability: 'settings', nav: 'web',
    title: { en: 'Schedules', nb: 'Timeplaner', sv: 'Scheman' },
  },
  {
    path: '/web/schedules/:providerId/:clinicId', tag: 'console-schedules-page', load: () => import('./schedules-page.ts'), capability: 'settings',
    title: { en: 'Schedule', nb: 'Timeplan', sv: 'Schema' },
  },
  {
    path: '/web/flexibility', tag: 'console-flexibility-page', load: () => import('./flexibility-page.ts'), capability: 'settings', nav: 'web',
    title: { en: 'Flexibility', nb: 'Fleksibilitet', sv: 'Flexibilitet' },
  },
  {
    path: '/web/booking', tag: 'console-booking-settings-page', load: () => import('./booking-page.ts'), capability: 'settings', nav: 'web',
    title: { en: 'Booking settings', nb: 'Bookinginnstillinger', sv: 'Bokningsinställningar' },
  },
  {
    path: '/web/media', tag: 'console-media-page', load: () => import('./media-page.ts'), capability: 'settings', nav: 'web',
    title: { en: 'Texts, colours and logo', nb: 'Tekster, farger og logo', sv: 'Texter, färger och logotyp' },
  },
  {
    path: '/web/deviation', tag: 'console-deviation-page', load: () => import('./deviation-page.ts'), capability: 'settings', nav: 'web',
    title: { en: 'Deviation texts', nb: 'Avvikstekster', sv: 'Avvikelser' },
  },
  {
    path: '/web/email', tag: 'console-email-page', load: () => import('./email-page.ts'), capability: 'settings', nav: 'web',
    title: { en: 'E-mail', nb: 'E-post', sv: 'E-post' },
  },
  {
    path: '/web/advanced', tag: 'console-advanced-page', load: () => import('./advanced-page.ts'), capability: 'settings', nav: 'web',
    title: { en: 'Advanced', nb: 'Avansert', sv: 'Avancerat' },
  },
];
