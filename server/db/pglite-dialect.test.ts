import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Kysely, sql } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import { createPglite, databaseOnPglite } from './database.ts';
import { PgliteDialect } from './pglite-dialect.ts';
import { preparedStatement } from './prepared.ts';

// The outbox worker's statements run by name on PGlite (issue 11: outbox.10k.seconds). A prepared statement must
// answer exactly as PGlite's own query does, fail as it does, and leave the connection usable after a failure.

interface Tables { notes: { id: number; at: Date | null; tags: string[] | null; body: string } }

let pglite: PGlite;
let db: Kysely<Tables>;

before(async () => {
  pglite = await createPglite();
  db = new Kysely<Tables>({ dialect: new PgliteDialect(pglite) });
  await sql`CREATE TABLE notes (id int PRIMARY KEY, at timestamptz, tags text[], body text NOT NULL)`.execute(db);
});

after(() => db.destroy());

const insert = (id: number, at: Date | null, tags: string[] | null) =>
  sql<{ id: number; at: Date | null; tags: string[] | null }>`INSERT INTO notes (id, at, tags, body) VALUES (${id}, ${at}, ${tags}::text[], 'x') RETURNING id, at, tags ${preparedStatement()}`;

const preparedNames = async () => (await sql<{ name: string }>`SELECT name FROM pg_prepared_statements`.execute(db)).rows.map((r) => r.name);

test('a marked statement is prepared once under its name and answers as an unmarked one does', async () => {
  const at = new Date('2026-12-01T09:30:00.123Z');
  const first = await insert(1, at, ['a', 'b "quoted"']).execute(db);
  const second = await insert(2, null, null).execute(db);
  assert.deepEqual(first.rows, [{ id: 1, at, tags: ['a', 'b "quoted"'] }]);
  assert.deepEqual(second.rows, [{ id: 2, at: null, tags: null }]);
  const names = await preparedNames();
  assert.equal(names.filter((n) => n.startsWith('opus_')).length, 1, names.join(', '));
  const plain = await sql<{ id: number; at: Date | null; tags: string[] | null }>`SELECT id, at, tags FROM notes ORDER BY id`.execute(db);
  const marked = await sql<{ id: number; at: Date | null; tags: string[] | null }>`SELECT id, at, tags FROM notes ORDER BY id ${preparedStatement()}`.execute(db);
  assert.deepEqual(marked.rows, plain.rows);
});

test('text beyond ASCII, empty strings and every row of a large answer come back intact', async () => {
  await sql`INSERT INTO notes (id, at, tags, body) SELECT g, NULL, ARRAY['æøå', ''], 'Hei på deg 👋 ' || g FROM generate_series(100, 2099) g`.execute(db);
  const query = (mark: boolean) => sql<{ id: number; tags: string[]; body: string; empty: string }>`SELECT id, tags, body, '' AS empty FROM notes WHERE id >= 100 ORDER BY id ${mark ? preparedStatement() : sql``}`.execute(db);
  const [marked, plain] = [await query(true), await query(false)];
  assert.equal(marked.rows.length, 2000);
  assert.deepEqual(marked.rows[1999], { id: 2099, tags: ['æøå', ''], body: 'Hei på deg 👋 2099', empty: '' });
  assert.deepEqual(marked.rows, plain.rows);
  await sql`DELETE FROM notes WHERE id >= 100`.execute(db);
});

test('rows changed are counted as Kysely\'s PostgreSQL driver counts them, with and without the mark', async () => {
  for (const mark of [preparedStatement(), sql``]) {
    const affected = async (query: ReturnType<typeof sql>) => (await db.executeQuery(query.compile(db))).numAffectedRows;
    assert.equal(await affected(sql`UPDATE notes SET body = 'y' WHERE id = ${1} ${mark}`), 1n);
    assert.equal(await affected(sql`UPDATE notes SET body = 'y' WHERE id = ${99} ${mark}`), 0n, 'none changed is 0, not missing');
    assert.equal(await affected(sql`SELECT id FROM notes WHERE id = ${1} ${mark}`), undefined, 'a SELECT changes nothing');
  }
});

