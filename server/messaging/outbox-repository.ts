import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { MessageChannel, MessageKind, MessageStatus } from '../../sdk/schemas/messaging.ts';
import type { Executor } from '../db/database.ts';
import type { MessageRow } from '../db/tables.ts';
import { mayStillGo, stillToGo } from './may-still-go.ts';
import { preparedStatement } from '../db/prepared.ts';

/** A message to put in the outbox. */
export interface NewMessage {
  organizationId: string;
  channel: MessageChannel;
  kind: MessageKind;
  recipient: string;
  subject?: string | null;
  body: string;
  sendAt: Date;
  expiresAt: Date | null;
  appointmentId?: string | null;
  patientId?: string | null;
  /** One message per key, ever: e.g. `appointment:kind:start:channel` for reminders, one per booking event for confirmations. */
  dedupeKey?: string | null;
  ics?: string | null;
  /** Above 0 (one-time codes): claimed before every other due message and sent during quiet hours. */
  priority?: number;
}

/**
 * Writes messages to the outbox in the caller's transaction; a message whose
 * dedupe key exists already is skipped (or, with `reviveCancelled`, set
 * waiting again if it was cancelled). Answers the ids written, and notifies
 * `opus_outbox` so listening workers wake when the transaction commits.
 *
 * @example
 * await insertMessages(trx, [{ organizationId, channel: 'sms', kind: 'general', recipient: '+4791234567', body: 'Hei!', sendAt: now, expiresAt: null }]);
 */
export async function insertMessages(db: Executor, messages: readonly NewMessage[], options: { reviveCancelled?: boolean } = {}): Promise<string[]> {
  if (messages.length === 0) return [];
  const ids: string[] = [];
  for (let i = 0; i < messages.length; i += 1000) {
    const rows = await db
      .insertInto('messages')
      .values(messages.slice(i, i + 1000).map((m) => ({
        id: randomUUID(),
        organization_id: m.organizationId,
        channel: m.channel,
        kind: m.kind,
        recipient: m.recipient,
        subject: m.subject ?? null,
        body: m.body,
        send_at: m.sendAt,
        expires_at: m.expiresAt,
        appointment_id: m.appointmentId ?? null,
        patient_id: m.patientId ?? null,
        dedupe_key: m.dedupeKey ?? null,
        ics: m.ics ?? null,
        priority: m.priority ?? 0,
      })))
      .onConflict((oc) => options.reviveCancelled
        // A reminder switched off and on again is the same message: it waits again, with the new text.
        ? oc.columns(['dedupe_key', 'organization_id']).doUpdateSet((eb) => ({ status: 'waiting', body: eb.ref('excluded.body'), send_at: eb.ref('excluded.send_at'), expires_at: eb.ref('excluded.expires_at'), recipient: eb.ref('excluded.recipient'), result: null })).where('messages.status', '=', 'cancelled')
        : oc.columns(['dedupe_key', 'organization_id']).doNothing())
      .returning('id')
      .execute();
    ids.push(...rows.map((r) => r.id));
  }
  // Wakes idle workers when the caller's transaction commits (PostgreSQL folds repeats into one).
  if (ids.length > 0) await sql`NOTIFY ${sql.raw(OUTBOX_CHANNEL)}`.execute(db);
  return ids;
}

/** The LISTEN/NOTIFY channel on which a commit that wrote messages wakes the workers. */
export const OUTBOX_CHANNEL = 'opus_outbox';

/**
 * When the next waiting message falls due after `now`, or null: an idle
 * worker sleeps until then rather than a whole interval.
 */
export async function nextDueAfter(db: Executor, now: Date): Promise<Date | null> {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.min('send_at').as('at'))
    .where('status', 'in', ['waiting', 'retrying'])
    .where('send_at', '>', now)
    .executeTakeFirst();
  return row?.at ? new Date(row.at as Date) : null;
}

/**
 * A claimed message: what deciding its attempt needs (its text comes when the attempt begins, `beginAttempts`),
 * with whether an earlier attempt was left without an outcome (a crashed worker).
 */
export type ClaimedMessage = Pick<MessageRow, (typeof CLAIMED_COLUMNS)[number]> & { previous_attempt: Date | null };

/** The columns a claim answers: fewer than the whole row, since each is decoded for every message of every batch. */
const CLAIMED_COLUMNS = ['id', 'organization_id', 'channel', 'send_at', 'expires_at', 'sent_at', 'attempts', 'gateway', 'gateway_id', 'priority'] as const;

