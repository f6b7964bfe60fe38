import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { OpusApiError } from '../../sdk/errors.ts';
import { asLocale } from '../../sdk/locale.ts';
import type { Locale } from '../../sdk/schemas/common.ts';
import { Done, LoginResult, StaffMe } from '../../sdk/schemas/staff.ts';
import { SESSION_KEY, consoleCall, loadStoredSession, storeSession, type Call } from './api.ts';
import type { ConsoleContext } from './context.ts';
import { CONSOLE_LOCALES, translator, type Translate } from './i18n.ts';
import { allowed, hrefOf, matchRoute, type ConsoleRoute, type Location, type NavGroup } from './router.ts';
import { HOME, ROUTES } from './routes.ts';
import { SHELL_TEXTS, type ShellText } from './shell-texts.ts';
import { hasUnsavedChanges } from './ui/form.ts';
import { consoleStyles } from './ui/styles.ts';
import { errorText } from './ui/ui-texts.ts';

const LOCALE_KEY = 'opus-console-locale';
const NAV_GROUPS: readonly NavGroup[] = ['book', 'patients', 'web', 'sms', 'access', 'account'];
const LANGUAGE_NAMES: Record<Locale, string> = { nb: 'Norsk bokmål', sv: 'Svenska', en: 'English' };

type Phase = 'starting' | 'login' | 'forgot' | 'invite' | 'reset' | 'ready';

/** Whose page is shown: a login as someone else, or to another organization, starts from a fresh page. */
const identity = (me: StaffMe) => `${me.organization.subdomain} ${me.user.id}`;

/**
 * The staff console's shell (issue 10), `<opus-console>` on `/admin/`:
 * login (with TOTP), invite and password-reset links, the header with the
 * organization and the user's role, navigation by role, a page per `#/…`
 * address (deep links and the back button work), the language (nb, sv, en).
 * Pages are separate chunks, loaded when first shown; they get a
 * {@link ConsoleContext}.
 *
 * @example
 * <opus-console></opus-console>
 * <script type="module" src="/admin/console.js"></script>
 */
export class OpusConsole extends LitElement {
  static override styles = [consoleStyles, css`
    :host { min-height: 100vh; background: var(--c-page); }
    .skip { position: absolute; left: 0.5rem; top: -4rem; z-index: 10; background: var(--c-bg); padding: 0.5rem 1rem; border-radius: var(--radius); }
    .skip:focus { top: 0.5rem; }
    header { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.25rem; padding: 0.4rem 1rem; background: var(--c-bg); border-bottom: 1px solid var(--c-line); }
    header .org { font-weight: 700; font-size: 1.1rem; margin-right: auto; }
    header .who { color: var(--c-muted); }
    header label { font-size: 0.9rem; }
    .frame { display: grid; grid-template-columns: 13rem minmax(0, 1fr); min-height: calc(100vh - 3.7rem); }
    nav { background: var(--c-bg); border-right: 1px solid var(--c-line); padding: 0.75rem 0.5rem; }
    nav h2 { font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--c-muted); margin: 0.9rem 0.5rem 0.25rem; }
    nav ul { list-style: none; margin: 0; padding: 0; }
    nav a { display: flex; align-items: center; min-height: 2.5rem; padding: 0.25rem 0.6rem; border-radius: var(--radius); color: var(--c-text); text-decoration: none; }
    nav a:hover { background: var(--c-surface); }
    nav a[aria-current='page'] { background: var(--c-surface); font-weight: 700; box-shadow: inset 0.25rem 0 0 var(--c-primary); }
    main { padding: 1rem 1.5rem 3rem; min-width: 0; }
    main > h1 { font-size: 1.5rem; margin: 0.25rem 0 0.75rem; }
    h1:focus { outline: none; }
    h1:focus-visible { outline: 3px solid var(--c-focus); outline-offset: 2px; }
    .auth { max-width: 28rem; margin: 3rem auto; padding: 1.5rem; background: var(--c-bg); border: 1px solid var(--c-line); border-radius: var(--radius); }
    .auth h1 { font-size: 1.35rem; margin-top: 0; }
    .auth input:not([type='checkbox']) { width: 100%; }
    @media (max-width: 60rem) {
      .frame { grid-template-columns: 1fr; }
      nav { border-right: none; border-bottom: 1px solid var(--c-line); }
      nav .groups { display: flex; flex-wrap: wrap; gap: 0 1.5rem; }
    }
  `];

