import type { OrganizationTexts, PublicSettings, Theme } from '../../../sdk/schemas/organization.ts';

/**
 * Unsaved changes the live preview shows: the organization's settings,
 * texts, theme and name as drafted, and catalog items changed by id (a
 * provider's draft title, text or photo). The widget in the preview frame
 * gets them merged into the API's real answers; its free times are real.
 */
export interface PreviewDraft {
  organization?: {
    name?: string;
    settings?: { [S in keyof PublicSettings]?: Partial<PublicSettings[S]> };
    texts?: Partial<Omit<OrganizationTexts, 'deviation'>> & { deviation?: Partial<OrganizationTexts['deviation']> };
    theme?: Partial<Theme>;
  };
  /** Changed fields of clinics, providers and treatments, by id. */
  items?: Record<string, Record<string, unknown>>;
  /** Attributes of the `<opus-booking>` element: a preselected clinic, provider or treatment, the locale. */
  attributes?: Record<string, string>;
}

/** A message from the console to its preview frame, and the frame's answer that it is ready for one. */
export type PreviewMessage = { type: 'opus-preview-draft'; organization: string; draft: PreviewDraft } | { type: 'opus-preview-ready' };
