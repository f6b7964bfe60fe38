import type { ConsoleRoute } from '../../router.ts';

/**
 * The patients area's pages. `/patients/pending` comes before
 * `/patients/:id`, so "pending" is never read as a patient's id.
 */
export const PATIENT_ROUTES: ConsoleRoute[] = [
  {
    path: '/patients', tag: 'console-patient-search-page', load: () => import('./patient-search-page.ts'), capability: 'read', nav: 'patients',
    title: { en: 'Find patients', nb: 'Finn pasienter', sv: 'Hitta patienter' },
  },
  {
    path: '/patients/pending', tag: 'console-pending-changes-page', load: () => import('./pending-changes-page.ts'), capability: 'read', nav: 'patients',
    title: { en: 'Pending changes', nb: 'Endringer som venter', sv: 'Ändringar som väntar' },
  },
  {
    // The patient's name is shown on the page only: the title and the address carry no personal data.
    path: '/patients/:id', tag: 'console-patient-page', load: () => import('./patient-page.ts'), capability: 'read',
    title: { en: 'Patient', nb: 'Pasient', sv: 'Patient' },
  },
];
