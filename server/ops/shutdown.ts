import type { Server } from 'node:http';
import net from 'node:net';
import type { Logger } from '../logging/logger.ts';

/**
 * On SIGTERM or SIGINT (once): runs `stop` (close the server, stop the
 * worker, close the pool), then exits 0, or 1 if stopping failed or took
 * longer than `timeoutMs` plus a margin.
 *
 * @example
 * exitOnSignal(async () => { await closeServer(server, 25_000); await database.close(); }, { logger, timeoutMs: 25_000 });
 */
export function exitOnSignal(stop: () => Promise<void>, options: { logger: Logger; timeoutMs: number }): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      options.logger.info({ signal }, 'shutting down');
      const deadline = setTimeout(() => {
        options.logger.error('shutdown took too long; exiting');
        process.exit(1);
      }, options.timeoutMs + 10_000);
      stop().then(() => {
        clearTimeout(deadline);
        options.logger.info('stopped');
        process.exit(0);
      }, (error: unknown) => {
        options.logger.error({ error: error instanceof Error ? error.name : 'error' }, 'shutdown failed');
        process.exit(1);
      });
    });
  }
}

/**
 * Stops accepting connections and resolves once every request in flight is
 * answered. Unlike `http.Server#close`, it does not cut the connections it
 * deems idle at once: one may hold a request that arrived but is not read
 * yet. Each answer meanwhile ends its connection (`Connection: close`: see
 * the app's `draining`); an idle keep-alive connection ends at its
 * keep-alive timeout (5 s); whatever is still open after `timeoutMs` is cut.
 *
 * @example
 * await closeServer(server, 25_000);
 */
export function closeServer(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const cut = setTimeout(() => server.closeAllConnections(), timeoutMs);
    net.Server.prototype.close.call(server, () => {
      clearTimeout(cut);
      resolve();
    });
  });
}
