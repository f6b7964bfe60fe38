import { randomUUID } from 'node:crypto';
import { Password } from '../../sdk/schemas/staff.ts';
import { hashPassword } from '../admin/passwords.ts';
import type { Db } from '../db/database.ts';
import { localDateOf, toInstant } from '../availability/time-zone.ts';
import { DAY, dateAt, minuteOf } from '../time/minutes.ts';

/** A small avatar, so the demo shows a provider photo where consent is given (B13). */
const DEMO_PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAIAAAD8GO2jAAAAnElEQVR42u3VUQZCURSF4TuOiIiIiIgUEREREREREfETEQ3jH0QzbATFeSwV3XNIh/W8vodt711UsIo1rGMDm9jCNnawiz0c4BBHOMYJTnGGc1zgEle4xg1ucYd7BA94xBOescjA7wHXSz8KcO99TGnA0/aQEoAX7SFfAW/bQ/4W+LA9JM8gFhB9D1JscopblOKa5o+WgQxkICZwA5yQWzPdk1G6AAAAAElFTkSuQmCC',
  'base64',
);

/**
 * Creates the demo organization (subdomain `demo`, Europe/Oslo): two city
 * groups with three clinics, providers with and without consent to show
 * photo and title, several treatments, working hours with a lunch break, a
 * closed day, and some booked appointments. Does nothing when `demo` exists.
 *
 * @example
 * await seedDemo(db, new Date());
 */
export async function seedDemo(db: Db, now: Date = new Date()): Promise<{ created: boolean }> {
  const existing = await db.selectFrom('organizations').select('id').where('subdomain', '=', 'demo').executeTakeFirst();
  if (existing) return { created: false };
  const zone = 'Europe/Oslo';
  await db.transaction().execute(async (trx) => {
    const org = randomUUID();
    await trx
      .insertInto('organizations')
      .values({
        id: org,
        subdomain: 'demo',
        name: 'Demo Tannklinikk',
        time_zone: zone,
        locale: 'nb',
        // The demo shows issue 8: an SMS code before booking, SMS login and "my bookings" (codes print on the console).
        settings: JSON.stringify({ flexibility: { showAnyClinic: true, codeChallenge: 'sms', login: true, smsLogin: true, showBookings: true }, fields: { campaignCode: 'optional', postalCode: 'optional' } }),
        texts: JSON.stringify({ welcome: 'Velkommen til Demo Tannklinikk! Velg klinikk, behandling og tid.' }),
        theme: JSON.stringify({ primaryColor: '#1a6b8f', accentColor: '#f2a33a' }),
        messaging: '{}',
      })
      .execute();

    const clinics = [
      { id: randomUUID(), name: 'Oslo Sentrum', address: 'Karl Johans gate 10', postal_code: '0154', city: 'Oslo', phone: '+4722000001', group_name: 'Oslo', display_order: 1 },
      { id: randomUUID(), name: 'Majorstuen', address: 'Bogstadveien 50', postal_code: '0366', city: 'Oslo', phone: '+4722000002', group_name: 'Oslo', display_order: 2 },
      { id: randomUUID(), name: 'Bryggen', address: 'Bryggen 5', postal_code: '5003', city: 'Bergen', phone: '+4755000003', group_name: 'Bergen', display_order: 3,
        text_heading: 'Velkommen til Bryggen', text_body: 'Vi holder til i andre etasje, inngang fra baksiden.' },
    ];
    await trx.insertInto('clinics').values(clinics.map((c) => ({ organization_id: org, time_zone: null, text_heading: null, text_body: null, ...c }))).execute();
    const [sentrum, majorstuen, bryggen] = clinics.map((c) => c.id) as [string, string, string];

    const providers = [
      { id: randomUUID(), name: 'Kari Nordmann', title: 'Tannlege', bio: 'Allmenn tannbehandling og estetikk.', photo: DEMO_PHOTO, photo_type: 'image/png' },
      { id: randomUUID(), name: 'Ola Hansen', title: 'Tannpleier', bio: 'Forebygging og tannrens.', photo: null, photo_type: null },
      { id: randomUUID(), name: 'Ingrid Berg', title: 'Kjeveortoped', bio: 'Tannregulering.', photo: DEMO_PHOTO, photo_type: 'image/png' },
      { id: randomUUID(), name: 'Lars Vik', title: 'Tannlege', bio: 'Akutt- og allmenn tannbehandling.', photo: DEMO_PHOTO, photo_type: 'image/png' },
    ];
    await trx.insertInto('providers').values(providers.map((p) => ({ organization_id: org, ...p }))).execute();
    const [kari, ola, ingrid, lars] = providers.map((p) => p.id) as [string, string, string, string];

    // Consent to show photo and title is per clinic (B13): Kari shows her photo at Sentrum only.
    const placements: Array<[string, string, number, { consent_photo: boolean; consent_title: boolean }]> = [
      [kari, sentrum, 1, { consent_photo: true, consent_title: true }], [ola, sentrum, 2, { consent_photo: false, consent_title: true }],
      [ingrid, majorstuen, 1, { consent_photo: false, consent_title: false }], [kari, majorstuen, 2, { consent_photo: false, consent_title: true }],
      [lars, bryggen, 1, { consent_photo: true, consent_title: true }],
    ];
    await trx.insertInto('provider_clinics').values(placements.map(([provider_id, clinic_id, display_order, consent]) => ({ organization_id: org, provider_id, clinic_id, display_order, ...consent }))).execute();

    const treatments = [
      { id: randomUUID(), name: 'Undersøkelse', duration_minutes: 30, description: 'Vanlig kontroll med røntgen ved behov.', display_order: 1, by: [kari, lars], at: [sentrum, majorstuen, bryggen] },
      { id: randomUUID(), name: 'Tannrens', duration_minutes: 45, description: 'Fjerning av tannstein og polering.', display_order: 2, by: [ola, kari], at: [sentrum, majorstuen] },
      { id: randomUUID(), name: 'Akuttime', duration_minutes: 30, description: 'For smerter eller skader.', display_order: 3, by: [kari, lars], at: [sentrum, bryggen] },
      { id: randomUUID(), name: 'Konsultasjon tannregulering', duration_minutes: 60, description: 'Første samtale om regulering.', display_order: 4, by: [ingrid], at: [majorstuen] },
    ];
    await trx.insertInto('treatments').values(treatments.map(({ by: _by, at: _at, ...t }) => ({ organization_id: org, ...t }))).execute();
    await trx.insertInto('treatment_providers').values(treatments.flatMap((t) => t.by.map((provider_id) => ({ organization_id: org, treatment_id: t.id, provider_id })))).execute();
    await trx.insertInto('treatment_clinics').values(treatments.flatMap((t) => t.at.map((clinic_id) => ({ organization_id: org, treatment_id: t.id, clinic_id })))).execute();

    // Mon–Fri 08:00–16:00 with lunch 11:30–12:00; Kari splits her week between two clinics.
    const weekdays = (provider: string, clinic: string, days: number[]) => days.map((weekday) => ({ provider, clinic, weekday }));
    const hours = [
      ...weekdays(kari, sentrum, [1, 2, 3]), ...weekdays(kari, majorstuen, [4, 5]), ...weekdays(ola, sentrum, [1, 2, 3, 4, 5]),
      ...weekdays(ingrid, majorstuen, [2, 4]), ...weekdays(lars, bryggen, [1, 2, 3, 4, 5]),
    ];
    await trx.insertInto('working_hours').values(hours.map((h) => ({ id: randomUUID(), organization_id: org, provider_id: h.provider, clinic_id: h.clinic, weekday: h.weekday, start_minute: 480, end_minute: 960 }))).execute();
    await trx.insertInto('breaks').values(hours.map((h) => ({ id: randomUUID(), organization_id: org, provider_id: h.provider, clinic_id: h.clinic, weekday: h.weekday, start_minute: 690, end_minute: 720 }))).execute();

    // Lars is away one day next week.
    const nowMinute = minuteOf(now);
    const closedDate = localDateOf(nowMinute + 7 * DAY, zone);
    await trx.insertInto('schedule_exceptions').values({ id: randomUUID(), organization_id: org, provider_id: lars, clinic_id: bryggen, date: closedDate, kind: 'closed', start_minute: null, end_minute: null, note: 'Kurs' }).execute();

    // A few existing appointments over the next days, at 09:00 and 13:00 local time.
    const patient = randomUUID();
    await trx.insertInto('patients').values({ id: patient, organization_id: org, first_name: 'Demo', last_name: 'Pasient', national_id: '13097248022', mobile: '+4791234567', email: 'demo.pasient@example.no', address1: null, address2: null, postal_code: null, city: null }).execute();
    const booked = [];
    for (let day = 1; day <= 10; day++) {
      const date = localDateOf(nowMinute + day * DAY, zone);
      for (const [provider, clinic, localHour] of [[kari, sentrum, 9], [ola, sentrum, 13], [lars, bryggen, 9]] as const) {
        const start = toInstant(date, localHour * 60, zone);
        if (start !== null) booked.push({ provider, clinic, start });
      }
    }
    await trx
      .insertInto('appointments')
      .values(booked.map((b) => ({
        id: randomUUID(), organization_id: org, patient_id: patient, clinic_id: b.clinic, provider_id: b.provider, treatment_id: treatments[0]!.id,
        starts_at: dateAt(b.start), ends_at: dateAt(b.start + 30), status: 'booked' as const, source: 'staff' as const,
        text: 'Undersøkelse', manage_token_hash: null, campaign_code: null, user_message: null, cancelled_at: null,
      })))
      .execute();
  });
  return { created: true };
}

