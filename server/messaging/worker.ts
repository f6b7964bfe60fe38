import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../db/database.ts';
import { escapeHtml } from './templates/merge-fields.ts';
import { beginAttempt, claimDue, nextDueAfter, OUTBOX_CHANNEL, recordOutcomes, releaseClaims, sweep, type AttemptMessage, type ClaimedMessage, type Outcome } from './outbox-repository.ts';
import { retryDelayMs } from './send-time.ts';
import { smsSender } from './settings.ts';
import { smsRecipient } from './sms-recipient.ts';
import { gatewayFor, loadOrganizations, statusCallbackUrl, type MessagingChannels, type OrganizationMessaging } from './worker-context.ts';
import { beat } from './worker-heartbeat.ts';
import { describeError } from '../logging/describe-error.ts';
import { sweepVerification } from '../verification/sweep.ts';
import { sweepStaffAccounts } from '../admin/staff-tokens.ts';
import { emitEvent } from '../webhooks/emit-event.ts';
import { deliverWebhooks, type WebhookDeliveryOptions, type WebhookTickResult } from '../webhooks/deliver-webhooks.ts';
import { nextDeliveryDueAfter } from '../webhooks/delivery-repository.ts';

export interface WorkerOptions {
  db: Db;
  channels: MessagingChannels;
  now?: () => Date;
  id?: string;
  /** Messages claimed per round (default 200). */
  batchSize?: number;
  /** How long a claim holds before another worker may take the message over (default 5 minutes). */
  leaseMs?: number;
  /** Sends in flight at once (default 8). */
  concurrency?: number;
  /**
   * The longest pause between ticks (default 5 s). An idle worker sleeps
   * only until the next message falls due, and `listen` wakes it as soon as
   * new messages commit, so this bounds the delay only when a notification
   * is lost.
   */
  intervalMs?: number;
  /** Subscribes to commits that wrote messages (`Database.listen`); without it the worker polls. */
  listen?: ((channel: string, onNotify: () => void) => Promise<() => Promise<void>>) | undefined;
  /**
   * Attempts before a transiently failing message is given up (F). By
   * default there is no cap: it retries until it expires or its appointment
   * starts; a message without an expiry is given up after 20 attempts.
   */
  maxAttempts?: number;
  random?: () => number;
  /** Operational log lines: counts and ids, never numbers or texts. */
  log?: (line: string) => void;
  /** How webhooks are delivered (D4); they go in the same ticks as messages. */
  webhooks?: WebhookDeliveryOptions;
}

/** What one tick did. */
export interface TickResult {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
  expired: number;
  cancelled: number;
  /** Expired slot holds deleted (issue 8.2). */
  holdsSwept: number;
  /** Webhook deliveries (D4). */
  webhooks: WebhookTickResult;
}

/**
 * The outbox worker (issue 4, S13–S16). Each tick it expires and cancels
 * what may no longer go and deletes expired slot holds, then claims due messages in batches and sends them:
 * transient failures retry with jittered exponential back-off (FV) until the
 * message expires, permanent ones fail (F). Several workers may run against
 * one database. A message whose earlier attempt has no recorded outcome (its
 * worker died mid-send) is never sent blindly again: the gateway is asked
 * whether it has it, and a gateway that cannot tell gets the message marked
 * failed with the reason, for staff to check.
 *
 * @example
 * const worker = createWorker({ db, channels });
 * await worker.start();      // ticks now, then when messages commit or fall due (at least every 5 s)
 * await worker.runOnce();    // or drive it by hand (tests, bench)
 * await worker.stop();
 */
