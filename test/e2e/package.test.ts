import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { builtinModules } from 'node:module';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { build, type Plugin } from 'vite';
import { ROOT, freePort, launchChromium, startServer } from './support/server-process.ts';
import { IO_TIMEOUT_MS } from '../browser/support/io-timeout.ts';

// The package as someone else gets it (issue 11.6): `npm run build`, `npm pack`,
// the tarball installed into a new project, then used there with plain node,
// typechecked by a TypeScript consumer, bundled for a browser and run in
// Chromium against the installed package's own server (`dist/server/main.js`).

let work: string;
let app: string;
let tarball: string;
let server: Awaited<ReturnType<typeof startServer>> | undefined;
let browser: Browser | undefined;
let siteServer: Server | undefined;
let base: string;

/** `command` in `cwd`, its output on stderr (stdout is for bench lines); throws on failure. */
function run(command: string, args: string[], cwd: string): void {
  execFileSync(command, args, { cwd, stdio: ['ignore', process.stderr, 'inherit'], env: { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr' } });
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'opus-package-'));
  // scripts/test-browser.sh has just run the whole `npm run build` (and says so): building again here would empty
  // dist/widget/ under the other end-to-end files' servers.
  if (process.env.OPUS_BUILT !== '1') run('npm', ['run', 'build'], ROOT);
  run('npm', ['pack', '--ignore-scripts', '--loglevel', 'warn', '--pack-destination', work], ROOT);
  tarball = join(work, readdirSync(work).find((name) => name.endsWith('.tgz'))!);

  app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'clinic-site', private: true, type: 'module' }));
  // The package's own dependencies only (no dev dependencies: no tsx, no typescript), from npm's cache where it can.
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], app);

  const port = await freePort();
  base = `http://localhost:${port}`;
  // Plain node on the installed build; the demo prints its admin API key once.
  server = await startServer(
    { ...process.env, NODE_OPTIONS: '', PORT: String(port), DATA_DIR: join(work, 'data'), PUBLIC_URL: base, DATABASE_URL: '' },
    { cwd: app, args: ['node_modules/opus-booking/dist/server/main.js'] },
  );
}, { timeout: 900_000 });

after(async () => {
  await browser?.close();
  siteServer?.close();
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the tarball holds the build and nothing private: no sources, tests, data or environment files', () => {
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').map((path) => path.replace(/^package\//, ''));
  for (const needed of ['package.json', 'dist/sdk/index.js', 'dist/sdk/index.d.ts', 'dist/sdk/admin/index.js', 'dist/widget-esm/element.js', 'dist/server/main.js', 'dist/widget/opus-booking.js', 'dist/console/console.js', 'dist/custom-elements.json']) {
    assert.ok(files.includes(needed), `${needed} is in the tarball`);
  }
  const unwanted = files.filter((path) => /(^|\/)(data|test|node_modules)\/|\.test\.|(^|\/)\.env|\.ts$(?<!\.d\.ts)|\.tsbuildinfo$|\.(pem|key|jsonl)$/.test(path) || !/^(dist\/|package\.json$|README\.md$|LICENSE)/.test(path));
  assert.deepEqual(unwanted, []);
});

test('the installed server, run by plain node, serves the widget bundle, the staff console and the hosted page from the package', async () => {
  for (const path of ['/widget/opus-booking.js', '/admin/', '/o/demo/']) {
    const response = await fetch(`${base}${path}`);
    assert.equal(response.status, 200, path);
    await response.arrayBuffer();
  }
});

