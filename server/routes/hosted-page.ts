import { Hono } from 'hono';
import { html } from 'hono/html';
import type { BookingDeps } from '../booking/booking-service.ts';
import { findOrganization } from '../organizations/organization-repository.ts';
import { bookingOff } from '../organizations/organization.ts';
import { Subdomain } from '../../sdk/schemas/organization.ts';
import { validate } from '../http/validate.ts';

/**
 * The hosted booking page per organization (D5, W1), at `/o/:subdomain/`.
 * Until the widget lands it shows the organization's name, welcome text and
 * booking state; the widget issue replaces the body with `<opus-booking>`.
 */
export function hostedPage(deps: BookingDeps) {
  const page = new Hono();
  page.get('/:org', (c) => c.redirect(`/o/${encodeURIComponent(c.req.param('org'))}/`, 301));
  page.get('/:org/', async (c) => {
    const org = await findOrganization(deps.db, validate(Subdomain, c.req.param('org'), 'organization'));
    const off = bookingOff(org);
    return c.html(html`<!doctype html>
<html lang="${org.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${org.name}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1d2327}h1{color:${org.theme.primaryColor}}</style>
</head>
<body>
<main>
<h1>${org.name}</h1>
<p>${off ? off.text : org.texts.welcome}</p>
<p><a href="/api/v1/organizations/${org.subdomain}/clinics">Clinics (JSON)</a></p>
</main>
</body>
</html>`);
  });
  return page;
}
