/**
 * The widget's budget (issue 3): builds it, loads it in Chromium on a plain
 * page against a local canned API, and prints
 *   widget.bundle.gzip_kb: everything fetched before the first step shows
 *     (JS with its CSS, one locale chunk), gzip -9, in KB (budget ≤ 20);
 *   widget.first_step.main_thread_ms: the renderer's main-thread busy time
 *     (Chrome's TaskDuration: script, style, layout, paint) from the widget's
 *     script tag being added to an idle, parsed clinic page until the first
 *     step is rendered, median of 7 loads; waiting for the network is not
 *     main-thread time (budget ≤ 50). The wall time is logged to stderr;
 *   widget.baseline.main_thread_ms: the same for a bare Lit element
 *     rendering one button (test/bench/support/baseline-element.ts, built
 *     the same way), loaded in turn with the widget in the same run;
 *   widget.first_step.ratio: widget / baseline, which moves less between
 *     machines than either time.
 * Run: node --import tsx test/bench/bundle.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { CLINIC_GROUPS, PROVIDERS, TREATMENTS, organization } from '../browser/support/fixtures.ts';

const root = new URL('../../', import.meta.url).pathname;
execFileSync('npx', ['--no', '--', 'vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 2, 2] });
const baselineDir = mkdtempSync(join(tmpdir(), 'opus-baseline-'));
await build({
  configFile: false, logLevel: 'warn', publicDir: false,
  build: {
    outDir: baselineDir, target: 'es2022', minify: true, reportCompressedSize: false,
    lib: { entry: `${root}test/bench/support/baseline-element.ts`, formats: ['es'], fileName: () => 'baseline.js' },
  },
});

// The organization with its catalog: the widget asks for both in one request (`?include=catalog`).
const api: Record<string, unknown> = {
  '': { ...organization(), catalog: { groups: CLINIC_GROUPS, providers: PROVIDERS, treatments: TREATMENTS } },
};

/** A clinic's page: `__start()` adds the script tag of `src`; `opus-step` from its element ends the measure. */
const pageOf = (element: string, src: string) => `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Clinic</title></head><body>
<h1>Clinic</h1>
${element}
<p>After the widget.</p>
<script>window.__start = () => { window.__t0 = performance.now();
  const script = document.createElement('script'); script.type = 'module'; script.src = '${src}'; document.head.append(script); };
document.addEventListener('opus-step', () => requestAnimationFrame(() => { window.__first = performance.now() - window.__t0;
  window.__files = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.startsWith('/widget/')); }), { once: true });</script>
</body></html>`;

const server: Server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(pageOf('<opus-booking api="/" organization="acme" locale="nb"></opus-booking>', '/widget/opus-booking.js'));
  if (path === '/baseline') return void res.writeHead(200, { 'content-type': 'text/html' }).end(pageOf('<opus-baseline></opus-baseline>', '/baseline.js'));
  if (path === '/baseline.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(baselineDir, 'baseline.js')));
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

/** One load of `path`: the main thread's busy time and the wall time until the first render, and the widget's files fetched. */
async function load(browser: Browser, path: string): Promise<{ busy: number; first: number; files: string[] }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await page.goto(`${base}${path}`);
    // The page is parsed and idle: from here on, the busy time is the element's.
    const before = (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
    await page.evaluate(() => (window as unknown as { __start: () => void }).__start());
    await page.waitForFunction(() => (window as unknown as { __first?: number }).__first !== undefined, undefined, { timeout: 15_000, polling: 'raf' });
    const { metrics } = await cdp.send('Performance.getMetrics');
    const busy = ((metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) - before) * 1000;
    const result = await page.evaluate(() => ({ first: (window as unknown as { __first: number }).__first, files: (window as unknown as { __files: string[] }).__files }));
    return { busy, ...result };
  } finally {
    await context.close();
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const times: number[] = [];
const walls: number[] = [];
const baselines: number[] = [];
let files: string[] = [];
try {
  for (let run = 0; run < 8; run++) {
    // In turn, so both see the same machine load.
    const widget = await load(browser, '/');
    const baseline = await load(browser, '/baseline');
    if (run > 0) {
      // The first load warms the disk and JIT caches.
      times.push(widget.busy);
      walls.push(widget.first);
      baselines.push(baseline.busy);
    }
    files = widget.files;
  }
} finally {
  await browser.close();
  server.close();
  rmSync(baselineDir, { recursive: true, force: true });
}
const gzipBytes = [...new Set(files)].reduce((sum, path) => sum + gzipSync(readFileSync(`${root}dist/widget/${path.slice(8)}`), { level: 9 }).length, 0);
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
times.sort((a, b) => a - b);
walls.sort((a, b) => a - b);
console.error(`files before the first step: ${[...new Set(files)].join(', ')}; main thread ${times.map((t) => t.toFixed(1)).join(', ')} ms; wall ${walls.map((t) => t.toFixed(1)).join(', ')} ms`);
console.log(`widget.bundle.gzip_kb: ${(gzipBytes / 1024).toFixed(1)}`);
console.error(`baseline main thread ${[...baselines].sort((a, b) => a - b).map((t) => t.toFixed(1)).join(', ')} ms`);
console.log(`widget.first_step.main_thread_ms: ${median(times).toFixed(1)}`);
console.log(`widget.baseline.main_thread_ms: ${median(baselines).toFixed(1)}`);
console.log(`widget.first_step.ratio: ${(median(times) / median(baselines)).toFixed(2)}`);
