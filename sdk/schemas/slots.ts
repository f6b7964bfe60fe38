import * as z from 'zod/mini';
import { Id, Instant, LocalDate } from './common.ts';

/**
 * A free-time search. Leave out `providerId` for "any provider" (B4); give
 * `group` instead of `clinicId` for "any clinic in this group" (B5). The
 * range is in the clinic's local dates and spans at most 62 days.
 */
export const SlotQuery = z
  .object({
    treatmentId: Id,
    clinicId: z.optional(Id),
    group: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
    providerId: z.optional(Id),
    from: LocalDate,
    to: LocalDate,
  })
  .check(
    z.refine((q) => (q.clinicId === undefined) !== (q.group === undefined), {
      message: 'Give either clinicId or group',
      path: ['clinicId'],
    }),
    z.refine((q) => q.from <= q.to, { message: 'Must not be before from', path: ['to'] }),
    z.refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 62 * 86_400_000, {
      message: 'At most 62 days per search',
      path: ['to'],
    }),
  );
export type SlotQuery = z.infer<typeof SlotQuery>;

/** One free start time and whose it is. */
export const SlotView = z.object({ start: Instant, end: Instant, providerId: Id, clinicId: Id });
export type SlotView = z.infer<typeof SlotView>;

export const SlotSearchResult = z.object({
  treatmentId: Id,
  durationMinutes: z.int(),
  /** The clinic's IANA zone: show the times in it, whatever the visitor's computer says. */
  timeZone: z.string(),
  from: LocalDate,
  to: LocalDate,
  slots: z.array(SlotView),
});
export type SlotSearchResult = z.infer<typeof SlotSearchResult>;
