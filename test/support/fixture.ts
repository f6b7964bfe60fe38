import { randomUUID } from 'node:crypto';
import type { Db } from '../../server/db/database.ts';

/** A small PNG, to test that photos are served only with consent. */
export const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgYGAAAAAEAAH2FzhVAAAAAElFTkSuQmCC', 'base64');

export interface Fixture {
  orgId: string;
  subdomain: string;
  clinics: { a: string; b: string; c: string };
  providers: { p1: string; p2: string; p3: string };
  treatments: { checkup: string; cleaning: string };
}

/**
 * A known organization for API tests (Europe/Oslo, locale nb): clinics A and
 * B in group "Oslo", clinic C ungrouped; P1 at A (consents there to photo and
 * title), P2 at A and B (no consent), P3 at C; "Checkup" (30 min) by P1 and
 * P2 at A, B and C, and by P3 at C; "Cleaning" (45 min) by P2 at A. Everyone
 * works every day 08:00–16:00 with a break 12:00–12:30; weekend booking is
 * on unless the settings say otherwise. Bookings need no bot check
 * (`skipConfirmation`) unless the settings' `flexibility` names
 * `skipConfirmation` or turns `codeChallenge` on.
 */
export async function seedFixture(db: Db, options: { subdomain?: string; settings?: Record<string, unknown>; timeZone?: string } = {}): Promise<Fixture> {
  const subdomain = options.subdomain ?? 'acme';
  const orgId = randomUUID();
  const clinics = { a: randomUUID(), b: randomUUID(), c: randomUUID() };
  const providers = { p1: randomUUID(), p2: randomUUID(), p3: randomUUID() };
  const treatments = { checkup: randomUUID(), cleaning: randomUUID() };
  // Suites that book many times from one test client (1,000 racers, property
  // walks) run under raised limits; test/api-rate-limits.test.ts passes its own.
  // Suites not about verification book without the bot check (skipConfirmation),
  // unless they say otherwise or turn the code challenge on.
  const settings = { rateLimits: RAISED_RATE_LIMITS, ...options.settings, flexibility: withoutBotCheck(options.settings?.flexibility ?? { weekendBooking: true, showAnyClinic: true }) };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('organizations').values({
      id: orgId, subdomain, name: 'Acme Tannhelse', time_zone: options.timeZone ?? 'Europe/Oslo', locale: 'nb',
      settings: JSON.stringify(settings), texts: '{}', theme: '{}', messaging: '{}',
    }).execute();
    await trx.insertInto('clinics').values([
      { id: clinics.a, organization_id: orgId, name: 'Clinic A', address: 'Street 1', postal_code: '0150', city: 'Oslo', phone: '+4722000000', group_name: 'Oslo', display_order: 1, time_zone: null, text_heading: null, text_body: null },
      { id: clinics.b, organization_id: orgId, name: 'Clinic B', group_name: 'Oslo', display_order: 2, time_zone: null, text_heading: 'About B', text_body: 'Second floor', },
      { id: clinics.c, organization_id: orgId, name: 'Clinic C', group_name: null, display_order: 0, time_zone: null, text_heading: null, text_body: null },
    ]).execute();
    await trx.insertInto('providers').values([
      { id: providers.p1, organization_id: orgId, name: 'P One', title: 'Dentist', photo: PHOTO, photo_type: 'image/png' },
      { id: providers.p2, organization_id: orgId, name: 'P Two', title: 'Hygienist', photo: PHOTO, photo_type: 'image/png' },
      { id: providers.p3, organization_id: orgId, name: 'P Three', title: 'Dentist', photo: null, photo_type: null },
    ]).execute();
    const placements: Array<[string, string, number]> = [[providers.p1, clinics.a, 1], [providers.p2, clinics.a, 2], [providers.p2, clinics.b, 1], [providers.p3, clinics.c, 1]];
    // Consent to show photo and title is per provider and clinic: P1 gave it at A.
    await trx.insertInto('provider_clinics').values(placements.map(([provider_id, clinic_id, display_order]) => {
      const consent = provider_id === providers.p1 && clinic_id === clinics.a;
      return { organization_id: orgId, provider_id, clinic_id, display_order, consent_photo: consent, consent_title: consent };
    })).execute();
    await trx.insertInto('treatments').values([
      { id: treatments.checkup, organization_id: orgId, name: 'Checkup', duration_minutes: 30, display_order: 1 },
      { id: treatments.cleaning, organization_id: orgId, name: 'Cleaning', duration_minutes: 45, display_order: 2 },
    ]).execute();
    await trx.insertInto('treatment_providers').values([
      { treatment_id: treatments.checkup, provider_id: providers.p1 }, { treatment_id: treatments.checkup, provider_id: providers.p2 },
      { treatment_id: treatments.checkup, provider_id: providers.p3 }, { treatment_id: treatments.cleaning, provider_id: providers.p2 },
    ].map((row) => ({ organization_id: orgId, ...row }))).execute();
    await trx.insertInto('treatment_clinics').values([
      { treatment_id: treatments.checkup, clinic_id: clinics.a }, { treatment_id: treatments.checkup, clinic_id: clinics.b },
      { treatment_id: treatments.checkup, clinic_id: clinics.c }, { treatment_id: treatments.cleaning, clinic_id: clinics.a },
    ].map((row) => ({ organization_id: orgId, ...row }))).execute();
    const spans = placements.flatMap(([provider_id, clinic_id]) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ organization_id: orgId, provider_id, clinic_id, weekday })));
    await trx.insertInto('working_hours').values(spans.map((s) => ({ id: randomUUID(), ...s, start_minute: 480, end_minute: 960 }))).execute();
    await trx.insertInto('breaks').values(spans.map((s) => ({ id: randomUUID(), ...s, start_minute: 720, end_minute: 750 }))).execute();
  });
  return { orgId, subdomain, clinics, providers, treatments };
}

