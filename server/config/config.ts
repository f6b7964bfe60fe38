import { resolve } from 'node:path';
import * as z from 'zod/mini';
import { VARIABLES, type VariableName } from './variables.ts';

type Values = { [K in VariableName]: z.output<(typeof VARIABLES)[K]['schema']> };

/**
 * The server's settings, read once from the environment: each variable by
 * its name (unset ones at their defaults), plus what follows from them.
 */
export type Config = Values & {
  /** PUBLIC_URL without a trailing slash, or localhost on PORT. */
  publicUrl: string;
  /** DATA_DIR as an absolute path. */
  dataDir: string;
  /** SMS_SINK_FILE, or `sms-outbox.jsonl` in the data directory. */
  smsSinkFile: string;
  /**
   * Whether webhook endpoints may be on loopback: WEBHOOKS_ALLOW_LOOPBACK, else
   * yes unless NODE_ENV=production (a production server that could post to its
   * own loopback would let an API key reach services that trust local callers).
   */
  allowLoopback: boolean;
};

/** The environment was wrong: `problems` has one line per bad variable, each naming it. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

const schema = z.object(Object.fromEntries(Object.entries(VARIABLES).map(([name, variable]) => [name, variable.schema])));

/**
 * Parses and checks every variable at once; throws a `ConfigError` naming
 * each bad one (`PORT must be an integer 1–65535 (got "x")`), never quoting
 * a secret's value. Entry points call it first and stop on the error.
 *
 * @example
 * const config = loadConfig(process.env);
 * serve({ fetch: app.fetch, port: config.PORT });
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]) as VariableName;
      const secret = 'secret' in VARIABLES[name] && VARIABLES[name].secret === true;
      return `${name} ${issue.message}${secret ? '' : ` (got "${env[name]}")`}`;
    }));
  }
  const values = parsed.data as Values;
  const dataDir = resolve(values.DATA_DIR);
  return {
    ...values,
    publicUrl: (values.PUBLIC_URL ?? `http://localhost:${values.PORT}`).replace(/\/+$/, ''),
    dataDir,
    smsSinkFile: values.SMS_SINK_FILE ?? resolve(dataDir, 'sms-outbox.jsonl'),
    allowLoopback: values.WEBHOOKS_ALLOW_LOOPBACK ?? values.NODE_ENV !== 'production',
  };
}

/**
 * The README's table of variables (markdown), from `VARIABLES`.
 *
 * @example
 * console.log(configTable()); // | variable | default | meaning | …
 */
export function configTable(): string {
  const rows = Object.entries(VARIABLES).map(([name, v]) => `| \`${name}\` | ${v.default} | ${v.meaning} |`);
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
