import { css, html, nothing } from 'lit';
import { settingsMethods } from '../../../../sdk/admin/settings.ts';
import type { OrganizationTexts, Theme } from '../../../../sdk/schemas/organization.ts';
import { translator, type Texts } from '../../i18n.ts';
import '../../preview/console-preview.ts';
import { FormController, fieldId } from '../../ui/form.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { errorText } from '../../ui/ui-texts.ts';
import { RestoreDialog, StableDraft, settingsLayout } from './settings-kit.ts';
import { contrastWithWhite, isHexColor } from './media-colour.ts';

const texts = {
  en: {
    texts: 'General texts', welcome: 'Welcome text', welcomeHint: 'Shown above the first step of the booking page.',
    patientInfo: 'Information to patients', patientInfoHint: 'Shown with the patient details step.',
    clinicText: 'Standard clinic text', heading: 'Clinic text heading', body: 'Clinic text', clinicTextHint: 'Used for clinics without a text of their own.',
    colours: 'Colours', primaryColor: 'Primary colour', accentColor: 'Accent colour', picker: '{name}: colour picker', hexHint: 'A colour like #1a6b8f.',
    contrastLow: 'White text on this primary colour has a contrast of {ratio}:1, below the 4.5:1 patients with low vision need. Choose a darker colour.',
    contrastOk: 'White text on this colour: contrast {ratio}:1.',
    logo: 'Logo', currentLogo: 'The logo now', noLogo: 'No logo is uploaded.', chooseLogo: 'Choose a logo', logoHint: 'PNG, JPEG, WebP or GIF, at most 40 KB.',
    logoTooLarge: 'The file is {size} KB; a logo may be at most 40 KB. Make it smaller and choose it again.', logoWrongType: 'Choose a PNG, JPEG, WebP or GIF image.',
    newLogo: 'The new logo, not yet uploaded', upload: 'Upload logo', uploading: 'Uploading…', uploaded: 'The logo is uploaded.', removeLogo: 'Remove logo', removed: 'The logo is removed.',
    restoreTexts: 'All texts of the booking page go back to the standard texts: welcome, patient information, the standard clinic text and the deviation texts.',
    restoreColours: 'The colours go back to the standard colours, and the analytics script address (Advanced) is removed. The logo stays.',
    restoreTextsButton: 'Restore standard texts', restoreColoursButton: 'Restore standard colours',
  },
  nb: {
    texts: 'Generelle tekster', welcome: 'Velkomsttekst', welcomeHint: 'Vises over første steg på bookingsiden.',
    patientInfo: 'Informasjon til pasienter', patientInfoHint: 'Vises i steget med pasientopplysninger.',
    clinicText: 'Standard klinikktekst', heading: 'Overskrift på klinikkteksten', body: 'Klinikktekst', clinicTextHint: 'Brukes for klinikker uten egen tekst.',
    colours: 'Farger', primaryColor: 'Hovedfarge', accentColor: 'Aksentfarge', picker: '{name}: fargevelger', hexHint: 'En farge som #1a6b8f.',
    contrastLow: 'Hvit tekst på denne hovedfargen har kontrast {ratio}:1, under de 4,5:1 svaksynte pasienter trenger. Velg en mørkere farge.',
    contrastOk: 'Hvit tekst på denne fargen: kontrast {ratio}:1.',
    logo: 'Logo', currentLogo: 'Logoen nå', noLogo: 'Ingen logo er lastet opp.', chooseLogo: 'Velg en logo', logoHint: 'PNG, JPEG, WebP eller GIF, høyst 40 KB.',
    logoTooLarge: 'Filen er {size} KB; en logo kan være høyst 40 KB. Gjør den mindre og velg den på nytt.', logoWrongType: 'Velg et PNG-, JPEG-, WebP- eller GIF-bilde.',
    newLogo: 'Den nye logoen, ikke lastet opp ennå', upload: 'Last opp logo', uploading: 'Laster opp …', uploaded: 'Logoen er lastet opp.', removeLogo: 'Fjern logo', removed: 'Logoen er fjernet.',
    restoreTexts: 'Alle tekstene på bookingsiden får standardtekstene tilbake: velkomst, pasientinformasjon, standard klinikktekst og avvikstekstene.',
    restoreColours: 'Fargene får standardfargene tilbake, og adressen til analyseskriptet (Avansert) fjernes. Logoen blir stående.',
    restoreTextsButton: 'Gjenopprett standardtekstene', restoreColoursButton: 'Gjenopprett standardfargene',
  },
  sv: {
    texts: 'Generella texter', welcome: 'Välkomsttext', welcomeHint: 'Visas ovanför första steget på bokningssidan.',
    patientInfo: 'Information till patienter', patientInfoHint: 'Visas i steget med personuppgifter.',
    clinicText: 'Standard kliniktext', heading: 'Kliniktext överskrift', body: 'Kliniktext', clinicTextHint: 'Används för kliniker utan egen text.',
    colours: 'Färger', primaryColor: 'Huvudfärg', accentColor: 'Accentfärg', picker: '{name}: färgväljare', hexHint: 'En färg som #1a6b8f.',
    contrastLow: 'Vit text på den här huvudfärgen har kontrasten {ratio}:1, under de 4,5:1 som patienter med nedsatt syn behöver. Välj en mörkare färg.',
    contrastOk: 'Vit text på den här färgen: kontrast {ratio}:1.',
    logo: 'Logotyp', currentLogo: 'Logotypen nu', noLogo: 'Ingen logotyp är uppladdad.', chooseLogo: 'Välj en logotyp', logoHint: 'PNG, JPEG, WebP eller GIF, högst 40 KB.',
    logoTooLarge: 'Filen är {size} KB; en logotyp får vara högst 40 KB. Gör den mindre och välj den igen.', logoWrongType: 'Välj en PNG-, JPEG-, WebP- eller GIF-bild.',
    newLogo: 'Den nya logotypen, inte uppladdad än', upload: 'Ladda upp logotyp', uploading: 'Laddar upp …', uploaded: 'Logotypen är uppladdad.', removeLogo: 'Ta bort logotyp', removed: 'Logotypen är borttagen.',
    restoreTexts: 'Alla texter på bokningssidan återgår till standardtexterna: välkomst, patientinformation, standard kliniktext och avvikelsetexterna.',
    restoreColours: 'Färgerna återgår till standardfärgerna och adressen till analysskriptet (Avancerat) tas bort. Logotypen finns kvar.',
    restoreTextsButton: 'Återgå till standardtexter', restoreColoursButton: 'Återgå till standardfärger',
  },
} satisfies Texts<string>;

