import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BookingView } from '../../sdk/schemas/booking.ts';
import type { Locale } from '../../sdk/schemas/common.ts';
import type { OrganizationPublic } from '../../sdk/schemas/organization.ts';
import type { BookingApi } from '../api/booking-api.ts';
import { loadMessages } from '../i18n/load-messages.ts';
import type { Messages } from '../i18n/messages.ts';
import type { Catalog } from '../internal/flow.ts';
import { asLocale, resolveLocale } from '../internal/locale.ts';

export type SessionState = 'idle' | 'loading' | 'ready' | 'error';

/**
 * Loads what the first screen needs, all at once: the organization's
 * settings, the catalog (clinics, providers, treatments) or the booking of
 * a manage link, and the one locale's texts. A newer load supersedes an
 * older one, so changing attributes mid-load never mixes organizations.
 */
export class SessionController implements ReactiveController {
  state: SessionState = 'idle';
  org: OrganizationPublic | undefined;
  catalog: Catalog | undefined;
  booking: BookingView | undefined;
  locale: Locale = 'en';
  t: Messages | undefined;
  error: unknown;
  private generation = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /**
   * A load under way is kept: an element moved in the page (removed and
   * inserted again, as frameworks do) would otherwise wait for it forever.
   */
  hostDisconnected(): void {}

  /** Only the texts, for an element that cannot load anything else (its attributes are missing). */
  async loadTexts(locale: string | null): Promise<void> {
    const generation = ++this.generation;
    this.state = 'idle';
    this.locale = resolveLocale(locale, undefined, typeof navigator === 'undefined' ? [] : navigator.languages);
    const t = await loadMessages(this.locale).catch(() => undefined);
    if (generation !== this.generation) return;
    this.t = t;
    this.host.requestUpdate();
  }

  /** Loads for `api`; `manageToken` loads that booking instead of the catalog. */
  async load(api: BookingApi, options: { locale: string | null; manageToken: string | null }): Promise<void> {
    const generation = ++this.generation;
    this.state = 'loading';
    this.error = undefined;
    this.host.requestUpdate();
    const browser = typeof navigator === 'undefined' ? [] : navigator.languages;
    // With a locale attribute its texts load alongside the data; otherwise the organization decides.
    const early = asLocale(options.locale);
    const earlyMessages = early ? loadMessages(early) : undefined;
    try {
      // The catalog comes in the organization's answer (one request, compressed together); a server without it is asked the long way.
      const [{ catalog: included, ...org }, booking] = await Promise.all([
        api.organization(options.manageToken ? undefined : 'catalog'),
        options.manageToken ? api.booking(options.manageToken) : undefined,
      ]);
      const catalog = options.manageToken ? undefined : included ?? await Promise.all([api.clinics(), api.providers(), api.treatments()])
        .then(([{ groups }, { providers }, { treatments }]) => ({ groups, providers, treatments }));
      // A manage link's booking speaks the language it was made in, unless the page asks for another.
      const locale = resolveLocale(asLocale(options.locale) ?? booking?.locale, org.locale, browser);
      const t = await (early === locale && earlyMessages ? earlyMessages : loadMessages(locale));
      if (generation !== this.generation) return;
      this.org = org;
      this.catalog = catalog;
      this.booking = booking;
      this.locale = locale;
      this.t = t;
      this.state = 'ready';
    } catch (error) {
      if (generation !== this.generation) return;
      const locale = resolveLocale(options.locale, undefined, browser);
      const t = await loadMessages(locale).catch(() => undefined);
      if (generation !== this.generation) return; // a newer load started meanwhile
      this.locale = locale;
      this.t = t;
      this.error = error;
      this.state = 'error';
    }
    this.host.requestUpdate();
  }
}
