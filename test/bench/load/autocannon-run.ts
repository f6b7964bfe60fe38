import autocannon, { type Request } from 'autocannon';

/** What one autocannon load got back. */
export interface LoadResult {
  /** Answers by HTTP status. */
  statuses: Record<number, number>;
  /** 2xx and expected answers per second of the run. */
  okPerSecond: number;
  /** Latency percentiles of the 2xx and expected answers. */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Other answers, socket errors and timeouts. */
  errors: number;
  /** A few of those errors, for stderr. */
  errorSamples: string[];
}

/**
 * Runs autocannon for `seconds` over `connections` spread across the `url`s,
 * each request made by `next()`; `expected` statuses besides 2xx are not
 * errors (a booking's 409 on a taken time).
 *
 * @example
 * const result = await runLoad({ url: ['http://127.0.0.1:3000'], connections: 10, seconds: 15, next: () => ({ method: 'GET', path: '/healthz' }) });
 */
export async function runLoad(options: { url: string[]; connections: number; seconds: number; next: () => Request; expected?: number[] }): Promise<LoadResult> {
  const statuses: Record<number, number> = {};
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const sample = (what: string) => { if (errorSamples.length < 5) errorSamples.push(what); };
  const started = performance.now();
  const instance = autocannon({
    url: options.url, connections: options.connections, duration: options.seconds, timeout: 30,
    requests: [{ setupRequest: (request) => ({ ...request, ...options.next() }) }],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if ((status >= 200 && status < 300) || options.expected?.includes(status)) latencies.push(ms);
    else { errors++; sample(`HTTP ${status}`); }
  });
  instance.on('reqError', (error: Error) => { errors++; sample(error.message); });
  await instance;
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => latencies.length === 0 ? NaN : latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * p) - 1)]!;
  return { statuses, okPerSecond: latencies.length / seconds, p50Ms: percentile(0.5), p95Ms: percentile(0.95), p99Ms: percentile(0.99), errors, errorSamples };
}