export interface ClaimOptions {
  now: Date;
  workerId: string;
  limit: number;
  leaseMs: number;
  /** Organizations whose SMS are paused now (quiet hours, S6). */
  pausedSmsOrganizations: readonly string[];
}

/**
 * Claims due messages for one worker: those that may still go
 * (`mayStillGo`; when a dead worker left them in doubt, also past their
 * expiry or with their appointment cancelled, to settle them), not leased
 * by a live worker, and not SMS of an organization in its quiet hours
 * (except priority messages: one-time codes). Priority messages come first,
 * then the rest by when they fell due.
 * `FOR UPDATE SKIP LOCKED` lets several workers claim at once without
 * waiting on or taking each other's rows; the lease (`locked_until`) hands
 * a crashed worker's messages on.
 */
export async function claimDue(db: Executor, options: ClaimOptions): Promise<ClaimedMessage[]> {
  const { now, workerId, limit, leaseMs } = options;
  // The ids are picked through the claim's index and the rows updated by primary key: the update reads nothing else.
  // The paused organizations are one array parameter, so the text is one prepared statement however many there are.
  const result = await sql<ClaimedMessage>`
    UPDATE messages claimed
    SET claimed_by = ${workerId}, locked_until = ${new Date(now.getTime() + leaseMs)}, attempts = claimed.attempts + 1
    WHERE claimed.id = ANY(ARRAY(
      SELECT m.id
      FROM messages m
      WHERE ${mayStillGo(now, { orInDoubt: true })}
        AND (m.locked_until IS NULL OR m.locked_until < ${now})
        AND NOT (m.channel = 'sms' AND m.priority = 0 AND m.organization_id = ANY(${uuidArray(options.pausedSmsOrganizations)}))
      ORDER BY m.priority DESC, m.send_at
      LIMIT ${limit}
      FOR UPDATE OF m SKIP LOCKED
    ))
    RETURNING ${sql.join(CLAIMED_COLUMNS.map((column) => sql.ref(`claimed.${column}`)))}, claimed.attempt_started_at AS previous_attempt ${preparedStatement()}`.execute(db);
  return result.rows.sort((a, b) => b.priority - a.priority || new Date(a.send_at).getTime() - new Date(b.send_at).getTime());
}

/** What a message is to be sent as, read when its attempt begins. */
export type AttemptMessage = Pick<MessageRow, 'recipient' | 'subject' | 'body' | 'ics'>;

/**
 * Begins the attempts on claimed messages, in one statement, right before
 * they are handed to the gateway: only those this worker still holds and
 * that may still go (`mayStillGo`, asked again: the claim's answer may be
 * stale). Marks each attempt started (so a worker that dies from here on
 * leaves the message in doubt, never resent blindly), renews the lease, and
 * answers each message as it is now (a rebooking may have re-rendered it
 * since the claim), by id; a message missing from the answer must not be
 * sent. A batch is claimed at once but sent a few messages at a time, so
 * between the claim and the send the lease may have run out and another
 * worker taken the message over, or the message or its appointment may have
 * been cancelled.
 *
 * @example
 * const begun = await beginAttempts(db, { ids: claimed.map((m) => m.id), workerId, now: new Date(), leaseMs: 300_000 });
 * if (!begun.has(id)) return null; // cancelled, moved or taken over meanwhile
 */
export async function beginAttempts(db: Executor, options: { ids: readonly string[]; workerId: string; now: Date; leaseMs: number }): Promise<Map<string, AttemptMessage>> {
  const { ids, workerId, now, leaseMs } = options;
  if (ids.length === 0) return new Map();
  const result = await sql<AttemptMessage & { id: string }>`
    UPDATE messages m
    SET attempt_started_at = ${now}, locked_until = ${new Date(now.getTime() + leaseMs)}
    WHERE m.id = ANY(${uuidArray(ids)}) AND m.claimed_by = ${workerId} AND ${mayStillGo(now)}
    RETURNING m.id, m.recipient, m.subject, m.body, m.ics ${preparedStatement()}`.execute(db);
  return new Map(result.rows.map(({ id, ...message }) => [id, message]));
}

/**
 * Hands back claimed messages this worker did not attempt: the claim's
 * attempt is not counted, and whatever they are now, the next claim and the
 * sweep see them as such. By default (`settled`) they were cancelled, moved
 * or taken over meanwhile, and a message taken over in doubt is no longer in
 * doubt: the worker only tries to begin an attempt after settling the doubt
 * as "not at the gateway" (or, for e-mail, "send again"), so it is released
 * as never attempted, for the sweep to settle if it may no longer go. With
 * `settled: false` (a stopping worker hands back what it did not get to) a
 * message left in doubt by an earlier worker stays in doubt.
 *
 * @example
 * await releaseClaims(db, workerId, notAttempted);
 * await releaseClaims(db, workerId, notReached, { settled: false });
 */
