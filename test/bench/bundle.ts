/**
 * The widget's budget (issue 3): builds it, loads it in Chromium on a plain
 * page against a local canned API, and prints
 *   widget.bundle.gzip_kb: everything fetched before the first step shows
 *     (JS with its CSS, one locale chunk), gzip -9, in KB (budget ≤ 20);
 *   widget.first_step.main_thread_ms: the renderer's main-thread busy time
 *     (Chrome's TaskDuration: script, style, layout, paint) from the widget's
 *     script tag being added to an idle, parsed clinic page until the first
 *     step is rendered, median of 7 loads; waiting for the network is not
 *     main-thread time (budget ≤ 50). The wall time is logged to stderr.
 * Run: node --import tsx test/bench/bundle.ts
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CLINIC_GROUPS, PROVIDERS, TREATMENTS, organization } from '../browser/support/fixtures.ts';

const root = new URL('../../', import.meta.url).pathname;
execFileSync('npx', ['--no', '--', 'vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 2, 2] });

const api: Record<string, unknown> = {
  '': organization(),
  '/clinics': { groups: CLINIC_GROUPS },
  '/providers': { providers: PROVIDERS },
  '/treatments': { treatments: TREATMENTS },
};

const PAGE = `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Clinic</title></head><body>
<h1>Clinic</h1>
<opus-booking api="/" organization="acme" locale="nb"></opus-booking>
<p>After the widget.</p>
<script>window.__start = () => { window.__t0 = performance.now();
  const script = document.createElement('script'); script.type = 'module'; script.src = '/widget/opus-booking.js'; document.head.append(script); };
document.addEventListener('opus-step', () => requestAnimationFrame(() => { window.__first = performance.now() - window.__t0;
  window.__files = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.startsWith('/widget/')); }), { once: true });</script>
</body></html>`;

const server: Server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
  if (path.startsWith('/widget/')) {
    try {
      return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(`${root}dist/widget/${path.slice(8)}`));
    } catch {
      return void res.writeHead(404).end();
    }
  }
  const key = path.replace(/^\/api\/v1\/organizations\/acme\/?/, '/').replace(/\/$/, '');
  const body = api[key];
  if (body !== undefined) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  res.writeHead(404).end();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const times: number[] = [];
const walls: number[] = [];
let files: string[] = [];
try {
  for (let run = 0; run < 8; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await page.goto(base);
    // The page is parsed and idle: from here on, the busy time is the widget's.
    const before = (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
    await page.evaluate(() => (window as unknown as { __start: () => void }).__start());
    await page.waitForFunction(() => (window as unknown as { __first?: number }).__first !== undefined, undefined, { timeout: 15_000, polling: 'raf' });
    const { metrics } = await cdp.send('Performance.getMetrics');
    const busy = ((metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) - before) * 1000;
    const result = await page.evaluate(() => ({ first: (window as unknown as { __first: number }).__first, files: (window as unknown as { __files: string[] }).__files }));
    if (run > 0) {
      // The first load warms the disk and JIT caches.
      times.push(busy);
      walls.push(result.first);
    }
    files = result.files;
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
const gzipBytes = [...new Set(files)].reduce((sum, path) => sum + gzipSync(readFileSync(`${root}dist/widget/${path.slice(8)}`), { level: 9 }).length, 0);
times.sort((a, b) => a - b);
walls.sort((a, b) => a - b);
console.error(`files before the first step: ${[...new Set(files)].join(', ')}; main thread ${times.map((t) => t.toFixed(1)).join(', ')} ms; wall ${walls.map((t) => t.toFixed(1)).join(', ')} ms`);
console.log(`widget.bundle.gzip_kb: ${(gzipBytes / 1024).toFixed(1)}`);
console.log(`widget.first_step.main_thread_ms: ${times[Math.floor(times.length / 2)]!.toFixed(1)}`);
