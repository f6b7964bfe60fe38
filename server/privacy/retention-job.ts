import type { Db } from '../db/database.ts';
import { describeError } from '../logging/describe-error.ts';
import { purgeExpired, type PurgeResult } from './retention-purge.ts';

export interface RetentionJobOptions {
  db: Db;
  now?: () => Date;
  /** Between purges (default an hour); the first runs a minute after start. */
  intervalMs?: number;
  firstDelayMs?: number;
  /** Counts only: the purge never sees what it removes. */
  log?: (line: string) => void;
}

/** A running retention job. */
export interface RetentionJob {
  /** Purges now (tests, or an operator); waits for a purge already running instead of starting a second. */
  runOnce(): Promise<PurgeResult>;
  /** Stops scheduling and waits for a purge in progress. */
  stop(): Promise<void>;
}

/**
 * The retention purge (issue 11.5) on its own small schedule, beside the
 * outbox worker (in `npm start`'s process and in each worker process;
 * several at once are safe). Its timer does not keep the process alive. A
 * failed purge is logged and tried again at the next interval.
 *
 * @example
 * const retention = startRetentionJob({ db, log: (line) => console.log(line) });
 * await retention.stop();
 */
export function startRetentionJob(options: RetentionJobOptions): RetentionJob {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  let running: Promise<PurgeResult> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const runOnce = () => {
    running ??= purgeExpired(options.db, { now: now() }).finally(() => { running = undefined; });
    return running;
  };
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      void runOnce()
        .then((r) => {
          const removed = Object.entries(r).filter(([, n]) => n > 0).map(([kind, n]) => `${kind} ${n}`);
          if (removed.length > 0) log(`[retention] purged ${removed.join(', ')}`);
        })
        .catch((error: unknown) => log(`[retention] purge failed: ${describeError(error)}`))
        .finally(() => schedule(options.intervalMs ?? 3_600_000));
    }, delay);
    timer.unref();
  };
  schedule(options.firstDelayMs ?? 60_000);

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}
