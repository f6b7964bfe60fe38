import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createApp } from '../app.ts';
import { createPgliteTestDatabase } from '../../test/support/test-database.ts';
import { CONSOLE_DIR } from './console-page.ts';

// Issue 10: the staff console's page, its preview frame and its files, under a policy that allows only our own origin.
test('the console at /admin/: its page, preview frame and built files, each under its own policy', async () => {
  const database = await createPgliteTestDatabase();
  try {
    const app = createApp({ db: database.db, log: () => {} });
    const redirect = await app.request('/admin');
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.get('location'), '/admin/');

    const page = await app.request('/admin/');
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<opus-console>/);
    assert.match(html, /<script type="module" src="\/admin\/console.js"><\/script>/);
    const policy = page.headers.get('content-security-policy') ?? '';
    assert.match(policy, /default-src 'none'/);
    assert.match(policy, /script-src 'self'(;|$)/, 'no inline or third-party script');
    assert.match(policy, /connect-src 'self'(;|$)/);
    assert.match(policy, /frame-src 'self'(;|$)/, 'the preview frame is ours');
    assert.match(policy, /frame-ancestors 'none'/, 'nobody frames the console');
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    assert.ok(nonce && html.includes(`<style nonce="${nonce}">`), 'the one inline style carries the nonce');
    assert.doesNotMatch(html, /https?:\/\//, 'nothing is loaded from another origin');

    const preview = await app.request('/admin/preview.html');
    assert.equal(preview.status, 200);
    assert.match(preview.headers.get('content-security-policy') ?? '', /frame-ancestors 'self'/, 'only the console frames the preview');
    assert.match(await preview.text(), /src="\/admin\/preview.js"/);

    for (const path of ['/admin/..%2Fpackage.json', '/admin/chunks/../../package.json', '/admin/.vite/manifest.json', '/admin/console.ts']) {
      assert.equal((await app.request(path)).status, 404, path);
    }
    if (existsSync(`${CONSOLE_DIR}console.js`)) {
      const script = await app.request('/admin/console.js');
      assert.equal(script.status, 200);
      assert.match(script.headers.get('content-type') ?? '', /javascript/);
      assert.equal(script.headers.get('cache-control'), 'no-cache', 'the entry keeps its name: revalidated');
    }
  } finally {
    await database.close();
  }
});