type Colours = Pick<Theme, 'primaryColor' | 'accentColor'>;
const LOGO_MAX_BYTES = 40 * 1024;
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

/** W8 (seed 001's "Generella texter" and "Media"): the booking page's texts, colours and logo, with the live preview. */
export class MediaPage extends ConsolePage {
  static override styles = [consoleStyles, settingsLayout, css`
    .colour-row { display: flex; gap: 0.5rem; align-items: center; }
    .colour-row input[type='color'] { width: 3.5rem; padding: 0.2rem; }
    .logo { max-width: 12rem; max-height: 6rem; display: block; margin: 0.5rem 0; border: 1px solid var(--c-line); background: var(--c-surface); }
  `];

  private readonly settings = () => settingsMethods(this.ctx.call);
  private readonly textsForm = new FormController<OrganizationTexts>(this);
  private readonly colours = new FormController<Colours>(this);
  private readonly preview = new StableDraft();
  private theme: Theme | undefined;
  private pendingLogo: { data: string; url: string } | undefined;
  private logoError = '';
  private logoBusy = false;
  private readonly all = new Loader(this, async () => {
    const s = this.settings();
    const [textsValue, theme] = await Promise.all([s.getSection('texts'), s.getSection('theme')]);
    return { texts: textsValue, theme };
  }, (value) => {
    this.textsForm.load(value.texts);
    this.themeLoaded(value.theme);
  });

  private readonly restoreTexts = new RestoreDialog(this, () => this.t('restoreTexts'), async () => this.textsForm.load(await this.settings().resetSection('texts')), () => this.t('restoreTextsButton'));
  private readonly restoreColours = new RestoreDialog(this, () => this.t('restoreColours'), async () => this.themeLoaded(await this.settings().resetSection('theme')), () => this.t('restoreColoursButton'));

