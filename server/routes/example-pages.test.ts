import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import { EXAMPLES_DIR, examplePages } from './example-pages.ts';

test('the example pages are served under /examples/, with an index; nothing else of the repository is', async () => {
  const app = new Hono();
  app.route('/', examplePages());
  const index = await app.request('/examples/');
  assert.equal(index.status, 200);
  assert.match(await index.text(), /<a href="clinic-page.html">clinic-page.html<\/a>/);
  const bare = await app.request('/examples');
  assert.equal(bare.status, 301, 'relative links need the trailing slash');
  assert.equal(bare.headers.get('location'), '/examples/');
  const page = await app.request('/examples/clinic-page.html');
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(await page.text(), /<opus-booking api="\/" organization="demo">/);
  for (const path of ['/examples/sdk-script.ts', '/examples/..%2Fpackage.json', '/examples/nope.html']) {
    assert.equal((await app.request(path)).status, 404, path);
  }
});

test('no example hard-codes the server\'s address: they work on any PORT', async () => {
  for (const name of await readdir(EXAMPLES_DIR)) {
    const text = await readFile(`${EXAMPLES_DIR}${name}`, 'utf8');
    assert.ok(!/localhost:3000/.test(text), `${name} hard-codes http://localhost:3000`);
  }
});

test('every example page answers the strict policy, allowing exactly its own inline scripts and styles by hash', async () => {
  const app = new Hono();
  app.route('/', examplePages());
  const index = await app.request('/examples/');
  assert.match(index.headers.get('content-security-policy') ?? '', /^default-src 'none'; script-src 'self'; style-src 'self'; .*frame-ancestors 'none'$/);
  for (const name of (await readdir(EXAMPLES_DIR)).filter((n) => n.endsWith('.html'))) {
    const response = await app.request(`/examples/${name}`);
    const policy = response.headers.get('content-security-policy') ?? '';
    const text = await response.text();
    const inline = (tag: string) => [...text.matchAll(new RegExp(`<${tag}(?![^>]*src=)[^>]*>`, 'g'))].length;
    assert.equal(policy.match(/script-src [^;]*/)?.[0].match(/'sha256-/g)?.length ?? 0, inline('script'), `${name}: ${policy}`);
    assert.equal(policy.match(/style-src [^;]*/)?.[0].match(/'sha256-/g)?.length ?? 0, inline('style'), `${name}: ${policy}`);
    assert.ok(!policy.includes('unsafe'), name);
  }
});
