import { css, html, nothing } from 'lit';
import { settingsMethods } from '../../../../sdk/admin/settings.ts';
import type { FieldMode, FlexibilitySettings, RegistrationFields, StepKind, StepSettings } from '../../../../sdk/schemas/organization.ts';
import { translator, type Texts } from '../../i18n.ts';
import '../../preview/console-preview.ts';
import { FormController } from '../../ui/form.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { RestoreDialog, StableDraft, settingsLayout } from './settings-kit.ts';

const texts = {
  en: {
    maintenanceModeHint: 'Closes the booking page for now, e.g. during technical maintenance; patients see the deviation text.',
    publishedHint: 'Off: the booking page and the widget show the “not published” text; bookings through the API still work.',
    skipConfirmationHint: 'The patient confirms without a code by SMS or e-mail.',
    general: 'General settings', generalHint: 'These apply to the whole booking page.',
    showBookings: 'Patients see their bookings (when logged in)', login: 'Login on the booking page', smsLogin: 'Login by SMS code (existing patients)',
    newBookingRequiresLogin: 'A new booking requires login', weekendBooking: 'Booking on Saturdays and Sundays',
    codeChallenge: 'Code to confirm a booking', codeOff: 'Off (no code)', codeSms: 'By SMS', codeEmail: 'By e-mail',
    codeChallengeHint: 'The patient gets a code to type in before the booking is made.',
    maintenanceMode: 'Maintenance mode (booking page closed for now)', published: 'Booking page published',
    userMessage: 'Patients can write a message with the booking', showAnyProvider: 'Show “Any provider”', showAnyClinic: 'Show “Any clinic”',
    skipConfirmation: 'Skip the confirmation code',
    fields: 'Registration fields', fieldsHint: 'First name, last name and national identity number are always asked for.',
    email: 'E-mail', mobile: 'Mobile number', address1: 'Address line 1', address2: 'Address line 2', postalCode: 'Postal code', city: 'City', campaignCode: 'Campaign code',
    off: 'Not asked', optional: 'Optional', required: 'Required',
    steps: 'Order of the booking steps', stepsHint: 'Choosing a step used at another place swaps the two. The time is always chosen after these three.',
    step0: 'First step', step1: 'Second step', step2: 'Third step', step3: 'Fourth step: time',
    clinic: 'Clinic', provider: 'Provider', treatment: 'Treatment',
    merged: 'Merged view (treatment and provider on one page)',
    order: 'Order: {steps}, then time.',
    restoreFlex: 'All general settings go back to their standard values.',
    restoreFields: 'All registration fields go back to their standard values.',
    restoreSteps: 'The step order and the merged view go back to their standard values.',
  },
  nb: {
    maintenanceModeHint: 'Stenger bookingsiden inntil videre, f.eks. ved teknisk vedlikehold; pasientene ser avviksteksten.',
    publishedHint: 'Av: bookingsiden og widgeten viser teksten for «ikke publisert»; bestillinger via API-et virker fortsatt.',
    skipConfirmationHint: 'Pasienten bekrefter uten kode på SMS eller e-post.',
    general: 'Generelle innstillinger', generalHint: 'Disse gjelder hele bookingsiden.',
    showBookings: 'Pasienter ser timene sine (når de er logget inn)', login: 'Innlogging på bookingsiden', smsLogin: 'Innlogging med SMS-kode (eksisterende pasienter)',
    newBookingRequiresLogin: 'Ny timebestilling krever innlogging', weekendBooking: 'Timebestilling lørdag og søndag',
    codeChallenge: 'Kode for å bekrefte timebestillingen', codeOff: 'Av (ingen kode)', codeSms: 'På SMS', codeEmail: 'På e-post',
    codeChallengeHint: 'Pasienten får en kode som må skrives inn før timen bestilles.',
    maintenanceMode: 'Vedlikeholdsmodus (bookingsiden stengt inntil videre)', published: 'Bookingsiden er publisert',
    userMessage: 'Pasienter kan skrive en melding med bestillingen', showAnyProvider: 'Vis «Hvilken som helst behandler»', showAnyClinic: 'Vis «Hvilken som helst klinikk»',
    skipConfirmation: 'Hopp over bekreftelseskoden',
    fields: 'Registreringsfelt', fieldsHint: 'Fornavn, etternavn og fødselsnummer spørres det alltid om.',
    email: 'E-post', mobile: 'Mobilnummer', address1: 'Adresselinje 1', address2: 'Adresselinje 2', postalCode: 'Postnummer', city: 'Poststed', campaignCode: 'Kampanjekode',
    off: 'Spørres ikke', optional: 'Valgfritt', required: 'Påkrevd',
    steps: 'Rekkefølgen på bookingstegene', stepsHint: 'Velger du et steg som står et annet sted, bytter de to plass. Tiden velges alltid etter disse tre.',
    step0: 'Første steg', step1: 'Andre steg', step2: 'Tredje steg', step3: 'Fjerde steg: tid',
    clinic: 'Klinikk', provider: 'Behandler', treatment: 'Behandling',
    merged: 'Sammenslått visning (behandling og behandler på én side)',
    order: 'Rekkefølge: {steps}, så tid.',
    restoreFlex: 'Alle generelle innstillinger får standardverdiene tilbake.',
    restoreFields: 'Alle registreringsfelt får standardverdiene tilbake.',
    restoreSteps: 'Rekkefølgen på stegene og sammenslått visning får standardverdiene tilbake.',
  },
  sv: {
    maintenanceModeHint: 'Stänger bokningssidan tillfälligt, t.ex. vid tekniskt underhåll; patienterna ser avvikelsetexten.',
    publishedHint: 'Av: bokningssidan och widgeten visar texten för ”inte publicerad”; bokningar via API:et fungerar fortfarande.',
    skipConfirmationHint: 'Patienten bekräftar utan kod via SMS eller e-post.',
    general: 'Allmänna inställningar', generalHint: 'De gäller hela bokningssidan.',
    showBookings: 'Visning av bokningar aktiverad (för inloggade patienter)', login: 'Inloggning aktiverad', smsLogin: 'SMS-inloggning aktiverad (befintliga patienter)',
    newBookingRequiresLogin: 'Ny bokning kräver inloggning', weekendBooking: 'Helgbokning aktiverad',
    codeChallenge: 'Kod för att bekräfta bokningen', codeOff: 'Av (ingen kod)', codeSms: 'Via SMS', codeEmail: 'Via e-post',
    codeChallengeHint: 'Patienten får en kod att ange innan bokningen görs.',
    maintenanceMode: 'Underhållsläge (bokningssidan tillfälligt stängd)', published: 'Bokningssidan är publicerad',
    userMessage: 'Användarmeddelande aktiverat', showAnyProvider: 'Visa ”Vilken behandlare som helst”', showAnyClinic: 'Visa ”Vilken klinik som helst”',
    skipConfirmation: 'Hoppa över bekräftelsekoden',
    fields: 'Registreringsinställningar', fieldsHint: 'Förnamn, efternamn och personnummer efterfrågas alltid.',
    email: 'E-post', mobile: 'Mobilnummer', address1: 'Adress 1', address2: 'Adress 2', postalCode: 'Postnummer', city: 'Ort', campaignCode: 'Kampanjkod',
    off: 'Efterfrågas inte', optional: 'Frivilligt', required: 'Obligatoriskt',
    steps: 'Bokningsstegens ordning', stepsHint: 'Väljer du ett steg som redan används på en annan plats byter de två plats. Tiden väljs alltid efter dessa tre.',
    step0: 'Första steget', step1: 'Andra steget', step2: 'Tredje steget', step3: 'Fjärde steget: tid',
    clinic: 'Klinik', provider: 'Behandlare', treatment: 'Behandling',
    merged: 'Sammanslagen visning (behandling och behandlare på samma sida)',
    order: 'Ordning: {steps}, sedan tid.',
    restoreFlex: 'Alla allmänna inställningar återgår till standardvärdena.',
    restoreFields: 'Alla registreringsfält återgår till standardvärdena.',
    restoreSteps: 'Stegens ordning och sammanslagen visning återgår till standardvärdena.',
  },
} satisfies Texts<string>;

