import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../server/app.ts';
import { openDatabase } from '../server/db/database.ts';
import { createPostgresDatabase } from './support/postgres-server.ts';

// Issue 9.1: `npm run org` end to end, as a child process on the database
// `npm start` would use (a temporary DATA_DIR, or DATABASE_URL): create an
// organization with its first owner (who sets a password by the printed
// link and logs in), list, make a key, use it on the admin API, revoke it.

const CLI = join(import.meta.dirname, '..', 'server', 'org-cli.ts');

for (const kind of ['pglite', 'postgres'] as const) {
  const dataDir = mkdtempSync(join(tmpdir(), 'opus-org-cli-'));
  const server = kind === 'postgres' ? await createPostgresDatabase() : undefined;
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', PUBLIC_URL: 'https://book.example', DATA_DIR: dataDir, ...(server ? { DATABASE_URL: server.url } : {}) };

  /** Runs `npm run org -- …args`; never rejects: answers the exit code and output. */
  const org = (...args: string[]) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { env, timeout: 180_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });

  type AdminCall = (key: string, method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;
  /** Opens the database between CLI runs (PGlite is one process at a time) for `calls` to the admin API. */
  async function withAdminApi(calls: (admin: AdminCall) => Promise<void>) {
    const database = await openDatabase({ url: server?.url, dataDir });
    try {
      const app = createApp({ db: database.db, publicUrl: 'https://book.example', log: () => {} });
      await calls(async (key, method, path, body) => {
        const response = await app.request(`/api/v1/admin${path}`, {
          method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        return { status: response.status, body: await response.json() };
      });
    } finally {
      await database.close();
    }
  }

  /** The first owner takes the CLI's link: sets a password (logged in), then logs in with it. */
  async function acceptAndLogin(token: string, email: string) {
    const database = await openDatabase({ url: server?.url, dataDir });
    try {
      const app = createApp({ db: database.db, publicUrl: 'https://book.example', log: () => {}, clientIp: () => '192.0.2.9' });
      const post = async (path: string, body: unknown) => {
        const response = await app.request(`/api/v1/admin${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        return { status: response.status, body: await response.json() as any };
      };
      const accepted = await post('/auth/invite/accept', { token, password: 'the owner password' });
      const loggedIn = await post('/auth/login', { organization: 'smile', email, password: 'the owner password' });
      return { accepted, loggedIn };
    } finally {
      await database.close();
    }
  }

  describe(`npm run org (${kind})`, { skip: kind === 'postgres' && !server ? 'no PostgreSQL server (set TEST_DATABASE_URL)' : false, timeout: 600_000 }, () => {
    after(async () => {
      await server?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('create → list → key create → the key works → revoke → 401', async () => {
      const created = await org('create', '--subdomain', 'smile', '--name', 'Smile Tannklinikk', '--locale', 'en', '--owner-email', 'Kari@Smile.Example', '--owner-name', 'Kari');
      assert.equal(created.code, 0, created.stderr);
      assert.match(created.stdout, /https:\/\/book\.example\/o\/smile\//, 'the booking page');
      const adminKey = /opk_[A-Za-z0-9_-]{32}/.exec(created.stdout)?.[0];
      assert.ok(adminKey, `a first admin key in ${created.stdout}`);
      assert.match(created.stdout, /Staff console: https:\/\/book\.example\/admin\//, 'the console');
      assert.match(created.stdout, /kari@smile\.example/, "the owner's e-mail");
      const token = /https:\/\/book\.example\/admin\/#\/invite\/([A-Za-z0-9_-]+)/.exec(created.stdout)?.[1];
      assert.ok(token, `a set-password link in ${created.stdout}`);
      const owner = await acceptAndLogin(token, 'kari@smile.example');
      assert.equal(owner.accepted.status, 200, JSON.stringify(owner.accepted.body));
      assert.equal(owner.accepted.body.user.role, 'owner');
      assert.equal(owner.loggedIn.status, 200, JSON.stringify(owner.loggedIn.body));

      const listed = await org('list');
      assert.equal(listed.code, 0, listed.stderr);
      assert.match(listed.stdout, /smile\s+Smile Tannklinikk\s+en\s+Europe\/Oslo/);

      const made = await org('key', 'create', '--subdomain', 'smile', '--name', 'dashboard', '--scope', 'read');
      assert.equal(made.code, 0, made.stderr);
      const readKey = /opk_[A-Za-z0-9_-]{32}/.exec(made.stdout)?.[0];
      assert.ok(readKey);

      await withAdminApi(async (admin) => {
        const ok = await admin(readKey, 'GET', '/messaging/status');
        assert.equal(ok.status, 200, JSON.stringify(ok.body));
        const refused = await admin(readKey, 'POST', '/messages/number', { to: '+4791234567', body: 'Hei' });
        assert.equal(refused.status, 403);
        assert.equal(refused.body.code, 'forbidden');
        assert.equal((await admin(adminKey, 'POST', '/messages/number', { to: '+4791234567', body: 'Hei' })).status, 201, 'the first key has every scope');
      });

      const keys = await org('key', 'list', '--subdomain', 'smile', '--json');
      assert.equal(keys.code, 0, keys.stderr);
      const rows = JSON.parse(keys.stdout) as Array<{ id: string; name: string; prefix: string; scopes: string[]; lastUsedAt: string | null; revokedAt: string | null }>;
      assert.deepEqual(rows.map((k) => [k.name, k.scopes]), [['admin', ['read', 'write', 'messaging']], ['dashboard', ['read']]]);
      const dashboard = rows.find((k) => k.name === 'dashboard')!;
      assert.ok(readKey.startsWith(dashboard.prefix) && dashboard.prefix.length === 12, 'the prefix, never the key');
      assert.ok(!keys.stdout.includes(readKey) && !keys.stdout.includes(adminKey), 'no key is listed');
      assert.ok(dashboard.lastUsedAt, 'last use is shown');

      const table = await org('key', 'list', '--subdomain', 'smile');
      assert.match(table.stdout, new RegExp(`${dashboard.prefix}\\s+dashboard\\s+read\\s`));

      const revoked = await org('key', 'revoke', '--subdomain', 'smile', '--id', dashboard.id);
      assert.equal(revoked.code, 0, revoked.stderr);
      await withAdminApi(async (admin) => {
        const after = await admin(readKey, 'GET', '/messaging/status');
        assert.equal(after.status, 401);
        assert.equal(after.body.code, 'unauthorized');
      });
      const again = await org('key', 'revoke', '--subdomain', 'smile', '--id', dashboard.id);
      assert.equal(again.code, 1, 'revoking twice is an error');
    });

    test('a taken, reserved or malformed subdomain, or a missing name, fails with exit code 1 and says why', async () => {
      const cases: Array<[string[], RegExp]> = [
        [['create', '--subdomain', 'smile', '--name', 'Another', '--owner-email', 'a@b.example'], /subdomain: "smile" is taken/],
        [['create', '--subdomain', 'www', '--name', 'W', '--owner-email', 'a@b.example'], /subdomain: "www" is reserved/],
        [['create', '--subdomain', 'Not_OK', '--name', 'N', '--owner-email', 'a@b.example'], /subdomain: Lower-case letters/],
        [['create', '--subdomain', 'fresh', '--owner-email', 'a@b.example'], /--name is required/],
        [['create', '--subdomain', 'fresh', '--name', 'F'], /--owner-email is required/],
        [['create', '--subdomain', 'fresh', '--name', 'F', '--owner-email', 'not-an-email'], /ownerEmail: /],
        [['key', 'create', '--subdomain', 'smile', '--name', 'x', '--scope', 'root'], /scope: /],
        [['key', 'list', '--subdomain', 'nobody'], /No organization with subdomain "nobody"/],
        [['frobnicate'], /unknown command/],
      ];
      for (const [args, message] of cases) {
        const result = await org(...args);
        assert.equal(result.code, 1, `${args.join(' ')}: ${result.stdout}`);
        assert.match(result.stderr, message, args.join(' '));
      }
      const listed = await org('list', '--json');
      assert.deepEqual((JSON.parse(listed.stdout) as Array<{ subdomain: string }>).map((o) => o.subdomain), ['smile'], 'nothing else was created');
      const help = await org('--help');
      assert.equal(help.code, 0);
      assert.match(help.stdout, /key revoke --subdomain <s> --id <id>/);
    });
  });
}
