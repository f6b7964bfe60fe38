import * as z from 'zod/mini';

/** Identifiers are UUIDs. */
export const Id = z.uuid();

/** A local calendar date, `YYYY-MM-DD`. */
export const LocalDate = z.iso.date();

/** An instant as ISO 8601 with an offset, e.g. `2026-12-01T08:00:00+01:00`. */
export const Instant = z.iso.datetime({ offset: true });

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
