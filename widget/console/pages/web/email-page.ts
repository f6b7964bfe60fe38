import { css, html, nothing } from 'lit';
import { messagingMethods } from '../../../../sdk/admin/messaging.ts';
import type { MessageTemplateList } from '../../../../sdk/schemas/messaging.ts';
import { translator, type Texts } from '../../i18n.ts';
import { FormController, renameIssues } from '../../ui/form.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { errorText } from '../../ui/ui-texts.ts';
import { RestoreDialog, settingsLayout } from './settings-kit.ts';

const texts = {
  en: {
    intro: 'Only needed for texts of your own: without one, the standard text is sent when a patient books, rebooks or cancels.',
    sender: 'Sender', emailFrom: 'Sender address', emailFromHint: 'Empty: the service’s standard sender.', emailFromName: 'Sender name', emailFromNameHint: 'Empty: the organization’s name.',
    booked: 'New booking', rebooked: 'Rebooking', cancelled: 'Cancellation',
    custom: 'Your own text', standard: 'The standard text',
    subject: 'Subject', body: 'Text', mergeField: 'Merge field', insert: 'Insert in the text', mergeHint: 'Merge fields in square brackets are filled in for each patient, e.g. [firstName].',
    inserted: '{field} inserted.',
    preview: 'Preview with sample values', previewSubject: 'Subject:', previewLoading: 'Making the preview…',
    restoreButton: 'Restore standard text', restoreText: 'The {kind} e-mail goes back to the standard text; your own text is deleted.',
  },
  nb: {
    intro: 'Trengs bare for egne tekster: uten egen tekst sendes standardteksten når en pasient bestiller, ombooker eller avbestiller.',
    sender: 'Avsender', emailFrom: 'Avsenderadresse', emailFromHint: 'Tom: tjenestens standardavsender.', emailFromName: 'Avsendernavn', emailFromNameHint: 'Tom: virksomhetens navn.',
    booked: 'Ny time', rebooked: 'Ombooking', cancelled: 'Avbestilling',
    custom: 'Egen tekst', standard: 'Standardteksten',
    subject: 'Emne', body: 'Tekst', mergeField: 'Flettefelt', insert: 'Sett inn i teksten', mergeHint: 'Flettefelt i hakeparentes fylles ut for hver pasient, f.eks. [firstName].',
    inserted: '{field} satt inn.',
    preview: 'Forhåndsvisning med eksempelverdier', previewSubject: 'Emne:', previewLoading: 'Lager forhåndsvisningen …',
    restoreButton: 'Gjenopprett standardteksten', restoreText: 'E-posten «{kind}» får standardteksten tilbake; den egne teksten slettes.',
  },
  sv: {
    intro: 'Behövs bara för egna texter: utan egen text skickas standardtexten när en patient bokar, ombokar eller avbokar.',
    sender: 'Avsändare', emailFrom: 'Avsändaradress', emailFromHint: 'Tom: tjänstens standardavsändare.', emailFromName: 'Avsändarnamn', emailFromNameHint: 'Tom: organisationens namn.',
    booked: 'Nybokning', rebooked: 'Ombokning', cancelled: 'Avbokning',
    custom: 'Egen text', standard: 'Standardtexten',
    subject: 'Ämne', body: 'Text', mergeField: 'Kopplingsfält', insert: 'Infoga i texten', mergeHint: 'Kopplingsfält inom hakparentes fylls i för varje patient, t.ex. [firstName].',
    inserted: '{field} infogat.',
    preview: 'Förhandsvisning med exempelvärden', previewSubject: 'Ämne:', previewLoading: 'Skapar förhandsvisningen …',
    restoreButton: 'Återgå till standardtexten', restoreText: 'E-postmeddelandet ”{kind}” återgår till standardtexten; den egna texten tas bort.',
  },
} satisfies Texts<string>;

const KINDS = ['booked', 'rebooked', 'cancelled'] as const;
type Kind = (typeof KINDS)[number];
interface EmailText { subject: string; body: string }
interface Sender { emailFrom: string; emailFromName: string }
interface Rendered { key: string; subject?: string; body?: string; error?: unknown }

/** W10 (seed 001's "E-post"): the sender and the confirmation e-mails' texts, with merge fields and a rendered preview. */
export class EmailPage extends ConsolePage {
  static override styles = [consoleStyles, settingsLayout, css`
    .rendered { white-space: pre-wrap; background: var(--c-surface); border: 1px solid var(--c-line); border-radius: var(--radius); padding: 0.6rem 0.8rem; margin: 0.25rem 0 0.5rem; }
    .insert { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: flex-end; }
    .insert .field { margin: 0; }
  `];