type Text = keyof typeof texts.en;

const SWITCHES = ['showBookings', 'login', 'smsLogin', 'newBookingRequiresLogin', 'weekendBooking', 'maintenanceMode', 'published', 'userMessage', 'showAnyProvider', 'showAnyClinic', 'skipConfirmation'] as const;
const HINTED = new Set<string>(['maintenanceMode', 'published', 'skipConfirmation']);
const FIELDS = ['email', 'mobile', 'address1', 'address2', 'postalCode', 'city', 'campaignCode'] as const;
const STEP_KINDS: readonly StepKind[] = ['clinic', 'provider', 'treatment'];

/**
 * The step order with `kind` put at `position`: the step that was there
 * takes the place `kind` left, so the order stays a permutation.
 *
 * @example
 * placeStep(['clinic', 'provider', 'treatment'], 0, 'treatment'); // ['treatment', 'provider', 'clinic']
 */
export function placeStep(order: readonly StepKind[], position: number, kind: StepKind): StepKind[] {
  const next = [...order];
  const from = next.indexOf(kind);
  if (from === position) return next;
  if (from >= 0) next[from] = next[position]!;
  next[position] = kind;
  return next;
}

/**
 * W4–W6 (seed 001's "Flexibilitet"): the general switches, the registration
 * fields and the order of the booking steps, each saved to its own section,
 * with the live preview showing all three drafts.
 */
