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
  readonly #connection: PgliteConnection;
  #lent = false;
  readonly #waiting: Array<() => void> = [];

  constructor(private readonly pglite: PGlite) {
    this.#connection = new PgliteConnection(pglite);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#lent) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#lent = true;
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    // Handed straight to the next caller, so none can slip in between.
    const next = this.#waiting.shift();
    if (next) next();
    else this.#lent = false;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const isolation = settings.isolationLevel ? ` ISOLATION LEVEL ${settings.isolationLevel.toUpperCase()}` : '';
    await connection.executeQuery(CompiledQuery.raw(`BEGIN${isolation}`));
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

/** Per PGlite instance, not per dialect: two dialects over one instance must not prepare a name twice. */
const preparedBy = new WeakMap<PGlite, Map<string, Prepared>>();

class PgliteConnection implements DatabaseConnection {
  readonly #prepared: Map<string, Prepared>;

  constructor(private readonly pglite: PGlite) {
    let prepared = preparedBy.get(pglite);
    if (!prepared) preparedBy.set(pglite, prepared = new Map());
    this.#prepared = prepared;
  }

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
    return this.pglite.runExclusive(async () => {
      const statement = this.#prepared.get(text) ?? await this.#prepare(text);
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
    });
  }

  async #prepare(text: string): Promise<Prepared> {
    const name = statementName(text);
    const { messages } = await this.pglite.execProtocol(concat(
      protocol.serialize.parse({ name, text }),
      protocol.serialize.describe({ type: 'S', name }),
      protocol.serialize.sync(),
    ), { syncToFs: false });
    const statement = { name, parameterTypes: parse.parseDescribeStatementResults(messages) };
    this.#prepared.set(text, statement);
    return statement;
  }
}

const utf8 = new TextDecoder();

/**
 * The result of one statement from PostgreSQL's answer to Bind, Describe,
 * Execute and Sync: the row description, the rows (each field decoded in
 * place and parsed by its type as PGlite would), the command tag. An error
 * is handed to PGlite's protocol parser, to be thrown as the same
 * `DatabaseError` a query throws. Notifications are not dispatched: a marked
 * statement must not NOTIFY.
 */
function readAnswer(data: Uint8Array, parsers: PGlite['parsers']): Results {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const cstring = (at: number) => utf8.decode(data.subarray(at, data.indexOf(0, at)));
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
      case 0x45: // E: ErrorResponse
        throw databaseError(data);
    }
  }
  return { rows, fields, command, rowCount, affectedRows: rowCount };
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
