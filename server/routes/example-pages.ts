import { Hono } from 'hono';
import { html } from 'hono/html';
import { readdir, readFile } from 'node:fs/promises';
import { packagePath } from '../package-path.ts';
import { contentSecurityPolicy } from '../http/content-security-policy.ts';
import { inlineHashes } from '../http/inline-hashes.ts';

/** The repository's example pages. */
export const EXAMPLES_DIR = packagePath('examples/');

const EXAMPLE_FILE = /^[\w-]+\.html$/;

/**
 * The example pages of `examples/` at `/examples/<name>.html`, with an index
 * at `/examples/`. Served by the server itself, they reach the widget and the
 * API at the address they came from, on whatever PORT the server runs. They
 * embed the demo organization, so `main` mounts them only with the demo.
 * Each answers the hosted page's strict policy, its inline scripts and
 * styles allowed by hash; no site frames them.
 *
 * @example
 * app.route('/', examplePages()); // http://localhost:3000/examples/clinic-page.html
 */
export function examplePages(dir = EXAMPLES_DIR) {
  const pages = new Hono();
  // The index's links are relative: it must end in a slash.
  pages.get('/examples', (c) => c.redirect('/examples/', 301));
  pages.get('/examples/', async (c) => {
    c.header('content-security-policy', contentSecurityPolicy({}));
    const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => EXAMPLE_FILE.test(name)).sort();
    return c.html(html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>opus-booking examples</title></head>
<body><main><h1>opus-booking examples</h1><ul>${names.map((name) => html`<li><a href="${name}">${name}</a></li>`)}</ul></main></body></html>`);
  });
  pages.get('/examples/:name', async (c) => {
    const name = c.req.param('name');
    const body = EXAMPLE_FILE.test(name) ? await readFile(`${dir}${name}`, 'utf8').catch(() => null) : null;
    if (body === null) return c.notFound();
    // Their inline scripts and styles are ours: allowed by hash, nothing else inline.
    c.header('content-security-policy', contentSecurityPolicy(inlineHashes(body)));
    return c.html(body);
  });
  return pages;
}
