import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// Issue 11.7: the example deployment in deploy/ (systemd units, nginx,
// environment) stays runnable as the code moves: units pass systemd's own
// check, every program they start is built from a source that exists and
// every npm script they name exists, the proxy reaches the API processes the
// target starts, and every variable of the example environment is documented.

const ROOT = join(import.meta.dirname, '..');
const DEPLOY = join(ROOT, 'deploy');
const read = (name: string) => readFileSync(join(DEPLOY, name), 'utf8');
const UNITS = readdirSync(DEPLOY).filter((f) => /\.(service|timer|target)$/.test(f));
const SCRIPTS = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const systemdAnalyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find(existsSync);

describe('deploy/', () => {
  test('the systemd units pass `systemd-analyze verify` without a warning', { skip: systemdAnalyze ? false : 'no systemd-analyze here' }, async () => {
    // Templates are checked through an instance, as systemctl would start them.
    const units = UNITS.map((f) => f.replace('@.service', f.startsWith('opus-api') ? '@3001.service' : '@1.service'));
    const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(systemdAnalyze!, ['verify', ...units.map((u) => `./${u}`)], { cwd: DEPLOY, timeout: 120_000 }, (error, _stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stderr });
      });
    });
    assert.equal(code, 0, stderr);
    assert.equal(stderr.trim(), '');
  });

  test('every program a unit starts is built from an existing source, and every npm script it names exists', () => {
    const programs = UNITS.flatMap((f) => [...read(f).matchAll(/node dist\/(server\/[\w/-]+)\.js/g)].map((m) => `${m[1]}.ts`));
    assert.deepEqual([...new Set(programs)].sort(), ['server/api-main.ts', 'server/db/migrate-main.ts', 'server/messaging/worker-main.ts', 'server/ops/backup-cli.ts']);
    assert.deepEqual(programs.filter((source) => !existsSync(join(ROOT, source))), []);
    const scripts = UNITS.flatMap((f) => [...read(f).matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!));
    assert.deepEqual(scripts.filter((name) => !(name in SCRIPTS)), []);
  });

  test('nginx forwards Host and the client address to every API process the target starts', () => {
    const nginx = read('nginx.conf');
    const upstream = [...nginx.matchAll(/server 127\.0\.0\.1:(\d+)/g)].map((m) => m[1]);
    const started = [...read('opus.target').matchAll(/opus-api@(\d+)\.service/g)].map((m) => m[1]);
    assert.deepEqual(upstream, started);
    assert.match(nginx, /server_name example\.com \*\.example\.com;/);
    assert.match(nginx, /proxy_set_header Host \$host;/);
    assert.match(nginx, /proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/);
    assert.match(read('opus.env.example'), /^TRUST_PROXY=1$/m, 'one proxy in front');
  });

  test('every variable of the example environment is documented', () => {
    const names = [...read('opus.env.example').matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!);
    assert.ok(names.length >= 10);
    const docs = readFileSync(join(ROOT, 'README.md'), 'utf8') + readFileSync(join(ROOT, 'docs', 'operations.md'), 'utf8');
    assert.deepEqual(names.filter((name) => !docs.includes(`\`${name}\``)), []);
  });
});