  private phase: Phase = 'starting';
  private locale: Locale = 'en';
  private me: StaffMe | undefined;
  private call: Call | undefined;
  private context: ConsoleContext | undefined;
  private location: Location = matchRoute(ROUTES, location.hash);
  private page: HTMLElement | undefined;
  private pageFailure: unknown;
  /** A failure of the shell's own (logging out), shown above the page. */
  private shellError = '';
  private announcement = '';
  /** Login form values, kept across failures. */
  private login = { organization: '', email: '', password: '', totp: '', name: '' };
  private totpAsked = false;
  private authError = '';
  private authInfo = '';
  private busy = false;
  private lastHash = location.hash;
  private focusHeading = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.locale = asLocale(localStorage.getItem(LOCALE_KEY)) ?? navigator.languages.map(asLocale).find(Boolean) ?? 'en';
    document.documentElement.lang = this.locale;
    window.addEventListener('hashchange', this.onHashChange);
    window.addEventListener('beforeunload', this.onBeforeUnload);
    window.addEventListener('storage', this.onStorage);
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
    window.removeEventListener('beforeunload', this.onBeforeUnload);
    window.removeEventListener('storage', this.onStorage);
  }

  private get t(): Translate<ShellText> {
    return translator(SHELL_TEXTS, this.locale);
  }

  /** An invite or reset link, a stored session, or the login. */
  private async start(): Promise<void> {
    if (this.linkPhase()) return;
    const stored = loadStoredSession();
    this.login.organization = new URLSearchParams(location.hash.split('?')[1] ?? '').get('organization') ?? stored?.subdomain ?? '';
    if (!stored) return this.show('login');
    try {
      const call = consoleCall(location.origin, stored.csrfToken);
      await this.enter(call, await call(StaffMe, 'auth/me'));
    } catch (error) {
      if (!(error instanceof OpusApiError) || error.code !== 'unauthorized') this.authError = errorText(error, this.locale);
      this.show('login');
    }
  }

  /** `#/invite/<token>` and `#/reset/<token>` are pages before any login. */
  private linkPhase(): boolean {
    const match = /^#\/(invite|reset)\/([^/?]+)/.exec(location.hash);
    if (!match) return false;
    this.show(match[1] as 'invite' | 'reset');
    return true;
  }

  private show(phase: Phase): void {
    this.phase = phase;
    this.busy = false;
    document.title = `${this.t(phase === 'invite' ? 'inviteHeading' : phase === 'reset' ? 'resetHeading' : 'loginHeading')} – ${this.t('product')}`;
    this.requestUpdate();
  }

  private async enter(call: Call, me: StaffMe): Promise<void> {
    // The same user back after an ended session keeps the page and its drafts; anyone else gets a fresh one.
    if (this.page && (!this.me || identity(this.me) !== identity(me))) this.page = undefined;
    this.call = call;
    this.me = me;
    this.context = this.makeContext();
    this.phase = 'ready';
    this.requestUpdate();
    if (!this.location.route && (this.location.path === '/' || /^\/(invite|reset|login)\b/.test(this.location.path))) {
      history.replaceState(null, '', hrefOf(HOME));
      this.lastHash = location.hash;
      this.location = matchRoute(ROUTES, location.hash);
    }
    await this.route();
  }

  private makeContext(): ConsoleContext {
    const me = this.me!;
    return {
      call: this.call!,
      me,
      locale: this.locale,
      origin: location.origin,
      can: (capability) => me.capabilities.includes(capability),
      navigate: (path, query, options) => {
        const href = hrefOf(path, query);
        if (options?.replace) {
          history.replaceState(null, '', href);
          this.lastHash = location.hash;
          const next = matchRoute(ROUTES, location.hash);
          const samePage = next.route === this.location.route;
          this.location = next;
          if (samePage) this.applyRoute(false);
          else void this.route();
        } else location.hash = href;
      },
      href: (path, query) => hrefOf(path, query),
      announce: (text) => this.announce(text),
      sessionEnded: () => this.sessionEnded(),
    };
  }

  private announce(text: string): void {
    // Cleared first, so the same words said twice are said twice.
    this.announcement = '';
    this.requestUpdate();
    void this.updateComplete.then(() => {
      this.announcement = text;
      this.requestUpdate();
    });
  }

  private sessionEnded(): void {
    if (this.phase !== 'ready') return;
    storeSession(undefined);
    this.authError = this.t('sessionEnded');
    this.login.password = '';
    this.show('login');
  }

  /** Another tab logged out (this one follows) or logged in (this one uses that session, whoever it is). */
  private readonly onStorage = (event: StorageEvent) => {
    if (event.key !== SESSION_KEY || this.phase !== 'ready') return;
    const stored = loadStoredSession();
    if (!stored) {
      this.me = this.call = this.context = this.page = undefined;
      this.authError = this.t('loggedOutElsewhere');
      this.show('login');
      return;
    }
    const call = consoleCall(location.origin, stored.csrfToken);
    call(StaffMe, 'auth/me').then((me) => this.enter(call, me), () => this.sessionEnded());
  };

  private readonly onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (hasUnsavedChanges()) event.preventDefault();
  };

  private readonly onHashChange = () => {
    if (location.hash === this.lastHash) return;
    if (this.phase === 'ready' && hasUnsavedChanges() && !confirm(this.t('leaveUnsaved'))) {
      history.replaceState(null, '', this.lastHash || hrefOf(HOME));
      return;
    }
    this.lastHash = location.hash;
    if (this.linkPhase()) return;
    this.location = matchRoute(ROUTES, location.hash);
    if (this.phase === 'ready') void this.route();
    else this.requestUpdate();
  };

  /** Shows the page of the current address: its chunk loaded, the element made (or kept, when only params or query changed). */
  private async route(): Promise<void> {
    const { route } = this.location;
    this.pageFailure = undefined;
    if (!route && this.location.path === '/') return this.context!.navigate(HOME, {}, { replace: true });
    document.title = `${route ? route.title[this.locale] : this.t('pageNotFound')} – ${this.me?.organization.name ?? this.t('product')}`;
    if (!route || !allowed(route, this.me!.capabilities)) {
      this.page = undefined;
      this.focusHeading = true;
      return this.requestUpdate();
    }
    const same = this.page?.localName === route.tag;
    if (!same) {
      this.page = undefined;
      this.requestUpdate();
      try {
        await route.load();
      } catch (error) {
        this.pageFailure = error;
        return this.requestUpdate();
      }
      if (this.location.route !== route) return; // moved on meanwhile
      this.page = document.createElement(route.tag);
      this.focusHeading = true;
    }
    this.applyRoute(!same);
  }

  private applyRoute(fresh: boolean): void {
    const page = this.page as (HTMLElement & { ctx?: ConsoleContext; params?: Record<string, string>; query?: URLSearchParams }) | undefined;
    if (!page) return;
    if (fresh || page.ctx !== this.context) page.ctx = this.context!;
    page.params = this.location.params;
    page.query = this.location.query;
    this.requestUpdate();
  }

  protected override updated(): void {
    if (this.focusHeading) {
      this.focusHeading = false;
      this.renderRoot.querySelector<HTMLElement>('main > h1')?.focus();
    }
  }

  private setLocale(locale: Locale): void {
    this.locale = locale;
    localStorage.setItem(LOCALE_KEY, locale);
    document.documentElement.lang = locale;
    if (this.me) {
      this.context = this.makeContext();
      this.applyRoute(false);
      document.title = `${this.location.route?.title[locale] ?? this.t('pageNotFound')} – ${this.me.organization.name}`;
    }
    this.requestUpdate();
  }

  // ---------------------------------------------------------------- auth

  private async submitLogin(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.busy = true;
    this.authError = '';
    this.requestUpdate();
    const { organization, email, password, totp } = this.login;
    try {
      const call = consoleCall(location.origin, '');
      const result = await call(LoginResult, 'auth/login', {
        method: 'post', json: { organization: organization.trim().toLowerCase(), email: email.trim(), password, ...(this.totpAsked ? { totp } : {}) },
      });
      await this.loggedIn(result);
    } catch (error) {
      this.busy = false;
      if (error instanceof OpusApiError && error.code === 'totp_required') {
        const first = !this.totpAsked;
        this.totpAsked = true;
        this.authError = first ? '' : this.t('totpNeeded');
        this.authInfo = first ? this.t('totpNeeded') : '';
        this.requestUpdate();
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLInputElement>('#login-totp')?.focus();
        return;
      }
      this.authError = error instanceof OpusApiError && (error.code === 'unauthorized' || error.code === 'validation_failed') ? this.t('wrongLogin') : errorText(error, this.locale);
      this.requestUpdate();
    }
  }

  private async loggedIn(result: LoginResult): Promise<void> {
    storeSession({ csrfToken: result.csrfToken, subdomain: result.organization.subdomain });
    const call = consoleCall(location.origin, result.csrfToken);
    this.login = { ...this.login, password: '', totp: '', name: '' };
    this.totpAsked = false;
    this.authError = this.authInfo = '';
    // The same address keeps its params, so a page kept through an ended session keeps its drafts.
    const next = matchRoute(ROUTES, location.hash);
    if (next.path !== this.location.path || next.query.toString() !== this.location.query.toString()) this.location = next;
    await this.enter(call, await call(StaffMe, 'auth/me'));
  }

  private async logout(): Promise<void> {
    if (hasUnsavedChanges() && !confirm(this.t('leaveUnsaved'))) return;
    try {
      await this.call?.(Done, 'auth/logout', { method: 'post', json: {} });
    } catch (error) {
      // Still logged in on the server (the cookie lives on): say so rather than look logged out. An ended session is logged out anyway.
      if (!(error instanceof OpusApiError && error.code === 'unauthorized')) {
        this.shellError = `${this.t('logoutFailed')} ${errorText(error, this.locale)}`;
        this.requestUpdate();
        return;
      }
    }
    this.shellError = '';
    storeSession(undefined);
    this.me = this.call = this.context = this.page = undefined;
    this.authError = '';
    this.show('login');
  }

  private async submitForgot(event: Event): Promise<void> {
    event.preventDefault();
    this.busy = true;
    this.authError = '';
    try {
      await consoleCall(location.origin, '')(Done, 'auth/password-reset', { method: 'post', json: { organization: this.login.organization.trim().toLowerCase(), email: this.login.email.trim() } });
      this.authInfo = this.t('resetRequested');
    } catch (error) {
      this.authError = errorText(error, this.locale);
    }
    this.busy = false;
    this.requestUpdate();
  }

  private async submitLink(event: Event): Promise<void> {
    event.preventDefault();
    const token = /^#\/(?:invite|reset)\/([^/?]+)/.exec(location.hash)?.[1] ?? '';
    this.busy = true;
    this.authError = '';
    this.requestUpdate();
    const call = consoleCall(location.origin, '');
    try {
      if (this.phase === 'invite') {
        const result = await call(LoginResult, 'auth/invite/accept', { method: 'post', json: { token, password: this.login.password, ...(this.login.name.trim() ? { name: this.login.name.trim() } : {}) } });
        history.replaceState(null, '', hrefOf(HOME));
        this.lastHash = location.hash;
        await this.loggedIn(result);
      } else {
        await call(Done, 'auth/password-reset/complete', { method: 'post', json: { token, password: this.login.password } });
        history.replaceState(null, '', '#/login');
        this.lastHash = location.hash;
        this.login.password = '';
        this.authInfo = this.t('resetDone');
        this.show('login');
      }
    } catch (error) {
      this.busy = false;
      const issue = error instanceof OpusApiError ? error.issueFor('password') : undefined;
      this.authError = issue ?? (error instanceof OpusApiError && (error.code === 'not_found' || error.code === 'unauthorized' || error.issueFor('token')) ? this.t('linkInvalid') : errorText(error, this.locale));
      this.requestUpdate();
    }
  }

  // -------------------------------------------------------------- render

  override render(): TemplateResult {
    const live = html`<div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>`;
    if (this.phase === 'starting') return html`<p class="auth" role="status">${this.t('loading')}</p>`;
    if (this.phase !== 'ready') return html`<main class="auth">${this.languagePicker('auth-locale')}${this.renderAuth()}</main>${live}`;
    return html`
      <a class="skip" href="#main" @click=${(e: Event) => { e.preventDefault(); this.renderRoot.querySelector<HTMLElement>('main > h1')?.focus(); }}>${this.t('skip')}</a>
      <header>
        <span class="org">${this.me!.organization.name}</span>
        <span class="who">${this.t('signedInAs', { name: this.me!.user.name || this.me!.user.email, role: this.t(this.me!.user.role) })}</span>
        ${this.languagePicker('locale')}
        <button type="button" class="secondary" data-action="logout" @click=${() => void this.logout()}>${this.t('logout')}</button>
      </header>
      <div class="frame">
        ${this.renderNav()}
        <main id="main">
          ${this.shellError ? html`<p class="notice error" role="alert">${this.shellError}</p>` : nothing}
          <h1 tabindex="-1">${this.location.route?.title[this.locale] ?? this.t('pageNotFound')}</h1>
          ${this.renderPage()}
        </main>
      </div>
      ${live}`;
  }

  private languagePicker(id: string): TemplateResult {
    return html`<span class="field inline"><label for=${id}>${this.t('language')}</label>
      <select id=${id} @change=${(e: Event) => this.setLocale((e.target as HTMLSelectElement).value as Locale)}>
        ${CONSOLE_LOCALES.map((l) => html`<option value=${l} lang=${l} ?selected=${l === this.locale}>${LANGUAGE_NAMES[l]}</option>`)}
      </select></span>`;
  }

  private renderNav(): TemplateResult {
    const visible = ROUTES.filter((r) => r.nav && allowed(r, this.me!.capabilities));
    const current = this.location.route;
    return html`<nav aria-label=${this.t('navigation')}><div class="groups">
      ${NAV_GROUPS.map((group) => {
        const items = visible.filter((r) => r.nav === group);
        if (!items.length) return nothing;
        return html`<div><h2 id="nav-${group}">${this.t(group)}</h2><ul aria-labelledby="nav-${group}">
          ${items.map((r) => html`<li><a href=${hrefOf(r.path)} aria-current=${r === current || (current && isUnder(current, r)) ? 'page' : nothing}>${r.title[this.locale]}</a></li>`)}
        </ul></div>`;
      })}
    </div></nav>`;
  }

  private renderPage(): TemplateResult {
    const route = this.location.route;
    if (!route) return html`<p>${this.t('notFound')}</p><p><a href=${hrefOf(HOME)}>${this.t('toHome')}</a></p>`;
    if (!allowed(route, this.me!.capabilities)) return html`<p class="notice warning">${this.t('notAllowed', { role: this.t(this.me!.user.role) })}</p><p><a href=${hrefOf(HOME)}>${this.t('toHome')}</a></p>`;
    if (this.pageFailure) {
      return html`<div class="notice error" role="alert"><p>${this.t('pageFailed')} ${errorText(this.pageFailure, this.locale)}</p>
        <button type="button" class="secondary" @click=${() => void this.route()}>${this.t('retry')}</button></div>`;
    }
    return this.page ? html`${this.page}` : html`<p role="status" class="muted">${this.t('loading')}</p>`;
  }

  private renderAuth(): TemplateResult {
    const t = this.t;
    const bind = (key: keyof OpusConsole['login']) => (e: Event) => { this.login[key] = (e.target as HTMLInputElement).value; };
    const messages = html`${this.authError ? html`<p class="notice error" role="alert">${this.authError}</p>` : nothing}${this.authInfo ? html`<p class="notice success" role="status">${this.authInfo}</p>` : nothing}`;
    const organizationField = html`<div class="field"><label for="login-organization">${t('organization')}</label>
      <input id="login-organization" name="organization" autocomplete="organization" required .value=${this.login.organization} aria-describedby="login-organization-hint" @input=${bind('organization')}>
      <p class="hint" id="login-organization-hint">${t('organizationHint')}</p></div>`;
    const emailField = html`<div class="field"><label for="login-email">${t('email')}</label>
      <input id="login-email" name="email" type="email" autocomplete="username" required .value=${this.login.email} @input=${bind('email')}></div>`;
    if (this.phase === 'invite' || this.phase === 'reset') {
      return html`<h1>${t(this.phase === 'invite' ? 'inviteHeading' : 'resetHeading')}</h1>${messages}
        <form @submit=${(e: Event) => void this.submitLink(e)}>
          ${this.phase === 'invite' ? html`<div class="field"><label for="link-name">${t('name')}</label>
            <input id="link-name" name="name" autocomplete="name" .value=${this.login.name} @input=${bind('name')}></div>` : nothing}
          <div class="field"><label for="link-password">${t('newPassword')}</label>
            <input id="link-password" name="password" type="password" autocomplete="new-password" required minlength="10" .value=${this.login.password} aria-describedby="link-password-hint" @input=${bind('password')}>
            <p class="hint" id="link-password-hint">${t('passwordHint')}</p></div>
          <div class="actions"><button type="submit" ?disabled=${this.busy}>${t(this.phase === 'invite' ? 'acceptInvite' : 'completeReset')}</button></div>
        </form>`;
    }
    if (this.phase === 'forgot') {
      return html`<h1>${t('resetRequestHeading')}</h1>${messages}
        <form @submit=${(e: Event) => void this.submitForgot(e)}>
          ${organizationField}${emailField}
          <div class="actions"><button type="submit" ?disabled=${this.busy}>${t('resetRequest')}</button>
            <button type="button" class="link" @click=${() => { this.authInfo = this.authError = ''; this.show('login'); }}>${t('backToLogin')}</button></div>
        </form>`;
    }
    return html`<h1>${t('loginHeading')}</h1>${messages}
      <form @submit=${(e: Event) => void this.submitLogin(e)}>
        ${organizationField}${emailField}
        <div class="field"><label for="login-password">${t('password')}</label>
          <input id="login-password" name="password" type="password" autocomplete="current-password" required .value=${this.login.password} @input=${bind('password')}></div>
        ${this.totpAsked ? html`<div class="field"><label for="login-totp">${t('totp')}</label>
          <input id="login-totp" name="totp" autocomplete="one-time-code" inputmode="numeric" required .value=${this.login.totp} aria-describedby="login-totp-hint" @input=${bind('totp')}>
          <p class="hint" id="login-totp-hint">${t('totpHint')}</p></div>` : nothing}
        <div class="actions"><button type="submit" data-action="login" ?disabled=${this.busy}>${this.busy ? t('loggingIn') : t('login')}</button>
          <button type="button" class="link" @click=${() => { this.authInfo = this.authError = ''; this.show('forgot'); }}>${t('forgot')}</button></div>
      </form>`;
  }
}

/** A page reached from a navigation item (a patient's page under Patients) marks that item as current. */
function isUnder(current: ConsoleRoute, item: ConsoleRoute): boolean {
  return current.nav === undefined && current.path.startsWith(`${item.path}/`);
}

if (!customElements.get('opus-console')) customElements.define('opus-console', OpusConsole);

declare global {
  interface HTMLElementTagNameMap {
    'opus-console': OpusConsole;
  }
}
