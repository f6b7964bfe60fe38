import * as z from 'zod/mini';

/** How the e-ID login hands the session back: by redirecting the page (hosted page) or from a popup window (embedded widget). */
export const EidLoginMode = z.enum(['redirect', 'popup']);
export type EidLoginMode = z.infer<typeof EidLoginMode>;

/**
 * The query of `GET auth/eid/start` (B15; issue 8.6), which the browser
 * navigates to (the page, or a popup the widget opens):
 * - `returnTo`: a path on the organization's hosted page (`/o/{subdomain}/…`)
 *   to come back to in redirect mode (default: the hosted page itself);
 * - `mode`: `redirect` (default) or `popup`;
 * - `origin`: in popup mode, the origin of the page that opened the popup: an
 *   origin the organization lets frame its page, or the server's own. The
 *   session is posted to it with `postMessage`, as
 *   `{ type: 'opus-session', session: PatientSession }`, or
 *   `{ type: 'opus-session-failed' }` when the login failed.
 */
export const EidStartQuery = z.object({
  returnTo: z.optional(z.string().check(z.maxLength(1000), z.regex(/^\/o\//, 'A path on the hosted page, starting with /o/'))),
  mode: z.optional(EidLoginMode),
  origin: z.optional(z.string().check(z.maxLength(300))),
});
export type EidStartQuery = z.infer<typeof EidStartQuery>;

/** What the broker sends back to `GET auth/eid/callback`: a code and our state, or an error. */
export const EidCallbackQuery = z.object({
  state: z.string().check(z.minLength(1), z.maxLength(500)),
  code: z.optional(z.string().check(z.maxLength(4000))),
  error: z.optional(z.string().check(z.maxLength(200))),
});
export type EidCallbackQuery = z.infer<typeof EidCallbackQuery>;
