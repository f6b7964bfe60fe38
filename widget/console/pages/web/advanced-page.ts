import { css, html, nothing } from 'lit';
import { settingsMethods } from '../../../../sdk/admin/settings.ts';
import type { HostedPageSettings, RateLimitSettings } from '../../../../sdk/schemas/organization.ts';
import type { EidSettingsView } from '../../../../sdk/schemas/settings.ts';
import { translator, type Texts } from '../../i18n.ts';
import { FormController, renameIssues } from '../../ui/form.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { RestoreDialog, settingsLayout } from './settings-kit.ts';
import { RetentionForm } from './retention-form.ts';
import { privacyMethods } from '../../../../sdk/admin/privacy.ts';

const texts = {
  en: {
    analytics: 'Visitor statistics', analyticsUrl: 'Analytics script address', analyticsHint: 'An https address of a script the hosted booking page loads (e.g. your web analytics tool). Empty: none.',
    frames: 'Sites that may show the booking page in a frame', framesHint: 'https origins such as https://www.clinic.no or https://*.clinic.no, no path. None: no site may frame it.',
    origins: 'Allowed sites', noOrigins: 'No site may show the booking page in a frame.', newOrigin: 'New site', add: 'Add site', remove: 'Remove {origin}', originInvalid: 'Write an https origin such as https://www.clinic.no.', originTwice: 'This site is in the list already.',
    eid: 'National e-ID login', eidHint: 'Through an OpenID Connect broker (ID-porten, BankID, Criipto …). Login must also be on under Flexibility.',
    enabled: 'E-ID login on', issuer: 'Issuer address', issuerHint: 'The broker’s https address; its /.well-known/openid-configuration is read.', clientId: 'Client id',
    secret: 'Client secret', secretSet: 'A client secret is stored. It is never shown.', secretNotSet: 'No client secret is stored.', newSecret: 'New client secret', newSecretHint: 'Empty: the stored secret stays.',
    nationalIdClaim: 'Claim carrying the national id', nationalIdClaimHint: 'pid at ID-porten; e.g. ssn or socialno elsewhere.', scope: 'Scopes', scopeHint: 'Separated by spaces, openid first.',
    rateLimits: 'Rate limits', rateLimitsHint: 'How many attempts the booking page allows before it asks the patient to wait. 0 turns a limit off.',
    bookingsPerIpPerMinute: 'Bookings, rebookings and cancellations per IP address per minute', bookingsPerIpPerHour: 'The same per IP address per hour',
    bookingsPerNationalIdPerHour: 'Bookings with one national id per hour', changesPerTokenPerHour: 'Changes with one manage link per hour',
    codeSendsPerRecipientPer15Minutes: 'Codes sent to one number or address per 15 minutes', codeSendsPerIpPerHour: 'Codes sent per IP address per hour',
    codeChecksPerCode: 'Wrong tries at one code', codeChecksPerIpPerHour: 'Code checks per IP address per hour', loginsPerIpPerHour: 'Logins per IP address per hour',
    restoreFrames: 'The list of sites is emptied: no site may show the booking page in a frame.', restoreEid: 'The e-ID settings go back to their standard values (login off) and the stored client secret is deleted.',
    restoreRates: 'All rate limits go back to their standard values.',
  },
  nb: {
    analytics: 'Besøksstatistikk', analyticsUrl: 'Adressen til analyseskriptet', analyticsHint: 'En https-adresse til et skript den publiserte bookingsiden laster (f.eks. analyseverktøyet deres). Tom: ingen.',
    frames: 'Nettsteder som kan vise bookingsiden i en ramme', framesHint: 'https-opprinnelser som https://www.klinikk.no eller https://*.klinikk.no, uten sti. Ingen: ingen nettsteder kan vise den i en ramme.',
    origins: 'Tillatte nettsteder', noOrigins: 'Ingen nettsteder kan vise bookingsiden i en ramme.', newOrigin: 'Nytt nettsted', add: 'Legg til nettsted', remove: 'Fjern {origin}', originInvalid: 'Skriv en https-opprinnelse som https://www.klinikk.no.', originTwice: 'Dette nettstedet står allerede i listen.',
    eid: 'Innlogging med e-ID', eidHint: 'Via en OpenID Connect-megler (ID-porten, BankID, Criipto …). Innlogging må også være på under Fleksibilitet.',
    enabled: 'Innlogging med e-ID på', issuer: 'Utstederadresse', issuerHint: 'Meglerens https-adresse; /.well-known/openid-configuration leses derfra.', clientId: 'Klient-ID',
    secret: 'Klienthemmelighet', secretSet: 'En klienthemmelighet er lagret. Den vises aldri.', secretNotSet: 'Ingen klienthemmelighet er lagret.', newSecret: 'Ny klienthemmelighet', newSecretHint: 'Tom: den lagrede beholdes.',
    nationalIdClaim: 'Claim med fødselsnummeret', nationalIdClaimHint: 'pid hos ID-porten; f.eks. ssn eller socialno andre steder.', scope: 'Scopes', scopeHint: 'Skilt med mellomrom, openid først.',
    rateLimits: 'Grenser for forsøk', rateLimitsHint: 'Hvor mange forsøk bookingsiden tillater før pasienten må vente. 0 slår av en grense.',
    bookingsPerIpPerMinute: 'Bestillinger, ombookinger og avbestillinger per IP-adresse per minutt', bookingsPerIpPerHour: 'Det samme per IP-adresse per time',
    bookingsPerNationalIdPerHour: 'Bestillinger med ett fødselsnummer per time', changesPerTokenPerHour: 'Endringer med én endringslenke per time',
    codeSendsPerRecipientPer15Minutes: 'Koder sendt til ett nummer eller én adresse per 15 minutter', codeSendsPerIpPerHour: 'Koder sendt per IP-adresse per time',
    codeChecksPerCode: 'Feil forsøk på én kode', codeChecksPerIpPerHour: 'Kodesjekker per IP-adresse per time', loginsPerIpPerHour: 'Innlogginger per IP-adresse per time',
    restoreFrames: 'Listen over nettsteder tømmes: ingen nettsteder kan vise bookingsiden i en ramme.', restoreEid: 'E-ID-innstillingene får standardverdiene tilbake (innlogging av), og den lagrede klienthemmeligheten slettes.',
    restoreRates: 'Alle grenser for forsøk får standardverdiene tilbake.',
  },
  sv: {
    analytics: 'Besöksstatistik', analyticsUrl: 'Adress till analysskriptet', analyticsHint: 'En https-adress till ett skript som den publicerade bokningssidan laddar (t.ex. ert webbanalysverktyg). Tom: inget.',
    frames: 'Webbplatser som får visa bokningssidan i en ram', framesHint: 'https-ursprung som https://www.klinik.se eller https://*.klinik.se, utan sökväg. Inga: ingen webbplats får visa den i en ram.',
    origins: 'Tillåtna webbplatser', noOrigins: 'Ingen webbplats får visa bokningssidan i en ram.', newOrigin: 'Ny webbplats', add: 'Lägg till webbplats', remove: 'Ta bort {origin}', originInvalid: 'Skriv ett https-ursprung som https://www.klinik.se.', originTwice: 'Webbplatsen finns redan i listan.',
    eid: 'Inloggning med e-legitimation', eidHint: 'Via en OpenID Connect-mäklare (BankID, Freja, Criipto …). Inloggning måste också vara på under Flexibilitet.',
    enabled: 'Inloggning med e-legitimation på', issuer: 'Utfärdaradress', issuerHint: 'Mäklarens https-adress; /.well-known/openid-configuration läses därifrån.', clientId: 'Klient-id',
    secret: 'Klienthemlighet', secretSet: 'En klienthemlighet är sparad. Den visas aldrig.', secretNotSet: 'Ingen klienthemlighet är sparad.', newSecret: 'Ny klienthemlighet', newSecretHint: 'Tom: den sparade behålls.',
    nationalIdClaim: 'Claim med personnumret', nationalIdClaimHint: 'pid hos ID-porten; t.ex. ssn eller socialno på andra håll.', scope: 'Scopes', scopeHint: 'Åtskilda med mellanslag, openid först.',
    rateLimits: 'Gränser för försök', rateLimitsHint: 'Hur många försök bokningssidan tillåter innan patienten får vänta. 0 stänger av en gräns.',
    bookingsPerIpPerMinute: 'Bokningar, ombokningar och avbokningar per IP-adress och minut', bookingsPerIpPerHour: 'Detsamma per IP-adress och timme',
    bookingsPerNationalIdPerHour: 'Bokningar med ett personnummer per timme', changesPerTokenPerHour: 'Ändringar med en ändringslänk per timme',
    codeSendsPerRecipientPer15Minutes: 'Koder skickade till ett nummer eller en adress per 15 minuter', codeSendsPerIpPerHour: 'Koder skickade per IP-adress och timme',
    codeChecksPerCode: 'Felaktiga försök på en kod', codeChecksPerIpPerHour: 'Kodkontroller per IP-adress och timme', loginsPerIpPerHour: 'Inloggningar per IP-adress och timme',
    restoreFrames: 'Listan över webbplatser töms: ingen webbplats får visa bokningssidan i en ram.', restoreEid: 'E-legitimationsinställningarna återgår till standardvärdena (inloggning av) och den sparade klienthemligheten tas bort.',
    restoreRates: 'Alla gränser för försök återgår till standardvärdena.',
  },
} satisfies Texts<string>;