  private readonly messaging = () => messagingMethods(this.ctx.call);
  private readonly forms = Object.fromEntries(KINDS.map((kind) => [kind, new FormController<EmailText>(this)])) as Record<Kind, FormController<EmailText>>;
  private readonly sender = new FormController<Sender>(this);
  private readonly custom: Partial<Record<Kind, boolean>> = {};
  private readonly rendered: Partial<Record<Kind, Rendered>> = {};
  private readonly chosenField: Partial<Record<Kind, string>> = {};
  private previewTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly restores = Object.fromEntries(KINDS.map((kind) => [kind, new RestoreDialog(this, () => this.t('restoreText', { kind: this.t(kind) }), async () => {
    const template = await this.messaging().resetTemplate('email', kind);
    this.custom[kind] = template.custom;
    this.forms[kind].load({ subject: template.subject ?? '', body: template.body });
  }, () => this.t('restoreButton'))])) as Record<Kind, RestoreDialog>;

  private readonly all = new Loader(this, async () => {
    const m = this.messaging();
    const [list, settings] = await Promise.all([m.listTemplates(), m.getSettings()]);
    return { list, settings };
  }, ({ list, settings }) => {
    for (const kind of KINDS) {
      const template = list.templates.find((tpl) => tpl.channel === 'email' && tpl.kind === kind);
      this.custom[kind] = template?.custom ?? false;
      this.forms[kind].load({ subject: template?.subject ?? '', body: template?.body ?? '' });
    }
    this.sender.load({ emailFrom: settings.emailFrom ?? '', emailFromName: settings.emailFromName ?? '' });
  });