export class FlexibilityPage extends ConsolePage {
  static override styles = [consoleStyles, settingsLayout, css`
    .radios { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
    .radios .check { margin: 0; }
    .check { flex-wrap: wrap; }
    .check .hint { flex-basis: 100%; margin: -0.4rem 0 0 1.85rem; }
    .field-row { display: grid; grid-template-columns: minmax(8rem, 1fr) minmax(10rem, 1fr); gap: 0 1rem; align-items: center; }
  `];

  private readonly settings = () => settingsMethods(this.ctx.call);
  private readonly flex = new FormController<FlexibilitySettings>(this);
  private readonly fields = new FormController<RegistrationFields>(this);
  private readonly steps = new FormController<StepSettings>(this);
  private readonly preview = new StableDraft();
  private readonly all = new Loader(this, async () => {
    const s = this.settings();
    const [flexibility, fields, steps] = await Promise.all([s.getSection('flexibility'), s.getSection('fields'), s.getSection('steps')]);
    return { flexibility, fields, steps };
  }, (value) => {
    this.flex.load(value.flexibility);
    this.fields.load(value.fields);
    this.steps.load(value.steps);
  });

  private readonly restoreFlex = new RestoreDialog(this, () => this.t('restoreFlex'), async () => this.flex.load(await this.settings().resetSection('flexibility')));
  private readonly restoreFields = new RestoreDialog(this, () => this.t('restoreFields'), async () => this.fields.load(await this.settings().resetSection('fields')));
  private readonly restoreSteps = new RestoreDialog(this, () => this.t('restoreSteps'), async () => this.steps.load(await this.settings().resetSection('steps')));

  protected override routeChanged(): void {
    void this.all.load();
  }

  private get t() {
    return translator(texts, this.ctx.locale);
  }

  private chooseStep(position: number, kind: StepKind): void {
    const order = placeStep((this.steps.get('order') as StepKind[]) ?? STEP_KINDS, position, kind);
    this.steps.set('order', order);
    this.ctx.announce(this.t('order', { steps: order.map((k) => this.t(k)).join(', ') }));
  }

