import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import type { Db } from './db/database.ts';
import { DomainError } from './domain/domain-error.ts';
import { problemHandler, type ProblemLog } from './http/problem.ts';
import { jsonBodies } from './http/json-bodies.ts';
import { compression } from './http/compression.ts';
import { publicApi } from './routes/public-api.ts';
import { adminApi } from './admin/admin-api.ts';
import { messagingWebhooks } from './messaging/webhook-routes.ts';
import type { MessagingChannels } from './messaging/worker-context.ts';
import { hostedPage, hostedSite } from './routes/hosted-page.ts';
import { consolePage } from './routes/console-page.ts';
import { examplePages } from './routes/example-pages.ts';
import { openApiRoutes } from './openapi/openapi-routes.ts';
import { configuredOrStoredSecret } from './db/server-secret.ts';
import type { RateLimiter } from './rate-limit/rate-limiter.ts';
import { DatabaseRateLimiter } from './rate-limit/database/database-rate-limiter.ts';
import { clientIpFrom, type ClientIp } from './rate-limit/client-ip.ts';
import type { EidBroker } from './verification/eid/eid-broker.ts';
import { oidcBroker } from './verification/eid/oidc/oidc-broker.ts';
import type { Logger } from './logging/logger.ts';
import { requestLog } from './logging/request-log.ts';
import { createMetrics } from './ops/metrics.ts';
import { opsRoutes } from './ops/ops-routes.ts';

/** Everything the app needs, passed in: no globals, no listening socket. */
export interface AppDeps {
  db: Db;
  /** The current instant (default: the system clock). */
  now?: () => Date;
  /** Where patients reach the server, for links in answers and messages (default `http://localhost:3000`). */
  publicUrl?: string;
  /** Where errors the client cannot fix are logged; never given request data. */
  log?: ProblemLog;
  /** Gateways and webhook secrets for messaging (issue 4); without them no webhooks are served. */
  messaging?: { channels: MessagingChannels; webhooks: { twilioAuthToken?: string | undefined; elksWebhookSecret?: string | undefined } };
  /** Serve the example pages at `/examples/` (they embed the demo organization; default off). */
  examples?: boolean;
  /** The client's address for rate limits (default: the socket's; see `clientIpFrom` for proxies). */
  clientIp?: ClientIp;
  /**
   * Where rate-limit counters live (default: the database, shared by every
   * process) and the secret that keys the hashes of national ids and tokens
   * in them (`RATE_LIMIT_SECRET`; without it one generated and kept in the
   * database, so every process on it shares it).
   */
  rateLimits?: { limiter?: RateLimiter; secret?: string | undefined };
  /**
   * The HMAC key that signs captcha challenges (`CAPTCHA_SECRET`; without it
   * one generated and kept in the database, so every process on it shares it).
   */
  captcha?: { secret?: string | undefined };
  /** The national e-ID broker for patient login (issue 8.6; default: OpenID Connect to each organization's configured issuer). */
  eidBroker?: EidBroker;
  /**
   * The secret one-time codes are stored keyed with (HMAC-SHA256;
   * `VERIFICATION_SECRET`; without it one generated and kept in the database).
   */
  verification?: { secret?: string | undefined };
  /**
   * The key staff TOTP secrets are stored encrypted with (AES-256-GCM;
   * `STAFF_TOTP_KEY`; without it one generated and kept in the database).
   */
  staff?: { totpKey?: string | undefined };
  /** Whether webhook endpoints may be on loopback (default: no; entry points pass the config's `allowLoopback`). */
  allowLoopback?: boolean;
  /**
   * Operations (issue 11): the JSON log (a line per request, errors with the
   * request id; default none), the token `/metrics` answers to (default: no
   * `/metrics`), and whether the process is shutting down (`/readyz` then
   * answers 503 and answers close their connections).
   */
  ops?: { logger?: Logger; metricsToken?: string | undefined; draining?: () => boolean };
}

/**
 * Builds the HTTP app: the public API under `/api/v1`, the hosted booking
 * page under `/o/:subdomain/`, problem+json for every error.
 *
 * @example
 * const app = createApp({ db });
 * const response = await app.request('/api/v1/organizations/demo/clinics');
 */
