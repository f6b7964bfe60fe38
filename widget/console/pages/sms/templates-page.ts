import { css, html, nothing } from 'lit';
import { messagingMethods } from '../../../../sdk/admin/messaging.ts';
import { OpusApiError } from '../../../../sdk/errors.ts';
import type { MessageTemplate, MessageTemplateList, PreviewResult } from '../../../../sdk/schemas/messaging.ts';
import { translator, type Texts } from '../../i18n.ts';
import { FormController } from '../../ui/form.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { smsStyles } from './sms-styles.ts';
import { errorText, uiTexts } from '../../ui/ui-texts.ts';
import { common, partCount } from './sms-words.ts';
import { ConsoleDialog } from '../../ui/dialog.ts';

interface TemplateDraft { subject: string; body: string }

const texts = {
  en: {
    list: 'Texts', text: 'Text', channel: 'Channel', sms: 'SMS', email: 'E-mail', own: 'Own text', standard: 'Standard text', length: 'Length', edit: 'Edit',
    editing: '{kind} ({channel})', subject: 'Subject', body: 'Text', mergeFields: 'Merge fields', mergeHint: 'Inserted where the cursor is; filled in for each patient.',
    insert: 'Insert {field}', preview: 'Preview with sample values', previewing: 'Updating the preview…', restore: 'Restore the standard text',
    restoreHeading: 'Restore the standard text?', restoreText: 'Your own text for {kind} is replaced by the standard text:', restored: 'The standard text is back.',
    readOnly: 'Your role may read the texts but not change them.', pick: 'Choose a text to edit.', none: 'There are no texts.',
    reminder1: 'Reminder 1', reminder2: 'Reminder 2', reminder3: 'Reminder 3', general: 'General', note: 'Note', recall: 'Recall', thanks: 'Thanks for the visit',
    booked: 'Booking confirmed', rebooked: 'Rebooked', cancelled: 'Cancellation', code: 'Verification code', staff_invite: 'Staff invitation', password_reset: 'Password reset',
    firstName: 'First name', lastName: 'Last name', time: 'Time', date: 'Date', provider: 'Provider', clinic: 'Clinic', clinicAddress: 'Clinic address',
    clinicPhone: 'Clinic phone', treatment: 'Treatment', manageLink: 'Link to change or cancel', organization: 'Organization', codeField: 'Code',
  },
  nb: {
    list: 'Tekster', text: 'Tekst', channel: 'Kanal', sms: 'SMS', email: 'E-post', own: 'Egen tekst', standard: 'Standardtekst', length: 'Lengde', edit: 'Rediger',
    editing: '{kind} ({channel})', subject: 'Emne', body: 'Tekst', mergeFields: 'Flettefelt', mergeHint: 'Settes inn der markøren står; fylles ut for hver pasient.',
    insert: 'Sett inn {field}', preview: 'Forhåndsvisning med eksempelverdier', previewing: 'Oppdaterer forhåndsvisningen …', restore: 'Hent standardtekst',
    restoreHeading: 'Hente standardteksten?', restoreText: 'Den egne teksten for {kind} erstattes av standardteksten:', restored: 'Standardteksten er tilbake.',
    readOnly: 'Rollen din kan lese tekstene, men ikke endre dem.', pick: 'Velg en tekst å redigere.', none: 'Det finnes ingen tekster.',
    reminder1: 'Påminnelse 1', reminder2: 'Påminnelse 2', reminder3: 'Påminnelse 3', general: 'Generell', note: 'Notat', recall: 'Innkalling', thanks: 'Takk for besøket',
    booked: 'Bestillingsbekreftelse', rebooked: 'Ombooking', cancelled: 'Avbestilling', code: 'Bekreftelseskode', staff_invite: 'Invitasjon til ansatt', password_reset: 'Nytt passord',
    firstName: 'Fornavn', lastName: 'Etternavn', time: 'Tidspunkt', date: 'Dato', provider: 'Behandler', clinic: 'Klinikk', clinicAddress: 'Klinikkens adresse',
    clinicPhone: 'Klinikkens telefon', treatment: 'Behandling', manageLink: 'Lenke for å endre eller avbestille', organization: 'Virksomhet', codeField: 'Kode',
  },
  sv: {
    list: 'Texter', text: 'Text', channel: 'Kanal', sms: 'Sms', email: 'E-post', own: 'Egen text', standard: 'Standardtext', length: 'Längd', edit: 'Redigera',
    editing: '{kind} ({channel})', subject: 'Ämne', body: 'Text', mergeFields: 'Kopplingsfält', mergeHint: 'Infogas där markören står; fylls i för varje patient.',
    insert: 'Infoga {field}', preview: 'Förhandsvisning med exempelvärden', previewing: 'Uppdaterar förhandsvisningen …', restore: 'Hämta standardtext',
    restoreHeading: 'Hämta standardtexten?', restoreText: 'Den egna texten för {kind} ersätts av standardtexten:', restored: 'Standardtexten är tillbaka.',
    readOnly: 'Din roll kan läsa texterna men inte ändra dem.', pick: 'Välj en text att redigera.', none: 'Det finns inga texter.',
    reminder1: 'Påminnelse 1', reminder2: 'Påminnelse 2', reminder3: 'Påminnelse 3', general: 'Allmänt', note: 'Anteckning', recall: 'Kallelse', thanks: 'Tack för besöket',
    booked: 'Bokningsbekräftelse', rebooked: 'Ombokning', cancelled: 'Avbokning', code: 'Verifieringskod', staff_invite: 'Inbjudan till personal', password_reset: 'Nytt lösenord',
    firstName: 'Förnamn', lastName: 'Efternamn', time: 'Tid', date: 'Datum', provider: 'Behandlare', clinic: 'Klinik', clinicAddress: 'Klinikens adress',
    clinicPhone: 'Klinikens telefon', treatment: 'Behandling', manageLink: 'Länk för att ändra eller avboka', organization: 'Organisation', codeField: 'Kod',
  },
} satisfies Texts<string>;

