import type { ConsoleRoute } from '../../router.ts';

/** The access area's pages: staff users, API keys, webhooks, the audit log (issue 10.6), and the user's own account. */
export const ACCESS_ROUTES: ConsoleRoute[] = [
  {
    path: '/access/staff', tag: 'console-staff-page', load: () => import('./staff-page.ts'), capability: 'access', nav: 'access',
    title: { en: 'Staff users', nb: 'Brukere', sv: 'Användare' },
  },
  {
    path: '/access/keys', tag: 'console-api-keys-page', load: () => import('./api-keys-page.ts'), capability: 'access', nav: 'access',
    title: { en: 'API keys', nb: 'API-nøkler', sv: 'API-nycklar' },
  },
  {
    path: '/access/webhooks', tag: 'console-webhooks-page', load: () => import('./webhooks-page.ts'), capability: 'integrations', nav: 'access',
    title: { en: 'Webhooks', nb: 'Webhooks', sv: 'Webhooks' },
  },
  {
    path: '/access/webhooks/:id', tag: 'console-webhook-deliveries-page', load: () => import('./webhook-deliveries-page.ts'), capability: 'integrations',
    title: { en: 'Webhook delivery log', nb: 'Leveranselogg for webhook', sv: 'Leveranslogg för webhook' },
  },
  {
    path: '/access/audit', tag: 'console-audit-page', load: () => import('./audit-page.ts'), capability: 'audit', nav: 'access',
    title: { en: 'Audit log', nb: 'Endringslogg', sv: 'Ändringslogg' },
  },
  {
    path: '/account', tag: 'console-account-page', load: () => import('./account-page.ts'), capability: 'read', nav: 'account',
    title: { en: 'My account', nb: 'Min konto', sv: 'Mitt konto' },
  },
];
