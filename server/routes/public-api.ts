import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { CatalogQuery, PhotoQuery, type ClinicList, type ProviderList, type TreatmentList } from '../../sdk/schemas/catalog.ts';
import { SlotQuery } from '../../sdk/schemas/slots.ts';
import { OrganizationQuery, Subdomain } from '../../sdk/schemas/organization.ts';
import { cancelBooking, createBooking, getBooking, rebookBooking, type BookingDeps } from '../booking/booking-service.ts';
import { listClinics, listProviders, listTreatments, publicPhoto } from '../catalog/catalog-service.ts';
import { DomainError } from '../domain/domain-error.ts';
import { readJson } from '../http/read-json.ts';
import { validate } from '../domain/validate.ts';
import { createConfigCache } from '../cache/config-cache.ts';
import { toPublicOrganization, type Organization } from '../organizations/organization.ts';
import { readLogo } from '../organizations/settings-service.ts';
import { loadMessagingSettings } from '../messaging/settings.ts';
import { searchSlots, searchSlotsAt } from '../slots/slot-search.ts';
import { Id } from '../../sdk/schemas/common.ts';
import { limitBookingAttempt, type AttemptLimits } from '../rate-limit/booking-attempts.ts';
import type { ClientIp } from '../rate-limit/client-ip.ts';
import { createCaptchaChallenge } from '../verification/captcha.ts';
import { eidRoutes } from './eid-routes.ts';
import type { EidBroker } from '../verification/eid/eid-broker.ts';
import type { CodeDeps } from '../verification/codes.ts';
import { currentSession } from '../verification/patient-sessions.ts';
import { addVerificationRoutes } from './verification-routes.ts';
import { holdIdParam, holdSlot, releaseHold, renewHold } from '../verification/holds.ts';

type Env = { Variables: { org: Organization } };

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * The public booking API under `/api/v1/organizations/:org`: what the widget,
 * the hosted page and the SDK use. Handlers validate, call a service and map
 * the result; errors become problem+json in the app's one error handler.
 * Booking attempts count against the organization's rate limits first.
 */
