import pg from 'pg';

/**
 * Holds `LOCK TABLE <table> IN ACCESS EXCLUSIVE MODE` on its own connection
 * until released, so that server requests touching the table wait inside
 * PostgreSQL: a fault test then knows they are in flight 
 * when it kills or stops a process (see `backends`).
 *
 * @example
 * const lock = await lockTable(url, 'messages');
 * await lock.release();
 */
export async function lockTable(url: string, table: 'messages' | 'organizations'): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  let released: Promise<void> | undefined;
  return { release: () => (released ??= client.query('ROLLBACK').then(() => client.end())) };
}

/**
 * The server processes (backend pids) connected to this database, only those
 * waiting for a table lock (as `lockTable` holds) with `waitingOnLock`, only those whose URL gave this
 * `application_name` with `applicationName`.
 *
 * @example
 * await until('the booking waits', async () => (await backends(url, { applicationName: 'doomed', waitingOnLock: true })).length === 1);
 */
export async function backends(url: string, filter: { applicationName?: string; waitingOnLock?: boolean }): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
         AND ($1::text IS NULL OR application_name = $1) AND (NOT $2 OR (wait_event_type = 'Lock' AND wait_event = 'relation'))`,
      [filter.applicationName ?? null, filter.waitingOnLock === true],
    );
    return rows.map((row) => row.pid);
  } finally {
    await client.end();
  }
}
