import type { Db } from '../db/database.ts';
import { stillToGo } from '../messaging/may-still-go.ts';

/**
 * The outbox as an operator watches it: messages by channel and status,
 * how many are due and unsent, and how long the oldest of those has waited.
 *
 * @example
 * const { due, lagSeconds } = await outboxStatus(db, new Date());
 */
export async function outboxStatus(db: Db, now: Date): Promise<{ byStatus: Array<{ channel: string; status: string; count: number }>; due: number; lagSeconds: number }> {
  const [byStatus, due] = await Promise.all([
    db.selectFrom('messages').select(['channel', 'status', (eb) => eb.fn.countAll<number>().as('count')]).groupBy(['channel', 'status']).execute(),
    db.selectFrom('messages as m')
      .select([(eb) => eb.fn.countAll<number>().as('count'), (eb) => eb.fn.min('m.send_at').as('oldest')])
      .where(stillToGo.pending).where(stillToGo.due(now)).where(stillToGo.unexpired(now))
      .executeTakeFirstOrThrow(),
  ]);
  const oldest = due.oldest === null ? null : new Date(due.oldest as unknown as string | Date);
  return {
    byStatus: byStatus.map((r) => ({ channel: r.channel, status: r.status, count: Number(r.count) })),
    due: Number(due.count),
    lagSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
  };
}
