import type { SmsGatewayName } from '../../sdk/schemas/messaging.ts';
import { createConsoleGateway } from './gateways/console/console-gateway.ts';
import { createElksGateway } from './gateways/elks/elks-gateway.ts';
import type { SmsGateway } from './gateways/sms-gateway.ts';
import { createTwilioGateway } from './gateways/twilio/twilio-gateway.ts';
import { createMemoryEmailTransport, createSmtpTransport, type EmailTransport } from './email/email-transport.ts';
import type { MessagingChannels } from './worker-context.ts';
import type { Config } from '../config/config.ts';

/** The variables `channelsFromEnv` reads. */
export type MessagingConfig = Pick<Config, 'SMS_GATEWAY' | 'smsSinkFile' | 'TWILIO_ACCOUNT_SID' | 'TWILIO_AUTH_TOKEN' | 'TWILIO_MESSAGING_SERVICE_SID' | 'ELKS_USERNAME' | 'ELKS_PASSWORD' | 'ELKS_DRY_RUN' | 'ELKS_BASE_URL' | 'ELKS_WEBHOOK_SECRET' | 'SMTP_URL' | 'EMAIL_FROM' | 'publicUrl'>;

/**
 * The gateways and e-mail transport from the configuration (see the
 * README): Twilio when TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are set,
 * 46elks when ELKS_USERNAME and ELKS_PASSWORD are (at ELKS_BASE_URL when set), the console sink always
 * (SMS_SINK_FILE, by default a file in the data directory); SMS_GATEWAY picks the default (an
 * unconfigured choice fails at start, not at the first send); SMTP when
 * SMTP_URL is set, else a sink that only logs. Webhook URLs are built on
 * PUBLIC_URL. With `printSmsBodies` (the demo, when the console
 * sink is the default gateway) the console sink also prints each SMS text,
 * codes included.
 *
 * @example
 * const { channels, webhooks } = channelsFromEnv(loadConfig(process.env));
 */
export function channelsFromEnv(config: MessagingConfig, options: { log?: (line: string) => void; printSmsBodies?: boolean } = {}) {
  const log = options.log ?? ((line: string) => console.log(line));
  const printBodies = options.printSmsBodies === true && config.SMS_GATEWAY === 'console';
  const gateways: Partial<Record<SmsGatewayName, SmsGateway>> = { console: createConsoleGateway({ file: config.smsSinkFile, log, printBodies }) };
  if (config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN) {
    gateways.twilio = createTwilioGateway({ accountSid: config.TWILIO_ACCOUNT_SID, authToken: config.TWILIO_AUTH_TOKEN, messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID });
  }
  if (config.ELKS_USERNAME && config.ELKS_PASSWORD) {
    gateways['46elks'] = createElksGateway({ username: config.ELKS_USERNAME, password: config.ELKS_PASSWORD, dryRun: config.ELKS_DRY_RUN, baseUrl: config.ELKS_BASE_URL });
  }
  const wanted = config.SMS_GATEWAY;
  if (!gateways[wanted]) throw new Error(`SMS_GATEWAY=${wanted} is not configured (set its credentials) — configured: ${Object.keys(gateways).join(', ')}`);
  const email: EmailTransport = config.SMTP_URL ? createSmtpTransport({ url: config.SMTP_URL }) : createMemoryEmailTransport(log);
  const channels: MessagingChannels = {
    gateways,
    defaultGateway: wanted,
    email,
    defaultEmailFrom: config.EMAIL_FROM,
    webhookBaseUrl: config.publicUrl,
    elksWebhookSecret: config.ELKS_WEBHOOK_SECRET,
  };
  return { channels, webhooks: { twilioAuthToken: config.TWILIO_AUTH_TOKEN, elksWebhookSecret: config.ELKS_WEBHOOK_SECRET } };
}