type Text = keyof typeof texts.en;
const RATES = ['bookingsPerIpPerMinute', 'bookingsPerIpPerHour', 'bookingsPerNationalIdPerHour', 'changesPerTokenPerHour', 'codeSendsPerRecipientPer15Minutes', 'codeSendsPerIpPerHour', 'codeChecksPerCode', 'codeChecksPerIpPerHour', 'loginsPerIpPerHour'] as const;
const ORIGIN = /^https:\/\/(?:\*\.(?=[a-z0-9-]+\.[a-z0-9-]))?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/;

type EidDraft = Omit<EidSettingsView, 'clientSecretSet'> & { newSecret: string };

/** W12 (seed 001's "Avancerat"): the analytics script, who may frame the hosted page, e-ID login, the rate limits and how long data is kept (issue 11.5). */
export class AdvancedPage extends ConsolePage {
  static override styles = [consoleStyles, settingsLayout, css`
    .origins { list-style: none; padding: 0; margin: 0.5rem 0; }
    .origins li { display: flex; gap: 0.75rem; align-items: center; justify-content: space-between; border-bottom: 1px solid var(--c-line); padding: 0.15rem 0; max-width: 40rem; }
    .add-row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: flex-start; }
    .add-row .field { flex: 1 1 18rem; margin: 0; }
    .add-row button { margin-top: 1.75rem; }
  `];

