import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A slow fake of the 46elks SMS API (`POST /a1/sms`) on 127.0.0.1, for a
 * worker process pointed at it with ELKS_BASE_URL: each request is recorded
 * when it arrives (its `to` and `message`) and answered with a new id after
 * `delayMs`.
 *
 * @example
 * await using elks = await startFakeElks({ delayMs: 500 });
 * startWorker({ databaseUrl, env: { SMS_GATEWAY: '46elks', ELKS_USERNAME: 'u', ELKS_PASSWORD: 'p', ELKS_BASE_URL: elks.url } });
 */
export async function startFakeElks(options: { delayMs: number }) {
  const received: Array<{ to: string; message: string }> = [];
  const waiting = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      if (req.method !== 'POST' || req.url !== '/a1/sms') { res.writeHead(404).end('Not found'); return; }
      received.push({ to: form.get('to') ?? '', message: form.get('message') ?? '' });
      const id = `s${received.length}`;
      waiting.add(res);
      setTimeout(() => {
        waiting.delete(res);
        if (!res.destroyed) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id, status: 'created', parts: 1 }));
      }, options.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    async [Symbol.asyncDispose]() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