export async function releaseClaims(db: Executor, workerId: string, ids: readonly string[], options: { settled?: boolean } = {}): Promise<void> {
  if (ids.length === 0) return;
  const settled = options.settled ?? true;
  await db
    .updateTable('messages')
    .set((eb) => ({ claimed_by: null, locked_until: null, attempts: sql<number>`GREATEST(${eb.ref('attempts')} - 1, 0)`, ...(settled ? { attempt_started_at: null } : {}) }))
    .where('id', 'in', ids)
    .where('claimed_by', '=', workerId)
    .execute();
}

/** What became of one claimed message. */
export interface Outcome {
  id: string;
  status: Extract<MessageStatus, 'sent' | 'failed' | 'retrying' | 'expired'>;
  sentAt?: Date | null;
  gateway?: string | null;
  gatewayId?: string | null;
  sender?: string | null;
  error?: string | null;
  result?: string | null;
  /** For `retrying`: when to try again. */
  retryAt?: Date | null;
}

/**
 * Writes a batch of outcomes in one statement, only for messages this worker
 * still holds. A send that happened is recorded as sent even if staff
 * cancelled the message meanwhile; any other outcome leaves a cancelled
 * message cancelled. Answers the messages it wrote, with the status each
 * now has: the caller announces those left failed in the same transaction
 * (`message.failed`, with `failedMessages`). With `skipFailedDeliveries`, a `sent` outcome of a
 * message whose delivery report already said failed is left out (missing
 * from the answer): recording it makes the message failed, so record it in
 * a transaction that announces it.
 *
 * @example
 * const recorded = await recordOutcomes(trx, workerId, [{ id, status: 'sent', sentAt: new Date(), gateway: 'memory', gatewayId: 'mem-1' }]);
 */
export async function recordOutcomes(db: Executor, workerId: string, outcomes: readonly Outcome[], options: { skipFailedDeliveries?: boolean } = {}): Promise<RecordedMessage[]> {
  if (outcomes.length === 0) return [];
  // One array parameter per column, not nine parameters per outcome. `unnest` of arrays tells the planner how many
  // outcomes there are, so it looks each message up by primary key: no scan of the claimed rows, no join of every
  // outcome against every message.
  const column = <T>(pick: (o: Outcome) => T | null | undefined) => outcomes.map((o) => pick(o) ?? null);
  const instants = (pick: (o: Outcome) => Date | null | undefined) => outcomes.map((o) => pick(o)?.toISOString() ?? null);
  const result = await sql<RecordedMessage>`
    UPDATE messages m
    SET status = CASE WHEN v.status = 'sent' AND m.delivery_status = 'failed' THEN 'failed' ELSE v.status END,
        sent_at = COALESCE(v.sent_at, m.sent_at),
        gateway = COALESCE(v.gateway, m.gateway),
        gateway_id = COALESCE(m.gateway_id, v.gateway_id),
        sender = COALESCE(v.sender, m.sender),
        last_error = CASE WHEN v.status = 'sent' THEN m.last_error ELSE v.last_error END,
        result = v.result,
        send_at = COALESCE(v.retry_at, m.send_at),
        body = CASE WHEN v.status <> 'retrying' THEN ${blankedCodes(sql`m`)} ELSE m.body END,
        last_attempt_at = COALESCE(m.attempt_started_at, m.last_attempt_at),
        claimed_by = NULL, locked_until = NULL, attempt_started_at = NULL
    FROM unnest(${uuidArray(outcomes.map((o) => o.id))}, ${column((o) => o.status)}::text[], ${instants((o) => o.sentAt)}::timestamptz[],
      ${column((o) => o.gateway)}::text[], ${column((o) => o.gatewayId)}::text[], ${column((o) => o.sender)}::text[],
      ${column((o) => o.error)}::text[], ${column((o) => o.result)}::text[], ${instants((o) => o.retryAt)}::timestamptz[])
      AS v(id, status, sent_at, gateway, gateway_id, sender, last_error, result, retry_at)
    WHERE m.id = v.id AND m.claimed_by = ${workerId}
      AND (v.status = 'sent' OR ${stillToGo.pending})
      ${options.skipFailedDeliveries ? sql`AND (v.status <> 'sent' OR m.delivery_status IS DISTINCT FROM 'failed')` : sql``}
    RETURNING m.id, m.channel, m.status ${preparedStatement()}`.execute(db);
  return result.rows;
}