export function publicApi(deps: BookingDeps & { limits: AttemptLimits; clientIp: ClientIp; codeSecret: CodeDeps['codeSecret']; publicUrl: string; eidBroker: EidBroker; log?: ((message: string) => void) | undefined }) {
  const api = new Hono<Env>();
  // Settings, catalog and schedules, current to the organization's config version (read on each request).
  const cache = createConfigCache();
  const remember = (c: Context<Env>) => cache.remember(c.get('org'));
  const limit = (c: Context<Env>, who: { nationalId?: string | undefined; token?: string }) => {
    const org = c.get('org');
    return limitBookingAttempt(deps.limits, { organizationId: org.id, settings: org.settings.rateLimits, ip: deps.clientIp(c), ...who }, deps.now());
  };

  // The widget's hottest request, registered before the organization is loaded for every other route:
  // from the cache, the search reads the current config version with the busy times, in one round trip.
  api.get('/:org/slots', async (c) => {
    const subdomain = validate(Subdomain, c.req.param('org'), 'organization');
    const cached = cache.lastRead(subdomain);
    const query = () => validate(SlotQuery, c.req.query());
    const found = cached && await searchSlotsAt(deps.db, cached.org, cached.version, query(), deps.now(), cache.remember(cached.org));
    if (found) return c.json(found);
    const org = await cache.organization(deps.db, subdomain);
    return c.json(await searchSlots(deps.db, org, query(), deps.now(), cache.remember(org)));
  });

  const loadOrganization: MiddlewareHandler<Env> = async (c, next) => {
    c.set('org', await cache.organization(deps.db, validate(Subdomain, c.req.param('org'), 'organization')));
    await next();
  };
  api.use('/:org', loadOrganization);
  api.use('/:org/*', loadOrganization);

  // With `?include=catalog` the widget's first screen is one request: compressed together, the four answers are a third smaller.
  const organization = async (c: Context<Env>) => {
    const org = c.get('org');
    // The one public messaging setting; stored in the organization's row, so its config version covers it.
    const smsCountries = await remember(c)('smsCountries', async () => (await loadMessagingSettings(deps.db, org.id)).smsCountries);
    if (validate(OrganizationQuery, c.req.query()).include !== 'catalog') return c.json(toPublicOrganization(org, smsCountries));
    // What /clinics, /providers and /treatments answer unfiltered, read through the routes themselves.
    const [{ groups }, { providers }, { treatments }] = await Promise.all(['clinics', 'providers', 'treatments'].map(async (list) => {
      const answer = await api.request(`/${org.subdomain}/${list}`, {}, c.env);
      if (!answer.ok) throw new Error(`${list}: HTTP ${answer.status}`);
      return answer.json();
    })) as [ClinicList, ProviderList, TreatmentList];
    return c.json({ ...toPublicOrganization(org, smsCountries), catalog: { groups, providers, treatments } });
  };
  // With and without the trailing slash: the SDK's prefix URL ends in one.
  api.get('/:org', organization);
  api.get('/:org/', organization);

  api.get('/:org/clinics', async (c) => c.json(await remember(c)('clinics', () => listClinics(deps.db, c.get('org')))));

  api.get('/:org/providers', async (c) => {
    const org = c.get('org');
    const query = validate(CatalogQuery, c.req.query());
    const photoUrl = (id: string, clinicId?: string) => `/api/v1/organizations/${org.subdomain}/providers/${id}/photo${clinicId ? `?clinicId=${clinicId}` : ''}`;
    return c.json(await remember(c)(JSON.stringify(['providers', query]), () => listProviders(deps.db, org, query, photoUrl)));
  });

  api.get('/:org/providers/:id/photo', async (c) => {
    const id = validate(Id, c.req.param('id'), 'id');
    const photo = await publicPhoto(deps.db, c.get('org'), id, validate(PhotoQuery, c.req.query()).clinicId);
    if (!photo) throw new DomainError('not_found', { detail: 'No photo' });
    return c.body(photo.bytes, 200, { 'content-type': photo.type, 'x-content-type-options': 'nosniff', 'cache-control': 'public, max-age=3600' });
  });

  // W8: the uploaded logo, from our own origin (theme.logoUrl points here, versioned by upload).
  api.get('/:org/logo', async (c) => {
    const logo = await readLogo(deps.db, c.get('org').id);
    if (!logo) throw new DomainError('not_found', { detail: 'No logo' });
    return c.body(new Uint8Array(logo.image), 200, {
      'content-type': logo.type,
      'x-content-type-options': 'nosniff',
      'cache-control': 'public, max-age=86400',
      // The widget shows it on clinics' own sites.
      'cross-origin-resource-policy': 'cross-origin',
    });
  });

  api.get('/:org/treatments', async (c) => {
    const query = validate(CatalogQuery, c.req.query());
    return c.json(await remember(c)(JSON.stringify(['treatments', query]), () => listTreatments(deps.db, c.get('org'), query)));
  });

  api.post('/:org/bookings', async (c) => {
    const key = c.req.header('Idempotency-Key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw DomainError.invalid('Idempotency-Key', 'At most 200 printable characters', 'invalid');
    const request = await readJson(c.req.raw);
    await limit(c, { nationalId: nationalIdOf(request) });
    // Issue 8: the session (if any) and the client IP, for what the booking must prove (verifyBooking).
    const session = await currentSession(deps.db, c.get('org'), c, deps.now());
    const { status, body } = await createBooking(deps, c.get('org'), request, key, { session, ip: deps.clientIp(c) });
    return c.json(body, status as 201);
  });

  // The bot check (issue 8.3): a fresh signed challenge each time, never cached.
  api.get('/:org/captcha', async (c) => {
    c.header('cache-control', 'no-store');
    return c.json(await createCaptchaChallenge(await deps.captchaSecret(), deps.now()));
  });

  api.get('/:org/bookings/:token', async (c) => c.json(await getBooking(deps, c.get('org'), c.req.param('token'))));

  api.post('/:org/bookings/:token/rebook', async (c) => {
    const request = await readJson(c.req.raw);
    await limit(c, { token: c.req.param('token') });
    return c.json(await rebookBooking(deps, c.get('org'), c.req.param('token'), request));
  });

  api.post('/:org/bookings/:token/cancel', async (c) => {
    await limit(c, { token: c.req.param('token') });
    return c.json(await cancelBooking(deps, c.get('org'), c.req.param('token')));
  });

  // National e-ID login (issue 8.6): start and callback, under /:org/auth/eid.
  api.route('/:org/auth/eid', eidRoutes(deps));
  // Issue 8, items 1 and 5: codes, SMS login, "my bookings".
  addVerificationRoutes(api, { ...deps, limitChange: (c, who) => limit(c, who) });
  // --- Slot holds (issue 8.2): the time is held while the patient verifies. ---
  // A hold takes a time as a booking does, so it counts against the same
  // limits: otherwise holds could keep every time blocked.
  api.post('/:org/holds', async (c) => {
    const request = await readJson(c.req.raw);
    await limit(c, {});
    return c.json(await holdSlot(deps, c.get('org'), request), 201);
  });

  api.post('/:org/holds/:holdId/renew', async (c) => c.json((await renewHold(deps.db, c.get('org'), holdIdParam(c.req.param('holdId')), deps.now())).hold));

  api.delete('/:org/holds/:holdId', async (c) => {
    await releaseHold(deps.db, c.get('org'), holdIdParam(c.req.param('holdId')));
    return c.body(null, 204);
  });
  // --- End of slot holds. ---

  return api;
}

/** The national id a booking request names, if it has one as text; checked properly by the service. */
function nationalIdOf(request: unknown): string | undefined {
  const patient = (request as { patient?: { nationalId?: unknown } } | null)?.patient;
  return typeof patient?.nationalId === 'string' ? patient.nationalId : undefined;
}
