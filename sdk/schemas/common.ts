import * as z from 'zod/mini';

/** Identifiers are UUIDs. */
export const Id = z.uuid();

/**
 * The dates the product works with: wide enough for any appointment, message
 * or search, narrow enough that no date arithmetic (time zones, weekdays,
 * epoch minutes) meets the edges of the calendar. Applies to every date and
 * instant of the contract.
 */
export const DATE_RANGE = { min: '2000-01-01', max: '2199-12-31' } as const;
const inDateRange = z.refine<string>((value) => !/^\d{4}-\d\d-\d\d/.test(value) || value.slice(0, 10) >= DATE_RANGE.min && value.slice(0, 10) <= DATE_RANGE.max, {
  message: `Must be between ${DATE_RANGE.min} and ${DATE_RANGE.max}`,
  abort: true,
});

/** A local calendar date, `YYYY-MM-DD`, within `DATE_RANGE`. */
export const LocalDate = z.iso.date().check(inDateRange);

/** An instant as ISO 8601 with an offset, e.g. `2026-12-01T08:00:00+01:00`, within `DATE_RANGE`. */
export const Instant = z.iso.datetime({ offset: true }).check(inDateRange);

/** The languages the product speaks. */
export const Locale = z.enum(['nb', 'sv', 'en']);
export type Locale = z.infer<typeof Locale>;

/** A bounded, trimmed single-line text. */
export const shortText = (max = 200) => z.string().check(z.trim(), z.maxLength(max));

/** A bounded, trimmed non-empty single-line text. */
export const requiredText = (max = 200) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/** A bounded multi-line text (welcome texts, descriptions). */
export const longText = (max = 4000) => z.string().check(z.maxLength(max));

/** A heading with a body, used for clinic texts. */
export const TitledText = z.object({ heading: shortText(200), body: longText(4000) });
export type TitledText = z.infer<typeof TitledText>;

/** A six-digit one-time code as the patient types it (spaces allowed, removed). */
export const Code = z.string().check(z.trim(), z.regex(/^\d{3}\s?\d{3}$/, 'Six digits'), z.overwrite((v) => v.replace(/\s/g, '')));

/** A secret handle (random, URL-safe) for a hold, a verification or a session. */
export const Secret = z.string().check(z.regex(/^[A-Za-z0-9_-]{16,100}$/, 'Not a valid reference'));
