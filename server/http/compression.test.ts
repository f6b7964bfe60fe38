import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { compression, negotiateEncoding } from './compression.ts';
import { problemHandler } from './problem.ts';
import { DomainError } from '../domain/domain-error.ts';

const big = { times: Array.from({ length: 200 }, (_, i) => ({ start: `2026-12-0${1 + (i % 9)}T09:${String(i % 60).padStart(2, '0')}:00+01:00`, providerId: 'a1b2c3' })) };

function app() {
  const app = new Hono();
  app.use('*', compression());
  app.onError(problemHandler());
  app.get('/json', (c) => c.json(big));
  app.get('/tiny', (c) => c.json({ ok: true }));
  app.get('/html', (c) => c.html(`<!doctype html><p>${'Welcome to the clinic. '.repeat(100)}</p>`, 200, { vary: 'Accept-Language', etag: '"page"' }));
  app.get('/png', (c) => c.body(new Uint8Array(4096), 200, { 'content-type': 'image/png' }));
  app.get('/no-transform', (c) => c.json(big, 200, { 'cache-control': 'no-transform' }));
  app.get('/encoded', (c) => c.body(new Uint8Array(4096), 200, { 'content-type': 'text/javascript', 'content-encoding': 'br' }));
  app.get('/empty', (c) => c.body(null, 204));
  app.get('/problem', () => { throw DomainError.invalid('patient.mobile', `Not a valid mobile number ${'x'.repeat(1200)}`, 'not_a_mobile_number'); });
  return app;
}

const get = (path: string, acceptEncoding?: string, method = 'GET') =>
  app().request(path, { method, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

test('a browser that takes brotli gets brotli; one that takes only gzip gets gzip; the bytes decode to the same JSON', async () => {
  const plain = JSON.stringify(big);
  const br = await get('/json', 'gzip, deflate, br, zstd');
  assert.equal(br.headers.get('content-encoding'), 'br');
  assert.equal(br.headers.get('vary'), 'Accept-Encoding');
  const brBytes = Buffer.from(await br.arrayBuffer());
  assert.equal(Number(br.headers.get('content-length')), brBytes.length);
  assert.ok(brBytes.length < plain.length / 4, `${brBytes.length} of ${plain.length}`);
  assert.equal(brotliDecompressSync(brBytes).toString(), plain);

  const gz = await get('/json', 'gzip');
  assert.equal(gz.headers.get('content-encoding'), 'gzip');
  assert.equal(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString(), plain);
});

test('no Accept-Encoding, identity only, or every coding refused: the body goes as it is, still Vary: Accept-Encoding', async () => {
  for (const header of [undefined, 'identity', 'br;q=0, gzip;q=0', '*;q=0', 'compress']) {
    const response = await get('/json', header);
    assert.equal(response.headers.get('content-encoding'), null, String(header));
    assert.equal(response.headers.get('vary'), 'Accept-Encoding');
    assert.deepEqual(await response.json(), big);
  }
});

test('q-values choose: the higher q wins, brotli wins a tie, * stands for what is not named', () => {
  assert.equal(negotiateEncoding('gzip, br'), 'br');
  assert.equal(negotiateEncoding('br;q=0.5, gzip;q=0.8'), 'gzip');
  assert.equal(negotiateEncoding('br;q=0, *'), 'gzip');
  assert.equal(negotiateEncoding('*'), 'br');
  assert.equal(negotiateEncoding('deflate, identity'), undefined);
  assert.equal(negotiateEncoding('br, gzip', ['gzip']), 'gzip');
  assert.equal(negotiateEncoding('br', []), undefined);
});

test('HTML pages and problem+json answers are compressed too; the page keeps its Vary and its ETag turns weak', async () => {
  const page = await get('/html', 'br');
  assert.equal(page.headers.get('content-encoding'), 'br');
  assert.equal(page.headers.get('vary'), 'Accept-Language, Accept-Encoding');
  assert.equal(page.headers.get('etag'), 'W/"page"');
  assert.match(brotliDecompressSync(Buffer.from(await page.arrayBuffer())).toString(), /Welcome to the clinic/);

  const problem = await get('/problem', 'gzip');
  assert.equal(problem.status, 422);
  assert.match(problem.headers.get('content-type') ?? '', /application\/problem\+json/);
  assert.equal(problem.headers.get('content-encoding'), 'gzip');
  const body = JSON.parse(gunzipSync(Buffer.from(await problem.arrayBuffer())).toString()) as { issues: Array<{ path: string }> };
  assert.equal(body.issues[0]?.path, 'patient.mobile');
});

test('left alone: tiny bodies, images, no-transform, already encoded bodies, HEAD and 204', async () => {
  const tiny = await get('/tiny', 'br');
  assert.equal(tiny.headers.get('content-encoding'), null);
  assert.deepEqual(await tiny.json(), { ok: true });
  assert.equal((await get('/png', 'br')).headers.get('content-encoding'), null);
  assert.equal((await get('/png', 'br')).headers.get('vary'), null);
  assert.equal((await get('/no-transform', 'br')).headers.get('content-encoding'), null);
  const encoded = await get('/encoded', 'gzip');
  assert.equal(encoded.headers.get('content-encoding'), 'br');
  assert.equal((await encoded.arrayBuffer()).byteLength, 4096);
  const head = await get('/json', 'br', 'HEAD');
  assert.equal(head.headers.get('content-encoding'), null);
  const empty = await get('/empty', 'br');
  assert.equal(empty.status, 204);
  assert.equal(empty.headers.get('content-encoding'), null);
});
