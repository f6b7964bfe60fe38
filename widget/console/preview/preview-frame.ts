import { bookingOff } from '../../../sdk/booking-off.ts';
import type { OrganizationPublic } from '../../../sdk/schemas/organization.ts';
import type { PreviewDraft, PreviewMessage } from './preview-draft.ts';

/**
 * The live preview's frame (`/admin/preview.html`, `dist/console/preview.js`):
 * the real `<opus-booking>` widget (`/widget/opus-booking.js`, as patients get
 * it) with the console's unsaved changes merged into the answers of the
 * public API. The console posts the draft; the widget is made again for
 * each draft, so it shows from its first step exactly as it would after a
 * save. Only the console's own origin is listened to. Only reads reach the
 * server: choosing a time, asking for a code or booking is refused here.
 */
let draft: PreviewDraft = {};
let organization = '';

const realFetch = window.fetch.bind(window);

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Catalog answers with the drafted fields of items (by id) put over the saved ones. */
function withItems(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withItems);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = withItems(inner);
  const id = typeof value.id === 'string' ? value.id : undefined;
  return id && draft.items?.[id] ? { ...out, ...draft.items[id] } : out;
}

/** The organization's answer with the drafted settings, texts, theme and name; booking off worked out again from them. */
function withOrganization(org: OrganizationPublic): OrganizationPublic {
  const d = draft.organization ?? {};
  const settings = { ...org.settings };
  for (const [section, value] of Object.entries(d.settings ?? {})) {
    (settings as Record<string, unknown>)[section] = { ...(settings as Record<string, Record<string, unknown>>)[section], ...value };
  }
  const texts = { ...org.texts, ...d.texts, deviation: { ...org.texts.deviation, ...d.texts?.deviation } } as OrganizationPublic['texts'];
  const merged: OrganizationPublic = { ...org, name: d.name ?? org.name, settings, texts, theme: { ...org.theme, ...d.theme } };
  return { ...merged, bookingOff: bookingOff(merged) };
}

window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
  const url = new URL(input instanceof Request ? input.url : String(input), location.href);
  const base = `/api/v1/organizations/${encodeURIComponent(organization)}`;
  const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  // A preview books nothing: no hold, no code by SMS, no booking, no login.
  if (method !== 'GET') {
    return new Response(JSON.stringify({ type: 'about:blank', title: 'Preview', status: 403, code: 'forbidden', detail: 'This is a preview: nothing is booked or sent.' }), {
      status: 403, headers: { 'content-type': 'application/problem+json' },
    });
  }
  const response = await realFetch(input, init);
  if (!response.ok || url.origin !== location.origin) return response;
  const path = url.pathname.replace(/\/$/, '');
  let body: unknown;
  if (path === base) {
    // The widget's first request carries the catalog too (`?include=catalog`).
    const org = (await response.json()) as OrganizationPublic;
    body = withOrganization(org.catalog ? { ...org, catalog: withItems(org.catalog) as OrganizationPublic['catalog'] } : org);
  }
  else if (path === `${base}/clinics` || path === `${base}/providers` || path === `${base}/treatments`) body = withItems(await response.json());
  else return response;
  return new Response(JSON.stringify(body), { status: response.status, headers: { 'content-type': 'application/json' } });
};

function mount(): void {
  const main = document.getElementById('preview')!;
  main.replaceChildren();
  if (!organization) return;
  const widget = document.createElement('opus-booking');
  widget.setAttribute('api', location.origin);
  widget.setAttribute('organization', organization);
  for (const [name, value] of Object.entries(draft.attributes ?? {})) if (/^(locale|clinic|provider|treatment)$/.test(name)) widget.setAttribute(name, value);
  main.append(widget);
}

window.addEventListener('message', (event: MessageEvent<PreviewMessage>) => {
  if (event.origin !== location.origin || event.source !== window.parent || event.data?.type !== 'opus-preview-draft') return;
  organization = event.data.organization;
  draft = event.data.draft;
  mount();
});

// The widget itself, after fetch is wrapped: the same file patients load.
await import(/* @vite-ignore */ `${location.origin}/widget/opus-booking.js`);
window.parent.postMessage({ type: 'opus-preview-ready' } satisfies PreviewMessage, location.origin);