function withoutBotCheck(flexibility: unknown): Record<string, unknown> {
  const given = flexibility as Record<string, unknown>;
  return 'skipConfirmation' in given || (given.codeChallenge ?? 'off') !== 'off' ? given : { ...given, skipConfirmation: true };
}

/** Rate limits far above what any suite attempts, through the organization's settings. */
export const RAISED_RATE_LIMITS = { bookingsPerIpPerMinute: 100_000, bookingsPerIpPerHour: 100_000, bookingsPerNationalIdPerHour: 100_000, changesPerTokenPerHour: 100_000 };

/** Valid patient details (a Norwegian test fødselsnummer). */
export function patient(overrides: Record<string, unknown> = {}) {
  return { firstName: 'Nora', lastName: 'Nilsen', nationalId: '13097248022', email: 'nora@example.no', mobile: '+4791234567', ...overrides };
}

/** Norwegian fødselsnumre with valid check digits, for tests that need many patients. */
export function norwegianIds(count: number): string[] {
  const ids: string[] = [];
  for (let serial = 0; ids.length < count && serial < 1000; serial++) {
    for (let day = 1; day <= 28 && ids.length < count; day++) {
      const base = `${String(day).padStart(2, '0')}0185${String(serial).padStart(3, '0')}`;
      const d = [...base].map(Number);
      const k1 = 11 - ((3 * d[0]! + 7 * d[1]! + 6 * d[2]! + 1 * d[3]! + 8 * d[4]! + 9 * d[5]! + 4 * d[6]! + 5 * d[7]! + 2 * d[8]!) % 11);
      if (k1 === 10) continue;
      const c1 = k1 === 11 ? 0 : k1;
      const k2 = 11 - ((5 * d[0]! + 4 * d[1]! + 3 * d[2]! + 2 * d[3]! + 7 * d[4]! + 6 * d[5]! + 5 * d[6]! + 4 * d[7]! + 3 * d[8]! + 2 * c1) % 11);
      if (k2 === 10) continue;
      ids.push(`${base}${c1}${k2 === 11 ? 0 : k2}`);
    }
  }
  return ids;
}
