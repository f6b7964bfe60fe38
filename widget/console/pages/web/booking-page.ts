import { html } from 'lit';
import { settingsMethods } from '../../../../sdk/admin/settings.ts';
import type { BookingSettings } from '../../../../sdk/schemas/organization.ts';
import { translator, type Texts } from '../../i18n.ts';
import '../../preview/console-preview.ts';
import { FormController } from '../../ui/form.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { RestoreDialog, StableDraft, settingsLayout } from './settings-kit.ts';

const texts = {
  en: {
    switches: 'Booking settings', times: 'Times offered',
    newBooking: 'New booking on', rebooking: 'Rebooking on', cancellation: 'Cancellation on',
    rebookWithoutTemplate: 'Allow rebooking without a booking template', cancelWithoutTemplate: 'Allow cancellation without a booking template',
    journalRebooking: 'Record rebookings in the journal', journalCancellation: 'Record cancellations in the journal',
    cutoffHours: 'No rebooking or cancellation online within (hours before the appointment)', cutoffHint: '0 = up to the appointment. The patient is told why.',
    slotStepMinutes: 'Step between the times offered (minutes)', slotStepHint: '5 to 240 minutes.',
    minNoticeMinutes: 'Earliest time offered (minutes from now)', minNoticeHint: 'A patient cannot book a time starting sooner than this.',
    horizonDays: 'Latest time offered (days ahead)', horizonHint: '1 to 730 days.',
    restoreText: 'All booking settings and the times offered go back to their standard values.',
  },
  nb: {
    switches: 'Bookinginnstillinger', times: 'Tider som tilbys',
    newBooking: 'Ny timebestilling på', rebooking: 'Ombooking på', cancellation: 'Avbestilling på',
    rebookWithoutTemplate: 'Tillat ombooking uten bookingmal', cancelWithoutTemplate: 'Tillat avbestilling uten bookingmal',
    journalRebooking: 'Registrer ombooking i journalen', journalCancellation: 'Registrer avbestilling i journalen',
    cutoffHours: 'Ingen ombooking eller avbestilling på nett innen (timer før timen)', cutoffHint: '0 = helt fram til timen. Pasienten får vite hvorfor.',
    slotStepMinutes: 'Avstand mellom tidene som tilbys (minutter)', slotStepHint: '5 til 240 minutter.',
    minNoticeMinutes: 'Tidligste tid som tilbys (minutter fra nå)', minNoticeHint: 'En pasient kan ikke bestille en tid som begynner før dette.',
    horizonDays: 'Seneste tid som tilbys (dager fram)', horizonHint: '1 til 730 dager.',
    restoreText: 'Alle bookinginnstillinger og tidene som tilbys, får standardverdiene tilbake.',
  },
  sv: {
    switches: 'Bokningsinställningar', times: 'Tider som erbjuds',
    newBooking: 'Nybokning aktiverad', rebooking: 'Ombokning aktiverad', cancellation: 'Avbokning aktiverad',
    rebookWithoutTemplate: 'Tillåt ombokning utan bokningsmall', cancelWithoutTemplate: 'Tillåt avbokning utan bokningsmall',
    journalRebooking: 'Registrera ombokning i journalen', journalCancellation: 'Registrera avbokning i journalen',
    cutoffHours: 'Avbokning/ombokning kan inte göras online inom (timmar före besöket)', cutoffHint: '0 = ända fram till besöket. Patienten får veta varför.',
    slotStepMinutes: 'Steg mellan tiderna som erbjuds (minuter)', slotStepHint: '5 till 240 minuter.',
    minNoticeMinutes: 'Tidigaste tid som erbjuds (minuter från nu)', minNoticeHint: 'En patient kan inte boka en tid som börjar tidigare än så.',
    horizonDays: 'Senaste tid som erbjuds (dagar framåt)', horizonHint: '1 till 730 dagar.',
    restoreText: 'Alla bokningsinställningar och tiderna som erbjuds återgår till standardvärdena.',
  },
} satisfies Texts<string>;

const SWITCHES = ['newBooking', 'rebooking', 'cancellation', 'rebookWithoutTemplate', 'cancelWithoutTemplate', 'journalRebooking', 'journalCancellation'] as const;
const NUMBERS = [
  { key: 'cutoffHours', hint: 'cutoffHint', min: 0, max: 720 },
  { key: 'slotStepMinutes', hint: 'slotStepHint', min: 5, max: 240 },
  { key: 'minNoticeMinutes', hint: 'minNoticeHint', min: 0, max: 43200 },
  { key: 'horizonDays', hint: 'horizonHint', min: 1, max: 730 },
] as const;

/** W7 (seed 001's "Bokningsinställningar"): the booking switches, the cutoff and how times are offered. */
export class BookingSettingsPage extends ConsolePage {
  static override styles = [consoleStyles, settingsLayout];

  private readonly settings = () => settingsMethods(this.ctx.call);
  private readonly form = new FormController<BookingSettings>(this);
  private readonly preview = new StableDraft();
  private readonly section = new Loader(this, () => this.settings().getSection('booking'), (value) => this.form.load(value));
  private readonly restore = new RestoreDialog(this, () => this.t('restoreText'), async () => this.form.load(await this.settings().resetSection('booking')));

  protected override routeChanged(): void {
    void this.section.load();
  }

  private get t() {
    return translator(texts, this.ctx.locale);
  }

  override render() {
    const t = this.t;
    const disabled = !this.ctx.can('settings');
    const labels = Object.fromEntries([...SWITCHES, ...NUMBERS.map((n) => n.key)].map((k) => [k, t(k)]));
    return this.section.render(() => html`<div class="with-preview">
      <section class="card" aria-labelledby="booking-heading">
        <h2 id="booking-heading">${t('switches')}</h2>
        <form @submit=${this.form.onSubmit((draft) => this.settings().updateSection('booking', draft))}>
          <fieldset><legend>${t('switches')}</legend>${SWITCHES.map((key) => this.form.checkbox(key, t(key), { disabled }))}</fieldset>
          <fieldset><legend>${t('times')}</legend>
            ${NUMBERS.map((n) => this.form.input(n.key, t(n.key), { type: 'number', min: n.min, max: n.max, inputmode: 'numeric', hint: t(n.hint), required: true, disabled }))}
          </fieldset>
          ${this.form.actions({ labels, disabled })}
        </form>
        ${this.restore.button({ disabled })}
      </section>
      <console-preview .organization=${this.ctx.me.organization.subdomain} .locale=${this.ctx.locale}
        .draft=${this.preview.of({ organization: { settings: { booking: this.form.draft } } })}></console-preview>
      ${this.restore.dialog()}
    </div>`);
  }
}

customElements.define('console-booking-settings-page', BookingSettingsPage);
