import { Hono } from 'hono';
import { html } from 'hono/html';
import { randomBytes } from 'node:crypto';
import { packagePath } from '../package-path.ts';
import { DomainError } from '../domain/domain-error.ts';
import { serveBuiltFile, IMMUTABLE } from '../http/built-files.ts';

/** Where `npm run build` writes the staff console (vite.console.config.ts). */
export const CONSOLE_DIR = packagePath('dist/console/');

const CONSOLE_FILE = /^(chunks\/)?[\w.-]+\.js$/;

/** The console's policy: everything from our own origin, the preview in a frame of our own, images also as data/blob URLs (an upload's preview). */
function consolePolicy(nonce: string, page: 'console' | 'preview'): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    // The preview shows a draft logo, which may be any https image.
    `img-src 'self' data: blob:${page === 'preview' ? ' https:' : ''}`,
    "connect-src 'self'",
    ...(page === 'console' ? ["frame-src 'self'"] : []),
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
    `frame-ancestors ${page === 'console' ? "'none'" : "'self'"}`,
  ].join('; ');
}

/**
 * The staff console (issue 10) at `/admin/`: one page whose script
 * (`/admin/console.js`) logs staff in and shows each page of the console at
 * its own `#/…` address (invite and reset links land at `#/invite/<token>`
 * and `#/reset/<token>`). Everything it does goes through the admin API
 * (`/api/v1/admin`), so an integrator can do the same. Also serves the live
 * preview's frame at `/admin/preview.html` and the built files.
 *
 * @example
 * app.route('/admin', consolePage());
 */
export function consolePage() {
  const app = new Hono();
  app.get('/', (c) => c.redirect('/admin/', 301));
  app.get('/preview.html', (c) => page(c, 'preview'));
  app.get('/*', async (c, next) => {
    const name = c.req.path.slice('/admin/'.length);
    if (name === '') return page(c, 'console');
    if (!CONSOLE_FILE.test(name) || name.includes('..')) return next();
    const response = await serveBuiltFile(c, `${CONSOLE_DIR}${name}`, {
      // Entries keep their names (revalidated by their ETag); chunks carry a content hash.
      cacheControl: name.startsWith('chunks/') ? IMMUTABLE : 'no-cache',
    });
    if (!response) throw new DomainError('not_found', { detail: 'Console not built: run npm run build' });
    return response;
  });
  return app;
}

function page(c: import('hono').Context, kind: 'console' | 'preview') {
  const nonce = randomBytes(16).toString('base64');
  c.header('content-security-policy', consolePolicy(nonce, kind));
  c.header('cache-control', 'no-cache');
  c.header('referrer-policy', 'no-referrer');
  c.header('x-robots-tag', 'noindex');
  if (kind === 'preview') {
    c.header('x-frame-options', 'SAMEORIGIN');
    return c.html(html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview</title>
<style nonce="${nonce}">*{box-sizing:border-box}body{margin:0;padding:.5rem;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#f4f6f7;color:#1d2327}:root{color-scheme:light dark}@media (prefers-color-scheme:dark){body{background:#0e1113;color:#eef1f3}}</style>
</head>
<body>
<main id="preview"></main>
<script type="module" src="/admin/preview.js"></script>
</body>
</html>`);
  }
  c.header('x-frame-options', 'DENY');
  return c.html(html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>opus-booking</title>
<link rel="icon" href="/favicon.ico">
<link rel="modulepreload" href="/admin/console.js">
<style nonce="${nonce}">:root{color-scheme:light dark}*{box-sizing:border-box}html,body{margin:0;min-height:100%}body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#f4f6f7;color:#1d2327}@media (prefers-color-scheme:dark){body{background:#0e1113;color:#eef1f3}}noscript p{padding:1rem}</style>
</head>
<body>
<opus-console><noscript><p>The staff console needs JavaScript.</p></noscript></opus-console>
<script type="module" src="/admin/console.js"></script>
</body>
</html>`);
}
