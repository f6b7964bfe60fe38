import type { SmsGatewayName } from '../../sdk/schemas/messaging.ts';
import { createConsoleGateway } from './gateways/console/console-gateway.ts';
import { createElksGateway } from './gateways/elks/elks-gateway.ts';
import type { SmsGateway } from './gateways/sms-gateway.ts';
import { createTwilioGateway } from './gateways/twilio/twilio-gateway.ts';
import { createMemoryEmailTransport, createSmtpTransport, type EmailTransport } from './email/email-transport.ts';
import type { MessagingChannels } from './worker-context.ts';

/**
 * The gateways and e-mail transport from environment variables (see the
 * README): Twilio when TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are set,
 * 46elks when ELKS_USERNAME and ELKS_PASSWORD are (at ELKS_BASE_URL when set), the console sink always
 * (a file under the data directory); SMS_GATEWAY picks the default (an
 * unconfigured choice fails at start, not at the first send); SMTP when
 * SMTP_URL is set, else a sink that only logs. Webhook URLs are built on
 * `publicUrl` (PUBLIC_URL). With `printSmsBodies` (the demo, when the console
 * sink is the default gateway) the console sink also prints each SMS text,
 * codes included.
 *
 * @example
 * const { channels, webhooks } = channelsFromEnv(process.env, { publicUrl, sinkFile: './data/sms-outbox.jsonl' });
 */
export function channelsFromEnv(env: NodeJS.ProcessEnv, options: { publicUrl: string; sinkFile?: string | undefined; log?: (line: string) => void; printSmsBodies?: boolean }) {
  const log = options.log ?? ((line: string) => console.log(line));
  const printBodies = options.printSmsBodies === true && (env.SMS_GATEWAY || 'console') === 'console';
  const gateways: Partial<Record<SmsGatewayName, SmsGateway>> = { console: createConsoleGateway({ file: env.SMS_SINK_FILE ?? options.sinkFile, log, printBodies }) };
  if (env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN) {
    gateways.twilio = createTwilioGateway({ accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN, messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID });
  }
  if (env.ELKS_USERNAME && env.ELKS_PASSWORD) {
    gateways['46elks'] = createElksGateway({ username: env.ELKS_USERNAME, password: env.ELKS_PASSWORD, dryRun: env.ELKS_DRY_RUN === 'true', baseUrl: env.ELKS_BASE_URL || undefined });
  }
  const wanted = (env.SMS_GATEWAY || 'console') as SmsGatewayName;
  if (!gateways[wanted]) throw new Error(`SMS_GATEWAY=${wanted} is not configured (set its credentials) — configured: ${Object.keys(gateways).join(', ')}`);
  const email: EmailTransport = env.SMTP_URL ? createSmtpTransport({ url: env.SMTP_URL }) : createMemoryEmailTransport(log);
  const channels: MessagingChannels = {
    gateways,
    defaultGateway: wanted,
    email,
    defaultEmailFrom: env.EMAIL_FROM ?? 'Opus Booking <no-reply@localhost>',
    webhookBaseUrl: options.publicUrl,
    elksWebhookSecret: env.ELKS_WEBHOOK_SECRET,
  };
  return { channels, webhooks: { twilioAuthToken: env.TWILIO_AUTH_TOKEN, elksWebhookSecret: env.ELKS_WEBHOOK_SECRET } };
}

/**
 * The worker's timing from the environment: MESSAGING_WORKER_INTERVAL_MS
 * (the longest sleep between ticks, default 5000) and
 * MESSAGING_WORKER_LEASE_MS (how long a claim holds before another worker
 * may take over a dead worker's messages, default 300000). A value that is
 * not a positive number fails at start.
 *
 * @example
 * createWorker({ db, channels, ...workerTimingFromEnv(process.env) });
 */
export function workerTimingFromEnv(env: NodeJS.ProcessEnv): { intervalMs: number; leaseMs: number } {
  const read = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of milliseconds, not "${raw}"`);
    return value;
  };
  return { intervalMs: read('MESSAGING_WORKER_INTERVAL_MS', 5_000), leaseMs: read('MESSAGING_WORKER_LEASE_MS', 300_000) };
}
