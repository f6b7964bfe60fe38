import { parse, protocol, types, type PGlite, type Results } from '@electric-sql/pglite';
import {
  CompiledQuery, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler,
  type DatabaseConnection, type Dialect, type Driver, type Kysely, type QueryResult, type TransactionSettings,
} from 'kysely';
import { isPreparedStatement, statementName } from './prepared.ts';

/**
 * Kysely over one PGlite instance. PGlite is one backend, so the dialect has
 * one connection, lent to one caller (a query or a whole transaction) at a
 * time. Statements marked `preparedStatement()` are parsed once per instance
 * and then run by name, in one round trip (Bind, Describe, Execute, Sync),
 * their answer read here: PGlite otherwise parses, describes and plans every
 * statement afresh, about a millisecond each, and the outbox worker runs
 * hundreds a second.
 *
 * @example
 * const db = new Kysely<DB>({ dialect: new PgliteDialect(await createPglite()) });
 */
export class PgliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}
  createAdapter() { return new PostgresAdapter(); }
  createDriver(): Driver { return new PgliteDriver(this.pglite); }
  createQueryCompiler() { return new PostgresQueryCompiler(); }
  createIntrospector(db: Kysely<unknown>) { return new PostgresIntrospector(db); }
}

class PgliteDriver implements Driver {
  readonly #shared: Shared;
  readonly #connection: PgliteConnection;

  constructor(private readonly pglite: PGlite) {
    this.#shared = sharedBy(pglite);
    this.#connection = new PgliteConnection(pglite, this.#shared);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#shared.lent) await new Promise<void>((resolve) => this.#shared.waiting.push(resolve));
    this.#shared.lent = true;
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    // Handed straight to the next caller, so none can slip in between.
    const next = this.#shared.waiting.shift();
    if (next) next();
    else this.#shared.lent = false;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const isolation = settings.isolationLevel ? ` ISOLATION LEVEL ${settings.isolationLevel.toUpperCase()}` : '';
    const access = settings.accessMode ? ` ${settings.accessMode.toUpperCase()}` : '';
    await connection.executeQuery(CompiledQuery.raw(`BEGIN${isolation}${access}`));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('COMMIT'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
  }

  async destroy(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close();
  }
}

/** A statement PGlite holds by name: the types of its parameters, to serialize them as `query` would. */
interface Prepared { name: string; parameterTypes: number[] }

/**
 * What every dialect over one PGlite instance shares: the one connection's
 * lending (so that two Kysely instances over it do not interleave their
 * transactions) and the statements it has prepared (a name is prepared once).
 */
interface Shared { lent: boolean; waiting: Array<() => void>; prepared: Map<string, Prepared> }

const shared = new WeakMap<PGlite, Shared>();
function sharedBy(pglite: PGlite): Shared {
  let state = shared.get(pglite);
  if (!state) shared.set(pglite, state = { lent: false, waiting: [], prepared: new Map() });
  return state;
}

/** PostgreSQL's code for a prepared statement that does not exist (e.g. after `DEALLOCATE ALL`). */
const UNDEFINED_PREPARED_STATEMENT = '26000';

class PgliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: PGlite, private readonly shared: Shared) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = isPreparedStatement(query.sql)
      ? await this.#executePrepared(query.sql, query.parameters)
      : await this.pglite.query(query.sql, [...query.parameters]);
    return queryResult(result as Results<R>);
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not stream query results');
  }

  async #executePrepared(text: string, parameters: readonly unknown[]): Promise<Results> {
    if (this.pglite.closed) throw new Error('PGlite is closed');
    // PGlite's query lock, not its transaction lock: transactions are this dialect's (nothing calls pglite.transaction).
    const { result, notifications } = await this.pglite.runExclusive(async () => {
      try {
        return await this.#run(this.shared.prepared.get(text) ?? await this.#prepare(text), parameters);
      } catch (error) {
        // Prepared statements were dropped under us (DEALLOCATE ALL, DISCARD ALL): prepared again at the next use, or
        // at once outside a transaction (inside one, the failure has aborted it).
        if ((error as { code?: string }).code !== UNDEFINED_PREPARED_STATEMENT) throw error;
        this.shared.prepared.delete(text);
        if (this.pglite.isInTransaction()) throw error;
        return this.#run(await this.#prepare(text), parameters);
      }
    });
    // PGlite dispatches notifications only from answers it reads itself: one this statement raised is sent again
    // (outside a transaction it is delivered at once, inside one at its commit).
    for (const { channel, payload } of notifications) await this.pglite.query('SELECT pg_notify($1, $2)', [channel, payload]);
    return result;
  }

  async #run(statement: Prepared, parameters: readonly unknown[]): Promise<Answer> {
    const values = parameters.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serialize = this.pglite.serializers[statement.parameterTypes[i]!];
      return serialize ? serialize(value) : String(value);
    });
    const chunks: Uint8Array[] = [];
    // The answer is read here (`readAnswer`), not by PGlite, whose reader copies every field of every row.
    await this.pglite.execProtocolRawStream(concat(
      protocol.serialize.bind({ statement: statement.name, values }),
      protocol.serialize.describe({ type: 'P' }),
      protocol.serialize.execute(),
      protocol.serialize.sync(),
    ), { onRawData: (bytes) => chunks.push(bytes.slice()) });
    return readAnswer(chunks.length === 1 ? chunks[0]! : concat(...chunks), this.pglite.parsers);
  }

  async #prepare(text: string): Promise<Prepared> {
    const name = statementName(text);
    const { messages } = await this.pglite.execProtocol(concat(
      protocol.serialize.parse({ name, text }),
      protocol.serialize.describe({ type: 'S', name }),
      protocol.serialize.sync(),
    ), { syncToFs: false });
    const statement = { name, parameterTypes: parse.parseDescribeStatementResults(messages) };
    this.shared.prepared.set(text, statement);
    return statement;
  }
}

