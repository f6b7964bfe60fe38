import { html, nothing } from 'lit';
import { settingsMethods } from '../../../../sdk/admin/settings.ts';
import type { OrganizationProfile, SubdomainCheck } from '../../../../sdk/schemas/settings.ts';
import { translator, type Texts } from '../../i18n.ts';
import { FormController } from '../../ui/form.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { errorText } from '../../ui/ui-texts.ts';
import '../../preview/console-preview.ts';
import { StableDraft, settingsLayout } from './settings-kit.ts';

const texts = {
  en: {
    profile: 'Organization', name: 'Name', locale: 'Language of the booking page and messages', timeZone: 'Time zone',
    timeZoneHint: 'An IANA time zone such as Europe/Oslo: appointment times are in it.',
    subdomain: 'Subdomain', subdomainLabel: 'New subdomain', subdomainHint: 'Lower-case letters, digits and hyphens. The booking page moves to the new address at once; the old one stops working.',
    current: 'The booking page is at {url}', checking: 'Checking…', available: '“{name}” is free.', taken: '“{name}” is taken by another organization.',
    reserved: '“{name}” is reserved.', invalid: 'Only lower-case letters, digits and hyphens, not first or last.', isCurrent: 'This is the current subdomain.',
    change: 'Change subdomain', changed: 'The subdomain is now “{name}”.',
    nb: 'Norwegian (bokmål)', sv: 'Swedish', enName: 'English',
  },
  nb: {
    profile: 'Virksomhet', name: 'Navn', locale: 'Språk på bookingsiden og i meldinger', timeZone: 'Tidssone',
    timeZoneHint: 'En IANA-tidssone som Europe/Oslo: timene vises i den.',
    subdomain: 'Underdomene', subdomainLabel: 'Nytt underdomene', subdomainHint: 'Små bokstaver, sifre og bindestrek. Bookingsiden flytter til den nye adressen med en gang; den gamle slutter å virke.',
    current: 'Bookingsiden er på {url}', checking: 'Sjekker …', available: '«{name}» er ledig.', taken: '«{name}» er tatt av en annen virksomhet.',
    reserved: '«{name}» er reservert.', invalid: 'Bare små bokstaver, sifre og bindestrek, ikke først eller sist.', isCurrent: 'Dette er underdomenet i dag.',
    change: 'Bytt underdomene', changed: 'Underdomenet er nå «{name}».',
    nb: 'Norsk (bokmål)', sv: 'Svensk', enName: 'Engelsk',
  },
  sv: {
    profile: 'Organisation', name: 'Namn', locale: 'Språk på bokningssidan och i meddelanden', timeZone: 'Tidszon',
    timeZoneHint: 'En IANA-tidszon som Europe/Stockholm: tiderna visas i den.',
    subdomain: 'Underdomän', subdomainLabel: 'Ny underdomän', subdomainHint: 'Små bokstäver, siffror och bindestreck. Bokningssidan flyttar till den nya adressen direkt; den gamla slutar fungera.',
    current: 'Bokningssidan finns på {url}', checking: 'Kontrollerar …', available: '”{name}” är ledig.', taken: '”{name}” används av en annan organisation.',
    reserved: '”{name}” är reserverad.', invalid: 'Bara små bokstäver, siffror och bindestreck, inte först eller sist.', isCurrent: 'Det här är nuvarande underdomän.',
    change: 'Byt underdomän', changed: 'Underdomänen är nu ”{name}”.',
    nb: 'Norska (bokmål)', sv: 'Svenska', enName: 'Engelska',
  },
} satisfies Texts<string>;

/**
 * W1: the organization's name, language and time zone, and its subdomain
 * with the availability check as you type (`GET /subdomain/check`).
 */
export class SubdomainPage extends ConsolePage {
  static override styles = [consoleStyles, settingsLayout];
  private readonly preview = new StableDraft();
  private readonly settings = () => settingsMethods(this.ctx.call);
  private readonly form = new FormController<OrganizationProfile>(this);
  private readonly subdomainForm = new FormController<{ subdomain: string }>(this);
  private readonly profile = new Loader(this, () => this.settings().getOrganization(), (value) => {
    this.form.load(value);
    this.subdomainForm.load({ subdomain: value.subdomain });
    this.check = undefined;
  });
  private check: SubdomainCheck | 'checking' | undefined;
  private checkTimer: ReturnType<typeof setTimeout> | undefined;
  private checkGeneration = 0;

  protected override routeChanged(): void {
    void this.profile.load();
  }

