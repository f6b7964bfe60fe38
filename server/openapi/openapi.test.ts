import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import SwaggerParser from '@apidevtools/swagger-parser';
import { createPgliteTestDatabase } from '../../test/support/test-database.ts';
import { createMessagingHarness } from '../../test/support/messaging-harness.ts';
import { createApp } from '../app.ts';
import { openApiPath } from './openapi-document.ts';

const database = await createPgliteTestDatabase();
after(() => database.close());
const h = await createMessagingHarness(database, { subdomain: 'docs' });
/** The app with every route mounted, the gateways' webhooks included. */
const app = createApp({ db: database.db, now: () => h.clock.now, publicUrl: 'https://book.example', log: () => {}, messaging: { channels: h.channels, webhooks: { elksWebhookSecret: 's', twilioAuthToken: 't' } } });

type Doc = { openapi: string; paths: Record<string, Record<string, { parameters?: { name: string; in: string; required: boolean }[]; requestBody?: unknown; responses: Record<string, { content?: Record<string, unknown> }> }>>; components: { schemas: Record<string, { required?: string[] }> } };

async function fetchDoc() {
  const response = await app.request('/api/v1/openapi.json');
  return { response, doc: (await response.json()) as Doc };
}

describe('OpenAPI document', () => {
  test('is served as cacheable JSON and is a valid OpenAPI 3.1 document', async () => {
    const { response, doc } = await fetchDoc();
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    assert.match(response.headers.get('cache-control') ?? '', /max-age=\d+/);
    assert.equal(doc.openapi, '3.1.0');
    await SwaggerParser.validate(structuredClone(doc) as never);
  });

  test('documents every API route of the app (path and method)', async () => {
    const { doc } = await fetchDoc();
    const routes = app.routes
      .filter((r) => r.method !== 'ALL' && /^\/api\/v1\/(organizations|admin|webhooks)\//.test(r.path))
      .map((r) => `${r.method} ${openApiPath(r.path)}`);
    assert.ok(routes.length >= 40, `found ${routes.length} routes`);
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`)));
    assert.deepEqual([...new Set(routes)].filter((r) => !documented.has(r)), [], 'add these routes to API_OPERATIONS in server/openapi/openapi-document.ts');
    // Nothing documented that the app does not serve.
    assert.deepEqual([...documented].filter((r) => !routes.includes(r)), []);
  });

  test('every error is problem+json and every operation has a success answer', async () => {
    const { doc } = await fetchDoc();
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const statuses = Object.keys(op.responses);
        assert.ok(statuses.some((s) => /^[23]/.test(s)), `${method} ${path} has a success answer`);
        for (const status of statuses.filter((s) => /^[45]/.test(s))) assert.deepEqual(Object.keys(op.responses[status]!.content ?? {}), ['application/problem+json'], `${method} ${path} ${status}`);
      }
    }
  });

  test('the documented booking body requires what the server requires (treatmentId)', async () => {
    const { doc } = await fetchDoc();
    const booking = doc.paths['/api/v1/organizations/{org}/bookings']!.post!;
    assert.ok(booking.requestBody);
    assert.ok(doc.components.schemas.BookingRequest!.required!.includes('treatmentId'));
    assert.ok('422' in booking.responses && '409' in booking.responses);
    assert.ok((booking.responses['429'] as { headers?: Record<string, unknown> }).headers?.['Retry-After'], 'a rate-limited answer documents Retry-After');
    const refused = await h.call('POST', '/bookings', { clinicId: h.fixture.clinics.a, start: '2026-12-08T09:00:00+01:00' });
    assert.equal(refused.status, 422);
    assert.ok((refused.body.issues as { path: string }[]).some((issue) => issue.path === 'treatmentId'));
  });

  test('the documented slot query names the parameters the server reads, required as it requires them', async () => {
    const { doc } = await fetchDoc();
    const parameters = doc.paths['/api/v1/organizations/{org}/slots']!.get!.parameters!;
    assert.ok(parameters.some((p) => p.name === 'org' && p.in === 'path' && p.required));
    const query = parameters.filter((p) => p.in === 'query');
    assert.ok(query.some((p) => p.name === 'treatmentId' && p.required));
    assert.ok(query.some((p) => p.name === 'from'));
    const refused = await h.call('GET', '/slots');
    assert.equal(refused.status, 422);
    const missing = (refused.body.issues as { path: string }[]).map((issue) => issue.path);
    assert.deepEqual(missing.filter((path) => !query.some((p) => p.name === path && p.required)), [], 'every field the server misses is a required query parameter');
  });

  test('the documented organization answer carries the countries whose mobiles it texts, as the server answers', async () => {
    const { doc } = await fetchDoc();
    const organization = doc.components.schemas.OrganizationPublic as { required?: string[]; properties: Record<string, { type?: string; items?: { type?: string } }> };
    assert.ok(organization.required!.includes('smsCountries'));
    assert.deepEqual([organization.properties.smsCountries!.type, organization.properties.smsCountries!.items?.type], ['array', 'string']);
    const answer = await (await app.request('/api/v1/organizations/docs')).json() as { smsCountries: string[] };
    assert.deepEqual(answer.smsCountries, ['NO', 'SE', 'DK', 'FI']);
  });

  test('the admin API and the patient session say how to authenticate', async () => {
    const { doc } = await fetchDoc();
    assert.deepEqual((doc.paths['/api/v1/admin/messages']!.get as unknown as { security: unknown }).security, [{ adminApiKey: [] }, { staffCookie: [], staffCsrf: [] }]);
    assert.ok('401' in doc.paths['/api/v1/organizations/{org}/me']!.get!.responses);
  });
});

describe('API reference page', () => {
  test('is HTML of our own, naming every documented path, under a strict policy', async () => {
    const { doc } = await fetchDoc();
    const response = await app.request('/api/docs');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    const policy = response.headers.get('content-security-policy') ?? '';
    assert.match(policy, /default-src 'none'/);
    assert.doesNotMatch(policy, /unsafe-inline|https?:/);
    const page = await response.text();
    for (const path of Object.keys(doc.paths)) assert.ok(page.includes(`<code>${path}</code>`), `the page names ${path}`);
    assert.doesNotMatch(page, /<script|src="http/);
  });
});