  protected override routeChanged(): void {
    void this.all.load();
  }

  private get t() {
    return translator(texts, this.ctx.locale);
  }

  private themeLoaded(theme: Theme): void {
    this.theme = theme;
    this.colours.load({ primaryColor: theme.primaryColor, accentColor: theme.accentColor });
  }

  private async logoChosen(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    this.pendingLogo = undefined;
    this.logoError = '';
    if (file) {
      if (!IMAGE_TYPES.includes(file.type)) this.logoError = this.t('logoWrongType');
      else if (file.size > LOGO_MAX_BYTES) this.logoError = this.t('logoTooLarge', { size: Math.ceil(file.size / 1024) });
      else {
        const url = await new Promise<string>((resolve, reject) => {
          const reader = new FileReader();
          reader.onload = () => resolve(String(reader.result));
          reader.onerror = () => reject(reader.error);
          reader.readAsDataURL(file);
        });
        this.pendingLogo = { url, data: url.slice(url.indexOf(',') + 1) };
      }
    }
    this.requestUpdate();
  }

  private async logoAction(action: 'upload' | 'remove'): Promise<void> {
    if (this.logoBusy) return;
    this.logoBusy = true;
    this.logoError = '';
    this.requestUpdate();
    try {
      const s = this.settings();
      this.theme = action === 'upload' ? await s.uploadLogo({ data: this.pendingLogo!.data }) : await s.deleteLogo();
      if (action === 'upload') {
        this.pendingLogo = undefined;
        const input = this.renderRoot.querySelector<HTMLInputElement>('#f-logo');
        if (input) input.value = '';
      }
      this.ctx.announce(this.t(action === 'upload' ? 'uploaded' : 'removed'));
    } catch (error) {
      this.logoError = errorText(error, this.ctx.locale);
    } finally {
      this.logoBusy = false;
      this.requestUpdate();
    }
  }