  private get t() {
    return translator(texts, this.ctx.locale);
  }

  /** Checks the typed name a moment after typing stops; an older answer never overwrites a newer one. */
  private subdomainTyped(name: string): void {
    this.subdomainForm.set('subdomain', name);
    clearTimeout(this.checkTimer);
    const generation = ++this.checkGeneration;
    if (!name) {
      this.check = undefined;
      return;
    }
    this.check = 'checking';
    this.checkTimer = setTimeout(() => {
      this.settings().checkSubdomain(name.trim().toLowerCase()).then((result) => {
        if (generation === this.checkGeneration) this.check = result;
      }, (error: unknown) => {
        if (generation === this.checkGeneration) this.check = undefined;
        this.subdomainForm.errors = { subdomain: errorText(error, this.ctx.locale) };
      }).finally(() => this.requestUpdate());
    }, 300);
  }

  private checkText(): string {
    const check = this.check;
    if (check === undefined) return '';
    if (check === 'checking') return this.t('checking');
    if (check.reason === 'current') return this.t('isCurrent');
    if (check.available) return this.t('available', { name: check.name });
    return this.t(check.reason ?? 'invalid', { name: check.name });
  }

  override render() {
    const t = this.t;
    const canChange = this.ctx.can('settings');
    const draft = this.form.draft;
    return this.profile.render((profile) => html`<div class="with-preview"><div>
      <section class="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">${t('profile')}</h2>
        <form @submit=${this.form.onSubmit(({ name, locale, timeZone }) => this.settings().updateOrganization({ name, locale, timeZone }))}>
          ${this.form.input('name', t('name'), { required: true, maxlength: 200, disabled: !canChange, autocomplete: 'organization' })}
          ${this.form.select('locale', t('locale'), [{ value: 'nb', label: t('nb') }, { value: 'sv', label: t('sv') }, { value: 'en', label: t('enName') }], { disabled: !canChange })}
          ${this.form.input('timeZone', t('timeZone'), { required: true, hint: t('timeZoneHint'), disabled: !canChange })}
          ${this.form.actions({ labels: { name: t('name'), locale: t('locale'), timeZone: t('timeZone') }, disabled: !canChange })}
        </form>
      </section>
      <section class="card" aria-labelledby="subdomain-heading">
        <h2 id="subdomain-heading">${t('subdomain')}</h2>
        <p>${t('current', { url: `${this.ctx.origin}/o/${profile.subdomain}/` })}</p>
        <form @submit=${this.subdomainForm.onSubmit(async ({ subdomain }) => {
          const changed = await this.settings().changeSubdomain(subdomain.trim().toLowerCase());
          this.profile.set(changed);
          this.check = undefined;
          this.ctx.announce(t('changed', { name: changed.subdomain }));
          return { subdomain: changed.subdomain };
        })}>
          <div class="field">
            <label for="f-subdomain">${t('subdomainLabel')}</label>
            <input id="f-subdomain" name="subdomain" autocomplete="off" spellcheck="false" maxlength="63" ?disabled=${!canChange}
              .value=${String(this.subdomainForm.get('subdomain') ?? '')}
              aria-invalid=${this.subdomainForm.errors.subdomain || (this.check && this.check !== 'checking' && !this.check.available && this.check.reason !== 'current') ? 'true' : 'false'}
              aria-describedby="f-subdomain-hint f-subdomain-check${this.subdomainForm.errors.subdomain ? ' f-subdomain-error' : ''}"
              @input=${(e: Event) => this.subdomainTyped((e.target as HTMLInputElement).value)}>
            <p class="hint" id="f-subdomain-hint">${t('subdomainHint')}</p>
            <p id="f-subdomain-check" role="status" class=${this.check && this.check !== 'checking' && !this.check.available ? 'field-error' : 'muted'}>${this.checkText()}</p>
            ${this.subdomainForm.errors.subdomain ? html`<p class="field-error" id="f-subdomain-error">${this.subdomainForm.errors.subdomain}</p>` : nothing}
          </div>
          ${this.subdomainForm.actions({ labels: { subdomain: t('subdomainLabel') }, disabled: !canChange })}
        </form>
      </section></div>
      <console-preview .organization=${profile.subdomain} .locale=${this.ctx.locale}
        .draft=${this.preview.of({ organization: { name: draft?.name ?? profile.name }, attributes: { locale: draft?.locale ?? profile.locale } })}></console-preview>
    </div>`);
  }
}

customElements.define('console-subdomain-page', SubdomainPage);