test('with plain node, the SDK and the admin SDK call the installed server; the server module loads', { timeout: 120_000 }, () => {
  const apiKey = /demo admin API key \(shown once\): (\S+)/.exec(server!.output())?.[1];
  assert.ok(apiKey, 'the demo printed its admin API key');
  const script = `
    import { createClient, BookingRequest, OpusApiError } from 'opus-booking/sdk';
    import { createAdminClient } from 'opus-booking/sdk/admin';
    const client = createClient({ baseUrl: process.env.BASE, organization: 'demo' });
    const org = await client.getOrganization();
    const { groups } = await client.listClinics();
    const bad = BookingRequest.safeParse({ patient: {} });
    const missing = await client.getBooking('no-such-token').catch((error) => error);
    const admin = createAdminClient({ baseUrl: process.env.BASE, apiKey: process.env.API_KEY });
    const today = new Date().toISOString().slice(0, 10);
    const { appointments } = await admin.listAppointments({ from: today, to: today });
    const server = await import('opus-booking/server');
    console.log(JSON.stringify({
      name: org.name, clinics: groups.flatMap((g) => g.clinics.map((c) => c.name)), badFields: bad.success ? [] : bad.error.issues.map((i) => i.path.join('.')),
      missing: missing instanceof OpusApiError ? missing.status : String(missing), appointments: Array.isArray(appointments),
      server: [typeof server.createApp, typeof server.openDatabase],
    }));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: app, encoding: 'utf8', timeout: 100_000, env: { PATH: process.env.PATH, BASE: base, API_KEY: apiKey },
  });
  assert.equal(result.status, 0, result.stderr);
  const seen = JSON.parse(result.stdout);
  assert.equal(seen.name, 'Demo Tannklinikk');
  assert.ok(seen.clinics.some((name: string) => name.includes('Bryggen')), seen.clinics.join(', '));
  assert.ok(seen.badFields.includes('treatmentId') && seen.badFields.includes('patient.firstName'), seen.badFields.join(', '));
  assert.ok(seen.missing >= 400 && seen.missing < 500, `an unknown booking is an OpusApiError (${seen.missing})`);
  assert.equal(seen.appointments, true);
  assert.deepEqual(seen.server, ['function', 'function']);
});

test('a TypeScript consumer typechecks against the published types, and a wrong call fails', { timeout: 180_000 }, () => {
  const consumer = join(app, 'consumer');
  mkdirSync(consumer, { recursive: true });
  const compilerOptions = { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023', 'DOM', 'DOM.Iterable'], types: [], skipLibCheck: false };
  writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['good.ts'] }));
  writeFileSync(join(consumer, 'tsconfig.bad.json'), JSON.stringify({ compilerOptions, files: ['bad.ts'] }));
  writeFileSync(join(consumer, 'good.ts'), `
    import { createClient, OpusApiError, type BookingResult, type OpusClient } from 'opus-booking/sdk';
    import { createAdminClient, type OpusAdminClient, type WebhookPayload } from 'opus-booking/sdk/admin';
    import { OpusBooking, OpusBookedEvent, defineOpusBooking } from 'opus-booking/widget/element';

    const client: OpusClient = createClient({ baseUrl: 'https://booking.example.no', organization: 'demo' });
    export const clinicNames: Promise<string[]> = client.listClinics().then(({ groups }) => groups.flatMap((g) => g.clinics.map((c) => c.name)));
    export const admin: OpusAdminClient = createAdminClient({ baseUrl: 'https://booking.example.no', apiKey: 'opk_example' });
    export const statuses: Promise<number[]> = admin.listAppointments({ from: '2026-12-01' }).then(({ appointments }) => appointments.map(() => 1));
    export function onWebhook(payload: WebhookPayload): string { return payload.type; }
    defineOpusBooking('clinic-booking');
    const element: OpusBooking = document.createElement('opus-booking');
    element.setAttribute('organization', 'demo');
    element.addEventListener('opus-booked', (event: OpusBookedEvent) => {
      const result: BookingResult = event.result;
      console.log(result.booking.start);
    });
    export const isApiError = (error: unknown): boolean => error instanceof OpusApiError && error.status === 409;
  `);
  writeFileSync(join(consumer, 'bad.ts'), `
    import { createClient } from 'opus-booking/sdk';
    import { OpusBookedEvent } from 'opus-booking/widget/element';
    const client = createClient({ baseUrl: 'https://booking.example.no', organization: 'demo' });
    export const wrong: Promise<string> = client.listClinics();
    export const noSuchField = (event: OpusBookedEvent) => event.result.notAField;
  `);
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const good = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: consumer, encoding: 'utf8' });
  assert.equal(good.status, 0, good.stdout + good.stderr);
  const bad = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.bad.json'], { cwd: consumer, encoding: 'utf8' });
  assert.notEqual(bad.status, 0, 'the wrong calls fail to typecheck');
  assert.match(bad.stdout, /bad\.ts\(5,\d+\): error TS2322/, bad.stdout);
  assert.match(bad.stdout, /bad\.ts\(6,\d+\): error TS2339: Property 'notAField'/, bad.stdout);
  assert.doesNotMatch(bad.stdout, /TS2307|TS7016/, 'the modules and their types were found');
});

/** Fails a browser bundle that reaches a Node API, as `opus-booking/sdk` and the widget must not. */
function noNodeApis(): Plugin {
  const builtins = new Set(builtinModules);
  return {
    name: 'no-node-apis',
    enforce: 'pre',
    resolveId(id, importer) {
      if (id.startsWith('node:') || builtins.has(id)) this.error(`${importer ?? 'the entry'} imports the Node API ${id}`);
      return null;
    },
  };
}

test('bundled by an app, the widget from the package renders its first step against the server in Chromium, beside the SDK', { timeout: 300_000 }, async () => {
  const site = join(app, 'site');
  mkdirSync(site, { recursive: true });
  writeFileSync(join(site, 'main.js'), `
    import 'opus-booking/widget';
    import { createClient } from 'opus-booking/sdk';
    window.opusSdk = { createClient };
  `);
  await build({
    root: site, configFile: false, logLevel: 'warn', plugins: [noNodeApis()],
    build: { outDir: join(site, 'dist'), target: 'es2022', lib: { entry: join(site, 'main.js'), formats: ['es'], fileName: () => 'main.js' } },
  });
  browser = await launchChromium();
  const page = await browser.newPage({ locale: 'nb-NO' });
  page.setDefaultTimeout(IO_TIMEOUT_MS);
  // The clinic's own site: its page and the bundle's files (the entry and the chunks it loads later), at another
  // origin than the API (127.0.0.1 and localhost, both loopback: Chromium lets a loopback page reach a loopback API).
  const files = createServer((request, response) => {
    const file = /^\/([\w.-]+\.js)$/.exec(new URL(request.url ?? '/', 'http://site').pathname)?.[1];
    if (file) return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(site, 'dist', file)));
    response.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html lang="nb"><body><opus-booking api="${base}" organization="demo"></opus-booking><script type="module" src="main.js"></script></body></html>`);
  });
  siteServer = files;
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  const siteOrigin = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  await page.goto(`${siteOrigin}/`);

  assert.equal(await page.evaluate(async () => { await customElements.whenDefined('opus-booking'); return Boolean(document.querySelector('opus-booking')?.shadowRoot); }), true);
  await page.getByRole('button', { name: /Bryggen/ }).waitFor();
  const name = await page.evaluate(async (baseUrl) => (await (window as any).opusSdk.createClient({ baseUrl, organization: 'demo' }).getOrganization()).name, base);
  assert.equal(name, 'Demo Tannklinikk');
});

test('the Custom Elements Manifest describes <opus-booking> at its published module', () => {
  const installed = join(app, 'node_modules/opus-booking');
  const { customElements } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(join(installed, customElements), 'utf8'));
  const module = manifest.modules.find((m: any) => m.declarations?.some((d: any) => d.tagName === 'opus-booking'));
  assert.equal(module?.path, 'dist/widget-esm/opus-booking.js');
  const element = module.declarations.find((d: any) => d.tagName === 'opus-booking');
  readFileSync(join(installed, module.path)); // the module is in the package
  for (const attribute of ['api', 'organization', 'locale', 'layout', 'manage']) assert.ok(element.attributes.some((a: any) => a.name === attribute), attribute);
  assert.deepEqual(element.events.map((e: any) => e.name).sort(), ['opus-booked', 'opus-cancelled', 'opus-error', 'opus-rebooked', 'opus-step']);
  assert.ok(element.cssParts.some((p: any) => p.name === 'field-error'));
});
