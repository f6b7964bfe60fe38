import { test } from 'node:test';
import assert from 'node:assert/strict';
import { channelsFromEnv } from './channels-from-env.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/config.ts';
import { statusCallbackUrl } from './worker-context.ts';

const options = { log: () => {} };
const PUBLIC_URL = 'https://book.example.no';
/** The configuration of an environment with PUBLIC_URL set. */
const env = (vars: Record<string, string> = {}) => loadConfig({ PUBLIC_URL, SMS_SINK_FILE: join(tmpdir(), `opus-channels-${process.pid}.jsonl`), ...vars });

test('with nothing set: the console sink and the logging e-mail sink', () => {
  const { channels, webhooks } = channelsFromEnv(env(), options);
  assert.equal(channels.defaultGateway, 'console');
  assert.deepEqual(Object.keys(channels.gateways), ['console']);
  assert.equal(channels.email?.name, 'memory');
  assert.equal(webhooks.twilioAuthToken, undefined);
});

test('Twilio and 46elks from their credentials; SMS_GATEWAY picks one; SMTP_URL gives SMTP', () => {
  const vars = { TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 'tok', ELKS_USERNAME: 'u', ELKS_PASSWORD: 'p', ELKS_WEBHOOK_SECRET: 's', SMS_GATEWAY: '46elks', SMTP_URL: 'smtp://127.0.0.1:2525', EMAIL_FROM: 'Klinikk <post@klinikk.no>' };
  const { channels, webhooks } = channelsFromEnv(env(vars), options);
  assert.deepEqual(Object.keys(channels.gateways).sort(), ['46elks', 'console', 'twilio']);
  assert.equal(channels.defaultGateway, '46elks');
  assert.equal(channels.email?.name, 'smtp');
  assert.equal(channels.defaultEmailFrom, 'Klinikk <post@klinikk.no>');
  assert.deepEqual(webhooks, { twilioAuthToken: 'tok', elksWebhookSecret: 's' });
  assert.equal(statusCallbackUrl(channels, '46elks', 'demo', 'id-1'), 'https://book.example.no/api/v1/webhooks/sms/46elks/demo/status?m=id-1&secret=s');
  assert.equal(statusCallbackUrl(channels, 'twilio', 'demo', 'id-1'), 'https://book.example.no/api/v1/webhooks/sms/twilio/demo/status?m=id-1');
});

test('a gateway chosen without its credentials fails at start, naming what is configured', () => {
  assert.throws(() => channelsFromEnv(env({ SMS_GATEWAY: 'twilio', TWILIO_ACCOUNT_SID: 'AC1' }), options), /SMS_GATEWAY=twilio is not configured.*configured: console/);
});

test('46elks without a webhook secret asks for no delivery reports (its webhook would answer 404)', () => {
  const { channels } = channelsFromEnv(env({ ELKS_USERNAME: 'u', ELKS_PASSWORD: 'p', SMS_GATEWAY: '46elks' }), options);
  assert.equal(statusCallbackUrl(channels, '46elks', 'demo', 'id-1'), undefined);
});

test('worker timing: defaults, overrides, and nonsense refused at start', () => {
  const timing = (config: ReturnType<typeof env>) => ({ intervalMs: config.MESSAGING_WORKER_INTERVAL_MS, leaseMs: config.MESSAGING_WORKER_LEASE_MS });
  assert.deepEqual(timing(env()), { intervalMs: 5000, leaseMs: 300_000 });
  assert.deepEqual(timing(env({ MESSAGING_WORKER_INTERVAL_MS: '1000', MESSAGING_WORKER_LEASE_MS: '2000' })), { intervalMs: 1000, leaseMs: 2000 });
  assert.throws(() => env({ MESSAGING_WORKER_INTERVAL_MS: 'soon' }), /MESSAGING_WORKER_INTERVAL_MS must be a positive number/);
});

test('the demo (printSmsBodies) prints each SMS text on the console sink, code included; never with another gateway as the default', async () => {
  const sms = { to: '+4791234567', from: 'Demo', body: '123456 er koden din hos Demo.', messageId: 'm-1' };
  const printed: string[] = [];
  const demo = channelsFromEnv(env(), { ...options, log: (line) => printed.push(line), printSmsBodies: true });
  await demo.channels.gateways.console!.send(sms);
  assert.ok(printed.some((line) => line.includes('123456 er koden din hos Demo.')), printed.join('\n'));
  assert.ok(!printed.join('\n').includes('91234567'), 'the number is masked');

  const quiet: string[] = [];
  await channelsFromEnv(env(), { ...options, log: (line) => quiet.push(line) }).channels.gateways.console!.send(sms);
  const real: string[] = [];
  await channelsFromEnv(env({ ELKS_USERNAME: 'u', ELKS_PASSWORD: 'p', SMS_GATEWAY: '46elks' }), { ...options, log: (line) => real.push(line), printSmsBodies: true }).channels.gateways.console!.send(sms);
  assert.ok(![...quiet, ...real].join('\n').includes('123456'), 'no text in the log otherwise');
});
