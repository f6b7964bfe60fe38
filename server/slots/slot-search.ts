import type { SlotQuery, SlotSearchResult } from '../../sdk/schemas/slots.ts';
import type { Executor } from '../db/database.ts';
import type { Remember } from '../cache/config-cache.ts';
import { findSlots, mergeAnyProvider } from '../availability/engine.ts';
import { formatInstant } from '../availability/time-zone.ts';
import type { AvailabilityQuery } from '../availability/types.ts';
import { DomainError } from '../domain/domain-error.ts';
import type { Organization } from '../organizations/organization.ts';
import { loadSchedules } from './schedule-loader.ts';
import { DAY, minuteOf, MINUTE_MS } from '../time/minutes.ts';


/** The engine's settings for an organization at `now` (epoch minutes). */
export function availabilityQueryFor(org: Organization, now: number, from: string, to: string, durationMinutes: number): AvailabilityQuery {
  const { booking, flexibility } = org.settings;
  return {
    now,
    from,
    to,
    durationMinutes,
    stepMinutes: booking.slotStepMinutes,
    minNoticeMinutes: booking.minNoticeMinutes,
    horizonDays: booking.horizonDays,
    allowWeekends: flexibility.weekendBooking,
  };
}

/** Epoch-minute bounds wide enough to hold local dates `from`..`to` in any zone. */
export function minuteBounds(from: string, to: string): { fromMinute: number; toMinute: number } {
  return { fromMinute: Date.parse(`${from}T00:00:00Z`) / MINUTE_MS - DAY, toMinute: Date.parse(`${to}T00:00:00Z`) / MINUTE_MS + 2 * DAY };
}

/**
 * Free start times for a treatment (B4–B6): for one provider, or merged
 * across providers ("any provider") and clinics of a group ("any clinic"),
 * each slot saying whose it is. Three queries at most, whatever the number
 * of providers: the organization (by the caller), the offers with their
 * rules (unless `remember` has them: the config cache), and the busy
 * appointments.
 *
 * @example
 * const result = await searchSlots(db, org, { treatmentId, clinicId, from: '2026-12-01', to: '2026-12-31' }, new Date());
 */
export async function searchSlots(db: Executor, org: Organization, query: SlotQuery, at: Date, remember?: Remember): Promise<SlotSearchResult> {
  return (await search(db, org, query, at, remember))!;
}

/**
 * {@link searchSlots} for an organization as the config cache read it at
 * `configVersion`, without reading the organization first: the busy times
 * come with the current version in one statement, so a search whose offers
 * are remembered is one round trip. Undefined when the version moved (the
 * organization's configuration changed, or it is gone): read it again and
 * search with that.
 *
 * @example
 * const result = await searchSlotsAt(db, cached.org, cached.version, query, new Date(), cache.remember(cached.org)) ?? await searchSlots(db, await cache.organization(db, 'demo'), query, new Date(), …);
 */
export function searchSlotsAt(db: Executor, org: Organization, configVersion: number, query: SlotQuery, at: Date, remember: Remember): Promise<SlotSearchResult | undefined> {
  return search(db, org, query, at, remember, configVersion);
}

async function search(db: Executor, org: Organization, query: SlotQuery, at: Date, remember: Remember | undefined, configVersion?: number): Promise<SlotSearchResult | undefined> {
  const now = minuteOf(at);
  const loaded = await loadSchedules(db, {
    organizationId: org.id,
    treatmentId: query.treatmentId,
    clinicId: query.clinicId,
    group: query.group,
    providerId: query.providerId,
    defaultTimeZone: org.timeZone,
    ...minuteBounds(query.from, query.to),
    now: at,
    configVersion,
  }, remember);
  if (loaded.stale) return undefined;
  // Checked once the settings are known to be current.
  const { flexibility } = org.settings;
  if (!query.providerId && !flexibility.showAnyProvider) {
    throw DomainError.invalid('providerId', 'Choose a provider: "any provider" is switched off', 'required');
  }
  if (query.group !== undefined && !flexibility.showAnyClinic) {
    throw DomainError.invalid('group', 'Choose a clinic: "any clinic" is switched off', 'not_allowed');
  }
  const { durationMinutes, schedules } = loaded;
  if (durationMinutes === null) throw DomainError.invalid('treatmentId', 'No such treatment offered online', 'not_found');
  const found = findSlots(schedules, availabilityQueryFor(org, now, query.from, query.to, durationMinutes));
  const slots = query.providerId ? found : mergeAnyProvider(found);
  const zoneOf = new Map(schedules.map((s) => [s.clinicId, s.timeZone]));
  const timeZone = (query.clinicId && zoneOf.get(query.clinicId)) || schedules[0]?.timeZone || org.timeZone;
  return {
    treatmentId: query.treatmentId,
    durationMinutes,
    timeZone,
    from: query.from,
    to: query.to,
    slots: slots.map((slot) => {
      const zone = zoneOf.get(slot.clinicId) ?? timeZone;
      return { start: formatInstant(slot.start, zone), end: formatInstant(slot.end, zone), providerId: slot.providerId, clinicId: slot.clinicId };
    }),
  };
}
