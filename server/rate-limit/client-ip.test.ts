import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { serve, type ServerType } from '@hono/node-server';
import { clientIpFrom, trustProxyFromEnv } from './client-ip.ts';

/** A server on loopback answering the client IP it sees, one per trust setting. */
async function serveIp(trustProxy: number): Promise<{ server: ServerType; url: string }> {
  const app = new Hono();
  const clientIp = clientIpFrom({ trustProxy });
  app.get('/', (c) => c.text(clientIp(c)));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

describe('the client IP for rate limits', () => {
  const servers: ServerType[] = [];
  after(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

  test('from the socket; X-Forwarded-For is ignored unless a proxy is trusted', async () => {
    const { server, url } = await serveIp(0);
    servers.push(server);
    assert.equal(await (await fetch(url, { headers: { 'x-forwarded-for': '203.0.113.9' } })).text(), '127.0.0.1');
  });

  test('behind one trusted proxy: the entry it appended, not what the client typed before it', async () => {
    const { server, url } = await serveIp(1);
    servers.push(server);
    assert.equal(await (await fetch(url, { headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.9' } })).text(), '203.0.113.9');
    assert.equal(await (await fetch(url)).text(), '127.0.0.1', 'no header: the socket');
  });

  test('without a socket (app.request) one shared bucket', async () => {
    const app = new Hono();
    const clientIp = clientIpFrom();
    app.get('/', (c) => c.text(clientIp(c)));
    assert.equal(await (await app.request('/')).text(), 'unknown');
  });

  test('TRUST_PROXY values', () => {
    assert.deepEqual([undefined, '', 'false', '0', 'true', '2'].map(trustProxyFromEnv), [0, 0, 0, 0, 1, 2]);
    assert.throws(() => trustProxyFromEnv('yes'), /TRUST_PROXY/);
  });
});
