import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { findSlots, isSlotFree } from './engine.ts';
import { formatLocalDate, isoWeekdayOf, offsetAt, parseLocalDate } from './time-zone.ts';
import type { AvailabilityQuery, DatedException, IsoWeekday, ProviderSchedule, Slot, WeeklySpan } from './types.ts';

/**
 * Random schedules around clock changes, checked two ways: against the
 * rules stated plainly (nothing busy, on a break, closed or at the weekend;
 * notice and horizon kept; sorted; no repeats; `isSlotFree` agrees) and
 * against a minute-by-minute reference that shares nothing with the engine
 * but `offsetAt` (itself checked against Intl in time-zone.test.ts).
 */

const DAY = 1440;
const ZONES = ['Europe/Oslo', 'Europe/Stockholm', 'America/New_York', 'Australia/Sydney', 'UTC'];
// Weeks holding clock changes in these zones, and one without.
const FIRST_DAYS = ['2026-03-26', '2026-10-22', '2026-03-05', '2026-10-01', '2026-11-26'].map(parseLocalDate);

const span = (weekday: fc.Arbitrary<number>) => fc
  .record({ weekday, start: fc.integer({ min: 0, max: 287 }), length: fc.integer({ min: 1, max: 120 }) })
  .map(({ weekday, start, length }): WeeklySpan => ({ weekday: weekday as IsoWeekday, startMinute: start * 5, endMinute: Math.min(DAY, (start + length) * 5) }));

const world = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    firstDay: fc.constantFrom(...FIRST_DAYS),
    days: fc.integer({ min: 0, max: 4 }),
    nowShift: fc.integer({ min: -3 * DAY, max: 2 * DAY }),
    stepMinutes: fc.constantFrom(5, 10, 15, 20, 30, 45, 60),
    durationMinutes: fc.integer({ min: 5, max: 120 }),
    minNoticeMinutes: fc.integer({ min: 0, max: 600 }),
    horizonDays: fc.integer({ min: 0, max: 12 }),
    allowWeekends: fc.boolean(),
    providers: fc.array(fc.record({
      published: fc.boolean(),
      workingHours: fc.array(span(fc.integer({ min: 1, max: 7 })), { minLength: 1, maxLength: 14 }),
      breaks: fc.array(span(fc.integer({ min: 1, max: 7 })), { maxLength: 5 }),
      exceptions: fc.array(fc.record({
        day: fc.integer({ min: -1, max: 5 }),
        kind: fc.constantFrom('closed', 'open'),
        whole: fc.boolean(),
        minutes: span(fc.constant(1)),
      }), { maxLength: 4 }),
      offers: fc.array(fc.record({ at: fc.integer({ min: -DAY, max: 6 * DAY }), length: fc.integer({ min: 5, max: 180 }) }), { maxLength: 8 }),
      busy: fc.array(fc.record({ at: fc.integer({ min: -DAY, max: 6 * DAY }), length: fc.integer({ min: 1, max: 180 }) }), { maxLength: 15 }),
    }), { minLength: 1, maxLength: 3 }),
  })
  .map((w) => {
    const base = w.firstDay * DAY - offsetAt(w.firstDay * DAY, w.zone);
    const query: AvailabilityQuery = {
      now: base + w.nowShift,
      from: formatLocalDate(w.firstDay),
      to: formatLocalDate(w.firstDay + w.days),
      durationMinutes: w.durationMinutes,
      stepMinutes: w.stepMinutes,
      minNoticeMinutes: w.minNoticeMinutes,
      horizonDays: w.horizonDays,
      allowWeekends: w.allowWeekends,
    };
    const schedules = w.providers.map((p, i): ProviderSchedule => ({
      providerId: `p${i}`,
      clinicId: `c${i % 2}`,
      timeZone: w.zone,
      mode: p.published ? 'published_slots' : 'working_hours',
      workingHours: p.workingHours,
      breaks: p.breaks,
      exceptions: p.exceptions.map((e): DatedException => ({
        date: formatLocalDate(w.firstDay + e.day),
        kind: e.kind,
        ...(e.kind === 'closed' && e.whole ? {} : { startMinute: e.minutes.startMinute, endMinute: e.minutes.endMinute }),
      })),
      publishedSlots: p.offers.map((s) => ({ start: base + s.at, end: base + s.at + s.length })),
      busy: p.busy.map((b) => ({ start: base + b.at, end: base + b.at + b.length })),
    }));
    return { schedules, query };
  });

const reading = (t: number, zone: string) => t + offsetAt(t, zone);
const within = (spans: readonly WeeklySpan[], weekday: number, m: number) => spans.some((s) => s.weekday === weekday && m >= s.startMinute && m < s.endMinute);
const exceptionHas = (e: DatedException, m: number) => m >= (e.startMinute ?? 0) && m < (e.endMinute ?? (e.kind === 'closed' ? DAY : 0));
const exceptionsOn = (s: ProviderSchedule, day: number) => s.exceptions.filter((e) => parseLocalDate(e.date) === day);
const closesDay = (e: DatedException) => e.kind === 'closed' && (e.startMinute ?? 0) <= 0 && (e.endMinute ?? DAY) >= DAY;

