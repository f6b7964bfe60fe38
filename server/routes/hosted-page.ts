import { Hono } from 'hono';
import { html } from 'hono/html';
import type { BookingDeps } from '../booking/booking-service.ts';
import { findOrganization } from '../organizations/organization-repository.ts';
import { bookingOff } from '../organizations/organization.ts';
import { Subdomain } from '../../sdk/schemas/organization.ts';
import { validate } from '../http/validate.ts';
import { getBooking } from '../booking/booking-service.ts';
import { DomainError } from '../http/domain-error.ts';

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
  // The patient's manage link: until the widget's manage flow lands, a plain summary.
  page.get('/:org/manage/:token', async (c) => {
    const org = await findOrganization(deps.db, validate(Subdomain, c.req.param('org'), 'organization'));
    const booking = await getBooking(deps, org, c.req.param('token')).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'not_found') return null;
      throw error;
    });
    const when = booking
      ? new Intl.DateTimeFormat(org.locale, { dateStyle: 'full', timeStyle: 'short', timeZone: booking.timeZone }).format(new Date(booking.start))
      : '';
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    return c.html(
      html`<!doctype html>
<html lang="${org.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${org.name}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem">
<main>
<h1>${org.name}</h1>
${booking
  ? html`<dl><dt>Time</dt><dd>${when}</dd><dt>Treatment</dt><dd>${booking.treatment?.name ?? ''}</dd><dt>Provider</dt><dd>${booking.provider.name}</dd><dt>Clinic</dt><dd>${booking.clinic.name}, ${booking.clinic.address}, ${booking.clinic.city} (${booking.clinic.phone})</dd><dt>Status</dt><dd>${booking.status}</dd></dl>`
  : html`<p>No booking for this link.</p>`}
</main>
</body>
</html>`,
      booking ? 200 : 404,
    );
  });
  return page;
}
