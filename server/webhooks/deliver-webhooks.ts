import type { Db } from '../db/database.ts';
import { claimDueDeliveries, recordDeliveryOutcome, type ClaimedDelivery, type DeliveryOutcome } from './delivery-repository.ts';
import { signatureHeaders } from './webhook-signature.ts';
import { postWebhook } from './webhook-sender.ts';
import { resolvedAddressProblem, webhookUrlProblem } from './webhook-url.ts';

/** How the worker delivers webhooks; every field has a default. */
export interface WebhookDeliveryOptions {
  fetch?: typeof fetch;
  /** Per request (default 10 s). */
  timeoutMs?: number;
  /** Whether endpoints may be on loopback (default: no; entry points pass the config's `allowLoopback`). */
  allowLoopback?: boolean;
  /** Resolves a host name to its addresses (default: the system resolver). */
  resolve?: (host: string) => Promise<string[]>;
  /**
   * The clock of `webhook-timestamp` (default the real one): receivers
   * refuse signatures more than five minutes off their own clock, so it is
   * the time of sending, not the worker's scheduling clock.
   */
  signingClock?: () => Date;
  /** Deliveries claimed per round (default 50). */
  batchSize?: number;
}

/**
 * The pause before the next attempt after `failures` failed ones
 * (1-based): 30 s, 2 min, 10 min, 1 h, 6 h, 12 h, 24 h, 24 h — about three
 * days in all — with ±20 % jitter so failing deliveries don't retry in step;
 * undefined when the delivery is to be given up.
 *
 * @example
 * retryDelayAfter(1, () => 0.5); // 30_000
 * retryDelayAfter(9, Math.random); // undefined: give up
 */
export function retryDelayAfter(failures: number, random: () => number = Math.random): number | undefined {
  const base = RETRY_SCHEDULE_MS[failures - 1];
  return base === undefined ? undefined : Math.round(base * (0.8 + 0.4 * random()));
}

/** The back-off between attempts; its length + 1 is how many attempts a delivery gets. */
export const RETRY_SCHEDULE_MS: readonly number[] = [30_000, 120_000, 600_000, 3_600_000, 6 * 3_600_000, 12 * 3_600_000, 24 * 3_600_000, 24 * 3_600_000];

/** What one round of webhook deliveries did. */
export interface WebhookTickResult {
  claimed: number;
  delivered: number;
  retrying: number;
  failed: number;
}

/**
 * One worker round of webhook deliveries (D4): claims due deliveries with a
 * lease, signs each with the endpoint's current secret (and the previous one
 * during a rotation's overlap), POSTs it, and records delivered, retrying at
 * the back-off, or failed. A delivery is requested only here, never during
 * an API request. The URL is checked again, with its resolved addresses.
 *
 * @example
 * const result = await deliverWebhooks(db, { workerId, now: new Date(), leaseMs: 300_000, random: Math.random, concurrency: 8 }, {});
 */
export async function deliverWebhooks(
  db: Db,
  round: { workerId: string; now: () => Date; leaseMs: number; random: () => number; mapLimit: <T, R>(items: readonly T[], fn: (item: T) => Promise<R>) => Promise<R[]> },
  options: WebhookDeliveryOptions = {},
): Promise<WebhookTickResult> {
  const total: WebhookTickResult = { claimed: 0, delivered: 0, retrying: 0, failed: 0 };
  const batchSize = options.batchSize ?? 50;
  const allowLoopback = options.allowLoopback ?? false;
  for (;;) {
    const claimed = await claimDueDeliveries(db, { now: round.now(), workerId: round.workerId, limit: batchSize, leaseMs: round.leaseMs });
    if (claimed.length === 0) break;
    const outcomes = await round.mapLimit(claimed, (d) => attempt(d));
    for (const outcome of outcomes) {
      if (await recordDeliveryOutcome(db, round.workerId, outcome)) total[outcome.status]++;
    }
    total.claimed += claimed.length;
    if (claimed.length < batchSize) break;
  }
  return total;

  async function attempt(d: ClaimedDelivery): Promise<DeliveryOutcome> {
    const at = round.now();
    const endpoint = await db.selectFrom('webhook_endpoints').select(['url', 'secret', 'previous_secret', 'previous_secret_until']).where('id', '=', d.endpoint_id).executeTakeFirst();
    if (!endpoint) return { id: d.id, status: 'failed', statusCode: null, error: 'The endpoint no longer exists', at };
    const problem = webhookUrlProblem(endpoint.url, { allowLoopback }) ?? await resolvedAddressProblem(new URL(endpoint.url).hostname, { allowLoopback }, options.resolve);
    if (problem) return { id: d.id, status: 'failed', statusCode: null, error: problem, at };
    const overlap = endpoint.previous_secret && endpoint.previous_secret_until && new Date(endpoint.previous_secret_until) > at;
    const secrets = overlap ? [endpoint.secret, endpoint.previous_secret!] : [endpoint.secret];
    const headers = signatureHeaders(d.id, (options.signingClock ?? (() => new Date()))(), d.payload, secrets);
    const result = await postWebhook(options.fetch ?? fetch, endpoint.url, d.payload, headers, options.timeoutMs ?? 10_000);
    if (result.ok) return { id: d.id, status: 'delivered', statusCode: result.statusCode, error: null, at: round.now() };
    const delay = result.transient ? retryDelayAfter(d.attempts, round.random) : undefined;
    if (delay === undefined) {
      const error = result.transient ? `Gave up after ${d.attempts} attempts: ${result.error}` : result.error;
      return { id: d.id, status: 'failed', statusCode: result.statusCode, error, at };
    }
    return { id: d.id, status: 'retrying', statusCode: result.statusCode, error: result.error, at, retryAt: new Date(at.getTime() + delay) };
  }
}