  private readonly settings = () => settingsMethods(this.ctx.call);
  private readonly analytics = new FormController<{ analyticsScriptUrl: string }>(this);
  private readonly frames = new FormController<HostedPageSettings>(this);
  private readonly eid = new FormController<EidDraft>(this);
  private readonly rates = new FormController<RateLimitSettings>(this);
  private readonly retention = new RetentionForm(this);
  private secretSet = false;
  private newOrigin = '';
  private originError = '';
  private readonly all = new Loader(this, async () => {
    const s = this.settings();
    const [theme, hostedPage, eid, rateLimits, retention] = await Promise.all([s.getSection('theme'), s.getSection('hostedPage'), s.getSection('eid'), s.getSection('rateLimits'), privacyMethods(this.ctx.call).getRetention()]);
    return { theme, hostedPage, eid, rateLimits, retention };
  }, (value) => {
    this.analytics.load({ analyticsScriptUrl: value.theme.analyticsScriptUrl ?? '' });
    this.frames.load(value.hostedPage);
    this.eidLoaded(value.eid);
    this.rates.load(value.rateLimits);
    this.retention.load(value.retention);
  });

  private readonly restoreFrames = new RestoreDialog(this, () => this.t('restoreFrames'), async () => this.frames.load(await this.settings().resetSection('hostedPage')));
  private readonly restoreEid = new RestoreDialog(this, () => this.t('restoreEid'), async () => { this.eidLoaded(await this.settings().resetSection('eid')); });
  private readonly restoreRates = new RestoreDialog(this, () => this.t('restoreRates'), async () => this.rates.load(await this.settings().resetSection('rateLimits')));

