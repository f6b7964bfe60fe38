import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request the receiver got. */
export interface Received {
  id: string;
  headers: IncomingHttpHeaders;
  body: string;
  payload: any;
  /** The answer it gave. */
  status: number;
  /** Already processed under this `webhook-id` (a replay or a resend). */
  replay: boolean;
}

/**
 * A real HTTP endpoint on 127.0.0.1 (random port), as a practice system
 * would run one: verifies each delivery with `standardwebhooks`, answers
 * the statuses queued with `answer` (then 200), and processes each
 * `webhook-id` once, flagging repeats.
 *
 * @example
 * await using r = await startReceiver();
 * r.answer(503, 500);
 */
export async function startReceiver() {
  const received: Received[] = [];
  const processed = new Set<string>();
  const queue: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const id = String(req.headers['webhook-id'] ?? '');
      const status = queue.shift() ?? 200;
      const replay = processed.has(id);
      if (status >= 200 && status < 300) processed.add(id);
      let payload: unknown;
      try { payload = JSON.parse(body); } catch { payload = undefined; }
      received.push({ id, headers: req.headers, body, payload, status, replay });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 400 ? `refused with ${status}` : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** Statuses for the next requests, in order; 200 after them. */
    answer: (...statuses: number[]) => { queue.push(...statuses); },
    /** Whether a request verifies with this secret (`standardwebhooks`, as a receiver would check). */
    verifies(r: Received, secret: string): boolean {
      try {
        new Webhook(secret).verify(r.body, { 'webhook-id': r.id, 'webhook-timestamp': String(r.headers['webhook-timestamp']), 'webhook-signature': String(r.headers['webhook-signature']) });
        return true;
      } catch {
        return false;
      }
    },
    async [Symbol.asyncDispose]() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