/** Whether instant `t`, read on the local clock, falls in a break or closure. */
function cutAt(s: ProviderSchedule, t: number): boolean {
  const r = reading(t, s.timeZone);
  const day = Math.floor(r / DAY);
  return within(s.breaks, isoWeekdayOf(day), r - day * DAY) || exceptionsOn(s, day).some((e) => e.kind === 'closed' && exceptionHas(e, r - day * DAY));
}

/** The engine's rules, minute by minute. */
function reference(schedules: readonly ProviderSchedule[], q: AvailabilityQuery): Slot[] {
  const all: Array<Slot & { order: number }> = [];
  schedules.forEach((s, order) => {
    const found = new Set<number>();
    for (let day = parseLocalDate(q.from); day <= parseLocalDate(q.to); day++) {
      if (isoWeekdayOf(day) >= 6 && !q.allowWeekends) continue;
      const today = exceptionsOn(s, day);
      if (today.some(closesDay)) continue;
      const opens = today.filter((e) => e.kind === 'open');
      const published = s.publishedSlots.filter((p) => Math.floor(reading(p.start, s.timeZone) / DAY) <= day && Math.floor(reading(p.end - 1, s.timeZone) / DAY) >= day);
      const lo = (day - 1) * DAY;
      const hi = (day + 3) * DAY;
      const firstAt = new Map<number, number>();
      const open: boolean[] = [];
      for (let t = lo; t < hi; t++) {
        const r = reading(t, s.timeZone);
        if (!firstAt.has(r)) firstAt.set(r, t);
        const rDay = Math.floor(r / DAY);
        const m = r - rDay * DAY;
        const opened = s.mode === 'working_hours'
          ? rDay === day && (within(s.workingHours, isoWeekdayOf(day), m) || opens.some((e) => exceptionHas(e, m)))
          : published.some((p) => t >= p.start && t < p.end);
        open.push(opened && !(Math.abs(rDay - day) <= 1 && cutAt(s, t)));
      }
      for (let i = 0; i < open.length; i++) {
        if (!open[i] || (i > 0 && open[i - 1])) continue;
        let j = i;
        while (j < open.length && open[j]) j++;
        const [a, b] = [lo + i, lo + j];
        for (let wall = reading(a, s.timeZone); wall < reading(a, s.timeZone) + (b - a) + 180; wall += q.stepMinutes) {
          const start = firstAt.get(wall);
          if (start === undefined || start < a || start + q.durationMinutes > b) continue;
          if (Math.floor(wall / DAY) !== day) continue;
          if (start < q.now + q.minNoticeMinutes || start >= q.now + q.horizonDays * DAY) continue;
          if (s.busy.some((x) => x.start < start + q.durationMinutes && start < x.end)) continue;
          found.add(start);
        }
      }
    }
    for (const start of found) all.push({ start, end: start + q.durationMinutes, providerId: s.providerId, clinicId: s.clinicId, order });
  });
  return all.sort((x, y) => x.start - y.start || x.order - y.order).map(({ order: _, ...slot }) => slot);
}

describe('findSlots (property)', () => {
  test('keeps every rule: busy, breaks, closures, weekends, notice, horizon, order', () => {
    fc.assert(fc.property(world, ({ schedules, query: q }) => {
      const slots = findSlots(schedules, q);
      const order = (slot: Slot) => schedules.findIndex((s) => s.providerId === slot.providerId);
      for (let i = 1; i < slots.length; i++) {
        const [a, b] = [slots[i - 1]!, slots[i]!];
        assert.ok(a.start < b.start || (a.start === b.start && order(a) < order(b)), 'sorted, no repeats per provider');
      }
      for (const slot of slots) {
        const s = schedules[order(slot)]!;
        assert.equal(slot.end - slot.start, q.durationMinutes);
        assert.ok(slot.start >= q.now + q.minNoticeMinutes && slot.start < q.now + q.horizonDays * DAY);
        assert.ok(!s.busy.some((b) => b.start < slot.end && slot.start < b.end), 'overlaps busy time');
        for (let t = slot.start; t < slot.end; t++) assert.ok(!cutAt(s, t), 'on a break or closed');
        const startDay = Math.floor(reading(slot.start, s.timeZone) / DAY);
        if (!q.allowWeekends) assert.ok(isoWeekdayOf(startDay) < 6, 'at the weekend');
        assert.ok(!exceptionsOn(s, startDay).some(closesDay), 'on a closed day');
      }
    }), { numRuns: 300 });
  });

  test('equals the minute-by-minute reference', () => {
    fc.assert(fc.property(world, ({ schedules, query: q }) => {
      assert.deepEqual(findSlots(schedules, q), reference(schedules, q));
    }), { numRuns: 200 });
  });

  test('isSlotFree agrees with findSlots', () => {
    fc.assert(fc.property(world, fc.array(fc.integer({ min: -DAY, max: 6 * DAY }), { maxLength: 20 }), ({ schedules, query: q }, probes) => {
      for (const s of schedules) {
        const offered = new Set(findSlots([s], q).map((slot) => slot.start));
        for (const start of offered) assert.equal(isSlotFree(s, start, q), true);
        const base = parseLocalDate(q.from) * DAY;
        for (const probe of probes) assert.equal(isSlotFree(s, base + probe, q), offered.has(base + probe));
      }
    }), { numRuns: 300 });
  });
});
