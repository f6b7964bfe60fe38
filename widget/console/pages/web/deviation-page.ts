import { html } from 'lit';
import { settingsMethods } from '../../../../sdk/admin/settings.ts';
import type { OrganizationTexts } from '../../../../sdk/schemas/organization.ts';
import { translator, type Texts } from '../../i18n.ts';
import type { PreviewDraft } from '../../preview/preview-draft.ts';
import '../../preview/console-preview.ts';
import { FormController } from '../../ui/form.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { RestoreDialog, StableDraft, settingsLayout } from './settings-kit.ts';

const texts = {
  en: {
    heading: 'Deviation texts on the booking page', intro: 'Each text is shown instead of the booking when its switch is on (Flexibility and Booking settings).',
    maintenance: 'Maintenance mode on', newBookingDisabled: 'New booking turned off', notPublished: 'Booking page not published',
    show: 'Show in the preview', showHint: 'Only the preview changes; the switches are not saved from here.', none: 'The booking page as it is now',
    restoreText: 'All texts of the booking page go back to the standard texts: the deviation texts, the welcome text, patient information and the standard clinic text.',
    restoreButton: 'Restore standard texts',
  },
  nb: {
    heading: 'Avvikstekster på bookingsiden', intro: 'Hver tekst vises i stedet for bestillingen når bryteren dens er på (Fleksibilitet og Bookinginnstillinger).',
    maintenance: 'Vedlikeholdsmodus på', newBookingDisabled: 'Ny timebestilling slått av', notPublished: 'Bookingsiden ikke publisert',
    show: 'Vis i forhåndsvisningen', showHint: 'Bare forhåndsvisningen endres; bryterne lagres ikke herfra.', none: 'Bookingsiden slik den er nå',
    restoreText: 'Alle tekstene på bookingsiden får standardtekstene tilbake: avvikstekstene, velkomstteksten, pasientinformasjonen og standard klinikktekst.',
    restoreButton: 'Gjenopprett standardtekstene',
  },
  sv: {
    heading: 'Avvikelsetexter på portalen', intro: 'Varje text visas i stället för bokningen när dess inställning är på (Flexibilitet och Bokningsinställningar).',
    maintenance: 'Aktivering av underhållsläge', newBookingDisabled: 'Inaktivering av nybokning', notPublished: 'Bokningssidan inte publicerad',
    show: 'Visa i förhandsvisningen', showHint: 'Bara förhandsvisningen ändras; inställningarna sparas inte härifrån.', none: 'Bokningssidan som den är nu',
    restoreText: 'Alla texter på bokningssidan återgår till standardtexterna: avvikelsetexterna, välkomsttexten, patientinformationen och standard kliniktext.',
    restoreButton: 'Återgå till standardtexter',
  },
} satisfies Texts<string>;

type Deviation = keyof OrganizationTexts['deviation'];
const DEVIATIONS: readonly Deviation[] = ['maintenance', 'newBookingDisabled', 'notPublished'];

/** The switches drafted for the preview so that it shows `shown`'s text (booking off is worked out from them). */
export function deviationDraft(shown: Deviation | 'none'): PreviewDraft['organization'] {
  if (shown === 'none') return {};
  return {
    settings: {
      flexibility: { published: shown !== 'notPublished', maintenanceMode: shown === 'maintenance' },
      booking: { newBooking: shown !== 'newBookingDisabled' },
    },
  };
}

/** W9 (seed 001's "Avvikelser"): the texts shown when booking is off, previewed with their switch drafted on. */
export class DeviationPage extends ConsolePage {
  static override styles = [consoleStyles, settingsLayout];

  private readonly settings = () => settingsMethods(this.ctx.call);
  private readonly form = new FormController<OrganizationTexts>(this);
  private readonly preview = new StableDraft();
  private shown: Deviation | 'none' = 'maintenance';
  private readonly section = new Loader(this, () => this.settings().getSection('texts'), (value) => this.form.load(value));
  private readonly restore = new RestoreDialog(this, () => this.t('restoreText'), async () => this.form.load(await this.settings().resetSection('texts')), () => this.t('restoreButton'));

  protected override routeChanged(): void {
    void this.section.load();
  }

  private get t() {
    return translator(texts, this.ctx.locale);
  }

  override render() {
    const t = this.t;
    const disabled = !this.ctx.can('settings');
    const draft = this.form.draft;
    return this.section.render(() => html`<div class="with-preview">
      <div>
        <section class="card" aria-labelledby="deviation-heading">
          <h2 id="deviation-heading">${t('heading')}</h2>
          <p class="muted">${t('intro')}</p>
          <form @submit=${this.form.onSubmit(({ deviation }) => this.settings().patchSection('texts', { deviation }))}>
            ${DEVIATIONS.map((key) => this.form.textarea(`deviation.${key}`, t(key), { maxlength: 4000, disabled }))}
            ${this.form.actions({ labels: Object.fromEntries(DEVIATIONS.map((k) => [`deviation.${k}`, t(k)])), disabled })}
          </form>
          ${this.restore.button({ disabled })}
        </section>
        <section class="card" aria-labelledby="show-heading">
          <h2 id="show-heading">${t('show')}</h2>
          <fieldset aria-describedby="show-hint">
            <legend>${t('show')}</legend>
            <p class="hint" id="show-hint">${t('showHint')}</p>
            ${(['none', ...DEVIATIONS] as const).map((key) => html`<div class="check">
              <input type="radio" id="show-${key}" name="show" value=${key} .checked=${this.shown === key} @change=${() => { this.shown = key; this.requestUpdate(); }}>
              <label for="show-${key}">${key === 'none' ? t('none') : t(key)}</label>
            </div>`)}
          </fieldset>
        </section>
      </div>
      <console-preview .organization=${this.ctx.me.organization.subdomain} .locale=${this.ctx.locale}
        .draft=${this.preview.of({ organization: { ...deviationDraft(this.shown), texts: { deviation: draft?.deviation } } })}></console-preview>
      ${this.restore.dialog()}
    </div>`);
  }
}

customElements.define('console-deviation-page', DeviationPage);
