import * as z from 'zod/mini';
import { trustProxyFromEnv } from '../rate-limit/client-ip.ts';

/** One environment variable: how it is read, its default as the README shows it, and what it means. */
export interface Variable<T> {
  schema: z.ZodMiniType<T, string | undefined>;
  default: string;
  meaning: string;
  /** Never echoed back in an error message. */
  secret?: boolean;
}

/**
 * A variable read with `parse`: unset or empty gives `fallback`; a value
 * `parse` answers undefined for is an issue saying what was expected.
 */
function read<T>(expected: string, parse: (raw: string) => T | undefined, fallback: T) {
  return z.pipe(z.optional(z.string()), z.transform((raw: string | undefined, ctx): T => {
    if (raw === undefined || raw === '') return fallback;
    const value = parse(raw);
    if (value === undefined) {
      ctx.issues.push({ code: 'custom', message: expected, input: raw });
      return z.NEVER;
    }
    return value;
  }));
}

const text = () => read<string | undefined>('must be text', (raw) => raw, undefined);
const integer = (min: number, max: number, fallback: number) =>
  read(`must be an integer ${min}–${max}`, (raw) => (/^\d+$/.test(raw) && Number(raw) >= min && Number(raw) <= max ? Number(raw) : undefined), fallback);
const milliseconds = (fallback: number) =>
  read('must be a positive number of milliseconds', (raw) => (Number.isFinite(Number(raw)) && Number(raw) > 0 ? Number(raw) : undefined), fallback);
const BOOLEANS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false };
const boolean = <T extends boolean | undefined>(fallback: T) => read<boolean | T>('must be true or false', (raw) => BOOLEANS[raw], fallback);
const oneOf = <const T extends string>(values: readonly T[], fallback: T) =>
  read<T>(`must be one of ${values.join(', ')}`, (raw) => values.find((v) => v === raw), fallback);
const url = (protocols: RegExp, expected: string) => read<string | undefined>(expected, (raw) => {
  try {
    return protocols.test(new URL(raw).protocol) ? raw : undefined;
  } catch {
    return undefined;
  }
}, undefined);
const secret = (meaning: string, minLength = 1): Variable<string | undefined> => ({
  schema: read<string | undefined>(`must be at least ${minLength} characters`, (raw) => (raw.length >= minLength ? raw : undefined), undefined),
  default: 'one generated and kept in the database',
  meaning,
  secret: true,
});
const SHARED = '; if set, set it alike in every process';

/**
 * Every environment variable the server, the worker and the CLIs read, in
 * the order the README's table lists them. `config.ts` parses them all at
 * once; add a variable here and nowhere else (a test checks the README).
 */