export function createApp(deps: AppDeps) {
  const publicUrl = (deps.publicUrl ?? 'http://localhost:3000').replace(/\/$/, '');
  const bookingDeps = {
    db: deps.db,
    now: deps.now ?? (() => new Date()),
    manageUrl: (subdomain: string, token: string) => `${publicUrl}/o/${subdomain}/manage/${encodeURIComponent(token)}`,
    captchaSecret: configuredOrStoredSecret(deps.db, deps.captcha?.secret, 'captcha'),
    pageUrl: (subdomain: string) => `${publicUrl}/o/${subdomain}/`,
  };
  const app = new Hono();
  const logger = deps.ops?.logger;
  const log: ProblemLog | undefined = deps.log ?? (logger ? (message, fields) => logger.error(fields ?? {}, message) : undefined);
  const onError = problemHandler(log);
  app.onError(onError);
  app.notFound((c) => onError(new DomainError('not_found'), c));
  // A request id (the client's X-Request-Id if sane, else a new one) on every answer and log line.
  app.use('*', requestId({ limitLength: 128 }));
  if (logger) app.use('*', requestLog(logger));
  const metrics = createMetrics(deps.db, { processMetrics: deps.ops?.metricsToken !== undefined });
  app.use('*', metrics.middleware);
  const draining = deps.ops?.draining;
  if (draining) {
    // While shutting down, each answer ends its keep-alive connection, so the server can close once requests in flight are answered.
    app.use('*', async (c, next) => {
      await next();
      if (draining()) c.res.headers.set('connection', 'close');
    });
  }
  app.use('*', compression());
  app.use('*', secureHeaders({ crossOriginResourcePolicy: false, xFrameOptions: false, crossOriginOpenerPolicy: false }));
  // Nothing is framed by another site, unless a page's own policy says who may (the hosted page's frame-ancestors).
  app.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('x-frame-options') && !/(?:^|;)\s*frame-ancestors\s/.test(c.res.headers.get('content-security-policy') ?? '')) {
      c.res.headers.set('x-frame-options', 'SAMEORIGIN');
    }
    // Pages keep no link to a window of another site, unless a route says so (the e-ID popup posts back to its opener).
    if (!c.res.headers.has('cross-origin-opener-policy')) c.res.headers.set('cross-origin-opener-policy', 'same-origin');
  });
  // The widget runs on clinics' own sites: the public API answers any origin, without credentials.
  // Preflights by Hono's cors; other answers get its two headers once made (set before, they would make Hono copy every answer).
  const preflight = cors({ origin: '*', allowHeaders: ['Content-Type', 'Idempotency-Key', 'Authorization'], exposeHeaders: ['Retry-After'], maxAge: 600 });
  app.use('/api/v1/organizations/*', async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    await next();
    c.res.headers.set('access-control-allow-origin', '*');
    c.res.headers.set('access-control-expose-headers', 'Retry-After');
  });
  // Answers of the API carry manage tokens and patient data: no cache keeps them unless a route says otherwise.
  app.use('/api/*', async (c, next) => {
    await next();
    // On the answer itself: c.header() now would copy the answer into a new one (and its body into a stream).
    if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
  });
  app.use('/api/v1/organizations/*', jsonBodies());
  app.use('/api/v1/admin/*', jsonBodies());
  const limitBody = bodyLimit({ maxSize: 64 * 1024, onError: () => { throw new DomainError('payload_too_large'); } });
  // Only where a body is read: asking a GET for its body would build a whole fetch Request from the socket each time.
  app.use('/api/*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));
  app.route('/', opsRoutes({ db: deps.db, metrics, metricsToken: deps.ops?.metricsToken, draining }));
  const limits = { limiter: deps.rateLimits?.limiter ?? new DatabaseRateLimiter(deps.db), secret: configuredOrStoredSecret(deps.db, deps.rateLimits?.secret, 'rate-limit-keys') };
  const clientIp = deps.clientIp ?? clientIpFrom();
  app.route('/api/v1/organizations', publicApi({ ...bookingDeps, limits, clientIp, codeSecret: configuredOrStoredSecret(deps.db, deps.verification?.secret, 'verification-codes'), publicUrl, eidBroker: deps.eidBroker ?? oidcBroker(), log }));
  app.route('/o', hostedPage(bookingDeps));
  // The staff console (issue 10): a browser client of the admin API below.
  app.route('/admin', consolePage());
  if (deps.messaging) app.route('/api/v1/webhooks', messagingWebhooks({ db: deps.db, now: bookingDeps.now, publicUrl, ...deps.messaging.webhooks }));
  app.route('/api/v1/admin', adminApi({
    db: deps.db, now: bookingDeps.now, channels: deps.messaging?.channels, clientIp, publicUrl, allowLoopback: deps.allowLoopback, manageUrl: bookingDeps.manageUrl, pageUrl: bookingDeps.pageUrl,
    staff: { db: deps.db, now: bookingDeps.now, publicUrl, limits, totpKey: configuredOrStoredSecret(deps.db, deps.staff?.totpKey, 'staff-totp') },
  }));
  // The API's OpenAPI document and its reference page (issue 9.7).
  app.route('/', openApiRoutes(publicUrl));
  if (deps.examples) app.route('/', examplePages());
  app.route('/', hostedSite(bookingDeps, publicUrl));
  return app;
}
