import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { contentSecurityPolicy } from '../http/content-security-policy.ts';
import { inlineHashes } from '../http/inline-hashes.ts';
import { openApiDocument } from './openapi-document.ts';

type Doc = ReturnType<typeof openApiDocument>;
type Json = Record<string, unknown>;

const STYLE = 'body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}'
  + 'h2{border-bottom:2px solid #ccc;margin-top:2.5rem}section{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}'
  + '.m{font:700 13px monospace;padding:2px 6px;border-radius:4px;background:#e8eefc;text-transform:uppercase}code,pre{font-family:monospace;font-size:13px}'
  + 'pre{background:#f6f6f6;padding:.5rem;overflow:auto;max-height:24rem}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:2px 8px;text-align:left;vertical-align:top}';

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** A parameter's schema in a few words: `string (uuid)`, `one of: sms, email`, `integer ≤ 500`. */
function brief(schema: Json): string {
  if (Array.isArray(schema.enum)) return `one of: ${schema.enum.join(', ')}`;
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Json[]).map(brief).join(' or ');
  const limits = [schema.minimum !== undefined ? `≥ ${schema.minimum}` : '', schema.maximum !== undefined ? `≤ ${schema.maximum}` : '', schema.maxLength !== undefined ? `at most ${schema.maxLength} characters` : ''].filter(Boolean);
  const format = schema.format ? ` (${schema.format})` : schema.pattern && !schema.maxLength ? ` matching ${schema.pattern}` : '';
  return [`${schema.type ?? 'any'}${format}`, ...limits].join(', ');
}

/** The schema shown for a body or answer: the referenced component, written out. */
function shown(doc: Doc, schema: unknown): unknown {
  const target = (schema as Json | undefined)?.$ref;
  return typeof target === 'string' ? { title: target.split('/').pop(), ...doc.components.schemas[target.split('/').pop()!] } : schema;
}

/** The reference page: every operation by tag, with its parameters, body, answers and security. */
function referencePage(doc: Doc) {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op: op as Json })));
  const section = ({ path, method, op }: (typeof ops)[number]) => {
    const parameters = (op.parameters as Json[] | undefined) ?? [];
    const body = (op.requestBody as { content: Record<string, { schema: unknown }> } | undefined)?.content;
    const responses = Object.entries(op.responses as Record<string, { description: string; content?: Record<string, { schema?: unknown }> }>);
    const security = (op.security as Json[]).flatMap((s) => Object.keys(s));
    return html`<section id="${op.operationId as string}">
<h3><span class="m">${method}</span> <code>${path}</code></h3>
<p>${op.summary as string}${op.description ? html`<br>${op.description as string}` : ''}</p>
${security.length > 0 ? html`<p>Authentication: ${security.join(' or ')}${(op.security as Json[]).some((s) => Object.keys(s).length === 0) ? ' (optional)' : ''}</p>` : ''}
${parameters.length > 0 ? html`<table><tr><th>Parameter</th><th>In</th><th>Required</th><th>Schema</th></tr>${parameters.map((p) => html`<tr><td><code>${p.name as string}</code></td><td>${p.in as string}</td><td>${p.required ? 'yes' : 'no'}</td><td>${brief(p.schema as Json)}</td></tr>`)}</table>` : ''}
${body ? Object.entries(body).map(([type, media]) => html`<h4>Request body (<code>${type}</code>)</h4><pre>${json(shown(doc, media.schema))}</pre>`) : ''}
<h4>Responses</h4>
${responses.map(([status, response]) => html`<p><strong>${status}</strong> ${response.description} ${Object.keys(response.content ?? {}).map((type) => html`<code>${type}</code> `)}</p>${
  status.startsWith('2') ? Object.values(response.content ?? {}).filter((media) => media.schema).map((media) => html`<pre>${json(shown(doc, media.schema))}</pre>`) : ''}`)}
</section>`;
  };
  const tags = doc.tags.map((tag) => tag.name);
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${doc.info.title}</title><style>${raw(STYLE)}</style></head><body>
<h1>${doc.info.title}</h1><p>${doc.info.description}</p>
<p>The machine-readable document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI ${doc.openapi}).</p>
<h2>Errors</h2><p>Every error answers <code>application/problem+json</code>:</p><pre>${json(doc.components.schemas.Problem)}</pre>
<h2>Authentication</h2><ul>${Object.entries(doc.components.securitySchemes).map(([name, scheme]) => html`<li><code>${name}</code>: ${scheme.description}</li>`)}</ul>
<nav><ul>${tags.map((tag) => html`<li><a href="#${tag}">${tag}</a></li>`)}</ul></nav>
${tags.map((tag) => html`<h2 id="${tag}">${tag}</h2>${ops.filter(({ op }) => (op.tags as string[])[0] === tag).map(section)}`)}
</body></html>` as HtmlEscapedString | Promise<HtmlEscapedString>;
}

/**
 * Serves the API's OpenAPI 3.1 document at `GET /api/v1/openapi.json` and a
 * reference page rendered from it at `GET /api/docs` (no scripts, nothing
 * from another origin).
 *
 * @example
 * app.route('/', openApiRoutes('https://book.example'));
 */
export function openApiRoutes(publicUrl: string) {
  // Built on first request, not with the app (tens of milliseconds; most apps, tests' included, never serve it).
  let doc: Doc | undefined;
  const document = () => (doc ??= openApiDocument(publicUrl));
  const api = new Hono();
  api.get('/api/v1/openapi.json', (c) => {
    c.header('cache-control', 'public, max-age=300');
    return c.json(document());
  });
  let page: string | undefined;
  api.get('/api/docs', async (c) => {
    page ??= String(await referencePage(document()));
    c.header('cache-control', 'public, max-age=300');
    c.header('content-security-policy', contentSecurityPolicy({ styleHashes: inlineHashes(page).styleHashes }));
    return c.html(page);
  });
  return api;
}
