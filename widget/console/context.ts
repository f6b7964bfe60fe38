import type { Capability } from '../../sdk/schemas/admin-common.ts';
import type { Locale } from '../../sdk/schemas/common.ts';
import type { StaffMe } from '../../sdk/schemas/staff.ts';
import type { Call } from './api.ts';

/**
 * What every page gets from the shell: the API on the staff session, who is
 * logged in and what their role may do, the language, and navigation.
 */
export interface ConsoleContext {
  /** The admin API on this session; combine with the SDK's method sets (`bookMethods(ctx.call)`). */
  call: Call;
  /** The logged-in user, the organization and the role's capabilities. */
  me: StaffMe;
  locale: Locale;
  /** Where the server is (the console's own origin): for the preview's widget and links to the hosted page. */
  origin: string;
  /** Whether the role may do this (the API decides anyway; the console hides what would fail). */
  can(capability: Capability): boolean;
  /**
   * Goes to a page: `navigate('/patients/123')`, with a query `navigate('/book', { date: '2026-12-07' })`.
   * `replace` changes the address without a new history entry (filters as they are typed).
   */
  navigate(path: string, query?: Record<string, string | undefined>, options?: { replace?: boolean }): void;
  /** The address of a page, for links: `href(\`/patients/${id}\`)` → `#/patients/…`. */
  href(path: string, query?: Record<string, string | undefined>): string;
  /** Says something to screen-reader users through the shell's polite live region ("Saved."). */
  announce(text: string): void;
  /** A request answered 401: the session ended; the shell shows the login and comes back here after it. */
  sessionEnded(): void;
}
