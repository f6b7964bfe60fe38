import { http, HttpResponse, type HttpHandler } from 'msw';
import { setupWorker } from 'msw/browser';
import type { Capability, StaffRole } from '../../../../sdk/schemas/admin-common.ts';
import type { StaffMe } from '../../../../sdk/schemas/staff.ts';
import '../../../../widget/console/index.ts';
import type { OpusConsole } from '../../../../widget/console/console-app.ts';
import { assert } from '../../support/assert.ts';
import { IO_TIMEOUT_MS } from '../../support/io-timeout.ts';

export { assert, assertEqual } from '../../support/assert.ts';
export { IO_TIMEOUT_MS } from '../../support/io-timeout.ts';

/** Where the console calls the admin API in these tests (its own origin, as on the real server). */
export const ADMIN = `${location.origin}/api/v1/admin`;

const CAPABILITIES: Record<StaffRole, Capability[]> = {
  owner: ['read', 'book', 'messaging', 'settings', 'integrations', 'audit', 'access', 'privacy'],
  admin: ['read', 'book', 'messaging', 'settings', 'integrations', 'audit', 'access', 'privacy'],
  reception: ['read', 'book', 'messaging'],
};

/** The logged-in user the mocked `GET /auth/me` answers. */
export function meAs(role: StaffRole = 'owner'): StaffMe {
  return {
    user: { id: '00000000-0000-4000-8000-0000000000aa', email: 'kari@acme.example', name: 'Kari Staff', role, totpEnabled: false },
    organization: { subdomain: 'acme', name: 'Acme Tannlege', locale: 'nb', timeZone: 'Europe/Oslo' },
    capabilities: CAPABILITIES[role],
  };
}

/** Every request the console made, for asserting what was sent. */
export const requests: Array<{ method: string; path: string; search: string; body: unknown; csrf: string | null }> = [];

let worker: ReturnType<typeof setupWorker> | undefined;
let started: Promise<unknown> | undefined;
let me: StaffMe = meAs();

const base: HttpHandler[] = [
  http.all(`${ADMIN}/*`, async ({ request }) => {
    const url = new URL(request.url);
    const body = request.method === 'GET' ? undefined : await request.clone().json().catch(() => undefined);
    requests.push({ method: request.method, path: url.pathname.slice('/api/v1/admin'.length), search: url.search, body, csrf: request.headers.get('x-csrf-token') });
    return undefined; // on to the next handler
  }),
  http.get(`${ADMIN}/auth/me`, () => HttpResponse.json(me)),
  http.post(`${ADMIN}/auth/logout`, () => HttpResponse.json({ ok: true })),
];

/**
 * The console against msw: a logged-in `role` and the page's own
 * `handlers` (checked before the shared ones). Anything not handled
 * answers 404 problem+json, so a page never reaches a real server.
 *
 * @example
 * await mockAdminApi([http.get(`${ADMIN}/settings/organization`, () => HttpResponse.json(profile))]);
 * const page = await openPage('#/web/subdomain', 'console-subdomain-page');
 */
export async function mockAdminApi(handlers: HttpHandler[], role: StaffRole = 'owner'): Promise<void> {
  me = meAs(role);
  requests.length = 0;
  worker ??= setupWorker();
  started ??= worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  await started;
  const notFound = http.all(`${ADMIN}/*`, () => problem(404, 'not_found', 'Not found'));
  worker.resetHandlers(...base.slice(0, 1), ...handlers, ...base.slice(1), notFound);
}

/** A problem+json answer, as the server gives one. */
export function problem(status: number, code: string, title: string, issues?: Array<{ path: string; message: string; code?: string }>) {
  return HttpResponse.json(
    { type: `https://opus-booking.dev/problems/${code}`, title, status, code, ...(issues ? { issues: issues.map((i) => ({ code: 'custom', ...i })) } : {}) },
    { status, headers: { 'content-type': 'application/problem+json' } },
  );
}

/** Waits until `probe` returns something truthy (polling each frame, at most {@link IO_TIMEOUT_MS}). */
export async function waitFor<T>(probe: () => T | undefined | null | false, what = 'condition', timeoutMs = IO_TIMEOUT_MS): Promise<T> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (performance.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => requestAnimationFrame(r));
  }
}

/**
 * Opens the console at `hash` as a logged-in user (a stored session, as after
 * a login) and answers the page element `tag` once it shows.
 *
 * @example
 * const page = await openPage('#/web/subdomain', 'console-subdomain-page');
 * await waitFor(() => $(page, '#f-name'));
 */
export async function openPage<E extends HTMLElement = HTMLElement & { updateComplete: Promise<boolean> }>(hash: string, tag: string): Promise<E> {
  closeConsole();
  localStorage.setItem('opus-console-session', JSON.stringify({ csrfToken: 'csrf-test-token', subdomain: 'acme' }));
  localStorage.setItem('opus-console-locale', 'en');
  history.replaceState(null, '', hash);
  const app = document.createElement('opus-console');
  document.body.append(app);
  return waitFor(() => app.shadowRoot?.querySelector<E>(tag), `page ${tag}`);
}

/** The console shown, if any. */
export const consoleApp = () => document.querySelector<OpusConsole>('opus-console');

export function closeConsole(): void {
  for (const el of document.querySelectorAll('opus-console')) el.remove();
}

export const $ = <E extends Element = HTMLElement>(root: Element, selector: string) => root.shadowRoot!.querySelector<E>(selector);
export const $$ = <E extends Element = HTMLElement>(root: Element, selector: string) => [...root.shadowRoot!.querySelectorAll<E>(selector)];

/** Types into an input, select or textarea as a user would (value, then input and change events). */
export function typeInto(field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** The button in `root`'s shadow root whose text is `text` (trimmed), waiting for it. */
export function button(root: Element, text: string): Promise<HTMLButtonElement> {
  return waitFor(() => $$<HTMLButtonElement>(root, 'button').find((b) => b.textContent?.trim() === text), `button "${text}"`);
}

let axeLoaded: Promise<void> | undefined;

/** axe-core (WCAG 2.0–2.2 A and AA) on the console, into its shadow roots; throws listing any violation. */
export async function axeCheck(where: string, root: Element = consoleApp()!): Promise<void> {
  axeLoaded ??= new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    script.onload = () => resolve();
    script.onerror = reject;
    document.head.append(script);
  });
  await axeLoaded;
  const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
  const result = await axe.run(root, { iframes: false, runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] } });
  const violations = result.violations.map((v) => `${v.id}: ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  assert(violations.length === 0, `axe on ${where}:\n${violations.join('\n')}`);
}
