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