export function createWorker(options: WorkerOptions) {
  const id = options.id ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? 200;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const concurrency = options.concurrency ?? 8;
  const intervalMs = options.intervalMs ?? 5_000;
  const maxAttempts = options.maxAttempts ?? Number.POSITIVE_INFINITY;
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => {});
  const startedAt = now();

  async function runOnce(): Promise<TickResult> {
    const at = now();
    const swept = await sweep(options.db, at);
    const holdsSwept = (await sweepVerification(options.db, at)).holds;
    await sweepStaffAccounts(options.db, at);
    const orgs = await loadOrganizations(options.db, at);
    const paused = [...orgs.values()].filter((o) => o.paused && !o.settings.testMode).map((o) => o.id);
    const total: TickResult = { claimed: 0, sent: 0, retrying: 0, failed: 0, expired: swept.expired, cancelled: swept.cancelled, holdsSwept, webhooks: { claimed: 0, delivered: 0, retrying: 0, failed: 0 } };
    for (;;) {
      // The lease runs from the claim, not from the start of the tick: a later batch gets a whole one.
      const claimed = await claimDue(options.db, { now: now(), workerId: id, limit: batchSize, leaseMs, pausedSmsOrganizations: paused });
      if (claimed.length === 0) break;
      const results = await mapLimit(claimed, concurrency, (m) => deliver(m, orgs.get(m.organization_id), at));
      const outcomes = results.filter((o): o is Outcome => o !== null);
      await options.db.transaction().execute(async (trx) => {
        const failed = await recordOutcomes(trx, id, outcomes);
        for (const m of failed) {
          await emitEvent(trx, { id: m.organization_id }, 'message.failed', { messageId: m.id, channel: m.channel, kind: m.kind, appointmentId: m.appointment_id, patientId: m.patient_id }, now());
        }
      });
      await releaseClaims(options.db, id, claimed.filter((_, i) => results[i] === null).map((m) => m.id));
      total.claimed += claimed.length;
      for (const o of outcomes) if (o.status === 'sent') total.sent++; else if (o.status === 'retrying') total.retrying++; else if (o.status === 'failed') total.failed++; else total.expired++;
      if (claimed.length < batchSize) break;
    }
    total.webhooks = await deliverWebhooks(options.db, { workerId: id, now, leaseMs, random, mapLimit: (items, fn) => mapLimit(items, concurrency, fn) }, options.webhooks);
    const hooks = total.webhooks;
    const summary = `claimed ${total.claimed}, sent ${total.sent}, retrying ${total.retrying}, failed ${total.failed}, expired ${total.expired}, cancelled ${total.cancelled}`
      + (hooks.claimed > 0 ? `; webhooks delivered ${hooks.delivered}, retrying ${hooks.retrying}, failed ${hooks.failed}` : '');
    await beat(options.db, { id, startedAt, at: now(), intervalMs, lastResult: summary });
    if (total.claimed > 0 || total.expired > 0 || hooks.claimed > 0) log(`[worker ${id}] ${summary}`);
    return total;
  }

  /**
   * What one claimed message comes to; null when it was not attempted after
   * all (cancelled, moved or taken over since the claim: see `beginAttempt`).
   * A message taken over in doubt is settled before any attempt begins, so
   * null also means its doubt is settled (see `releaseClaims`).
   */
  async function deliver(m: ClaimedMessage, org: OrganizationMessaging | undefined, at: Date): Promise<Outcome | null> {
    if (!org) return { id: m.id, status: 'failed', error: 'The organization no longer exists' };
    const expired = m.expires_at !== null && new Date(m.expires_at) <= at;
    if (m.channel === 'sms') {
      const gateway = gatewayFor(options.channels, org);
      // A delivery report (its URL carries our id) says the gateway has it: an attempt that timed out, or whose worker died, got through.
      if (m.gateway_id) return { id: m.id, status: 'sent', sentAt: m.sent_at ?? at, gateway: m.gateway, gatewayId: m.gateway_id, result: 'Known sent from its delivery report' };
      if (m.previous_attempt !== null) {
        // The last worker died between handing this over and recording the answer.
        const known = gateway?.findSent ? await gateway.findSent(m.id) : undefined;
        if (known) return { id: m.id, status: 'sent', sentAt: at, gateway: gateway!.name, gatewayId: known, result: 'Found at the gateway after a worker restart' };
        if (known === undefined) return { id: m.id, status: 'failed', gateway: gateway?.name ?? null, error: 'Outcome unknown: the worker stopped while sending. Not resent, to avoid a duplicate; check with the gateway and resend if needed' };
      }
      if (expired) return { id: m.id, status: 'expired', result: 'Expired before it could be sent' };
      if (!org.settings.smsEnabled) return { id: m.id, status: 'failed', error: 'SMS is switched off for the organization (S1)' };
      const recipient = smsRecipient(m.recipient, org.settings.smsCountries, org.locale);
      if (!recipient.ok) return { id: m.id, status: 'failed', error: recipient.message };
      const current = await begin(m);
      if (!current) return null;
      const checked = current.recipient === m.recipient ? recipient : smsRecipient(current.recipient, org.settings.smsCountries, org.locale);
      if (!checked.ok) return { id: m.id, status: 'failed', error: checked.message };
      const to = checked.e164;
      const from = smsSender(org.settings, org.name);
      if (org.settings.testMode) return { id: m.id, status: 'sent', sentAt: at, gateway: 'test', sender: from, result: 'Test mode: nothing was sent (S15)' };
      if (!gateway) return retryOrFail(m, at, `No SMS gateway "${org.settings.gateway ?? options.channels.defaultGateway}" is configured`);
      const outcome = await guard(() => gateway.send({ to, from, body: current.body, messageId: m.id, statusCallbackUrl: statusCallbackUrl(options.channels, gateway.name, org.subdomain, m.id) }));
      if (outcome.ok) return { id: m.id, status: 'sent', sentAt: now(), gateway: gateway.name, gatewayId: outcome.gatewayId, sender: from, result: outcome.result };
      return outcome.transient ? retryOrFail(m, at, outcome.error, gateway.name) : { id: m.id, status: 'failed', gateway: gateway.name, error: outcome.error };
    }
    // E-mail is sent at least once: a resend after a crash is a lesser harm than a lost confirmation.
    if (expired) return { id: m.id, status: 'expired', result: 'Expired before it could be sent' };
    const current = await begin(m);
    if (!current) return null;
    if (org.settings.testMode) return { id: m.id, status: 'sent', sentAt: at, gateway: 'test', result: 'Test mode: nothing was sent (S15)' };
    const transport = options.channels.email;
    if (!transport) return retryOrFail(m, at, 'No e-mail transport is configured');
    const from = org.settings.emailFrom ? `"${(org.settings.emailFromName ?? org.name).replace(/"/g, '')}" <${org.settings.emailFrom}>` : options.channels.defaultEmailFrom;
    const outcome = await guard(() => transport.send({
      from, to: current.recipient, subject: current.subject ?? '', text: current.body, html: `<div style="white-space:pre-line">${escapeHtml(current.body)}</div>`, messageId: m.id,
      calendar: current.ics ? { method: /METHOD:CANCEL/.test(current.ics) ? 'CANCEL' : 'REQUEST', content: current.ics } : undefined,
    }));
    if (outcome.ok) return { id: m.id, status: 'sent', sentAt: now(), gateway: transport.name, gatewayId: outcome.id, sender: from, result: outcome.result };
    return outcome.transient ? retryOrFail(m, at, outcome.error, transport.name) : { id: m.id, status: 'failed', gateway: transport.name, error: outcome.error };
  }

  /** Right before a message goes: is it still ours and still to be sent, and as what. */
  function begin(m: ClaimedMessage): Promise<AttemptMessage | undefined> {
    return beginAttempt(options.db, { id: m.id, workerId: id, now: now(), leaseMs });
  }

  function retryOrFail(m: ClaimedMessage, at: Date, error: string, gateway?: string): Outcome {
    if (m.attempts >= (m.expires_at === null ? Math.min(maxAttempts, 20) : maxAttempts)) return { id: m.id, status: 'failed', gateway: gateway ?? null, error: `Gave up after ${m.attempts} attempts: ${error}` };
    return { id: m.id, status: 'retrying', gateway: gateway ?? null, error, retryAt: new Date(at.getTime() + retryDelayMs(m.attempts, random)) };
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;
  let wakeAgain = false;
  let unlisten: (() => Promise<void>) | undefined;
  const failed = (error: unknown) => log(`[worker ${id}] tick failed: ${describeError(error)}`);

  /** Runs a tick, then sleeps until the next message is due, at most `intervalMs`. */
  function loop(): void {
    timer = undefined;
    running = runOnce()
      .catch(failed)
      .then(() => Promise.all([nextDueAfter(options.db, now()), nextDeliveryDueAfter(options.db, now())]))
      .then((nexts) => nexts.filter((n): n is Date => n !== null).reduce<Date | null>((a, b) => (a && a < b ? a : b), null))
      .then((next) => (next ? Math.max(0, Math.min(intervalMs, next.getTime() - now().getTime())) : intervalMs), () => intervalMs)
      .then((delay) => {
        running = undefined;
        if (stopped) return;
        timer = setTimeout(loop, wakeAgain ? 0 : delay);
        wakeAgain = false;
      });
  }

  /** New messages committed: tick now, or right after the tick in progress. */
  function wake(): void {
    if (stopped) return;
    if (running) { wakeAgain = true; return; }
    if (timer) clearTimeout(timer);
    loop();
  }

  return {
    id,
    runOnce,
    wake,
    /** Ticks at once, then whenever messages fall due or commit, at least every `intervalMs`, until stopped. */
    async start(): Promise<void> {
      if (!stopped) return;
      stopped = false;
      if (options.listen) unlisten = await options.listen(OUTBOX_CHANNEL, wake).catch((error: unknown) => { log(`[worker ${id}] LISTEN failed, polling only: ${describeError(error)}`); return undefined; });
      wake(); // not loop(): a notification during LISTEN may have started a tick already
    },
    /** Stops ticking, waits for the tick in progress, records the stop (S15). */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await unlisten?.().catch(() => {});
      await running;
      await beat(options.db, { id, startedAt, at: now(), intervalMs, lastResult: 'stopped', stopped: true }).catch(() => {});
    },
  };
}

export type Worker = ReturnType<typeof createWorker>;

/** An adapter that throws is a transient failure, not a dead worker. */
async function guard<T extends { ok: boolean }>(send: () => Promise<T>): Promise<T | { ok: false; transient: true; error: string }> {
  try {
    return await send();
  } catch (error) {
    return { ok: false, transient: true, error: `Gateway error: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  });
  await Promise.all(lanes);
  return out;
}
