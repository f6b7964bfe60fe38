import { html, type ReactiveController, type TemplateResult } from 'lit';
import { privacyMethods } from '../../../../sdk/admin/privacy.ts';
import { RETENTION_LIMITS, type RetentionField, type RetentionSettings } from '../../../../sdk/schemas/privacy.ts';
import { translator, type Texts } from '../../i18n.ts';
import { FormController } from '../../ui/form.ts';
import type { ConsolePage } from '../../ui/page.ts';

const texts = {
  en: {
    heading: 'How long data is kept', hint: 'In days. Older data is removed every hour: message texts are blanked (the message itself stays in the lists), the rest deleted.',
    messageBodiesDays: 'Texts of sent and received messages', verificationCodesDays: 'One-time codes, after they expired', holdsDays: 'Held times, after they expired',
    auditLogDays: 'Audit log', idempotencyKeysDays: 'Stored answers to repeated bookings', webhookDeliveriesDays: 'Delivered and failed webhooks', range: '{min}–{max} days',
  },
  nb: {
    heading: 'Hvor lenge data lagres', hint: 'I dager. Eldre data fjernes hver time: meldingstekster blankes (selve meldingen blir stående i listene), resten slettes.',
    messageBodiesDays: 'Tekster i sendte og mottatte meldinger', verificationCodesDays: 'Engangskoder, etter at de utløp', holdsDays: 'Holdte timer, etter at de utløp',
    auditLogDays: 'Revisjonslogg', idempotencyKeysDays: 'Lagrede svar på gjentatte bestillinger', webhookDeliveriesDays: 'Leverte og feilede webhooks', range: '{min}–{max} dager',
  },
  sv: {
    heading: 'Hur länge uppgifter sparas', hint: 'I dagar. Äldre uppgifter tas bort varje timme: meddelandetexter töms (själva meddelandet finns kvar i listorna), resten raderas.',
    messageBodiesDays: 'Texter i skickade och mottagna meddelanden', verificationCodesDays: 'Engångskoder, efter att de gått ut', holdsDays: 'Reserverade tider, efter att de gått ut',
    auditLogDays: 'Granskningslogg', idempotencyKeysDays: 'Sparade svar på upprepade bokningar', webhookDeliveriesDays: 'Levererade och misslyckade webhooks', range: '{min}–{max} dagar',
  },
} satisfies Texts<string>;

const FIELDS = Object.keys(RETENTION_LIMITS) as RetentionField[];

/**
 * The retention periods (issue 11.5) as a form of the Advanced settings
 * page: one number of days per kind of data, within its bounds, saved
 * together.
 *
 * @example
 * private readonly retention = new RetentionForm(this);
 * // load: this.retention.load(await privacyMethods(this.ctx.call).getRetention());
 * render() { return html`${this.retention.render(disabled)}`; }
 */
export class RetentionForm implements ReactiveController {
  private readonly form: FormController<RetentionSettings>;

  constructor(private readonly host: ConsolePage) {
    host.addController(this);
    this.form = new FormController<RetentionSettings>(host);
  }

  hostConnected(): void {}

  load(settings: RetentionSettings): void {
    this.form.load(settings);
  }

  render(disabled: boolean): TemplateResult {
    const t = translator(texts, this.host.ctx.locale);
    return html`<section class="card" aria-labelledby="retention-heading">
      <h2 id="retention-heading">${t('heading')}</h2>
      <p class="hint">${t('hint')}</p>
      <form @submit=${this.form.onSubmit((draft) => privacyMethods(this.host.ctx.call).updateRetention(draft))}>
        <div class="grid-2">${FIELDS.map((field) => {
          const { min, max } = RETENTION_LIMITS[field];
          return this.form.input(field, t(field), { type: 'number', min, max, inputmode: 'numeric', required: true, hint: t('range', { min, max }), disabled });
        })}</div>
        ${this.form.actions({ labels: Object.fromEntries(FIELDS.map((f) => [f, t(f)])), disabled })}
      </form>
    </section>`;
  }
}
