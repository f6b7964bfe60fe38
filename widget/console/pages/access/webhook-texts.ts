import type { Locale } from '../../../../sdk/schemas/common.ts';
import type { WebhookDeliveryStatus, WebhookEventType } from '../../../../sdk/schemas/webhooks.ts';
import { translator, type Texts, type Translate } from '../../i18n.ts';

/** Webhook events and delivery statuses in words, for the endpoints and their delivery log. */
const texts = {
  en: {
    'booking.created': 'Booking made', 'booking.rebooked': 'Booking moved', 'booking.cancelled': 'Booking cancelled',
    'patient.change_requested': 'Patient details to check', 'message.failed': 'Message failed', 'webhook.test': 'Test event',
    pending: 'Waiting to be sent', retrying: 'Failed, will try again', delivered: 'Delivered', failed: 'Failed, no more tries',
  },
  nb: {
    'booking.created': 'Time bestilt', 'booking.rebooked': 'Time flyttet', 'booking.cancelled': 'Time avbestilt',
    'patient.change_requested': 'Pasientopplysninger å sjekke', 'message.failed': 'Melding feilet', 'webhook.test': 'Testhendelse',
    pending: 'Venter på sending', retrying: 'Feilet, prøver igjen', delivered: 'Levert', failed: 'Feilet, ingen flere forsøk',
  },
  sv: {
    'booking.created': 'Tid bokad', 'booking.rebooked': 'Tid flyttad', 'booking.cancelled': 'Tid avbokad',
    'patient.change_requested': 'Patientuppgifter att kontrollera', 'message.failed': 'Meddelande misslyckades', 'webhook.test': 'Testhändelse',
    pending: 'Väntar på att skickas', retrying: 'Misslyckades, försöker igen', delivered: 'Levererad', failed: 'Misslyckades, inga fler försök',
  },
} satisfies Texts<WebhookEventType | WebhookDeliveryStatus>;

export type WebhookText = WebhookEventType | WebhookDeliveryStatus;

export const webhookTexts = (locale: Locale) => translator<WebhookText>(texts, locale);

/** The events an endpoint can choose (`webhook.test` goes only where it is asked for). */
export const SUBSCRIBABLE: readonly WebhookEventType[] = ['booking.created', 'booking.rebooked', 'booking.cancelled', 'patient.change_requested', 'message.failed'];

/** An event in words, with its code for those who program against it. */
export const eventName = (t: Translate<WebhookText>, event: WebhookEventType) => `${t(event)} (${event})`;