  private colourField(path: keyof Colours, disabled: boolean) {
    const t = this.t;
    const id = fieldId(path);
    const value = String(this.colours.get(path) ?? '');
    const error = this.colours.errors[path];
    const ratio = path === 'primaryColor' && isHexColor(value) ? contrastWithWhite(value) : undefined;
    const described = [`${id}-hint`, ratio !== undefined ? `${id}-contrast` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${t(path)}</label>
      <div class="colour-row">
        <input type="color" aria-label=${t('picker', { name: t(path) })} .value=${isHexColor(value) ? value.toLowerCase() : '#000000'} ?disabled=${disabled}
          @input=${(e: Event) => this.colours.set(path, (e.target as HTMLInputElement).value)}>
        <input id=${id} name=${path} maxlength="7" spellcheck="false" autocomplete="off" .value=${value} ?disabled=${disabled}
          aria-invalid=${error ? 'true' : 'false'} aria-describedby=${described}
          @input=${(e: Event) => this.colours.set(path, (e.target as HTMLInputElement).value.trim())}>
      </div>
      <p class="hint" id="${id}-hint">${t('hexHint')}</p>
      ${ratio !== undefined ? html`<p id="${id}-contrast" class=${ratio < 4.5 ? 'notice warning' : 'muted'} role="status">
        ${ratio < 4.5 ? t('contrastLow', { ratio: ratio.toFixed(1) }) : t('contrastOk', { ratio: ratio.toFixed(1) })}</p>` : nothing}
      ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing}
    </div>`;
  }

  private renderLogo(disabled: boolean) {
    const t = this.t;
    const current = this.theme?.logoUrl;
    return html`<section class="card" aria-labelledby="logo-heading">
      <h2 id="logo-heading">${t('logo')}</h2>
      <h3>${t('currentLogo')}</h3>
      ${current ? html`<img class="logo" src=${current} alt=${t('currentLogo')}>` : html`<p class="muted">${t('noLogo')}</p>`}
      <div class="field">
        <label for="f-logo">${t('chooseLogo')}</label>
        <input id="f-logo" type="file" accept=${IMAGE_TYPES.join(',')} ?disabled=${disabled || this.logoBusy}
          aria-invalid=${this.logoError ? 'true' : 'false'} aria-describedby="f-logo-hint${this.logoError ? ' f-logo-error' : ''}"
          @change=${(e: Event) => void this.logoChosen(e.target as HTMLInputElement)}>
        <p class="hint" id="f-logo-hint">${t('logoHint')}</p>
        ${this.logoError ? html`<p class="field-error" id="f-logo-error" role="alert">${this.logoError}</p>` : nothing}
      </div>
      ${this.pendingLogo ? html`<img class="logo" data-pending src=${this.pendingLogo.url} alt=${t('newLogo')}>` : nothing}
      <div class="actions">
        <button type="button" data-action="upload-logo" ?disabled=${disabled || !this.pendingLogo || this.logoBusy} @click=${() => void this.logoAction('upload')}>
          ${this.logoBusy && this.pendingLogo ? t('uploading') : t('upload')}</button>
        <button type="button" class="danger" data-action="remove-logo" ?disabled=${disabled || !current || this.logoBusy} @click=${() => void this.logoAction('remove')}>${t('removeLogo')}</button>
      </div>
    </section>`;
  }

  override render() {
    const t = this.t;
    const disabled = !this.ctx.can('settings');
    return this.all.render(() => html`<div class="with-preview">
      <div>
        <section class="card" aria-labelledby="texts-heading">
          <h2 id="texts-heading">${t('texts')}</h2>
          <form @submit=${this.textsForm.onSubmit(({ welcome, patientInfo, defaultClinicText }) => this.settings().patchSection('texts', { welcome, patientInfo, defaultClinicText }))}>
            ${this.textsForm.textarea('welcome', t('welcome'), { hint: t('welcomeHint'), maxlength: 4000, disabled })}
            ${this.textsForm.textarea('patientInfo', t('patientInfo'), { hint: t('patientInfoHint'), maxlength: 4000, disabled })}
            <fieldset><legend>${t('clinicText')}</legend>
              <p class="hint">${t('clinicTextHint')}</p>
              ${this.textsForm.input('defaultClinicText.heading', t('heading'), { maxlength: 200, disabled })}
              ${this.textsForm.textarea('defaultClinicText.body', t('body'), { maxlength: 4000, disabled })}
            </fieldset>
            ${this.textsForm.actions({ labels: { welcome: t('welcome'), patientInfo: t('patientInfo'), 'defaultClinicText.heading': t('heading'), 'defaultClinicText.body': t('body') }, disabled })}
          </form>
          ${this.restoreTexts.button({ disabled })}
        </section>
        <section class="card" aria-labelledby="colours-heading">
          <h2 id="colours-heading">${t('colours')}</h2>
          <form @submit=${this.colours.onSubmit(async (draft) => {
            const theme = await this.settings().patchSection('theme', draft);
            this.theme = theme;
            return { primaryColor: theme.primaryColor, accentColor: theme.accentColor };
          })}>
            ${this.colourField('primaryColor', disabled)}
            ${this.colourField('accentColor', disabled)}
            ${this.colours.actions({ labels: { primaryColor: t('primaryColor'), accentColor: t('accentColor') }, disabled })}
          </form>
          ${this.restoreColours.button({ disabled })}
        </section>
        ${this.renderLogo(disabled)}
      </div>
      <console-preview .organization=${this.ctx.me.organization.subdomain} .locale=${this.ctx.locale}
        .draft=${this.preview.of({ organization: {
          texts: { welcome: this.textsForm.draft?.welcome, patientInfo: this.textsForm.draft?.patientInfo, defaultClinicText: this.textsForm.draft?.defaultClinicText },
          theme: { ...(isHexColor(String(this.colours.draft?.primaryColor)) ? { primaryColor: this.colours.draft!.primaryColor } : {}),
            ...(isHexColor(String(this.colours.draft?.accentColor)) ? { accentColor: this.colours.draft!.accentColor } : {}),
            ...(this.pendingLogo ? { logoUrl: this.pendingLogo.url } : {}) },
        } })}></console-preview>
      ${this.restoreTexts.dialog()}${this.restoreColours.dialog()}
    </div>`);
  }
}

customElements.define('console-media-page', MediaPage);
