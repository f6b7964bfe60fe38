import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

/**
 * The process's structured log: one JSON object a line on stdout (or on
 * `destination`, for tests), at `level` and above, each line naming the
 * process (`opus-api`, `opus-worker`). Callers log ids, counts, route
 * patterns and `describeError` texts, never request data.
 *
 * @example
 * const logger = createLogger({ name: 'opus-api', level: config.LOG_LEVEL });
 * logger.info({ port: 3000 }, 'listening');
 */
export function createLogger(options: { name: string; level: LevelWithSilent; destination?: DestinationStream }): Logger {
  return pino({ name: options.name, level: options.level }, options.destination);
}

/**
 * A logger that writes nothing: what an app gets when it is given none (tests).
 *
 * @example
 * const logger = deps.logger ?? silentLogger();
 */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