/** A statement's result, and the notifications its answer carried. */
interface Answer { result: Results; notifications: Array<{ channel: string; payload: string }> }

const utf8 = new TextDecoder();

/**
 * The result of one statement from PostgreSQL's answer to Bind, Describe,
 * Execute and Sync: the row description, the rows (each field decoded in
 * place and parsed by its type as PGlite would), the command tag. An error
 * is handed to PGlite's protocol parser, to be thrown as the same
 * `DatabaseError` a query throws. Notifications are handed back, for the
 * caller to send again through PGlite.
 */
function readAnswer(data: Uint8Array, parsers: PGlite['parsers']): Answer {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const cstring = (at: number) => utf8.decode(data.subarray(at, data.indexOf(0, at)));
  const notifications: Answer['notifications'] = [];
  let fields: Results['fields'] = [];
  const rows: Record<string, unknown>[] = [];
  let command: string | undefined;
  let rowCount: number | undefined;
  for (let at = 0; at < data.length; at += 1 + view.getInt32(at + 1)) {
    const body = at + 5;
    switch (data[at]) {
      case 0x54: { // T: RowDescription
        fields = [];
        let p = body + 2;
        for (let i = view.getInt16(body); i > 0; i--) {
          const end = data.indexOf(0, p);
          fields.push({ name: utf8.decode(data.subarray(p, end)), dataTypeID: view.getInt32(end + 7) });
          p = end + 19;
        }
        break;
      }
      case 0x44: { // D: DataRow
        const row: Record<string, unknown> = {};
        let p = body + 2;
        for (let i = 0, n = view.getInt16(body); i < n; i++) {
          const length = view.getInt32(p);
          p += 4;
          const field = fields[i]!;
          row[field.name] = length < 0 ? null : types.parseType(utf8.decode(data.subarray(p, p += length)), field.dataTypeID, parsers);
        }
        rows.push(row);
        break;
      }
      case 0x43: { // C: CommandComplete, e.g. "UPDATE 3", "INSERT 0 5", "SELECT 2"
        const tag = cstring(body).split(' ');
        command = tag[0];
        const count = Number(tag[tag.length - 1]);
        if (Number.isInteger(count)) rowCount = count;
        break;
      }
      case 0x41: { // A: NotificationResponse (process id, channel, payload)
        const end = data.indexOf(0, body + 4);
        notifications.push({ channel: utf8.decode(data.subarray(body + 4, end)), payload: cstring(end + 1) });
        break;
      }
      case 0x45: // E: ErrorResponse
        throw databaseError(data);
    }
  }
  return { result: { rows, fields, command, rowCount, affectedRows: rowCount }, notifications };
}

function databaseError(data: Uint8Array): Error {
  let error: Error | undefined;
  new protocol.Parser().parse(data, (message) => { if (!error && message instanceof Error) error = message; });
  return error ?? new Error('PostgreSQL answered with an error PGlite could not read');
}

/** As Kysely's PostgreSQL driver answers: a count of affected rows only for commands that change rows. */
function queryResult<R>(result: Results<R>): QueryResult<R> {
  const changes = result.command === 'INSERT' || result.command === 'UPDATE' || result.command === 'DELETE' || result.command === 'MERGE';
  return changes ? { rows: result.rows, numAffectedRows: BigInt(result.rowCount ?? result.affectedRows ?? 0) } : { rows: result.rows };
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) { out.set(part, at); at += part.length; }
  return out;
}