  protected override routeChanged(): void {
    void this.all.load();
  }

  private get t() {
    return translator(texts, this.ctx.locale);
  }

  private eidLoaded(view: EidSettingsView): EidDraft {
    const { clientSecretSet, ...rest } = view;
    this.secretSet = clientSecretSet;
    const draft = { ...rest, newSecret: '' };
    this.eid.load(draft);
    return draft;
  }

  private addOrigin(): void {
    const origin = this.newOrigin.trim().toLowerCase().replace(/\/$/, '');
    const list = this.frames.draft?.frameAncestors ?? [];
    this.originError = !ORIGIN.test(origin) ? this.t('originInvalid') : list.includes(origin) ? this.t('originTwice') : '';
    if (!this.originError) {
      this.frames.set('frameAncestors', [...list, origin]);
      this.newOrigin = '';
    }
    this.requestUpdate();
    if (this.originError) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#f-new-origin')?.focus());
  }

  private removeOrigin(index: number): void {
    const list = [...(this.frames.draft?.frameAncestors ?? [])];
    list.splice(index, 1);
    this.frames.set('frameAncestors', list);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#f-new-origin')?.focus());
  }

  private renderFrames(disabled: boolean) {
    const t = this.t;
    const list = this.frames.draft?.frameAncestors ?? [];
    const listError = this.frames.errors['frameAncestors'];
    return html`<section class="card" aria-labelledby="frames-heading">
      <h2 id="frames-heading">${t('frames')}</h2>
      <p class="hint" id="frames-hint">${t('framesHint')}</p>
      <form @submit=${this.frames.onSubmit((draft) => this.settings().updateSection('hostedPage', draft))}>
        <h3 id="origins-heading">${t('origins')}</h3>
        ${list.length ? html`<ul class="origins" aria-labelledby="origins-heading">${list.map((origin, index) => {
          const error = this.frames.errors[`frameAncestors.${index}`];
          return html`<li><span id="f-frameAncestors-${index}" tabindex="-1">${origin}</span>
            ${error ? html`<span class="field-error">${error}</span>` : nothing}
            <button type="button" class="link" data-action="remove-origin" ?disabled=${disabled} @click=${() => this.removeOrigin(index)}>${t('remove', { origin })}</button></li>`;
        })}</ul>` : html`<p class="muted" data-empty>${t('noOrigins')}</p>`}
        ${listError ? html`<p class="field-error" id="f-frameAncestors" tabindex="-1">${listError}</p>` : nothing}
        <div class="add-row">
          <div class="field">
            <label for="f-new-origin">${t('newOrigin')}</label>
            <input id="f-new-origin" type="url" inputmode="url" autocomplete="url" spellcheck="false" placeholder="https://www.clinic.no" .value=${this.newOrigin} ?disabled=${disabled}
              aria-invalid=${this.originError ? 'true' : 'false'} aria-describedby="frames-hint${this.originError ? ' f-new-origin-error' : ''}"
              @input=${(e: Event) => { this.newOrigin = (e.target as HTMLInputElement).value; this.originError = ''; this.requestUpdate(); }}
              @keydown=${(e: KeyboardEvent) => { if (e.key === 'Enter') { e.preventDefault(); this.addOrigin(); } }}>
            ${this.originError ? html`<p class="field-error" id="f-new-origin-error">${this.originError}</p>` : nothing}
          </div>
          <button type="button" class="secondary" data-action="add-origin" ?disabled=${disabled} @click=${() => this.addOrigin()}>${t('add')}</button>
        </div>
        ${this.frames.actions({ labels: { frameAncestors: t('origins') }, disabled })}
      </form>
      ${this.restoreFrames.button({ disabled })}
    </section>`;
  }