  private renderFlex(disabled: boolean) {
    const t = this.t;
    const labels = Object.fromEntries([...SWITCHES, 'codeChallenge'].map((k) => [k, t(k as Text)]));
    return html`<section class="card" aria-labelledby="flex-heading">
      <h2 id="flex-heading">${t('general')}</h2>
      <p class="muted">${t('generalHint')}</p>
      <form @submit=${this.flex.onSubmit((draft) => this.settings().updateSection('flexibility', draft))}>
        ${SWITCHES.map((key) => this.flex.checkbox(key, t(key), { disabled, ...(HINTED.has(key) ? { hint: t(`${key}Hint` as Text) } : {}) }))}
        ${this.flex.select('codeChallenge', t('codeChallenge'), [
          { value: 'off', label: t('codeOff') }, { value: 'sms', label: t('codeSms') }, { value: 'email', label: t('codeEmail') },
        ], { hint: t('codeChallengeHint'), disabled })}
        ${this.flex.actions({ labels, disabled })}
      </form>
      ${this.restoreFlex.button({ disabled })}
    </section>`;
  }

  private renderFields(disabled: boolean) {
    const t = this.t;
    const modes: ReadonlyArray<{ value: FieldMode; label: string }> = [{ value: 'off', label: t('off') }, { value: 'optional', label: t('optional') }, { value: 'required', label: t('required') }];
    return html`<section class="card" aria-labelledby="fields-heading">
      <h2 id="fields-heading">${t('fields')}</h2>
      <p class="muted">${t('fieldsHint')}</p>
      <form @submit=${this.fields.onSubmit((draft) => this.settings().updateSection('fields', draft))}>
        ${FIELDS.map((key) => this.fields.select(key, t(key), modes, { disabled }))}
        ${this.fields.actions({ labels: Object.fromEntries(FIELDS.map((k) => [k, t(k)])), disabled })}
      </form>
      ${this.restoreFields.button({ disabled })}
    </section>`;
  }

  private renderSteps(disabled: boolean) {
    const t = this.t;
    const order = (this.steps.get('order') as StepKind[] | undefined) ?? [...STEP_KINDS];
    const error = this.steps.errors['order'];
    return html`<section class="card" aria-labelledby="steps-heading">
      <h2 id="steps-heading">${t('steps')}</h2>
      <p class="muted" id="steps-hint">${t('stepsHint')}</p>
      <form @submit=${this.steps.onSubmit((draft) => this.settings().updateSection('steps', draft))}>
        ${this.steps.checkbox('mergeTreatmentAndProvider', t('merged'), { disabled })}
        ${[0, 1, 2].map((position) => html`<fieldset id=${position === 0 ? 'f-order' : nothing} aria-describedby=${error ? 'f-order-error' : nothing}>
          <legend>${t(`step${position}` as Text)}</legend>
          <div class="radios">
            ${STEP_KINDS.map((kind) => {
              const id = `f-order-${position}-${kind}`;
              return html`<div class="check">
                <input type="radio" id=${id} name="step-${position}" value=${kind} .checked=${order[position] === kind} ?disabled=${disabled}
                  @change=${() => this.chooseStep(position, kind)}>
                <label for=${id}>${t(kind)}</label>
              </div>`;
            })}
          </div>
        </fieldset>`)}
        ${error ? html`<p class="field-error" id="f-order-error">${error}</p>` : nothing}
        <p class="muted">${t('step3')}</p>
        <p class="muted" data-order>${t('order', { steps: order.map((k) => t(k)).join(', ') })}</p>
        ${this.steps.actions({ labels: { order: t('steps'), mergeTreatmentAndProvider: t('merged') }, disabled })}
      </form>
      ${this.restoreSteps.button({ disabled })}
    </section>`;
  }

  override render() {
    const disabled = !this.ctx.can('settings');
    return this.all.render(() => html`<div class="with-preview">
      <div>
        ${this.renderFlex(disabled)}
        ${this.renderFields(disabled)}
        ${this.renderSteps(disabled)}
      </div>
      <console-preview .organization=${this.ctx.me.organization.subdomain} .locale=${this.ctx.locale}
        .draft=${this.preview.of({ organization: { settings: { flexibility: this.flex.draft, fields: this.fields.draft, steps: this.steps.draft } } })}></console-preview>
      ${this.restoreFlex.dialog()}${this.restoreFields.dialog()}${this.restoreSteps.dialog()}
    </div>`);
  }
}

customElements.define('console-flexibility-page', FlexibilityPage);
