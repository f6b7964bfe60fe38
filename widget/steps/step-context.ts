import type { Locale } from '../../sdk/schemas/common.ts';
import type { OrganizationPublic } from '../../sdk/schemas/organization.ts';
import type { Messages } from '../i18n/messages.ts';
import type { Catalog, Choices } from '../internal/flow.ts';

/** What every step view reads. Step views only render: they call back, they never fetch. */
export interface StepContext {
  t: Messages;
  locale: Locale;
  org: OrganizationPublic;
  catalog: Catalog;
  choices: Choices;
  /** Resolves a URL the API gave (e.g. a provider photo) against the API's base. */
  apiUrl: (path: string) => string;
  /** Applies a choice on the current step and moves on. */
  choose: (change: Partial<Choices>) => void;
}