  private renderEid(disabled: boolean) {
    const t = this.t;
    return html`<section class="card" aria-labelledby="eid-heading">
      <h2 id="eid-heading">${t('eid')}</h2>
      <p class="hint">${t('eidHint')}</p>
      <form @submit=${this.eid.onSubmit(async ({ newSecret, ...rest }) => this.eidLoaded(await this.settings().updateSection('eid', { ...rest, ...(newSecret ? { clientSecret: newSecret } : {}) })
        .catch((error: unknown) => { throw renameIssues(error, (path) => (path === 'clientSecret' ? 'newSecret' : path)); })))}>
        ${this.eid.checkbox('enabled', t('enabled'), { disabled })}
        ${this.eid.input('issuer', t('issuer'), { type: 'url', hint: t('issuerHint'), maxlength: 2000, disabled })}
        ${this.eid.input('clientId', t('clientId'), { maxlength: 500, disabled })}
        <p id="eid-secret-state"><strong>${t('secret')}:</strong> <span data-secret-state>${this.secretSet ? t('secretSet') : t('secretNotSet')}</span></p>
        ${this.eid.input('newSecret', t('newSecret'), { type: 'password', autocomplete: 'new-password', hint: t('newSecretHint'), maxlength: 500, disabled })}
        ${this.eid.input('nationalIdClaim', t('nationalIdClaim'), { hint: t('nationalIdClaimHint'), maxlength: 100, disabled })}
        ${this.eid.input('scope', t('scope'), { hint: t('scopeHint'), maxlength: 500, disabled })}
        ${this.eid.actions({ labels: { enabled: t('enabled'), issuer: t('issuer'), clientId: t('clientId'), newSecret: t('newSecret'), nationalIdClaim: t('nationalIdClaim'), scope: t('scope') }, disabled })}
      </form>
      ${this.restoreEid.button({ disabled })}
    </section>`;
  }

  override render() {
    const t = this.t;
    const disabled = !this.ctx.can('settings');
    return this.all.render(() => html`
      <section class="card" aria-labelledby="analytics-heading">
        <h2 id="analytics-heading">${t('analytics')}</h2>
        <form @submit=${this.analytics.onSubmit(async ({ analyticsScriptUrl }) => {
          const theme = await this.settings().patchSection('theme', { analyticsScriptUrl: analyticsScriptUrl.trim() || null });
          return { analyticsScriptUrl: theme.analyticsScriptUrl ?? '' };
        })}>
          ${this.analytics.input('analyticsScriptUrl', t('analyticsUrl'), { type: 'url', hint: t('analyticsHint'), maxlength: 2000, disabled })}
          ${this.analytics.actions({ labels: { analyticsScriptUrl: t('analyticsUrl') }, disabled })}
        </form>
      </section>
      ${this.renderFrames(disabled)}
      ${this.renderEid(disabled)}
      <section class="card" aria-labelledby="rates-heading">
        <h2 id="rates-heading">${t('rateLimits')}</h2>
        <p class="hint">${t('rateLimitsHint')}</p>
        <form @submit=${this.rates.onSubmit((draft) => this.settings().updateSection('rateLimits', draft))}>
          <div class="grid-2">${RATES.map((key) => this.rates.input(key, t(key as Text), { type: 'number', min: 0, max: 1_000_000, inputmode: 'numeric', required: true, disabled }))}</div>
          ${this.rates.actions({ labels: Object.fromEntries(RATES.map((k) => [k, t(k)])), disabled })}
        </form>
        ${this.restoreRates.button({ disabled })}
      </section>
      ${this.retention.render(disabled)}
      ${this.restoreFrames.dialog()}${this.restoreEid.dialog()}${this.restoreRates.dialog()}`);
  }
}

customElements.define('console-advanced-page', AdvancedPage);
