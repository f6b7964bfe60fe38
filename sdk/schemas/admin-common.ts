import * as z from 'zod/mini';
import { Id } from './common.ts';

/**
 * The admin API's paging convention (issue 9): a list takes `limit` (1–200,
 * default 50) and the `cursor` the previous page answered as `nextCursor`;
 * `nextCursor` is null on the last page. Cursors are opaque strings.
 */
export const PageQuery = z.object({
  limit: z.optional(z.string().check(z.regex(/^(?:[1-9]\d?|1\d\d|200)$/, 'A number from 1 to 200'))),
  cursor: z.optional(z.string().check(z.maxLength(500))),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** The default and largest page sizes. */
export const PAGE_SIZE = { default: 50, max: 200 } as const;

/** `nextCursor` of a paged answer: null on the last page. */
export const NextCursor = z.nullable(z.string());

/** What a staff user may be (README, "Staff roles"). */
export const StaffRole = z.enum(['owner', 'admin', 'reception']);
export type StaffRole = z.infer<typeof StaffRole>;

/**
 * What a route of the admin API needs (README, "Staff roles"): `read` any
 * GET of the book, patients, messages, settings and catalog; `book` change
 * appointments, patients, pending changes and received messages; `messaging`
 * send or cancel messages; `settings` change settings, texts, templates,
 * clinics, providers, treatments and schedules; `integrations` webhooks;
 * `audit` read the audit log; `access` staff users and API keys (reading too);
 * `privacy` export or erase a patient's data (owners and admins, never an API key).
 */
export const Capability = z.enum(['read', 'book', 'messaging', 'settings', 'integrations', 'audit', 'access', 'privacy']);
export type Capability = z.infer<typeof Capability>;

/** Who made a change: a staff user, an API key, or the system (CLI, worker). */
export const AuditActor = z.object({
  kind: z.enum(['staff', 'api_key', 'system']),
  id: z.nullable(z.string()),
  /** The staff user's e-mail, the API key's name and prefix, or what system. */
  label: z.string(),
});
export type AuditActor = z.infer<typeof AuditActor>;

/** One change in the audit log. */
export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actor: AuditActor,
  /** What was done, `area.verb`, e.g. `settings.update`, `appointment.cancel`, `staff.invite`. */
  action: z.string(),
  target: z.object({ type: z.string(), id: z.nullable(z.string()) }),
  /** For settings: the value before and after (secrets left out). */
  before: z.nullable(z.unknown()),
  after: z.nullable(z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.extend(PageQuery, {
  action: z.optional(z.string().check(z.maxLength(100))),
  targetType: z.optional(z.string().check(z.maxLength(100))),
  targetId: z.optional(z.string().check(z.maxLength(100))),
  actorId: z.optional(Id),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditList = z.object({ entries: z.array(AuditEntry), nextCursor: NextCursor });
export type AuditList = z.infer<typeof AuditList>;