const keyOf = (t: Pick<MessageTemplate, 'channel' | 'kind'>) => `${t.channel}/${t.kind}`;

/**
 * S2, W10, W11 (seed 000's "SMS tekster"): the texts with their merge
 * fields (inserted at the cursor), a live preview rendered by the server,
 * the SMS part count as you type, Save/Reset and the standard text back.
 */
export class SmsTemplatesPage extends ConsolePage {
  static override styles = [consoleStyles, smsStyles, css`
    .merge { display: flex; flex-wrap: wrap; gap: 0.4rem; margin: 0 0 0.9rem; }
    .merge button { font-family: ui-monospace, monospace; }
    .preview { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--c-surface); border: 1px solid var(--c-line); border-radius: var(--radius); padding: 0.75rem; margin: 0; }
  `];

  private readonly api = () => messagingMethods(this.ctx.call);
  private readonly form = new FormController<TemplateDraft>(this, { onSaved: () => void this.refreshPreview() });
  private readonly list = new Loader<MessageTemplateList>(this, () => this.api().listTemplates(), () => this.pickFromQuery());
  private current: MessageTemplate | undefined;
  private preview: PreviewResult | { error: string } | 'loading' | undefined;
  private previewTimer: ReturnType<typeof setTimeout> | undefined;
  private previewGeneration = 0;
  private restoreError: unknown;
  private readonly restoreDialog = new ConsoleDialog(this, 'restore', { id: 'restore-dialog' });

  private get t() {
    return translator(texts, this.ctx.locale);
  }

  protected override routeChanged(): void {
    if (this.list.value) this.pickFromQuery();
    else void this.list.load();
  }

  private pickFromQuery(): void {
    const templates = this.list.value?.templates ?? [];
    const wanted = this.query.get('text') ?? 'sms/reminder1';
    const template = templates.find((t) => keyOf(t) === wanted) ?? templates[0];
    if (!template) return;
    if (this.current && keyOf(this.current) === keyOf(template) && this.form.dirty) return;
    this.current = template;
    this.form.load({ subject: template.subject ?? '', body: template.body });
    void this.refreshPreview();
  }

  private kindName(kind: MessageTemplate['kind']): string {
    return this.t(kind);
  }

  private bodyChanged(): void {
    clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(() => void this.refreshPreview(), 300);
  }

  private async refreshPreview(): Promise<void> {
    const template = this.current;
    const body = String(this.form.get('body') ?? '');
    const generation = ++this.previewGeneration;
    if (!template || !body || !this.ctx.can('settings')) {
      this.preview = undefined;
      this.requestUpdate();
      return;
    }
    this.preview = 'loading';
    this.requestUpdate();
    try {
      const result = await this.api().previewTemplate({ channel: template.channel, body });
      if (generation === this.previewGeneration) this.preview = result;
    } catch (error) {
      if (generation === this.previewGeneration) this.preview = { error: error instanceof OpusApiError && error.issues[0] ? error.issues[0].message : errorText(error, this.ctx.locale) };
    }
    this.requestUpdate();
  }

  private insert(field: string): void {
    const area = this.renderRoot.querySelector<HTMLTextAreaElement>('#f-body');
    const body = String(this.form.get('body') ?? '');
    const start = area?.selectionStart ?? body.length;
    const end = area?.selectionEnd ?? body.length;
    const token = `[${field}]`;
    this.form.set('body', body.slice(0, start) + token + body.slice(end));
    this.bodyChanged();
    void this.updateComplete.then(() => {
      if (!area) return;
      area.focus();
      area.setSelectionRange(start + token.length, start + token.length);
    });
  }

  private async save(draft: TemplateDraft): Promise<TemplateDraft> {
    const template = this.current!;
    const saved = await this.api().saveTemplate(template.channel, template.kind, { body: draft.body, ...(template.channel === 'email' ? { subject: draft.subject || null } : {}) });
    this.replace(saved);
    return { subject: saved.subject ?? '', body: saved.body };
  }

  private replace(saved: MessageTemplate): void {
    const list = this.list.value!;
    this.current = saved;
    this.list.value = { ...list, templates: list.templates.map((t) => (keyOf(t) === keyOf(saved) ? saved : t)) };
  }

