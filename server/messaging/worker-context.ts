import type { Locale } from '../../sdk/schemas/common.ts';
import type { MessagingSettings, SmsGatewayName } from '../../sdk/schemas/messaging.ts';
import type { Executor } from '../db/database.ts';
import type { EmailTransport } from './email/email-transport.ts';
import type { SmsGateway } from './gateways/sms-gateway.ts';
import { isPaused } from './send-time.ts';
import { messagingSettingsFrom } from './settings.ts';
import { minuteOf } from '../time/minutes.ts';

/** The gateways and transports a worker (and the webhooks) can use. */
export interface MessagingChannels {
  /** SMS gateways by name; organizations pick one (S1), else `defaultGateway`. */
  gateways: Partial<Record<SmsGatewayName, SmsGateway>>;
  defaultGateway: SmsGatewayName;
  /** E-mail; null when none is configured (e-mails then wait and retry). */
  email: EmailTransport | null;
  /** The sender when an organization has none, e.g. `"Opus Booking" <no-reply@example.no>`. */
  defaultEmailFrom: string;
  /** Public base URL gateways post webhooks to; without it no delivery reports are asked for. */
  webhookBaseUrl?: string | undefined;
  /** The secret put in 46elks webhook URLs. */
  elksWebhookSecret?: string | undefined;
}

/** What the worker needs to know of an organization for one tick. */
export interface OrganizationMessaging {
  id: string;
  subdomain: string;
  name: string;
  timeZone: string;
  locale: Locale;
  settings: MessagingSettings;
  /** SMS paused now by quiet hours (S6). */
  paused: boolean;
}

/**
 * Every organization's messaging settings, with whether its SMS are paused
 * at `now`. A stored setting that no longer parses pauses that organization
 * rather than sending with a wrong setting.
 */
export async function loadOrganizations(db: Executor, now: Date): Promise<Map<string, OrganizationMessaging>> {
  const rows = await db.selectFrom('organizations').select(['id', 'subdomain', 'name', 'time_zone', 'locale', 'messaging']).execute();
  const minute = minuteOf(now);
  const out = new Map<string, OrganizationMessaging>();
  for (const row of rows) {
    let settings: MessagingSettings;
    try {
      settings = messagingSettingsFrom(row.messaging);
    } catch {
      settings = { ...messagingSettingsFrom({}), smsEnabled: false };
    }
    out.set(row.id, { id: row.id, subdomain: row.subdomain, name: row.name, timeZone: row.time_zone, locale: row.locale, settings, paused: isPaused(minute, settings.pause, row.time_zone) });
  }
  return out;
}

/** The gateway an organization's SMS go through. */
export function gatewayFor(channels: MessagingChannels, org: OrganizationMessaging | undefined): SmsGateway | undefined {
  return channels.gateways[org?.settings.gateway ?? channels.defaultGateway];
}

/** The delivery-report URL for one message, carrying our id (and the 46elks secret). */
export function statusCallbackUrl(channels: MessagingChannels, gateway: SmsGatewayName, subdomain: string, messageId: string): string | undefined {
  if (!channels.webhookBaseUrl || (gateway !== 'twilio' && gateway !== '46elks')) return undefined;
  // Without its secret the 46elks webhook is not served: asking for reports would only earn 404s.
  if (gateway === '46elks' && !channels.elksWebhookSecret) return undefined;
  const url = new URL(`${channels.webhookBaseUrl.replace(/\/$/, '')}/api/v1/webhooks/sms/${gateway}/${subdomain}/status`);
  url.searchParams.set('m', messageId);
  if (gateway === '46elks' && channels.elksWebhookSecret) url.searchParams.set('secret', channels.elksWebhookSecret);
  return url.toString();
}