/** The demo console's owner (issue 10): `npm start` prints the address, the e-mail and the password once. */
export const DEMO_OWNER_EMAIL = 'owner@demo.example';

/**
 * Adds the demo organization's owner, who logs in to the console at
 * `/admin/` with `password` (10 to 200 characters; `npm start` makes a
 * random one unless `DEMO_OWNER_PASSWORD` is set), unless there is one
 * already (then the password is not changed). Only its argon2id hash is stored.
 *
 * @example
 * await seedDemoOwner(db, 'a long demo passphrase');
 */
export async function seedDemoOwner(db: Db, password: string): Promise<{ created: boolean }> {
  if (!Password.safeParse(password).success) throw new Error('The demo owner\'s password (DEMO_OWNER_PASSWORD) must be 10 to 200 characters');
  const demo = await db.selectFrom('organizations').select('id').where('subdomain', '=', 'demo').executeTakeFirstOrThrow();
  const existing = await db.selectFrom('staff_users').select('id').where('organization_id', '=', demo.id).where('email', '=', DEMO_OWNER_EMAIL).executeTakeFirst();
  if (existing) return { created: false };
  const inserted = await db.insertInto('staff_users').values({
    id: randomUUID(), organization_id: demo.id, email: DEMO_OWNER_EMAIL, name: 'Demo Owner', role: 'owner', password_hash: await hashPassword(password), disabled_at: null,
  }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  return { created: inserted !== undefined };
}
