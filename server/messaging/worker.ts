import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { hostname } from 'node:os';
import type { Db } from '../db/database.ts';
import type { MessageChannel, MessageStatus } from '../../sdk/schemas/messaging.ts';
import { createDeliver } from './deliver-message.ts';
import { groupCommit } from './group-commit.ts';
import { beginAttempts, claimDue, failedMessages, nextDueAfter, OUTBOX_CHANNEL, recordOutcomes, releaseClaims, sweep, type ClaimedMessage, type Outcome, type RecordedMessage } from './outbox-repository.ts';
import { loadOrganizations, type MessagingChannels, type OrganizationMessaging } from './worker-context.ts';
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
  /**
   * Sends in flight at once per channel (SMS, e-mail; default 16), and so
   * the most attempts begun and not yet handed over: what a crash can leave
   * in doubt.
   */
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
  /**
   * Called for each message whose outcome is recorded, with the status it
   * now has (`sent`, `retrying`, `failed`, `expired`; a send that happened
   * is `sent` even if staff cancelled the message meanwhile), after the
   * write commits: e.g. a counter of messages by channel and status. Not
   * called for messages the sweep settles (counted in `onTick`'s result).
   * What it throws is logged and ignored.
   */
  onOutcome?: (channel: MessageChannel, status: MessageStatus) => void;
  /**
   * Called after each tick with the worker's lag: how long, in seconds, the
   * most overdue message it claimed had been due (0 when it claimed none),
   * and what the tick did. What it throws is logged and ignored.
   *
   * @example
   * createWorker({ db, channels, onTick: (lag) => lagGauge.set(lag) });
   */
  onTick?: (lagSeconds: number, result: TickResult) => void;
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
  const concurrency = options.concurrency ?? 16;
  const intervalMs = options.intervalMs ?? 5_000;
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => {});
  const deliver = createDeliver({ channels: options.channels, now, maxAttempts: options.maxAttempts ?? Number.POSITIVE_INFINITY, random });
  const startedAt = now();
  /** Set by `stop()`: the batch in progress sends nothing more, and no other is claimed. */
  let stopping = false;
  let analyzed: Promise<void> | undefined;

  async function runOnce(): Promise<TickResult> {
    analyzed ??= analyzeOutbox(options.db, log, id);
    await analyzed;
    const at = now();
    const swept = await sweep(options.db, at);
    const holdsSwept = (await sweepVerification(options.db, at)).holds;
    await sweepStaffAccounts(options.db, at);
    const orgs = await loadOrganizations(options.db, at);
    const paused = [...orgs.values()].filter((o) => o.paused && !o.settings.testMode).map((o) => o.id);
    const total: TickResult = { claimed: 0, sent: 0, retrying: 0, failed: 0, expired: swept.expired, cancelled: swept.cancelled, holdsSwept, webhooks: { claimed: 0, delivered: 0, retrying: 0, failed: 0 } };
    let lagMs = 0;
    while (!stopping) {
      // The lease runs from the claim, not from the start of the tick: a later batch gets a whole one.
      const claimedAt = now();
      const claimed = await claimDue(options.db, { now: claimedAt, workerId: id, limit: batchSize, leaseMs, pausedSmsOrganizations: paused });
      if (claimed.length === 0) break;
      for (const m of claimed) lagMs = Math.max(lagMs, claimedAt.getTime() - new Date(m.send_at).getTime());
      const outcomes = await sendBatch(claimed, orgs, at);
      total.claimed += claimed.length;
      for (const o of outcomes) if (o.status === 'sent') total.sent++; else if (o.status === 'retrying') total.retrying++; else if (o.status === 'failed') total.failed++; else total.expired++;
      if (claimed.length < batchSize) break;
    }
    if (!stopping) total.webhooks = await deliverWebhooks(options.db, { workerId: id, now, leaseMs, random, mapLimit: (items, fn) => mapLimit(items, concurrency, fn) }, options.webhooks);
    const hooks = total.webhooks;
    const summary = `claimed ${total.claimed}, sent ${total.sent}, retrying ${total.retrying}, failed ${total.failed}, expired ${total.expired}, cancelled ${total.cancelled}`
      + (hooks.claimed > 0 ? `; webhooks delivered ${hooks.delivered}, retrying ${hooks.retrying}, failed ${hooks.failed}` : '');
    await beat(options.db, { id, startedAt, at: now(), intervalMs, lastResult: summary });
    if (total.claimed > 0 || total.expired > 0 || hooks.claimed > 0) log(`[worker ${id}] ${summary}`);
    report('onTick', () => options.onTick?.(lagMs / 1000, total));
    return total;
  }

  /**
   * Sends one claimed batch, at most `concurrency` messages at once per
   * channel. Each attempt is begun right before its send and each outcome
   * recorded as soon as it is known, so a crash leaves in doubt only the
   * messages in flight; the lanes ready at the same moment share one
   * statement (`groupCommit`). Messages not attempted are handed back, and
   * so are those a stopping worker did not get to, still in doubt if they
   * were. A message whose handling threw stays claimed as it is, for the
   * lease to hand on; the error fails the tick once the rest are done.
   */
  async function sendBatch(claimed: readonly ClaimedMessage[], orgs: Map<string, OrganizationMessaging>, at: Date): Promise<Outcome[]> {
    const begin = groupCommit(async (batch: ClaimedMessage[]) => {
      const begun = await beginAttempts(options.db, { ids: batch.map((m) => m.id), workerId: id, now: now(), leaseMs });
      return batch.map((m) => begun.get(m.id));
    });
    const record = groupCommit(async (batch: Outcome[]) => {
      // A failure is announced in the transaction that records it (`message.failed`); a batch without one needs none.
      const failing = batch.some((o) => o.status === 'failed');
      const recorded = failing ? await recordAnnounced(batch) : await recordOutcomes(options.db, id, batch, { skipFailedDeliveries: true });
      // Left out: a send whose delivery report said failed meanwhile (recording it makes the message failed: announced
      // below), or a message no longer held (nothing to write, whatever its outcome).
      const written = new Set(recorded.map((r) => r.id));
      const left = failing ? [] : batch.filter((o) => o.status === 'sent' && !written.has(o.id));
      if (left.length > 0) recorded.push(...await recordAnnounced(left));
      for (const m of recorded) report('onOutcome', () => options.onOutcome?.(m.channel, m.status));
      return batch.map(() => undefined);
    });
    const outcomes: Outcome[] = [];
    const recording: Promise<unknown>[] = [];
    const notAttempted: string[] = [];
    const notReached: string[] = [];
    const errors: unknown[] = [];
    await Promise.all(byChannel(claimed).map((messages) => mapLimit(messages, concurrency, async (m) => {
      if (stopping) return void notReached.push(m.id);
      try {
        const outcome = await deliver(m, orgs.get(m.organization_id), at, begin);
        if (!outcome) return void notAttempted.push(m.id);
        outcomes.push(outcome);
        recording.push(record(outcome).catch((error: unknown) => errors.push(error)));
      } catch (error) {
        errors.push(error);
      }
    })));
    await Promise.all(recording);
    await releaseClaims(options.db, id, notAttempted);
    await releaseClaims(options.db, id, notReached, { settled: false });
    if (errors.length > 0) throw errors[0];
    return outcomes;
  }

  /** Records outcomes and, in the same transaction, announces the messages they leave failed. */
  function recordAnnounced(outcomes: readonly Outcome[]): Promise<RecordedMessage[]> {
    return options.db.transaction().execute(async (trx) => {
      const rows = await recordOutcomes(trx, id, outcomes);
      for (const m of await failedMessages(trx, rows.filter((r) => r.status === 'failed').map((r) => r.id))) {
        await emitEvent(trx, { id: m.organization_id }, 'message.failed', { messageId: m.id, channel: m.channel, kind: m.kind, appointmentId: m.appointment_id, patientId: m.patient_id }, now());
      }
      return rows;
    });
  }

  /** Calls an operations hook; a hook that throws costs a log line, never a send. */
  function report(hook: string, call: () => void): void {
    try {
      call();
    } catch (error) {
      log(`[worker ${id}] ${hook} failed: ${describeError(error)}`);
    }
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
      stopping = false;
      if (options.listen) unlisten = await options.listen(OUTBOX_CHANNEL, wake).catch((error: unknown) => { log(`[worker ${id}] LISTEN failed, polling only: ${describeError(error)}`); return undefined; });
      wake(); // not loop(): a notification during LISTEN may have started a tick already
    },
    /**
     * Stops ticking (SIGTERM): the tick in progress claims nothing more and
     * hands back what it has not begun sending; this waits for the sends in
     * flight and their recorded outcomes, then records the stop (S15).
     */
    async stop(): Promise<void> {
      stopped = true;
      stopping = true;
      if (timer) clearTimeout(timer);
      await unlisten?.().catch(() => {});
      await running;
      await beat(options.db, { id, startedAt, at: now(), intervalMs, lastResult: 'stopped', stopped: true }).catch(() => {});
    },
  };
}

export type Worker = ReturnType<typeof createWorker>;

/**
 * Gives the planner statistics on the outbox once, when a worker starts:
 * PGlite has no autovacuum, and without them it plans the claim as a sort
 * of every due message and looks up a batch by id through the due index
 * rather than the primary key. On PostgreSQL autovacuum keeps them anyway;
 * a role not allowed to analyze costs a log line, never a tick.
 */
async function analyzeOutbox(db: Db, log: (line: string) => void, id: string): Promise<void> {
  await sql`ANALYZE messages`.execute(db).catch((error: unknown) => log(`[worker ${id}] ANALYZE messages failed: ${describeError(error)}`));
}

/** The messages of each channel apart, in claim order: each channel gets its own lanes. */
function byChannel(messages: readonly ClaimedMessage[]): ClaimedMessage[][] {
  const groups = new Map<string, ClaimedMessage[]>();
  for (const m of messages) {
    const group = groups.get(m.channel);
    if (group) group.push(m);
    else groups.set(m.channel, [m]);
  }
  return [...groups.values()];
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