export const VARIABLES = {
  PORT: { schema: integer(1, 65535, 3000), default: '`3000`', meaning: 'HTTP port' },
  PUBLIC_URL: { schema: url(/^https?:$/, 'must be an http(s) URL'), default: '`http://localhost:$PORT`', meaning: 'where patients and gateways reach the server; manage links and webhook URLs are built on it' },
  DATABASE_URL: { schema: url(/^postgres(ql)?:$/, 'must be a postgres:// URL'), default: '—', meaning: '`postgres://…` uses that PostgreSQL server instead of PGlite (same migrations)', secret: true },
  DATA_DIR: { schema: read('must be a directory', (raw) => raw, 'data'), default: '`./data`', meaning: "PGlite's data directory (the embedded database) and local files such as the SMS sink" },
  PG_BINDIR: { schema: text(), default: '`PATH`, then Debian\'s newest `/usr/lib/postgresql/<version>/bin`', meaning: 'where `npm run backup` and `npm run restore` find `pg_dump` and `pg_restore` (PostgreSQL only)' },
  DATABASE_POOL_SIZE: { schema: integer(1, 1000, 10), default: '`10`', meaning: 'connections each process keeps to PostgreSQL' },
  DATABASE_POOL_TIMEOUT_MS: { schema: milliseconds(10_000), default: '`10000`', meaning: 'how long a request waits for a free PostgreSQL connection (all of the pool busy, or the server slow to accept one) before it is answered 503 with `Retry-After`' },
  MIGRATE_ON_START: { schema: boolean(undefined), default: '`true` for `npm start`, `false` for `start:api` and `start:worker`', meaning: 'migrate the database at start; otherwise run `npm run migrate` first (`/readyz` answers 503 until the migrations are current). A start always refuses a database with migrations this code does not know' },
  SEED_DEMO: { schema: boolean(undefined), default: '`true` for `npm start`, `false` for `start:api`', meaning: 'create the demo organization and serve the example pages at `/examples/`' },
  DEMO_OWNER_PASSWORD: { schema: text(), default: 'a random one, printed once', meaning: "the password of the demo's console owner `owner@demo.example` (at least 10 characters), set when the demo is first created", secret: true },
  MESSAGING_WORKER: { schema: boolean(true), default: '`true`', meaning: '`false` leaves the outbox worker out of `npm start` (run `npm run start:worker` instead)' },
  MESSAGING_WORKER_INTERVAL_MS: { schema: milliseconds(5_000), default: '`5000`', meaning: 'longest sleep between worker ticks' },
  MESSAGING_WORKER_LEASE_MS: { schema: milliseconds(300_000), default: '`300000`', meaning: "how long a claim holds before another worker may take over a dead worker's messages" },
  TRUST_PROXY: { schema: read('must be true, false or a number of proxies', (raw) => { try { return trustProxyFromEnv(raw); } catch { return undefined; } }, 0), default: '`false`', meaning: "`true` (one proxy) or the number of reverse proxies in front of the server: the client's IP for rate limits is then read from `X-Forwarded-For`; otherwise from the socket (set it only behind a proxy, or clients could pick their own address)" },
  RATE_LIMIT_SECRET: secret(`keys the hashes of national ids, IPs and tokens in rate-limit counters${SHARED}`),
  CAPTCHA_SECRET: secret(`the HMAC key that signs the bot check's (ALTCHA) challenges${SHARED}`),
  VERIFICATION_SECRET: secret(`keys the HMAC-SHA256 one-time codes (booking codes, SMS login) are stored as${SHARED}`),
  STAFF_TOTP_KEY: secret(`the key staff TOTP secrets are stored encrypted with (AES-256-GCM)${SHARED} and keep it: changing it turns off nobody's TOTP but makes every stored secret unreadable`),
  SMS_GATEWAY: { schema: oneOf(['console', 'twilio', '46elks'], 'console'), default: '`console`', meaning: 'default SMS gateway (an organization may pick another configured one); one chosen without its credentials stops the start' },
  SMS_SINK_FILE: { schema: text(), default: '`$DATA_DIR/sms-outbox.jsonl`', meaning: "the console gateway's file (one JSON line per SMS; nothing leaves the machine)" },
  TWILIO_ACCOUNT_SID: { schema: text(), default: '—', meaning: 'Twilio Messages API account (with `TWILIO_AUTH_TOKEN`)' },
  TWILIO_AUTH_TOKEN: { schema: text(), default: '—', meaning: 'Twilio auth token; also verifies `X-Twilio-Signature` on webhooks', secret: true },
  TWILIO_MESSAGING_SERVICE_SID: { schema: text(), default: '—', meaning: 'send through a Twilio Messaging Service instead of a `From`' },
  ELKS_USERNAME: { schema: text(), default: '—', meaning: '46elks API user name (with `ELKS_PASSWORD`)' },
  ELKS_PASSWORD: { schema: text(), default: '—', meaning: '46elks API password', secret: true },
  ELKS_WEBHOOK_SECRET: { schema: text(), default: '—', meaning: 'secret carried in 46elks webhook URLs (46elks does not sign); without it no delivery reports are asked for', secret: true },
  ELKS_DRY_RUN: { schema: boolean(false), default: '`false`', meaning: '`true`: 46elks checks requests but sends nothing' },
  ELKS_BASE_URL: { schema: url(/^https?:$/, 'must be an http(s) URL'), default: '`https://api.46elks.com`', meaning: 'where the 46elks gateway sends (a test double or a proxy)' },
  SMTP_URL: { schema: url(/^smtps?:$/, 'must be an smtp:// or smtps:// URL'), default: 'e-mails kept in a local sink and logged (without address or text)', meaning: 'e-mail through nodemailer, e.g. `smtps://user:pass@smtp.example.com:465`', secret: true },
  EMAIL_FROM: { schema: read('must be text', (raw) => raw, 'Opus Booking <no-reply@localhost>'), default: '`Opus Booking <no-reply@localhost>`', meaning: 'e-mail sender when an organization has set none' },
  NODE_ENV: { schema: text(), default: '—', meaning: '`production` refuses webhook endpoints on loopback (unless `WEBHOOKS_ALLOW_LOOPBACK=true`)' },
  WEBHOOKS_ALLOW_LOOPBACK: { schema: boolean(undefined), default: '`true` unless `NODE_ENV=production`', meaning: 'whether webhook endpoints may be on this machine (loopback)' },
  LOG_LEVEL: { schema: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'), default: '`info`', meaning: 'JSON log lines (pino) on stdout at this level and above: one per request (method, route pattern, status, duration, request id), errors, worker rounds' },
  METRICS_TOKEN: { schema: read('must be at least 16 characters', (raw) => (raw.length >= 16 ? raw : undefined), undefined), default: '— (no `/metrics`)', meaning: 'serves Prometheus metrics at `/metrics` to `Authorization: Bearer <token>`', secret: true },
  SHUTDOWN_TIMEOUT_MS: { schema: milliseconds(25_000), default: '`25000`', meaning: 'on SIGTERM or SIGINT, how long requests in flight may take to finish before their connections are closed' },
} satisfies Record<string, Variable<unknown>>;

export type VariableName = keyof typeof VARIABLES;
