import type { ConsoleRoute } from '../../router.ts';

/** The SMS module (seed 000): send, the sent and received lists, texts, settings and service status. */
export const SMS_ROUTES: ConsoleRoute[] = [
  {
    path: '/sms/send', tag: 'console-sms-send-page', load: () => import('./send-page.ts'), capability: 'messaging', nav: 'sms',
    title: { en: 'Send SMS', nb: 'Send SMS', sv: 'Skicka sms' },
  },
  {
    path: '/sms/sent', tag: 'console-sms-sent-page', load: () => import('./sent-page.ts'), capability: 'read', nav: 'sms',
    title: { en: 'Sent SMS', nb: 'Sendte SMS', sv: 'Skickade sms' },
  },
  {
    path: '/sms/received', tag: 'console-sms-received-page', load: () => import('./received-page.ts'), capability: 'read', nav: 'sms',
    title: { en: 'Received SMS', nb: 'Mottatte SMS', sv: 'Mottagna sms' },
  },
  {
    path: '/sms/templates', tag: 'console-sms-templates-page', load: () => import('./templates-page.ts'), capability: 'read', nav: 'sms',
    title: { en: 'SMS texts', nb: 'SMS-tekster', sv: 'Sms-texter' },
  },
  {
    path: '/sms/settings', tag: 'console-sms-settings-page', load: () => import('./settings-page.ts'), capability: 'read', nav: 'sms',
    title: { en: 'SMS settings', nb: 'SMS-innstillinger', sv: 'Sms-inställningar' },
  },
  {
    path: '/sms/status', tag: 'console-sms-status-page', load: () => import('./status-page.ts'), capability: 'read', nav: 'sms',
    title: { en: 'SMS service status', nb: 'SMS-informasjon', sv: 'Sms-tjänstens status' },
  },
];
