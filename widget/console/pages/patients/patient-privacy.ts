import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { privacyMethods } from '../../../../sdk/admin/privacy.ts';
import { OpusApiError } from '../../../../sdk/errors.ts';
import type { PatientRecord } from '../../../../sdk/schemas/patients.ts';
import { translator, type Texts } from '../../i18n.ts';
import { ConsoleDialog } from '../../ui/dialog.ts';
import type { ConsolePage } from '../../ui/page.ts';
import { errorText, uiTexts } from '../../ui/ui-texts.ts';

const texts = {
  en: {
    heading: 'Privacy', hint: 'Everything held about the patient, as a file for them (the right of access), or erased for good (the right to erasure).',
    export: 'Export data', exporting: 'Exporting…', exported: 'The patient’s data is downloaded as {file}.',
    erase: 'Erase patient', eraseHeading: 'Erase {name}?',
    eraseText: 'Name, national id, mobile, e-mail, address, messages, codes, journal and pending changes are deleted for good. Past appointments stay in the book without a patient; future ones are cancelled, and the patient is sent nothing. This cannot be undone.',
    typeName: 'Type the patient’s name, {name}, to confirm', confirm: 'Erase for good', erasing: 'Erasing…', erased: 'The patient is erased.',
  },
  nb: {
    heading: 'Personvern', hint: 'Alt som er lagret om pasienten, som en fil til pasienten (innsynsrett), eller slettet for godt (rett til sletting).',
    export: 'Eksporter data', exporting: 'Eksporterer …', exported: 'Pasientens data er lastet ned som {file}.',
    erase: 'Slett pasient', eraseHeading: 'Slette {name}?',
    eraseText: 'Navn, fødselsnummer, mobil, e-post, adresse, meldinger, koder, journal og endringer som venter, slettes for godt. Tidligere timer blir stående i timeboken uten pasient; fremtidige timer avbestilles, og pasienten får ingen melding. Dette kan ikke angres.',
    typeName: 'Skriv pasientens navn, {name}, for å bekrefte', confirm: 'Slett for godt', erasing: 'Sletter …', erased: 'Pasienten er slettet.',
  },
  sv: {
    heading: 'Dataskydd', hint: 'Allt som finns sparat om patienten, som en fil till patienten (rätt till tillgång), eller raderat för gott (rätt till radering).',
    export: 'Exportera data', exporting: 'Exporterar …', exported: 'Patientens uppgifter är nedladdade som {file}.',
    erase: 'Radera patient', eraseHeading: 'Radera {name}?',
    eraseText: 'Namn, personnummer, mobil, e-post, adress, meddelanden, koder, journal och ändringar som väntar raderas för gott. Tidigare tider ligger kvar i tidboken utan patient; framtida tider avbokas och patienten får inget meddelande. Det går inte att ångra.',
    typeName: 'Skriv patientens namn, {name}, för att bekräfta', confirm: 'Radera för gott', erasing: 'Raderar …', erased: 'Patienten är raderad.',
  },
} satisfies Texts<string>;

const fullName = (p: PatientRecord) => `${p.firstName} ${p.lastName}`.trim();
/** A name typed to confirm: the same words, whatever the case and spacing. */
const sameName = (typed: string, name: string) => typed.trim().replace(/\s+/g, ' ').toLowerCase() === name.replace(/\s+/g, ' ').toLowerCase();

/**
 * The patient page's privacy section (issue 11.5), for roles with
 * `privacy` (owners and admins): "Export data" downloads everything held
 * about the patient as JSON; "Erase patient" asks in a dialog for the
 * patient's name typed out, erases, and goes back to the patient search.
 *
 * @example
 * private readonly privacy = new PatientPrivacy(this);
 * render() { return html`…${this.privacy.render(view.patient)}`; }
 */
export class PatientPrivacy implements ReactiveController {
  private readonly dialog: ConsoleDialog;
  private busy: 'export' | 'erase' | undefined;
  private failure: unknown;
  private typed = '';

  constructor(private readonly host: ConsolePage) {
    host.addController(this);
    this.dialog = new ConsoleDialog(host, 'erase-patient', { id: 'erase-dialog', onClose: () => { this.typed = ''; this.failure = undefined; } });
  }

  hostConnected(): void {}

  private get t() {
    return translator(texts, this.host.ctx.locale);
  }

  private async run(kind: 'export' | 'erase', work: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = kind;
    this.failure = undefined;
    this.host.requestUpdate();
    try {
      await work();
    } catch (error) {
      if (error instanceof OpusApiError && error.code === 'unauthorized') this.host.ctx.sessionEnded();
      this.failure = error;
    } finally {
      this.busy = undefined;
      this.host.requestUpdate();
    }
  }

  private exportData(patient: PatientRecord): Promise<void> {
    return this.run('export', async () => {
      const data = await privacyMethods(this.host.ctx.call).exportPatient(patient.id);
      const file = `patient-${patient.id}.json`;
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const link = Object.assign(document.createElement('a'), { href: url, download: file });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.host.ctx.announce(this.t('exported', { file }));
    });
  }

  private erase(patient: PatientRecord): Promise<void> {
    return this.run('erase', async () => {
      await privacyMethods(this.host.ctx.call).erasePatient(patient.id);
      this.dialog.close();
      this.host.ctx.announce(this.t('erased'));
      this.host.ctx.navigate('/patients');
    });
  }

  /** The section, or nothing for a role that may not. */
  render(patient: PatientRecord): TemplateResult | typeof nothing {
    if (!this.host.ctx.can('privacy')) return nothing;
    const t = this.t;
    const name = fullName(patient);
    return html`<section class="card" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">${t('heading')}</h2>
      <p class="hint">${t('hint')}</p>
      <div class="decide">
        <button type="button" class="secondary" data-action="export-patient" ?disabled=${this.busy !== undefined} @click=${() => void this.exportData(patient)}>${t('export')}</button>
        <button type="button" class="danger" data-action="erase-patient" ?disabled=${this.busy !== undefined} @click=${(e: Event) => void this.dialog.show(e)}>${t('erase')}</button>
        ${this.busy === 'export' ? html`<span role="status" class="muted">${t('exporting')}</span>` : nothing}
      </div>
      ${this.failure && !this.dialog.open ? html`<p class="field-error" role="alert">${errorText(this.failure, this.host.ctx.locale)}</p>` : nothing}
      ${this.dialog.render(t('eraseHeading', { name }), () => this.eraseBody(patient, name))}
    </section>`;
  }

  private eraseBody(patient: PatientRecord, name: string): TemplateResult {
    const t = this.t;
    const confirmed = sameName(this.typed, name);
    return html`<p>${t('eraseText')}</p>
      <div class="field">
        <label for="f-erase-name">${t('typeName', { name })}</label>
        <input id="f-erase-name" autocomplete="off" .value=${this.typed} @input=${(e: Event) => { this.typed = (e.target as HTMLInputElement).value; this.host.requestUpdate(); }}>
      </div>
      ${this.failure ? html`<div class="notice error" role="alert"><p>${errorText(this.failure, this.host.ctx.locale)}</p></div>` : nothing}
      <div class="actions">
        <button type="button" class="danger" data-action="confirm-erase" ?disabled=${!confirmed || this.busy !== undefined} @click=${() => void this.erase(patient)}>${this.busy === 'erase' ? t('erasing') : t('confirm')}</button>
        <button type="button" class="secondary" @click=${() => this.dialog.close()}>${uiTexts(this.host.ctx.locale)('cancel')}</button>
      </div>`;
  }
}