test('a notification raised by a marked statement reaches PGlite\'s listeners', async () => {
  await sql`CREATE FUNCTION ping(text) RETURNS int LANGUAGE sql AS $$ SELECT 1 FROM pg_notify('pings', $1) $$`.execute(db);
  const heard: string[] = [];
  const unlisten = await pglite.listen('pings', (payload) => heard.push(payload));
  await sql`SELECT ping(${'hei'}) ${preparedStatement()}`.execute(db);
  for (let i = 0; i < 100 && heard.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  await unlisten();
  assert.deepEqual(heard, ['hei']);
});

test('statements dropped under the dialect (DEALLOCATE ALL) are prepared again', async () => {
  const own = new Kysely<Tables>({ dialect: new PgliteDialect(await createPglite()) });
  try {
    const one = (trx: Kysely<Tables>) => sql<{ one: number }>`SELECT 1 AS one ${preparedStatement()}`.execute(trx);
    assert.deepEqual((await one(own)).rows, [{ one: 1 }]);
    await sql`DEALLOCATE ALL`.execute(own);
    assert.deepEqual((await one(own)).rows, [{ one: 1 }], 'outside a transaction: at once');
    await sql`DEALLOCATE ALL`.execute(own);
    await assert.rejects(own.transaction().execute(one), (error: Error & { code?: string }) => error.code === '26000', 'inside one, the failure aborts it');
    assert.deepEqual((await own.transaction().execute(one)).rows, [{ one: 1 }], 'and the next use prepares it again');
  } finally {
    await own.destroy();
  }
});

test('a read-only transaction refuses to write', async () => {
  await assert.rejects(db.transaction().setAccessMode('read only').execute((trx) => insert(50, null, null).execute(trx)), (error: Error & { code?: string }) => error.code === '25006');
});

test('a failing prepared statement rejects with PostgreSQL\'s code, rolls its transaction back, and the next statement runs', async () => {
  await assert.rejects(db.transaction().execute(async (trx) => {
    await insert(3, null, null).execute(trx);
    await insert(1, null, null).execute(trx); // the primary key is taken
  }), (error: Error & { code?: string; constraint?: string }) => error.code === '23505' && error.constraint === 'notes_pkey' && /duplicate key/.test(error.message));
  const ids = (await db.selectFrom('notes').select('id').orderBy('id').execute()).map((r) => r.id);
  assert.deepEqual(ids, [1, 2], 'the row of the failed transaction is gone');
  assert.deepEqual((await insert(3, null, null).execute(db)).rows.map((r) => r.id), [3]);
});

test('two dialects over one PGlite share its prepared statements and take turns on its one connection', async () => {
  const other = new Kysely<Tables>({ dialect: new PgliteDialect(pglite) });
  assert.deepEqual((await insert(4, null, ['z']).execute(other)).rows, [{ id: 4, at: null, tags: ['z'] }]);
  // A transaction of one that fails is rolled back alone: the other's insert, made while it was open, stays.
  let inside!: () => void;
  const opened = new Promise<void>((resolve) => { inside = resolve; });
  const failing = db.transaction().execute(async (trx) => {
    await insert(40, null, null).execute(trx);
    inside();
    await new Promise((resolve) => setTimeout(resolve, 20));
    throw new Error('rolled back');
  }).catch(() => undefined);
  await opened;
  await insert(41, null, null).execute(other);
  await failing;
  assert.deepEqual((await db.selectFrom('notes').select('id').where('id', 'in', [40, 41]).execute()).map((r) => r.id), [41]);
});

test('a marked statement on a closed PGlite says so', async () => {
  const closing = await createPglite();
  const gone = new Kysely<Tables>({ dialect: new PgliteDialect(closing) });
  await closing.close();
  await assert.rejects(sql`SELECT 1 ${preparedStatement()}`.execute(gone), /closed/);
});

test('callers take turns on the one connection: concurrent transactions do not interleave', async () => {
  await Promise.all([5, 6, 7, 8].map((id) => db.transaction().execute(async (trx) => {
    await insert(id, null, null).execute(trx);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (id === 6) throw new Error('rolled back');
  }).catch(() => undefined)));
  const ids = (await db.selectFrom('notes').select('id').where('id', 'in', [5, 6, 7, 8]).orderBy('id').execute()).map((r) => r.id);
  assert.deepEqual(ids, [5, 7, 8]);
});

test('LISTEN waits for a transaction in progress: its rollback does not undo the listening', async () => {
  const database = await databaseOnPglite(await createPglite());
  try {
    let heard = 0;
    let inside!: () => void;
    const opened = new Promise<void>((resolve) => { inside = resolve; });
    const rolledBack = database.db.transaction().execute(async (trx) => {
      await sql`SELECT 1`.execute(trx);
      inside();
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error('rolled back');
    }).catch(() => undefined);
    await opened;
    const unlisten = await database.listen('opus_test', () => { heard++; });
    await rolledBack;
    await sql`NOTIFY opus_test`.execute(database.db);
    for (let i = 0; i < 100 && heard === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await unlisten();
    assert.equal(heard, 1);
  } finally {
    await database.close();
  }
});
