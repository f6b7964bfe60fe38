import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addressKind, resolvedAddressProblem, webhookUrlProblem } from './webhook-url.ts';
import { retryDelayAfter, RETRY_SCHEDULE_MS } from './deliver-webhooks.ts';
import { isTransientStatus } from './webhook-sender.ts';

describe('webhook URLs (SSRF rule)', () => {
  test('https to public hosts; http only to loopback, and loopback only where allowed', () => {
    const dev = { allowLoopback: true };
    const prod = { allowLoopback: false };
    assert.equal(webhookUrlProblem('https://pms.example/hooks', prod), null);
    assert.equal(webhookUrlProblem('https://93.184.216.34/hooks', prod), null);
    assert.equal(webhookUrlProblem('http://127.0.0.1:8080/hooks', dev), null);
    assert.equal(webhookUrlProblem('http://[::1]:8080/hooks', dev), null);
    assert.equal(webhookUrlProblem('http://localhost/hooks', dev), null);
    assert.match(webhookUrlProblem('http://127.0.0.1:8080/hooks', prod)!, /Loopback/);
    assert.match(webhookUrlProblem('http://pms.example/hooks', dev)!, /https/);
    assert.match(webhookUrlProblem('ftp://pms.example/hooks', dev)!, /https/);
    assert.match(webhookUrlProblem('https://u:p@pms.example/', dev)!, /password/);
    for (const host of ['10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '[fd00::1]', '[fe80::1]', '[::ffff:10.0.0.1]', '224.0.0.1']) {
      assert.match(webhookUrlProblem(`https://${host}/x`, dev)!, /refused/, host);
    }
  });

  test('address kinds and resolved addresses', async () => {
    assert.equal(addressKind('8.8.8.8'), 'public');
    assert.equal(addressKind('127.0.0.2'), 'loopback');
    assert.equal(addressKind('::ffff:127.0.0.1'), 'loopback');
    assert.equal(addressKind('2a00:1450::1'), 'public');
    assert.equal(await resolvedAddressProblem('pms.example', { allowLoopback: false }, async () => ['93.184.216.34']), null);
    assert.match((await resolvedAddressProblem('evil.example', { allowLoopback: false }, async () => ['93.184.216.34', '10.0.0.7']))!, /refused/);
    assert.match((await resolvedAddressProblem('nowhere.example', { allowLoopback: false }, async () => { throw new Error('ENOTFOUND'); }))!, /does not resolve/);
  });
});

describe('webhook retries', () => {
  test('back-off from 30 s to a day, about three days in all, then give up; jitter within ±20 %', () => {
    assert.equal(retryDelayAfter(1, () => 0.5), 30_000);
    assert.equal(retryDelayAfter(2, () => 0.5), 120_000);
    assert.equal(retryDelayAfter(1, () => 0), 24_000);
    assert.equal(retryDelayAfter(1, () => 1), 36_000);
    assert.equal(retryDelayAfter(RETRY_SCHEDULE_MS.length + 1, () => 0.5), undefined);
    const total = RETRY_SCHEDULE_MS.reduce((a, b) => a + b, 0);
    assert.ok(total > 2.5 * 86_400_000 && total < 3.5 * 86_400_000);
  });

  test('5xx, 408 and 429 are retried; other 4xx and redirects are not', () => {
    assert.deepEqual([500, 502, 503, 408, 429].map(isTransientStatus), [true, true, true, true, true]);
    assert.deepEqual([400, 401, 404, 410, 301, 302].map(isTransientStatus), [false, false, false, false, false, false]);
  });
});