  private async restore(): Promise<void> {
    const template = this.current!;
    try {
      const restored = await this.api().resetTemplate(template.channel, template.kind);
      this.replace(restored);
      this.form.load({ subject: restored.subject ?? '', body: restored.body });
      this.restoreDialog.close();
      this.ctx.announce(this.t('restored'));
      void this.refreshPreview();
    } catch (error) {
      this.restoreError = error;
      this.requestUpdate();
    }
  }

  private renderList(list: MessageTemplateList) {
    const t = this.t;
    const c = common(this.ctx.locale);
    return html`<div class="table-wrap"><table>
      <caption>${t('list')}</caption>
      <thead><tr><th scope="col">${t('text')}</th><th scope="col">${t('own')}</th><th scope="col">${t('length')}</th></tr></thead>
      <tbody>${list.templates.map((template) => {
        const key = keyOf(template);
        const current = this.current && keyOf(this.current) === key;
        return html`<tr>
          <th scope="row"><a href=${this.ctx.href('/sms/templates', { text: key })} aria-current=${current ? 'true' : 'false'}>${t('editing', { kind: this.kindName(template.kind), channel: t(template.channel) })}</a></th>
          <td>${template.custom ? t('own') : t('standard')}</td>
          <td>${template.length ? `${template.length.parts} × ${template.length.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2'}` : ''}</td></tr>`;
      })}</tbody></table></div>
      <p class="hint">${c('gsm7')}; ${c('ucs2')}.</p>`;
  }

  private renderEditor(list: MessageTemplateList) {
    const t = this.t;
    const template = this.current;
    if (!template || !this.form.draft) return html`<p>${t('pick')}</p>`;
    const canChange = this.ctx.can('settings');
    const body = String(this.form.get('body') ?? '');
    const preview = this.preview;
    return html`<section class="card" aria-labelledby="editor-heading">
      <h2 id="editor-heading">${t('editing', { kind: this.kindName(template.kind), channel: t(template.channel) })}</h2>
      ${canChange ? nothing : html`<p class="notice warning">${t('readOnly')}</p>`}
      <form @submit=${this.form.onSubmit((d) => this.save(d))} @input=${(e: Event) => { if ((e.target as HTMLElement).id === 'f-body') this.bodyChanged(); }}>
        ${template.channel === 'email' ? this.form.input('subject', t('subject'), { maxlength: 200, disabled: !canChange }) : nothing}
        ${this.form.textarea('body', t('body'), { rows: 6, maxlength: 1600, disabled: !canChange, hint: template.channel === 'sms' ? partCount(body, this.ctx.locale) : undefined })}
        <div role="group" aria-labelledby="merge-label" aria-describedby="merge-hint">
          <p class="label" id="merge-label">${t('mergeFields')}</p>
          <p class="hint" id="merge-hint">${t('mergeHint')}</p>
          <div class="merge">${list.mergeFields.map((field) => html`<button type="button" class="secondary" ?disabled=${!canChange}
            data-field=${field} @click=${() => this.insert(field)}>[${field}]<span class="sr-only"> (${t('insert', { field: t((field === 'code' ? 'codeField' : field) as 'firstName') })})</span></button>`)}</div>
        </div>
        <h3 id="preview-heading">${t('preview')}</h3>
        <div aria-labelledby="preview-heading" aria-live="polite">
          ${preview === 'loading' ? html`<p class="muted">${t('previewing')}</p>` : nothing}
          ${preview && preview !== 'loading' && 'error' in preview ? html`<p class="field-error">${preview.error}</p>` : nothing}
          ${preview && preview !== 'loading' && 'rendered' in preview ? html`<p class="preview" data-preview>${preview.rendered}</p>
            ${preview.length ? html`<p class="hint">${partCount(preview.rendered, this.ctx.locale)}</p>` : nothing}` : nothing}
        </div>
        ${this.form.actions({ labels: { body: t('body'), subject: t('subject') }, disabled: !canChange })}
        ${canChange && template.custom ? html`<button type="button" class="secondary" data-action="restore"
          @click=${(e: Event) => { this.restoreError = undefined; void this.restoreDialog.show(e); }}>${t('restore')}</button>` : nothing}
      </form>
    </section>
    ${this.restoreDialog.render(t('restoreHeading'), () => html`
      <p>${t('restoreText', { kind: this.kindName(template.kind) })}</p>
      <p class="preview">${template.standardBody}</p>
      ${this.restoreError ? html`<div class="notice error" role="alert"><p>${errorText(this.restoreError, this.ctx.locale)}</p></div>` : nothing}
      <div class="actions">
        <button type="button" data-action="confirm-restore" @click=${() => void this.restore()}>${t('restore')}</button>
        <button type="button" class="secondary" @click=${() => this.restoreDialog.close()}>${uiTexts(this.ctx.locale)('cancel')}</button>
      </div>`)}`;
  }

  override render() {
    return this.list.render((list) => (list.templates.length ? html`<div class="grid-2">${this.renderEditor(list)}<div>${this.renderList(list)}</div></div>` : html`<p class="notice">${this.t('none')}</p>`));
  }
}

customElements.define('console-sms-templates-page', SmsTemplatesPage);
