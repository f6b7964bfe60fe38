import { expressionBuilder, sql, type Expression, type SqlBool } from 'kysely';
import type { DB, MessagesTable, MessageStatus } from '../db/tables.ts';

// The outbox's queries name the messages row `m`.
const eb = expressionBuilder<DB & { m: MessagesTable }, 'm'>();

/**
 * The parts of "may this message still go out?", over the messages row
 * aliased `m`. The claim and the beginning of each attempt ask all of them
 * (`mayStillGo`); the sweep settles the messages that fail one, with that
 * part's reason.
 */
export const stillToGo = {
  /** Not settled yet: waiting, or waiting to retry. */
  // Literals, not parameters: the partial index `messages_due` (status IN ('waiting', 'retrying')) then serves any plan.
  pending: eb('m.status', 'in', [sql.lit<MessageStatus>('waiting'), sql.lit<MessageStatus>('retrying')]),
  due: (now: Date) => eb('m.send_at', '<=', now),
  unexpired: (now: Date) => eb.or([eb('m.expires_at', 'is', null), eb('m.expires_at', '>', now)]),
  /** Not for a cancelled appointment (A); the cancellation confirmation itself still goes. */
  appointmentStands: eb.or([
    eb('m.appointment_id', 'is', null),
    eb('m.kind', '=', sql.lit('cancelled')),
    eb.not(eb.exists(eb.selectFrom('appointments as a').select(sql.lit(1).as('one')).whereRef('a.id', '=', 'm.appointment_id').where('a.status', '=', sql.lit('cancelled')))),
  ]),
  /** An attempt was begun and has no outcome yet: in flight, or its worker died mid-send. */
  inDoubt: eb('m.attempt_started_at', 'is not', null),
};

/**
 * Whether a message may still go out at `now`: pending, due, not expired,
 * and not for a cancelled appointment. Asked in one SQL condition over the
 * messages row aliased `m` by the claim and again by the step that begins
 * each attempt, since a batch is claimed at once but sent one message after
 * another and the world moves on meanwhile. With `orInDoubt` (the claim), a
 * pending message left in doubt by a dead worker is taken whatever became of
 * it meanwhile (expired, its appointment cancelled), so that what became of
 * its attempt gets settled: the sweep leaves it alone, and nobody else would.
 * Taking it over sends nothing by itself; the attempt is begun only if the
 * message may still go.
 *
 * @example
 * await sql`SELECT m.id FROM messages m WHERE ${mayStillGo(now)}`.execute(db);
 * await db.selectFrom('messages as m').select('m.id').where(mayStillGo(now)).execute();
 */
export function mayStillGo(now: Date, options: { orInDoubt?: boolean } = {}): Expression<SqlBool> {
  const goes = eb.and([stillToGo.unexpired(now), stillToGo.appointmentStands]);
  return eb.and([stillToGo.pending, stillToGo.due(now), options.orInDoubt ? eb.or([goes, stillToGo.inDoubt]) : goes]);
}