  protected override routeChanged(): void {
    void this.all.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.previewTimer);
  }

  private get t() {
    return translator(texts, this.ctx.locale);
  }

  protected override updated(): void {
    const stale = KINDS.filter((kind) => this.forms[kind].draft && this.rendered[kind]?.key !== JSON.stringify(this.forms[kind].draft));
    if (!stale.length) return;
    clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(() => void Promise.all(stale.map((kind) => this.renderPreview(kind))).then(() => this.requestUpdate()), 400);
  }

  /** The e-mail as a patient would get it, filled in with sample values by the server. */
  private async renderPreview(kind: Kind): Promise<void> {
    const draft = this.forms[kind].draft!;
    const key = JSON.stringify(draft);
    const m = this.messaging();
    try {
      const [subject, body] = await Promise.all([
        draft.subject.trim() ? m.previewTemplate({ channel: 'email', body: draft.subject }) : undefined,
        draft.body.trim() ? m.previewTemplate({ channel: 'email', body: draft.body }) : undefined,
      ]);
      this.rendered[kind] = { key, subject: subject?.rendered ?? '', body: body?.rendered ?? '' };
    } catch (error) {
      this.rendered[kind] = { key, error };
    }
  }

  private insertField(kind: Kind): void {
    const field = this.chosenField[kind] ?? this.mergeFields[0];
    if (!field) return;
    const textarea = this.renderRoot.querySelector<HTMLTextAreaElement>(`#f-${kind}-body`);
    const body = String(this.forms[kind].get('body') ?? '');
    const at = textarea ? textarea.selectionStart ?? body.length : body.length;
    const end = textarea ? textarea.selectionEnd ?? at : at;
    const token = `[${field}]`;
    this.forms[kind].set('body', body.slice(0, at) + token + body.slice(end));
    this.ctx.announce(this.t('inserted', { field: token }));
    void this.updateComplete.then(() => {
      if (!textarea) return;
      textarea.focus();
      textarea.setSelectionRange(at + token.length, at + token.length);
    });
  }

  private get mergeFields(): string[] {
    return (this.all.value?.list as MessageTemplateList | undefined)?.mergeFields ?? [];
  }

  private renderTemplate(kind: Kind, disabled: boolean) {
    const t = this.t;
    const form = this.forms[kind];
    const rendered = this.rendered[kind];
    const fresh = rendered?.key === JSON.stringify(form.draft);
    return html`<section class="card" aria-labelledby="${kind}-heading" data-kind=${kind}>
      <h2 id="${kind}-heading">${t(kind)} <span class="badge">${this.custom[kind] ? t('custom') : t('standard')}</span></h2>
      <form @submit=${form.onSubmit(async ({ subject, body }) => {
        const saved = await this.messaging().saveTemplate('email', kind, { subject, body }).catch((error: unknown) => { throw renameIssues(error, (path) => `${kind}.${path}`); });
        this.custom[kind] = saved.custom;
        return { subject: saved.subject ?? '', body: saved.body };
      })}>
        ${fieldsFor(form, kind, t, disabled)}
        <div class="insert">
          <div class="field">
            <label for="${kind}-merge">${t('mergeField')}</label>
            <select id="${kind}-merge" aria-describedby="${kind}-merge-hint" ?disabled=${disabled} @change=${(e: Event) => { this.chosenField[kind] = (e.target as HTMLSelectElement).value; }}>
              ${this.mergeFields.map((field) => html`<option value=${field} ?selected=${(this.chosenField[kind] ?? this.mergeFields[0]) === field}>[${field}]</option>`)}
            </select>
          </div>
          <button type="button" class="secondary" data-action="insert" ?disabled=${disabled} @click=${() => this.insertField(kind)}>${t('insert')}</button>
        </div>
        <p class="hint" id="${kind}-merge-hint">${t('mergeHint')}</p>
        <h3 id="${kind}-preview-heading">${t('preview')}</h3>
        <div aria-labelledby="${kind}-preview-heading" role="region" data-preview>
          ${!rendered || !fresh ? html`<p class="muted">${t('previewLoading')}</p>` : nothing}
          ${rendered?.error ? html`<p class="notice error">${errorText(rendered.error, this.ctx.locale)}</p>` : nothing}
          ${rendered && !rendered.error ? html`<p><strong>${t('previewSubject')}</strong> <span data-preview-subject>${rendered.subject}</span></p>
            <div class="rendered" data-preview-body>${rendered.body}</div>` : nothing}
        </div>
        ${form.actions({ labels: { [`${kind}.subject`]: t('subject'), [`${kind}.body`]: t('body') }, disabled })}
      </form>
      ${this.restores[kind].button({ disabled: disabled || !this.custom[kind] })}
    </section>`;
  }

  override render() {
    const t = this.t;
    const disabled = !this.ctx.can('settings');
    return this.all.render(() => html`
      <p>${t('intro')}</p>
      <section class="card" aria-labelledby="sender-heading">
        <h2 id="sender-heading">${t('sender')}</h2>
        <form @submit=${this.sender.onSubmit(async ({ emailFrom, emailFromName }) => {
          const saved = await this.messaging().updateSettings({ emailFrom: emailFrom.trim() || null, emailFromName: emailFromName.trim() || null });
          return { emailFrom: saved.emailFrom ?? '', emailFromName: saved.emailFromName ?? '' };
        })}>
          <div class="grid-2">
            ${this.sender.input('emailFrom', t('emailFrom'), { type: 'email', autocomplete: 'email', maxlength: 254, hint: t('emailFromHint'), disabled })}
            ${this.sender.input('emailFromName', t('emailFromName'), { maxlength: 100, hint: t('emailFromNameHint'), disabled })}
          </div>
          ${this.sender.actions({ labels: { emailFrom: t('emailFrom'), emailFromName: t('emailFromName') }, disabled })}
        </form>
      </section>
      ${KINDS.map((kind) => this.renderTemplate(kind, disabled))}
      ${KINDS.map((kind) => this.restores[kind].dialog())}`);
  }
}

/** The subject and body fields of one template, with ids of their own per kind. */
function fieldsFor(form: FormController<EmailText>, kind: Kind, t: (key: 'subject' | 'body') => string, disabled: boolean) {
  const error = (path: string) => form.errors[`${kind}.${path}`];
  const field = (path: 'subject' | 'body') => {
    const id = `f-${kind}-${path}`;
    const onInput = (e: Event) => form.set(path, (e.target as HTMLInputElement | HTMLTextAreaElement).value);
    const common = { invalid: error(path) ? 'true' : 'false', described: error(path) ? `${id}-error` : undefined };
    return html`<div class="field">
      <label for=${id}>${t(path)}</label>
      ${path === 'subject'
        ? html`<input id=${id} name=${path} maxlength="200" autocomplete="off" .value=${String(form.get(path) ?? '')} ?disabled=${disabled}
            aria-invalid=${common.invalid} aria-describedby=${common.described ?? nothing} @input=${onInput}>`
        : html`<textarea id=${id} name=${path} rows="8" maxlength="1600" .value=${String(form.get(path) ?? '')} ?disabled=${disabled} required
            aria-invalid=${common.invalid} aria-describedby=${common.described ?? nothing} @input=${onInput}></textarea>`}
      ${error(path) ? html`<p class="field-error" id="${id}-error">${error(path)}</p>` : nothing}
    </div>`;
  };
  return html`${field('subject')}${field('body')}`;
}

customElements.define('console-email-page', EmailPage);
