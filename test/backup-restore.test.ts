import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../server/app.ts';
import { openDatabase } from '../server/db/database.ts';
import { createHarness, NOW } from './support/api-harness.ts';
import { norwegianIds, patient } from './support/fixture.ts';
import { createPostgresDatabase } from './support/postgres-server.ts';

// Issue 11.7: `npm run backup` / `npm run restore` as child processes, on
// the database `npm start` would use. A booking made before the backup is
// there after a restore into a new place, with migrations current; what
// changed after the backup is not.

const CLI = join(import.meta.dirname, '..', 'server', 'ops', 'backup-cli.ts');
const MIGRATIONS = readdirSync(join(import.meta.dirname, '..', 'server', 'db', 'migrations')).map((f) => f.replace(/\.ts$/, '')).sort();

for (const kind of ['pglite', 'postgres'] as const) {
  const work = mkdtempSync(join(tmpdir(), 'opus-backup-'));
  const [source, target] = kind === 'postgres' ? [await createPostgresDatabase(), await createPostgresDatabase()] : [];
  /** Where the data lives: DATABASE_URL, or PGlite in DATA_DIR. */
  const places = {
    source: { url: source?.url, dataDir: join(work, 'data') },
    target: { url: target?.url, dataDir: join(work, 'restored') },
  };
  const file = join(work, kind === 'postgres' ? 'opus.dump' : 'opus.tar.gz');

  /** Runs `npm run <command> -- <file>` on a place; never rejects. */
  const cli = (command: 'backup' | 'restore', place: keyof typeof places) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const { url, dataDir } = places[place];
    const env = { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, ...(url ? { DATABASE_URL: url } : {}) };
    execFile(process.execPath, ['--import', 'tsx', CLI, command, file], { env, timeout: 300_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });

  /** Opens a place (PGlite: one process at a time, so only between CLI runs) and serves the public API on it. */
  async function withApp<T>(place: keyof typeof places, use: (call: (method: string, path: string) => Promise<{ status: number; body: any }>) => Promise<T>): Promise<T> {
    const database = await openDatabase(places[place]);
    try {
      const app = createApp({ db: database.db, now: () => NOW, publicUrl: 'https://book.example', log: () => {} });
      return await use(async (method, path) => {
        const response = await app.request(`/api/v1/organizations/backup${path}`, { method });
        return { status: response.status, body: await response.json() };
      });
    } finally {
      await database.close();
    }
  }

  describe(`backup and restore (${kind})`, { skip: kind === 'postgres' && !source ? 'no PostgreSQL server (set TEST_DATABASE_URL)' : false }, () => {
    after(async () => {
      await source?.drop();
      await target?.drop();
      rmSync(work, { recursive: true, force: true });
    });

    let token = '';

    test('a booking made before the backup is back after a restore into a new place; a later cancel is not', async () => {
      const database = await openDatabase(places.source);
      try {
        const h = await createHarness(database, { subdomain: 'backup' });
        const booked = await h.call('POST', '/bookings', {
          treatmentId: h.fixture.treatments.checkup, clinicId: h.fixture.clinics.a, providerId: h.fixture.providers.p1,
          start: '2026-12-02T09:00:00+01:00', patient: patient({ nationalId: norwegianIds(1)[0] }),
        });
        assert.equal(booked.status, 201, JSON.stringify(booked.body));
        token = booked.body.manageToken;
      } finally {
        await database.close();
      }

      const backup = await cli('backup', 'source');
      assert.equal(backup.code, 0, backup.stderr);
      assert.match(backup.stdout, /Backed up to/);

      await withApp('source', async (call) => {
        assert.equal((await call('POST', `/bookings/${token}/cancel`)).status, 200);
        assert.equal((await call('GET', `/bookings/${token}`)).body.status, 'cancelled');
      });

      const restore = await cli('restore', 'target');
      assert.equal(restore.code, 0, restore.stderr);

      const restored = await openDatabase({ ...places.target, migrate: false });
      try {
        const applied = await restored.db.selectFrom('kysely_migration' as never).select('name' as never).execute() as Array<{ name: string }>;
        assert.deepEqual(applied.map((m) => m.name).sort(), MIGRATIONS, 'every migration applied, none unknown');
      } finally {
        await restored.close();
      }
      await withApp('target', async (call) => {
        const seen = await call('GET', `/bookings/${token}`);
        assert.equal(seen.status, 200, JSON.stringify(seen.body));
        assert.equal(seen.body.status, 'booked');
        assert.equal(seen.body.start, '2026-12-02T09:00:00+01:00');
      });
    });

    test('a restore refuses a place that is not empty', async () => {
      const again = await cli('restore', 'target');
      assert.equal(again.code, 1);
      assert.match(again.stderr, /not empty/);
      await withApp('target', async (call) => assert.equal((await call('GET', `/bookings/${token}`)).body.status, 'booked'));
    });

    if (kind === 'pglite') {
      test('a PGlite backup refuses a data directory a server has open', async () => {
        const running = await openDatabase(places.source);
        try {
          const refused = await cli('backup', 'source');
          assert.equal(refused.code, 1);
          assert.match(refused.stderr, /stop the server first/);
        } finally {
          await running.close();
        }
      });
    }
  });
}
