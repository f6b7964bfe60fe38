import type { Server } from 'node:http';
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
 * answered. Idle keep-alive connections are closed at once and again as
 * requests finish (answers say `Connection: close` meanwhile: see the app's
 * `draining`); whatever is still open after `timeoutMs` is cut.
 *
 * @example
 * await closeServer(server, 25_000);
 */
export function closeServer(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const idle = setInterval(() => server.closeIdleConnections(), 250);
    const cut = setTimeout(() => server.closeAllConnections(), timeoutMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