/**
 * What the `message.failed` webhook tells of messages an outcome left
 * failed, read in the transaction that recorded them (the answer of
 * `recordOutcomes` stays small: a busy worker decodes one row per send).
 *
 * @example
 * const failed = await failedMessages(trx, recorded.filter((m) => m.status === 'failed').map((m) => m.id));
 */
export async function failedMessages(db: Executor, ids: readonly string[]): Promise<FailedMessage[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('messages').select(['id', 'organization_id', 'channel', 'kind', 'appointment_id', 'patient_id']).where('id', 'in', ids).execute();
}

/** A failed message as the `message.failed` webhook tells it. */
export type FailedMessage = Pick<MessageRow, 'id' | 'organization_id' | 'channel' | 'kind' | 'appointment_id' | 'patient_id'>;

/** Ids as one `uuid[]` parameter, for `= ANY(…)`. */
function uuidArray(ids: readonly string[]): RawBuilder<string[]> {
  return sql<string[]>`${`{${ids.join(',')}}`}::uuid[]`;
}

/** A message as an outcome left it: its status (`failedMessages` tells the rest of one left failed). */
export type RecordedMessage = Pick<MessageRow, 'id' | 'channel' | 'status'>;

/**
 * A message's body with a one-time code blanked out (`Din kode er ••••••`),
 * for a code message (`kind = 'code'`) that is settled (and the token of a
 * staff invite or reset link, `#/invite/••••••`): once sent, expired
 * or cancelled the code has no use, and the stored body should not keep it.
 * Other messages keep their body.
 *
 * @example
 * await db.updateTable('messages as m').set({ status: 'cancelled', body: blankedCodes(sql`m`) }).where(…).execute();
 */
export function blankedCodes(m: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`CASE WHEN ${m}.kind = 'code' THEN regexp_replace(${m}.body, '[0-9]{6}', '••••••', 'g')
    WHEN ${m}.kind IN ('staff_invite', 'password_reset') THEN regexp_replace(${m}.body, ${STAFF_LINK_TOKEN}, ${STAFF_LINK_BLANKED}, 'g')
    ELSE ${m}.body END`;
}

/** The token in a staff invite or reset link (`…/admin/#/invite/<token>`), blanked like a code once the e-mail is settled. */
const STAFF_LINK_TOKEN = '(#/(invite|reset)/)[A-Za-z0-9_-]+';
const STAFF_LINK_BLANKED = '\\1••••••';

/**
 * Settles pending messages that may no longer go (`stillToGo`), with the
 * reason: expired unsent (U), and due ones of cancelled appointments (A).
 * Messages with an attempt in flight are left to the claim, which knows
 * what happened.
 */
export async function sweep(db: Executor, now: Date): Promise<{ expired: number; cancelled: number }> {
  const expired = await db
    .updateTable('messages as m')
    .set({ status: 'expired', result: 'Expired before it could be sent', body: blankedCodes(sql`m`) })
    .where(stillToGo.pending)
    .where((eb) => eb.not(stillToGo.unexpired(now)))
    .where((eb) => eb.not(stillToGo.inDoubt))
    .executeTakeFirst();
  const cancelled = await db
    .updateTable('messages as m')
    .set({ status: 'cancelled', result: 'The appointment was cancelled' })
    .where(stillToGo.pending)
    .where(stillToGo.due(now))
    .where((eb) => eb.not(stillToGo.appointmentStands))
    .where((eb) => eb.not(stillToGo.inDoubt))
    .executeTakeFirst();
  return { expired: Number(expired.numUpdatedRows), cancelled: Number(cancelled.numUpdatedRows) };
}

/**
 * Staff cancel a waiting message (S13). Answers `not_found` when the
 * organization has no such message, `not_waiting` when it is past waiting.
 */
export async function cancelMessage(db: Executor, organizationId: string, id: string): Promise<'cancelled' | 'not_waiting' | 'not_found'> {
  const result = await db
    .updateTable('messages as m')
    .set({ status: 'cancelled', result: 'Cancelled by staff', body: blankedCodes(sql`m`) })
    .where('m.organization_id', '=', organizationId)
    .where('m.id', '=', id)
    .where('m.status', 'in', ['waiting', 'retrying'])
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return 'cancelled';
  const exists = await db.selectFrom('messages').select('id').where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
  return exists ? 'not_waiting' : 'not_found';
}
