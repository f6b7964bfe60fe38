import { createHash } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';

/** Ends the text of a statement PostgreSQL is to prepare once per connection. */
const MARK = '/* prepared */';

/**
 * Marks a hot statement so that on PostgreSQL each pooled connection parses
 * and plans it once and then runs it by name: a week's slot search spent
 * more time being planned (about 0.3 ms) than executed (about 0.05 ms). On
 * PGlite (`PgliteDialect`) the statement is likewise prepared once per
 * instance. Use it only for
 * statements whose text takes a few shapes (a connection keeps every one it
 * has prepared), and check their generic plan (test/query-plans.test.ts).
 *
 * @example
 * await db.selectFrom('appointments').select('id').where('provider_id', '=', id).modifyEnd(preparedStatement()).execute();
 */
export function preparedStatement(): RawBuilder<unknown> {
  return sql.raw(` ${MARK}`);
}

/** Whether a statement's text asks to be prepared (`preparedStatement()`). */
export function isPreparedStatement(text: string): boolean {
  return text.endsWith(MARK);
}

interface QueryClient { query: (...args: unknown[]) => unknown }

/**
 * Makes a node-postgres client run marked texts as named statements (named
 * by a hash of the text, so one name always means one text); every other
 * call passes through unchanged.
 *
 * @example
 * pool.on('connect', (client) => prepareMarkedStatements(client));
 */
export function prepareMarkedStatements(client: QueryClient): void {
  const query = client.query.bind(client);
  client.query = (config: unknown, values?: unknown, callback?: unknown) =>
    typeof config === 'string' && isPreparedStatement(config) && (values === undefined || Array.isArray(values))
      ? query({ name: statementName(config), text: config, values }, callback)
      : query(config, values, callback);
}

const names = new Map<string, string>();
/** The name a marked text is prepared under: from a hash of the text, so one name always means one text. */
export function statementName(text: string): string {
  let name = names.get(text);
  if (!name) names.set(text, name = `opus_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`);
  return name;
}
