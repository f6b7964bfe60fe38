import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ConfigError, configTable, loadConfig } from './config.ts';
import { VARIABLES } from './variables.ts';

test('nothing set: every default, the data directory made absolute, the public URL on the port', () => {
  const config = loadConfig({ PORT: '4000' });
  assert.equal(config.PORT, 4000);
  assert.equal(config.publicUrl, 'http://localhost:4000');
  assert.ok(config.dataDir.startsWith('/') && config.dataDir.endsWith('/data'));
  assert.equal(config.smsSinkFile, `${config.dataDir}/sms-outbox.jsonl`);
  assert.equal(config.DATABASE_URL, undefined);
  assert.equal(config.SEED_DEMO, undefined, 'each entry point picks its own default');
  assert.equal(config.TRUST_PROXY, 0);
  assert.equal(config.LOG_LEVEL, 'info');
  assert.equal(config.DATABASE_POOL_TIMEOUT_MS, 10_000);
  assert.equal(config.allowLoopback, true);
});

test('values are read into their types; an empty value counts as unset', () => {
  const config = loadConfig({ PUBLIC_URL: 'https://book.example/', DATABASE_URL: 'postgres://u:p@db:5432/opus', SEED_DEMO: 'false', MIGRATE_ON_START: '1', TRUST_PROXY: 'true', SMS_GATEWAY: '', NODE_ENV: 'production', MESSAGING_WORKER_INTERVAL_MS: '250' });
  assert.equal(config.publicUrl, 'https://book.example');
  assert.equal(config.DATABASE_URL, 'postgres://u:p@db:5432/opus');
  assert.equal(config.SEED_DEMO, false);
  assert.equal(config.MIGRATE_ON_START, true);
  assert.equal(config.TRUST_PROXY, 1);
  assert.equal(config.SMS_GATEWAY, 'console');
  assert.equal(config.allowLoopback, false);
  assert.equal(config.MESSAGING_WORKER_INTERVAL_MS, 250);
  assert.equal(loadConfig({ DATABASE_POOL_TIMEOUT_MS: '2500' }).DATABASE_POOL_TIMEOUT_MS, 2500);
  // A flag reads true/false like every other; it overrides NODE_ENV either way.
  assert.equal(loadConfig({ NODE_ENV: 'production', WEBHOOKS_ALLOW_LOOPBACK: 'true' }).allowLoopback, true);
  assert.equal(loadConfig({ WEBHOOKS_ALLOW_LOOPBACK: '0' }).allowLoopback, false);
});

test('every bad variable is named in one error, with what was expected, and secrets are never echoed', () => {
  const secret = 'hunter2-very-secret-password';
  let error: unknown;
  try {
    loadConfig({ PORT: 'x', LOG_LEVEL: 'loud', DATABASE_URL: `mysql://root:${secret}@db/opus`, METRICS_TOKEN: 'short', SEED_DEMO: 'maybe', TRUST_PROXY: 'yes' });
  } catch (caught) {
    error = caught;
  }
  assert.ok(error instanceof ConfigError);
  assert.deepEqual(error.problems, [
    'PORT must be an integer 1–65535 (got "x")',
    'DATABASE_URL must be a postgres:// URL',
    'SEED_DEMO must be true or false (got "maybe")',
    'TRUST_PROXY must be true, false or a number of proxies (got "yes")',
    'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    'METRICS_TOKEN must be at least 16 characters',
  ]);
  assert.ok(!error.message.includes(secret) && !error.message.includes('short'));
  assert.throws(() => loadConfig({ PORT: '70000' }), /PORT must be an integer 1–65535 \(got "70000"\)/);
});

test('the README lists every variable, as configTable() writes the table', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  for (const name of Object.keys(VARIABLES)) assert.ok(readme.includes(`| \`${name}\` |`), `README lists ${name}`);
  assert.ok(readme.includes(configTable()), `README's "Configuration" table is configTable()'s; paste:\n${configTable()}`);
});
