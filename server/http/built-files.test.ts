import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { IMMUTABLE, serveBuiltFile } from './built-files.ts';
import { compression } from './compression.ts';

const ENTRY = `export const greeting = ${JSON.stringify('Book a time. '.repeat(300))};\n`;

/** A build directory like dist/widget (an entry and a hashed chunk, each with .br and .gz), served like the widget's route. */
async function withBuild(body: (request: (path: string, headers?: Record<string, string>) => Promise<Response>) => Promise<void>) {
  const dir = await mkdtemp(join(tmpdir(), 'opus-built-'));
  try {
    await mkdir(join(dir, 'chunks'));
    for (const name of ['opus-booking.js', 'chunks/step-Ab12Cd34.js']) {
      await writeFile(join(dir, name), ENTRY);
      await writeFile(join(dir, `${name}.br`), brotliCompressSync(ENTRY));
      await writeFile(join(dir, `${name}.gz`), gzipSync(ENTRY));
    }
    await writeFile(join(dir, 'plain.js'), ENTRY);
    const app = new Hono();
    app.use('*', compression());
    app.get('/widget/*', async (c) => {
      const name = c.req.path.slice('/widget/'.length);
      return (await serveBuiltFile(c, join(dir, name), { cacheControl: name.startsWith('chunks/') ? IMMUTABLE : 'public, max-age=300' })) ?? c.notFound();
    });
    await body(async (path, headers = {}) => app.request(path, { headers }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('a hashed chunk: kept a year, immutable, the precompressed file sent byte for byte by Accept-Encoding', async () => {
  await withBuild(async (request) => {
    const br = await request('/widget/chunks/step-Ab12Cd34.js', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.status, 200);
    assert.equal(br.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.equal(br.headers.get('vary'), 'Accept-Encoding');
    assert.equal(br.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(br.headers.get('etag'), null);
    assert.deepEqual(Buffer.from(await br.arrayBuffer()), brotliCompressSync(ENTRY));

    const gz = await request('/widget/chunks/step-Ab12Cd34.js', { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers.get('content-encoding'), 'gzip');
    assert.deepEqual(Buffer.from(await gz.arrayBuffer()), gzipSync(ENTRY));

    const plain = await request('/widget/chunks/step-Ab12Cd34.js');
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.equal(await plain.text(), ENTRY);
  });
});

test('the stable entry: a short max-age, a strong ETag per representation, 304 when the browser has it', async () => {
  await withBuild(async (request) => {
    const first = await request('/widget/opus-booking.js', { 'accept-encoding': 'br, gzip' });
    assert.equal(first.headers.get('cache-control'), 'public, max-age=300');
    const etag = first.headers.get('etag') ?? '';
    assert.match(etag, /^"[\w-]+-br"$/);
    const again = await request('/widget/opus-booking.js', { 'accept-encoding': 'br, gzip', 'if-none-match': etag });
    assert.equal(again.status, 304);
    assert.equal(again.headers.get('etag'), etag);
    assert.equal(again.headers.get('cache-control'), 'public, max-age=300');
    assert.equal((await again.arrayBuffer()).byteLength, 0);

    const gzip = await request('/widget/opus-booking.js', { 'accept-encoding': 'gzip', 'if-none-match': etag });
    assert.equal(gzip.status, 200, 'the gzip copy is another representation');
    assert.notEqual(gzip.headers.get('etag'), etag);
    const stale = await request('/widget/opus-booking.js', { 'accept-encoding': 'br', 'if-none-match': '"an-older-build-br"' });
    assert.equal(stale.status, 200);
    assert.deepEqual(Buffer.from(await stale.arrayBuffer()), brotliCompressSync(ENTRY));
  });
});

test('a file built without compressed copies is compressed on the way out; a missing file is not found', async () => {
  await withBuild(async (request) => {
    const response = await request('/widget/plain.js', { 'accept-encoding': 'br' });
    assert.equal(response.headers.get('content-encoding'), 'br');
    assert.match(response.headers.get('etag') ?? '', /^W\/"/);
    assert.equal((await request('/widget/missing.js')).status, 404);
  });
});
