import { hostname } from 'node:os';
import type { Executor } from '../db/database.ts';

/**
 * Records that a worker is alive (S15: worker start/stop/interval, last
 * result). One row per worker id, upserted each tick.
 *
 * @example
 * await beat(db, { id, startedAt, at: new Date(), intervalMs: 5000, lastResult: 'claimed 3, sent 3' });
 */
export async function beat(db: Executor, state: { id: string; startedAt: Date; at: Date; intervalMs: number; lastResult: string; stopped?: boolean }): Promise<void> {
  const stoppedAt = state.stopped ? state.at : null;
  await db
    .insertInto('worker_heartbeats')
    .values({ id: state.id, host: hostname(), started_at: state.startedAt, beat_at: state.at, interval_ms: state.intervalMs, last_result: state.lastResult, stopped_at: stoppedAt })
    .onConflict((oc) => oc.column('id').doUpdateSet({ beat_at: state.at, last_result: state.lastResult, stopped_at: stoppedAt, interval_ms: state.intervalMs }))
    .execute();
}

/** Workers seen in the last day, newest first; a worker is alive when it beat within three intervals and has not stopped. */
export async function listWorkers(db: Executor, now: Date) {
  const rows = await db.selectFrom('worker_heartbeats').selectAll().where('beat_at', '>', new Date(now.getTime() - 86_400_000)).orderBy('beat_at', 'desc').limit(20).execute();
  return rows.map((r) => ({
    id: r.id,
    startedAt: new Date(r.started_at).toISOString(),
    beatAt: new Date(r.beat_at).toISOString(),
    stoppedAt: r.stopped_at ? new Date(r.stopped_at).toISOString() : null,
    intervalSeconds: r.interval_ms / 1000,
    alive: r.stopped_at === null && now.getTime() - new Date(r.beat_at).getTime() <= 3 * r.interval_ms + 60_000,
    lastResult: r.last_result,
  }));
}
